/**
 * The open enums of the REST API (HOTMART-API.md §10), one schema per type of resources/enums.ts: any
 * string (or number) passes, and `z.infer` keeps the documented values, so each equals its public type
 * (test/schemas/agreement.test-d.ts). Spellings are Hotmart's, typos included.
 */
import { openEnum, openNumberEnum } from "./shared";

export const PurchaseStatusSchema = openEnum([
  "APPROVED",
  "BLOCKED",
  "CANCELLED",
  "CHARGEBACK",
  "COMPLETE",
  "DELAYED",
  "EXPIRED",
  "NO_FUNDS",
  "OVERDUE",
  "PARTIALLY_REFUNDED",
  "PRE_ORDER",
  "PRINTED_BILLET",
  "PROCESSING_TRANSACTION",
  "PROTESTED",
  "REFUNDED",
  "STARTED",
  "UNDER_ANALISYS",
  "UNDER_ANALYSIS",
  "WAITING_PAYMENT",
]);

export const PaymentTypeSchema = openEnum([
  "BILLET",
  "CASH_PAYMENT",
  "CREDIT_CARD",
  "DIRECT_BANK_TRANSFER",
  "DIRECT_DEBIT",
  "FINANCED_BILLET",
  "FINANCED_INSTALLMENT",
  "GOOGLE_PAY",
  "HOTCARD",
  "HYBRID",
  "MANUAL_TRANSFER",
  "PAYPAL",
  "PAYPAL_INTERNACIONAL",
  "PICPAY",
  "PIX",
  "SAMSUNG_PAY",
  "WALLET",
]);

export const PaymentMethodSchema = openEnum([
  "APPLE_PAY",
  "BACS_DIRECT_DEBIT",
  "BALOTO",
  "BANK_DEBIT",
  "BANK_TRANSFER_BB",
  "BANK_TRANSFER_BRADESCO",
  "BANK_TRANSFER_ITAU",
  "BILLET",
  "CREDIT_CARD_AMERICAN_EXPRESS",
  "CREDIT_CARD_AURA",
  "CREDIT_CARD_DINERS",
  "CREDIT_CARD_DISCOVER",
  "CREDIT_CARD_ELO",
  "CREDIT_CARD_HIPERCARD",
  "CREDIT_CARD_MASTERCARD",
  "CREDIT_CARD_VISA",
  "CUPON_DE_PAGO",
  "DIRECT_BANK_TRANSFER_ADYEN_SOFORT",
  "FINANCED_BILLET",
  "FINANCED_INSTALLMENT_ADYEN_ONEY",
  "FINANCED_INSTALLMENT_ADYEN_ONEY_10X",
  "FINANCED_INSTALLMENT_ADYEN_ONEY_12X",
  "FINANCED_INSTALLMENT_ADYEN_ONEY_3X",
  "FINANCED_INSTALLMENT_ADYEN_ONEY_4X",
  "FINANCED_INSTALLMENT_ADYEN_ONEY_6X",
  "GOOGLE_PAY",
  "HOTMART",
  "HYBRID",
  "IN_APP_PURCHASE",
  "MULTIBANCO",
  "OXXO",
  "PAGO_EFECTIVO",
  "PAYPAL",
  "PICPAY",
  "PIX",
  "SAMSUNG_PAY",
  "SEPA_DIRECT_DEBIT",
  "UNKNOWN",
  "UNKNOWN_CREDIT_CARD",
  "VISA_CREDIT_CARD",
]);

export const CommissionAsSchema = openEnum(["PRODUCER", "COPRODUCER", "AFFILIATE"]);

export const CommissionSourceSchema = openEnum([
  "PRODUCER",
  "COPRODUCER",
  "AFFILIATE",
  "ADDON",
  "MARKETPLACE",
]);

export const ParticipantRoleSchema = openEnum(["PRODUCER", "BUYER", "COPRODUCER", "AFFILIATE"]);

export const DocumentTypeSchema = openEnum(["CPF", "CNPJ", "RG", "DNI", "CIF", "DOCUMENT"]);

export const SubscriptionStatusSchema = openEnum([
  "ACTIVE",
  "INACTIVE",
  "DELAYED",
  "CANCELLED_BY_CUSTOMER",
  "CANCELLED_BY_SELLER",
  "CANCELLED_BY_ADMIN",
  "STARTED",
  "OVERDUE",
]);

export const RecurrencyStatusSchema = openEnum(["PAID", "NOT_PAID", "CLAIMED", "REFUNDED", "CHARGEBACK"]);

export const BillingTypeSchema = openEnum(["SUBSCRIPTION", "SMART_INSTALLMENT", "SMART_RECOVERY"]);

export const RecurrencyTransactionTypeSchema = openEnum([
  "AUTOMATIC",
  "ANTICIPATION",
  "NEGOTIATION",
  "RECURRING",
]);

export const InstallmentTypeSchema = openEnum([
  "CONVENTIONAL_INSTALLMENT",
  "SMART_INSTALLMENT",
  "SMART_RECOVERY",
  "ONE_TIME_PAYMENT",
  "MONTHLY",
]);

