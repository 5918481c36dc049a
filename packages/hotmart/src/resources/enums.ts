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
/**
 * A purchase or transaction status as REST returns it (`purchase.status` of sales, subscription purchases
 * and transactions): one of `PURCHASE_STATUS_VALUES` or a value Hotmart adds later. `APPROVED` is paid,
 * `COMPLETE` paid with the refund window over, `PROTESTED` a refund request, `PRINTED_BILLET` a boleto
 * issued and not yet due (docs/api-notes.md §10.1). Webhooks spell some differently (§9.13).
 */
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
/** A value of the sales reports' `transaction_status` filter: one of `PURCHASE_STATUS_FILTER_VALUES` (no `DELAYED`). */
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
/** How the buyer paid (`purchase.payment.type`, the `payment_type` filter): one of `PAYMENT_TYPE_VALUES` or a newer value. */
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
/** The precise payment method (`purchase.payment.method`), e.g. `CREDIT_CARD_VISA`: one of `PAYMENT_METHOD_VALUES` or a newer value. */
export type PaymentMethod = OpenEnum<(typeof PAYMENT_METHOD_VALUES)[number]>;

/** The role the authenticated account played in a sale (filter and `purchase.commission_as`). */
export const COMMISSION_AS_VALUES = ["PRODUCER", "COPRODUCER", "AFFILIATE"] as const;
/** The account's role in a sale (`commission_as`): `PRODUCER`, `COPRODUCER` or `AFFILIATE`. */
export type CommissionAs = OpenEnum<(typeof COMMISSION_AS_VALUES)[number]>;

/** Who a commission went to. `MARKETPLACE` is Hotmart's own cut (observed, not in the docs' list). */
export const COMMISSION_SOURCE_VALUES = [
  "PRODUCER",
  "COPRODUCER",
  "AFFILIATE",
  "ADDON",
  "MARKETPLACE",
] as const;
/** Who a commission went to (`commissions[].source`): one of `COMMISSION_SOURCE_VALUES` (`MARKETPLACE` is Hotmart's cut). */
export type CommissionSource = OpenEnum<(typeof COMMISSION_SOURCE_VALUES)[number]>;

/** A participant's role in a sale (`sales.participants`); pick `BUYER` for the buyer. */
export const PARTICIPANT_ROLE_VALUES = ["PRODUCER", "BUYER", "COPRODUCER", "AFFILIATE"] as const;
/** A person's role in a sale (`users[].role` of `sales.participants`): `PRODUCER`, `BUYER`, `COPRODUCER` or `AFFILIATE`. */
export type ParticipantRole = OpenEnum<(typeof PARTICIPANT_ROLE_VALUES)[number]>;

/**
 * Kinds of identity document in `documents[].type` of `sales.participants`: `CPF` (Brazilian individual),
 * `CNPJ` (Brazilian company), `RG` (Brazilian identity card), `DNI` (a national identity number in Spain
 * and Latin America), `CIF` (a Spanish company tax id), `DOCUMENT` (any other).
 */
export const DOCUMENT_TYPE_VALUES = ["CPF", "CNPJ", "RG", "DNI", "CIF", "DOCUMENT"] as const;
/** A kind of identity document (`documents[].type`): one of `DOCUMENT_TYPE_VALUES` or a newer value. */
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
/**
 * A subscription's status in REST (`subscriptions.list`, summary, transactions; the `status` filter):
 * `ACTIVE`; `DELAYED` (a renewal unpaid, Hotmart still charging); `INACTIVE` or `STARTED` (the first
 * charge never approved); `CANCELLED_BY_CUSTOMER`, `CANCELLED_BY_SELLER`, `CANCELLED_BY_ADMIN`;
 * `OVERDUE` (finished: its duration is over). Some webhooks spell these `CANCELED_BY_*` (§10.2).
 */
export type SubscriptionStatus = OpenEnum<(typeof SUBSCRIPTION_STATUS_VALUES)[number]>;

