/**
 * Enums of the REST API (HOTMART-API.md §10), as open unions: the documented values autocomplete, and a
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
export type PurchaseStatus = OpenEnum<
  | "APPROVED"
  | "BLOCKED"
  | "CANCELLED"
  | "CHARGEBACK"
  | "COMPLETE"
  | "DELAYED"
  | "EXPIRED"
  | "NO_FUNDS"
  | "OVERDUE"
  | "PARTIALLY_REFUNDED"
  | "PRE_ORDER"
  | "PRINTED_BILLET"
  | "PROCESSING_TRANSACTION"
  | "PROTESTED"
  | "REFUNDED"
  | "STARTED"
  | "UNDER_ANALISYS"
  | "UNDER_ANALYSIS"
  | "WAITING_PAYMENT"
>;

/** How the buyer paid, in broad terms. `PIX` and `BILLET` (boleto) are the Brazilian cash methods. */
export type PaymentType = OpenEnum<
  | "BILLET"
  | "CASH_PAYMENT"
  | "CREDIT_CARD"
  | "DIRECT_BANK_TRANSFER"
  | "DIRECT_DEBIT"
  | "FINANCED_BILLET"
  | "FINANCED_INSTALLMENT"
  | "GOOGLE_PAY"
  | "HOTCARD"
  | "HYBRID"
  | "MANUAL_TRANSFER"
  | "PAYPAL"
  | "PAYPAL_INTERNACIONAL"
  | "PICPAY"
  | "PIX"
  | "SAMSUNG_PAY"
  | "WALLET"
>;

/** The precise payment method, e.g. the card brand (`CREDIT_CARD_VISA`). */
export type PaymentMethod = OpenEnum<
  | "APPLE_PAY"
  | "BACS_DIRECT_DEBIT"
  | "BALOTO"
  | "BANK_DEBIT"
  | "BANK_TRANSFER_BB"
  | "BANK_TRANSFER_BRADESCO"
  | "BANK_TRANSFER_ITAU"
  | "BILLET"
  | "CREDIT_CARD_AMERICAN_EXPRESS"
  | "CREDIT_CARD_AURA"
  | "CREDIT_CARD_DINERS"
  | "CREDIT_CARD_DISCOVER"
  | "CREDIT_CARD_ELO"
  | "CREDIT_CARD_HIPERCARD"
  | "CREDIT_CARD_MASTERCARD"
  | "CREDIT_CARD_VISA"
  | "CUPON_DE_PAGO"
  | "DIRECT_BANK_TRANSFER_ADYEN_SOFORT"
  | "FINANCED_BILLET"
  | "FINANCED_INSTALLMENT_ADYEN_ONEY"
  | "FINANCED_INSTALLMENT_ADYEN_ONEY_10X"
  | "FINANCED_INSTALLMENT_ADYEN_ONEY_12X"
  | "FINANCED_INSTALLMENT_ADYEN_ONEY_3X"
  | "FINANCED_INSTALLMENT_ADYEN_ONEY_4X"
  | "FINANCED_INSTALLMENT_ADYEN_ONEY_6X"
  | "GOOGLE_PAY"
  | "HOTMART"
  | "HYBRID"
  | "IN_APP_PURCHASE"
  | "MULTIBANCO"
  | "OXXO"
  | "PAGO_EFECTIVO"
  | "PAYPAL"
  | "PICPAY"
  | "PIX"
  | "SAMSUNG_PAY"
  | "SEPA_DIRECT_DEBIT"
  | "UNKNOWN"
  | "UNKNOWN_CREDIT_CARD"
  | "VISA_CREDIT_CARD"
>;

/** The role the authenticated account played in a sale (filter and `purchase.commission_as`). */
export type CommissionAs = OpenEnum<"PRODUCER" | "COPRODUCER" | "AFFILIATE">;

/** Who a commission went to. `MARKETPLACE` is Hotmart's own cut (observed, not in the docs' list). */
export type CommissionSource = OpenEnum<"PRODUCER" | "COPRODUCER" | "AFFILIATE" | "ADDON" | "MARKETPLACE">;

/** A participant's role in a sale (`sales.participants`); pick `BUYER` for the buyer. */
export type ParticipantRole = OpenEnum<"PRODUCER" | "BUYER" | "COPRODUCER" | "AFFILIATE">;

export type DocumentType = OpenEnum<"CPF" | "CNPJ" | "RG" | "DNI" | "CIF" | "DOCUMENT">;

/** REST subscription status. `CANCELLED_BY_BUYER` does not exist (Hotmart answers 400). */
export type SubscriptionStatus = OpenEnum<
  | "ACTIVE"
  | "INACTIVE"
  | "DELAYED"
  | "CANCELLED_BY_CUSTOMER"
  | "CANCELLED_BY_SELLER"
  | "CANCELLED_BY_ADMIN"
  | "STARTED"
  | "OVERDUE"
>;

/** Payment state of one recurrence. */
export type RecurrencyStatus = OpenEnum<"PAID" | "NOT_PAID" | "CLAIMED" | "REFUNDED" | "CHARGEBACK">;

/** The three kinds of recurring billing; each `subscription_id` has exactly one. */
export type BillingType = OpenEnum<"SUBSCRIPTION" | "SMART_INSTALLMENT" | "SMART_RECOVERY">;

/** How a recurrence transaction came about. The docs' example also shows `RECURRING`. */
export type RecurrencyTransactionType = OpenEnum<"AUTOMATIC" | "ANTICIPATION" | "NEGOTIATION" | "RECURRING">;

/** The docs' example also shows `MONTHLY`. */
export type InstallmentType = OpenEnum<
  "CONVENTIONAL_INSTALLMENT" | "SMART_INSTALLMENT" | "SMART_RECOVERY" | "ONE_TIME_PAYMENT" | "MONTHLY"
