/**
 * Enums of the REST API (docs/api-notes.md §10), as open unions: the documented values autocomplete, and a
 * value Hotmart adds tomorrow still type-checks. Spellings are Hotmart's, typos included (`UNDER_ANALISYS`,
 * `PAYPAL_INTERNACIONAL`, `CUPON_DE_PAGO`): they are what the wire carries.
 */
import type { OpenEnum } from "../core/types";

/** An open enum of numbers: the documented values autocomplete, any other number still type-checks. */
export type OpenNumberEnum<T extends number> = T | (number & {});

/**
 * REST purchase / transaction status (sales reports, subscription purchases and transactions).
 * Both `UNDER_ANALISYS` (most pages) and `UNDER_ANALYSIS` (the transactions page) are documented.
 * `DELAYED` appears only on subscription transactions: a 2nd+ recurrence not paid.
 */
export const PURCHASE_STATUS_VALUES = [
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
] as const;
export type PurchaseStatus = OpenEnum<(typeof PURCHASE_STATUS_VALUES)[number]>;

/**
 * The values a sales report's `transaction_status` filter accepts: every status a sale may hold,
 * both spellings of UNDER_ANALISYS, but not `DELAYED`, which only subscription transactions report
 * (the sales reports refuse it as a filter). A field may hold more than a filter accepts.
 */
export const PURCHASE_STATUS_FILTER_VALUES: readonly Exclude<
  (typeof PURCHASE_STATUS_VALUES)[number],
  "DELAYED"
>[] = PURCHASE_STATUS_VALUES.filter(
  (s): s is Exclude<(typeof PURCHASE_STATUS_VALUES)[number], "DELAYED"> => s !== "DELAYED",
);
export type PurchaseStatusFilter = OpenEnum<(typeof PURCHASE_STATUS_FILTER_VALUES)[number]>;

/** How the buyer paid, in broad terms. `PIX` and `BILLET` (boleto) are the Brazilian cash methods. */
export const PAYMENT_TYPE_VALUES = [
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
] as const;
export type PaymentType = OpenEnum<(typeof PAYMENT_TYPE_VALUES)[number]>;

/** The precise payment method, e.g. the card brand (`CREDIT_CARD_VISA`). */
export const PAYMENT_METHOD_VALUES = [
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
] as const;
export type PaymentMethod = OpenEnum<(typeof PAYMENT_METHOD_VALUES)[number]>;

/** The role the authenticated account played in a sale (filter and `purchase.commission_as`). */
export const COMMISSION_AS_VALUES = ["PRODUCER", "COPRODUCER", "AFFILIATE"] as const;
export type CommissionAs = OpenEnum<(typeof COMMISSION_AS_VALUES)[number]>;

/** Who a commission went to. `MARKETPLACE` is Hotmart's own cut (observed, not in the docs' list). */
export const COMMISSION_SOURCE_VALUES = [
  "PRODUCER",
  "COPRODUCER",
  "AFFILIATE",
  "ADDON",
  "MARKETPLACE",
] as const;
export type CommissionSource = OpenEnum<(typeof COMMISSION_SOURCE_VALUES)[number]>;

/** A participant's role in a sale (`sales.participants`); pick `BUYER` for the buyer. */
export const PARTICIPANT_ROLE_VALUES = ["PRODUCER", "BUYER", "COPRODUCER", "AFFILIATE"] as const;
export type ParticipantRole = OpenEnum<(typeof PARTICIPANT_ROLE_VALUES)[number]>;

export const DOCUMENT_TYPE_VALUES = ["CPF", "CNPJ", "RG", "DNI", "CIF", "DOCUMENT"] as const;
export type DocumentType = OpenEnum<(typeof DOCUMENT_TYPE_VALUES)[number]>;

/** REST subscription status. `CANCELLED_BY_BUYER` does not exist (Hotmart answers 400). */
export const SUBSCRIPTION_STATUS_VALUES = [
  "ACTIVE",
  "INACTIVE",
  "DELAYED",
  "CANCELLED_BY_CUSTOMER",
  "CANCELLED_BY_SELLER",
  "CANCELLED_BY_ADMIN",
  "STARTED",
  "OVERDUE",
] as const;
export type SubscriptionStatus = OpenEnum<(typeof SUBSCRIPTION_STATUS_VALUES)[number]>;