/** Payment state of one recurrence. */
export const RECURRENCY_STATUS_VALUES = ["PAID", "NOT_PAID", "CLAIMED", "REFUNDED", "CHARGEBACK"] as const;
/** Payment state of one recurrence (`recurrency_status`, `last_recurrency.status`): one of `RECURRENCY_STATUS_VALUES`. */
export type RecurrencyStatus = OpenEnum<(typeof RECURRENCY_STATUS_VALUES)[number]>;

/** The three kinds of recurring billing; each `subscription_id` has exactly one. */
export const BILLING_TYPE_VALUES = ["SUBSCRIPTION", "SMART_INSTALLMENT", "SMART_RECOVERY"] as const;
/**
 * The kind of recurring billing (`billing_type`): `SUBSCRIPTION`; `SMART_INSTALLMENT`, a one-off price in
 * instalments the buyer cannot end; `SMART_RECOVERY`, a refused card payment turned into recurring charges.
 */
export type BillingType = OpenEnum<(typeof BILLING_TYPE_VALUES)[number]>;

/** How a recurrence transaction came about. The docs' example also shows `RECURRING`. */
export const RECURRENCY_TRANSACTION_TYPE_VALUES = [
  "AUTOMATIC",
  "ANTICIPATION",
  "NEGOTIATION",
  "RECURRING",
] as const;
/** How a recurrence transaction came about (`recurrency.transaction_type`): one of `RECURRENCY_TRANSACTION_TYPE_VALUES`. */
export type RecurrencyTransactionType = OpenEnum<(typeof RECURRENCY_TRANSACTION_TYPE_VALUES)[number]>;

/**
 * The instalment kind of a subscription transaction (`purchase.installment.installment_type` of
 * `subscriptions.transactions`). The docs' example also shows `MONTHLY`.
 */
export const INSTALLMENT_TYPE_VALUES = [
  "CONVENTIONAL_INSTALLMENT",
  "SMART_INSTALLMENT",
  "SMART_RECOVERY",
  "ONE_TIME_PAYMENT",
  "MONTHLY",
] as const;
/** The instalment kind of a transaction: one of `INSTALLMENT_TYPE_VALUES` or a newer value. */
export type InstallmentType = OpenEnum<(typeof INSTALLMENT_TYPE_VALUES)[number]>;

/**
 * `purchase.payment.billet_recovery_type` of `subscriptions.transactions`: whether a boleto recovery was
 * `AUTOMATIC` or `MANUAL` (Hotmart documents the values, not their meaning).
 */
export const BILLET_RECOVERY_TYPE_VALUES = ["AUTOMATIC", "MANUAL"] as const;
/** A boleto recovery kind: one of `BILLET_RECOVERY_TYPE_VALUES` or a newer value. */
export type BilletRecoveryType = OpenEnum<(typeof BILLET_RECOVERY_TYPE_VALUES)[number]>;

/** Unit of `interval_between_charges` in a cancel result. */
export const INTERVAL_TYPE_VALUES = ["DAY", "WEEK", "MONTH", "INVOICE"] as const;
/** The unit of `interval_between_charges` (`interval_type_between_charges`): `DAY`, `WEEK`, `MONTH` or `INVOICE`. */
export type IntervalType = OpenEnum<(typeof INTERVAL_TYPE_VALUES)[number]>;

/** Days between charges: weekly, monthly, bimonthly, quarterly, half-yearly, yearly. */
export const RECURRENCY_PERIOD_VALUES = [7, 30, 60, 90, 180, 360] as const;
/** Days between charges of a plan (`plan.recurrency_period`): 7, 30, 60, 90, 180 or 360, or another number. */
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
/** Why a card charge was refused (`purchase.payment.refusal_message` of transactions): one of `REFUSAL_MESSAGE_VALUES`. */
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
/** How an offer is paid, in English (`payment_mode` of offers, `offer.payment_mode` of sales): one of `OFFER_PAYMENT_MODE_VALUES`. */
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
/** How a plan is paid, in Portuguese (`payment_mode` of `products.plans`): one of `PLAN_PAYMENT_MODE_VALUES`. */
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
/** How often a plan charges (`periodicity` of `products.plans`): one of `PERIODICITY_VALUES`. */
export type Periodicity = OpenEnum<(typeof PERIODICITY_VALUES)[number]>;