>;

export type BilletRecoveryType = OpenEnum<"AUTOMATIC" | "MANUAL">;

/** Unit of `interval_between_charges` in a cancel result. */
export type IntervalType = OpenEnum<"DAY" | "WEEK" | "MONTH" | "INVOICE">;

/** Days between charges: weekly, monthly, bimonthly, quarterly, half-yearly, yearly. */
export type RecurrencyPeriod = OpenNumberEnum<7 | 30 | 60 | 90 | 180 | 360>;

/** Why a card charge was refused (with spaces, as sent). */
export type RefusalMessage = OpenEnum<
  | "INSUFFICIENT FUNDS"
  | "TRANSACTION DECLINED"
  | "CARD ISSUER UNAVAILABLE"
  | "CARD HAS NOT BEEN UNBLOCKED BY THE CARDHOLDER"
  | "CARD DETAILS NOT PROVIDED"
  | "INVALID SECURITY CODE"
  | "INVALID CARD EXPIRY DATE"
  | "INVALID CARD NUMBER"
  | "INVALID CARD DATA"
  | "INVALID AMOUNT"
  | "INVALID CARD"
  | "RESTRICTED CARD"
  | "ERROR NOT IDENTIFIED"
  | "CARD EXPIRED"
  | "DEBIT CARD IS NOT ENABLED FOR THE OPERATION"
  | "CARD DOES NOT SUPPORT INSTALLMENT PURCHASES"
  | "INVALID NUMBER OF INSTALLMENTS"
  | "THIS SESSION HAS ALREADY BEEN STARTED"
  | "DUPLICATE TRANSACTION"
>;

/** Offer payment mode, in English (offers and sales history). */
export type OfferPaymentMode = OpenEnum<
  | "UNIQUE_PAYMENT"
  | "SUBSCRIPTION"
  | "MULTIPLE_PAYMENTS"
  | "PAY_IN_FULL"
  | "NOT_DEFINED"
  | "INVOICE"
  | "SMART_INSTALLMENT"
  | "BILLET_INSTALLMENT"
  | "FINANCED_BILLET"
>;

/** Plan payment mode, in Portuguese (plans only): `PAGAMENTO_UNICO` = single payment, `ASSINATURA` = subscription. */
export type PlanPaymentMode = OpenEnum<
  | "PAGAMENTO_UNICO"
  | "ASSINATURA"
  | "MULTIPLOS_PAGAMENTOS"
  | "PAGAMENTO_VISTA"
  | "NOT_DEFINED"
  | "INVOICE"
  | "SMART_INSTALLMENT"
  | "BILLET_INSTALLMENT"
>;

/** Plan periodicity. `BIANNUAL` means every 6 months. */
export type Periodicity = OpenEnum<
  "SINGLE_INSTALLMENT" | "WEEKLY" | "MONTHLY" | "BIMONTHLY" | "QUARTERLY" | "ANNUAL" | "BIANNUAL"
>;

export type ProductStatus = OpenEnum<
  "DRAFT" | "ACTIVE" | "PAUSED" | "NOT_APPROVED" | "IN_REVIEW" | "DELETED" | "CHANGES_PENDING_ON_PRODUCT"
>;

/** `PHYSICAL` is seen in webhooks only. `ETICKET` products are the events of `client.events`. */
export type ProductFormat = OpenEnum<
  | "EBOOK"
  | "SOFTWARE"
  | "MOBILE_APPS"
  | "VIDEOS"
  | "AUDIOS"
  | "TEMPLATES"
  | "IMAGES"
  | "ONLINE_COURSE"
  | "SERIAL_CODES"
  | "ETICKET"
  | "ONLINE_SERVICE"
  | "ONLINE_EVENT"
  | "BUNDLE"
  | "COMMUNITY"
  | "AGENT"
  | "PHYSICAL"
>;

/** Coupon status, lowercase; only `valid` is documented. */
export type CouponStatus = OpenEnum<"valid">;

export type ClubRole = OpenEnum<
  "STUDENT" | "FREE_STUDENT" | "OWNER" | "ADMIN" | "CONTENT_EDITOR" | "MODERATOR"
>;

export type ClubPlusAccess = OpenEnum<
  "WITHOUT_PLUS_ACCESS" | "HOLDER" | "HOLDER_WITH_DEPENDENTS" | "HOLDER_WITHOUT_DEPENDENTS" | "DEPENDENT"
>;

export type ClubUserStatus = OpenEnum<"ACTIVE" | "BLOCKED" | "BLOCKED_BY_OWNER" | "OVERDUE">;

export type ClubUserType = OpenEnum<"BUYER" | "IMPORTED" | "FREE" | "OWNER" | "GUEST">;

export type ClubEngagement = OpenEnum<"NONE" | "LOW" | "MEDIUM" | "HIGH" | "VERY_HIGH">;

export type ClubPageType = OpenEnum<"CONTENT" | "ADVERTISEMENT" | "QUIZ" | "WEBINAR">;

export type ClubLiberationType = OpenEnum<"BY_DATE" | "BY_DAYS" | "BY_QUIZ">;

export type ClubExpirationType = OpenEnum<"BY_DAYS">;

export type TicketStatus = OpenEnum<
  "SOLD" | "INVITE" | "INVITE_CANCELED" | "REFUNDED" | "CHARGEBACK" | "EXCLUDED" | "AVAILABLE" | "RESERVED"
>;

export type TicketType = OpenEnum<"PAID" | "FREE">;

export type CheckinStatus = OpenEnum<"PENDING" | "PARTIAL" | "CONCLUDED">;