export const BilletRecoveryTypeSchema = openEnum(["AUTOMATIC", "MANUAL"]);

export const IntervalTypeSchema = openEnum(["DAY", "WEEK", "MONTH", "INVOICE"]);

export const RecurrencyPeriodSchema = openNumberEnum([7, 30, 60, 90, 180, 360]);

export const RefusalMessageSchema = openEnum([
  "INSUFFICIENT FUNDS",
  "TRANSACTION DECLINED",
  "CARD ISSUER UNAVAILABLE",
  "CARD HAS NOT BEEN UNBLOCKED BY THE CARDHOLDER",
  "CARD DETAILS NOT PROVIDED",
  "INVALID SECURITY CODE",
  "INVALID CARD EXPIRY DATE",
  "INVALID CARD NUMBER",
  "INVALID CARD DATA",
  "INVALID AMOUNT",
  "INVALID CARD",
  "RESTRICTED CARD",
  "ERROR NOT IDENTIFIED",
  "CARD EXPIRED",
  "DEBIT CARD IS NOT ENABLED FOR THE OPERATION",
  "CARD DOES NOT SUPPORT INSTALLMENT PURCHASES",
  "INVALID NUMBER OF INSTALLMENTS",
  "THIS SESSION HAS ALREADY BEEN STARTED",
  "DUPLICATE TRANSACTION",
]);

export const OfferPaymentModeSchema = openEnum([
  "UNIQUE_PAYMENT",
  "SUBSCRIPTION",
  "MULTIPLE_PAYMENTS",
  "PAY_IN_FULL",
  "NOT_DEFINED",
  "INVOICE",
  "SMART_INSTALLMENT",
  "BILLET_INSTALLMENT",
  "FINANCED_BILLET",
]);

export const PlanPaymentModeSchema = openEnum([
  "PAGAMENTO_UNICO",
  "ASSINATURA",
  "MULTIPLOS_PAGAMENTOS",
  "PAGAMENTO_VISTA",
  "NOT_DEFINED",
  "INVOICE",
  "SMART_INSTALLMENT",
  "BILLET_INSTALLMENT",
]);

export const PeriodicitySchema = openEnum([
  "SINGLE_INSTALLMENT",
  "WEEKLY",
  "MONTHLY",
  "BIMONTHLY",
  "QUARTERLY",
  "ANNUAL",
  "BIANNUAL",
]);

export const ProductStatusSchema = openEnum([
  "DRAFT",
  "ACTIVE",
  "PAUSED",
  "NOT_APPROVED",
  "IN_REVIEW",
  "DELETED",
  "CHANGES_PENDING_ON_PRODUCT",
]);

export const ProductFormatSchema = openEnum([
  "EBOOK",
  "SOFTWARE",
  "MOBILE_APPS",
  "VIDEOS",
  "AUDIOS",
  "TEMPLATES",
  "IMAGES",
  "ONLINE_COURSE",
  "SERIAL_CODES",
  "ETICKET",
  "ONLINE_SERVICE",
  "ONLINE_EVENT",
  "BUNDLE",
  "COMMUNITY",
  "AGENT",
  "PHYSICAL",
]);

export const CouponStatusSchema = openEnum(["valid"]);

export const ClubRoleSchema = openEnum([
  "STUDENT",
  "FREE_STUDENT",
  "OWNER",
  "ADMIN",
  "CONTENT_EDITOR",
  "MODERATOR",
]);

export const ClubPlusAccessSchema = openEnum([
  "WITHOUT_PLUS_ACCESS",
  "HOLDER",
  "HOLDER_WITH_DEPENDENTS",
  "HOLDER_WITHOUT_DEPENDENTS",
  "DEPENDENT",
]);

export const ClubUserStatusSchema = openEnum(["ACTIVE", "BLOCKED", "BLOCKED_BY_OWNER", "OVERDUE"]);

export const ClubUserTypeSchema = openEnum(["BUYER", "IMPORTED", "FREE", "OWNER", "GUEST"]);

export const ClubEngagementSchema = openEnum(["NONE", "LOW", "MEDIUM", "HIGH", "VERY_HIGH"]);

export const ClubPageTypeSchema = openEnum(["CONTENT", "ADVERTISEMENT", "QUIZ", "WEBINAR"]);

export const ClubLiberationTypeSchema = openEnum(["BY_DATE", "BY_DAYS", "BY_QUIZ"]);

export const ClubExpirationTypeSchema = openEnum(["BY_DAYS"]);

export const TicketStatusSchema = openEnum([
  "SOLD",
  "INVITE",
  "INVITE_CANCELED",
  "REFUNDED",
  "CHARGEBACK",
  "EXCLUDED",
  "AVAILABLE",
  "RESERVED",
]);

export const TicketTypeSchema = openEnum(["PAID", "FREE"]);

export const CheckinStatusSchema = openEnum(["PENDING", "PARTIAL", "CONCLUDED"]);