/**
 * A product's status in `products.list` and its `status` filter: `DRAFT`, `ACTIVE`, `PAUSED`,
 * `NOT_APPROVED`, `IN_REVIEW`, `DELETED`, `CHANGES_PENDING_ON_PRODUCT` (docs/api-notes.md §8.3).
 */
export const PRODUCT_STATUS_VALUES = [
  "DRAFT",
  "ACTIVE",
  "PAUSED",
  "NOT_APPROVED",
  "IN_REVIEW",
  "DELETED",
  "CHANGES_PENDING_ON_PRODUCT",
] as const;
/** A product status: one of `PRODUCT_STATUS_VALUES` or a newer value. */
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
/** What kind of product it is (`format` of `products.list` and its filter): one of `PRODUCT_FORMAT_VALUES`. */
export type ProductFormat = OpenEnum<(typeof PRODUCT_FORMAT_VALUES)[number]>;

/** Coupon status, lowercase; only `valid` is documented. */
export const COUPON_STATUS_VALUES = ["valid"] as const;
/** A coupon's status, lowercase (`status` of `coupons.list`): `valid`, or another undocumented value. */
export type CouponStatus = OpenEnum<(typeof COUPON_STATUS_VALUES)[number]>;

/** A Club user's role (`role` of `club.students`): `STUDENT`, `FREE_STUDENT`, or the Club's team (`OWNER`, `ADMIN`, `CONTENT_EDITOR`, `MODERATOR`). */
export const CLUB_ROLE_VALUES = [
  "STUDENT",
  "FREE_STUDENT",
  "OWNER",
  "ADMIN",
  "CONTENT_EDITOR",
  "MODERATOR",
] as const;
/** A Club user's role: one of `CLUB_ROLE_VALUES` or a newer value. */
export type ClubRole = OpenEnum<(typeof CLUB_ROLE_VALUES)[number]>;

/**
 * `plus_access` of `club.students`: whether the member holds a Club "plus" access and shares it with
 * dependents. Hotmart documents the values, not their meaning beyond their names.
 */
export const CLUB_PLUS_ACCESS_VALUES = [
  "WITHOUT_PLUS_ACCESS",
  "HOLDER",
  "HOLDER_WITH_DEPENDENTS",
  "HOLDER_WITHOUT_DEPENDENTS",
  "DEPENDENT",
] as const;
/** A Club member's plus access: one of `CLUB_PLUS_ACCESS_VALUES` or a newer value. */
export type ClubPlusAccess = OpenEnum<(typeof CLUB_PLUS_ACCESS_VALUES)[number]>;

/**
 * A Club member's status (`status` of `club.students`): `ACTIVE`, `BLOCKED`, `BLOCKED_BY_OWNER` (blocked
 * by the producer), `OVERDUE`. `access.check` denies access to a member who is not `ACTIVE`.
 */
export const CLUB_USER_STATUS_VALUES = ["ACTIVE", "BLOCKED", "BLOCKED_BY_OWNER", "OVERDUE"] as const;
/** A Club member's status: one of `CLUB_USER_STATUS_VALUES` or a newer value. */
export type ClubUserStatus = OpenEnum<(typeof CLUB_USER_STATUS_VALUES)[number]>;