/** Payment state of one recurrence. */
export const RECURRENCY_STATUS_VALUES = ["PAID", "NOT_PAID", "CLAIMED", "REFUNDED", "CHARGEBACK"] as const;
export type RecurrencyStatus = OpenEnum<(typeof RECURRENCY_STATUS_VALUES)[number]>;

/** The three kinds of recurring billing; each `subscription_id` has exactly one. */
export const BILLING_TYPE_VALUES = ["SUBSCRIPTION", "SMART_INSTALLMENT", "SMART_RECOVERY"] as const;
export type BillingType = OpenEnum<(typeof BILLING_TYPE_VALUES)[number]>;

/** How a recurrence transaction came about. The docs' example also shows `RECURRING`. */
export const RECURRENCY_TRANSACTION_TYPE_VALUES = [
  "AUTOMATIC",
  "ANTICIPATION",
  "NEGOTIATION",
  "RECURRING",
] as const;
export type RecurrencyTransactionType = OpenEnum<(typeof RECURRENCY_TRANSACTION_TYPE_VALUES)[number]>;

/** The docs' example also shows `MONTHLY`. */
export const INSTALLMENT_TYPE_VALUES = [
  "CONVENTIONAL_INSTALLMENT",
  "SMART_INSTALLMENT",
  "SMART_RECOVERY",
  "ONE_TIME_PAYMENT",
  "MONTHLY",
] as const;
export type InstallmentType = OpenEnum<(typeof INSTALLMENT_TYPE_VALUES)[number]>;

export const BILLET_RECOVERY_TYPE_VALUES = ["AUTOMATIC", "MANUAL"] as const;
export type BilletRecoveryType = OpenEnum<(typeof BILLET_RECOVERY_TYPE_VALUES)[number]>;

/** Unit of `interval_between_charges` in a cancel result. */
export const INTERVAL_TYPE_VALUES = ["DAY", "WEEK", "MONTH", "INVOICE"] as const;
export type IntervalType = OpenEnum<(typeof INTERVAL_TYPE_VALUES)[number]>;

/** Days between charges: weekly, monthly, bimonthly, quarterly, half-yearly, yearly. */
export const RECURRENCY_PERIOD_VALUES = [7, 30, 60, 90, 180, 360] as const;
export type RecurrencyPeriod = OpenNumberEnum<(typeof RECURRENCY_PERIOD_VALUES)[number]>;

/** Why a card charge was refused (with spaces, as sent). */
export const REFUSAL_MESSAGE_VALUES = [
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
] as const;
export type RefusalMessage = OpenEnum<(typeof REFUSAL_MESSAGE_VALUES)[number]>;

/** Offer payment mode, in English (offers and sales history). */
export const OFFER_PAYMENT_MODE_VALUES = [
  "UNIQUE_PAYMENT",
  "SUBSCRIPTION",
  "MULTIPLE_PAYMENTS",
  "PAY_IN_FULL",
  "NOT_DEFINED",
  "INVOICE",
  "SMART_INSTALLMENT",
  "BILLET_INSTALLMENT",
  "FINANCED_BILLET",
] as const;
export type OfferPaymentMode = OpenEnum<(typeof OFFER_PAYMENT_MODE_VALUES)[number]>;

/** Plan payment mode, in Portuguese (plans only): `PAGAMENTO_UNICO` = single payment, `ASSINATURA` = subscription. */
export const PLAN_PAYMENT_MODE_VALUES = [
  "PAGAMENTO_UNICO",
  "ASSINATURA",
  "MULTIPLOS_PAGAMENTOS",
  "PAGAMENTO_VISTA",
  "NOT_DEFINED",
  "INVOICE",
  "SMART_INSTALLMENT",
  "BILLET_INSTALLMENT",
] as const;
export type PlanPaymentMode = OpenEnum<(typeof PLAN_PAYMENT_MODE_VALUES)[number]>;

/** Plan periodicity. `BIANNUAL` means every 6 months. */
export const PERIODICITY_VALUES = [
  "SINGLE_INSTALLMENT",
  "WEEKLY",
  "MONTHLY",
  "BIMONTHLY",
  "QUARTERLY",
  "ANNUAL",
  "BIANNUAL",
] as const;
export type Periodicity = OpenEnum<(typeof PERIODICITY_VALUES)[number]>;