/** How a Club member got in (`type` of `club.students`): `BUYER` (a purchase), `IMPORTED`, `FREE`, `OWNER`, `GUEST`. */
export const CLUB_USER_TYPE_VALUES = ["BUYER", "IMPORTED", "FREE", "OWNER", "GUEST"] as const;
/** How a Club member got in: one of `CLUB_USER_TYPE_VALUES` or a newer value. */
export type ClubUserType = OpenEnum<(typeof CLUB_USER_TYPE_VALUES)[number]>;

/** Hotmart's rating of a Club member's engagement (`engagement` of `club.students`), from `NONE` to `VERY_HIGH`. */
export const CLUB_ENGAGEMENT_VALUES = ["NONE", "LOW", "MEDIUM", "HIGH", "VERY_HIGH"] as const;
/** A Club member's engagement rating: one of `CLUB_ENGAGEMENT_VALUES` or a newer value. */
export type ClubEngagement = OpenEnum<(typeof CLUB_ENGAGEMENT_VALUES)[number]>;

/** The kind of a Club page (`type` of `club.pages`): `CONTENT`, `ADVERTISEMENT`, `QUIZ`, `WEBINAR`. */
export const CLUB_PAGE_TYPE_VALUES = ["CONTENT", "ADVERTISEMENT", "QUIZ", "WEBINAR"] as const;
/** The kind of a Club page: one of `CLUB_PAGE_TYPE_VALUES` or a newer value. */
export type ClubPageType = OpenEnum<(typeof CLUB_PAGE_TYPE_VALUES)[number]>;

/**
 * When a Club page is released (`dripping_configs[].liberation.type`): `BY_DATE` (on `liberation_date`),
 * `BY_DAYS` (`liberation_days` after the purchase), `BY_QUIZ` (after the quiz page `page_id` is done).
 */
export const CLUB_LIBERATION_TYPE_VALUES = ["BY_DATE", "BY_DAYS", "BY_QUIZ"] as const;
/** How a Club page is released: one of `CLUB_LIBERATION_TYPE_VALUES` or a newer value. */
export type ClubLiberationType = OpenEnum<(typeof CLUB_LIBERATION_TYPE_VALUES)[number]>;

/** How a Club page's access expires (`dripping_configs[].expiration.type`): only `BY_DAYS` today. */
export const CLUB_EXPIRATION_TYPE_VALUES = ["BY_DAYS"] as const;
/** How a Club page's access expires: one of `CLUB_EXPIRATION_TYPE_VALUES` or a newer value. */
export type ClubExpirationType = OpenEnum<(typeof CLUB_EXPIRATION_TYPE_VALUES)[number]>;

/**
 * An event ticket's status (`eticket.ticket_status`, the `ticket_status` filter of `events.tickets`):
 * `SOLD`, `INVITE` (a free invitation), `INVITE_CANCELED`, `REFUNDED`, `CHARGEBACK`, `EXCLUDED`,
 * `AVAILABLE`, `RESERVED`.
 */
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
/** An event ticket's status: one of `TICKET_STATUS_VALUES` or a newer value. */
export type TicketStatus = OpenEnum<(typeof TICKET_STATUS_VALUES)[number]>;

/** Whether an event ticket was `PAID` or `FREE` (`eticket.ticket_type`); the filter also takes `ALL`. */
export const TICKET_TYPE_VALUES = ["PAID", "FREE"] as const;
/** An event ticket's type: one of `TICKET_TYPE_VALUES` or a newer value. */
export type TicketType = OpenEnum<(typeof TICKET_TYPE_VALUES)[number]>;

/**
 * State of a ticket's registration (check-in) form (`eticket.checkin_status`): `PENDING`, `PARTIAL`,
 * `CONCLUDED`; the filter also takes `ALL`.
 */
export const CHECKIN_STATUS_VALUES = ["PENDING", "PARTIAL", "CONCLUDED"] as const;
/** A ticket's check-in form state: one of `CHECKIN_STATUS_VALUES` or a newer value. */
export type CheckinStatus = OpenEnum<(typeof CHECKIN_STATUS_VALUES)[number]>;