export const PRODUCT_STATUS_VALUES = [
  "DRAFT",
  "ACTIVE",
  "PAUSED",
  "NOT_APPROVED",
  "IN_REVIEW",
  "DELETED",
  "CHANGES_PENDING_ON_PRODUCT",
] as const;
export type ProductStatus = OpenEnum<(typeof PRODUCT_STATUS_VALUES)[number]>;

/** `PHYSICAL` is seen in webhooks only. `ETICKET` products are the events of `client.events`. */
export const PRODUCT_FORMAT_VALUES = [
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
] as const;
export type ProductFormat = OpenEnum<(typeof PRODUCT_FORMAT_VALUES)[number]>;

/** Coupon status, lowercase; only `valid` is documented. */
export const COUPON_STATUS_VALUES = ["valid"] as const;
export type CouponStatus = OpenEnum<(typeof COUPON_STATUS_VALUES)[number]>;

export const CLUB_ROLE_VALUES = [
  "STUDENT",
  "FREE_STUDENT",
  "OWNER",
  "ADMIN",
  "CONTENT_EDITOR",
  "MODERATOR",
] as const;
export type ClubRole = OpenEnum<(typeof CLUB_ROLE_VALUES)[number]>;

export const CLUB_PLUS_ACCESS_VALUES = [
  "WITHOUT_PLUS_ACCESS",
  "HOLDER",
  "HOLDER_WITH_DEPENDENTS",
  "HOLDER_WITHOUT_DEPENDENTS",
  "DEPENDENT",
] as const;
export type ClubPlusAccess = OpenEnum<(typeof CLUB_PLUS_ACCESS_VALUES)[number]>;

export const CLUB_USER_STATUS_VALUES = ["ACTIVE", "BLOCKED", "BLOCKED_BY_OWNER", "OVERDUE"] as const;
export type ClubUserStatus = OpenEnum<(typeof CLUB_USER_STATUS_VALUES)[number]>;

export const CLUB_USER_TYPE_VALUES = ["BUYER", "IMPORTED", "FREE", "OWNER", "GUEST"] as const;
export type ClubUserType = OpenEnum<(typeof CLUB_USER_TYPE_VALUES)[number]>;

export const CLUB_ENGAGEMENT_VALUES = ["NONE", "LOW", "MEDIUM", "HIGH", "VERY_HIGH"] as const;
export type ClubEngagement = OpenEnum<(typeof CLUB_ENGAGEMENT_VALUES)[number]>;

export const CLUB_PAGE_TYPE_VALUES = ["CONTENT", "ADVERTISEMENT", "QUIZ", "WEBINAR"] as const;
export type ClubPageType = OpenEnum<(typeof CLUB_PAGE_TYPE_VALUES)[number]>;

export const CLUB_LIBERATION_TYPE_VALUES = ["BY_DATE", "BY_DAYS", "BY_QUIZ"] as const;
export type ClubLiberationType = OpenEnum<(typeof CLUB_LIBERATION_TYPE_VALUES)[number]>;

export const CLUB_EXPIRATION_TYPE_VALUES = ["BY_DAYS"] as const;
export type ClubExpirationType = OpenEnum<(typeof CLUB_EXPIRATION_TYPE_VALUES)[number]>;

export const TICKET_STATUS_VALUES = [
  "SOLD",
  "INVITE",
  "INVITE_CANCELED",
  "REFUNDED",
  "CHARGEBACK",
  "EXCLUDED",
  "AVAILABLE",
  "RESERVED",
] as const;
export type TicketStatus = OpenEnum<(typeof TICKET_STATUS_VALUES)[number]>;

export const TICKET_TYPE_VALUES = ["PAID", "FREE"] as const;
export type TicketType = OpenEnum<(typeof TICKET_TYPE_VALUES)[number]>;

export const CHECKIN_STATUS_VALUES = ["PENDING", "PARTIAL", "CONCLUDED"] as const;
export type CheckinStatus = OpenEnum<(typeof CHECKIN_STATUS_VALUES)[number]>;
