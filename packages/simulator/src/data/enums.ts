/** The value lists of docs/api-notes.md §10, used to generate data and to validate query parameters. */

export const PURCHASE_STATUSES = [
  "APPROVED",
  "BLOCKED",
  "CANCELLED",
  "CHARGEBACK",
  "COMPLETE",
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
  "WAITING_PAYMENT",
] as const;
export type PurchaseStatus = (typeof PURCHASE_STATUSES)[number];

/**
 * What a sales report's `transaction_status` filter accepts: the statuses a sale holds, plus the
 * `UNDER_ANALYSIS` spelling. `DELAYED` is refused (400): only subscription transactions report it.
 * The SDK's PURCHASE_STATUS_FILTER_VALUES must equal this list (test/enums-sync.test.ts).
 */
export const PURCHASE_STATUS_FILTERS = [...PURCHASE_STATUSES, "UNDER_ANALYSIS"] as const;

/**
 * `purchase.status` as the subscription transactions endpoint spells it (§8.2 U3). With
 * PURCHASE_STATUSES, every value a purchase status field may hold: the SDK's PURCHASE_STATUS_VALUES.
 */
export const SUBSCRIPTION_PURCHASE_STATUSES = [
  "APPROVED",
  "COMPLETE",
  "STARTED",
  "UNDER_ANALYSIS",
  "WAITING_PAYMENT",
  "PRINTED_BILLET",
  "DELAYED",
  "PARTIALLY_REFUNDED",
  "REFUNDED",
  "PROTESTED",
  "CANCELLED",
  "CHARGEBACK",
  "EXPIRED",
] as const;

export const PAYMENT_TYPES = [
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
export type PaymentType = (typeof PAYMENT_TYPES)[number];

/** The payment method each payment type is drawn with. */
export const PAYMENT_METHODS: Record<PaymentType, readonly string[]> = {
  BILLET: ["BILLET"],
  CASH_PAYMENT: ["OXXO", "BALOTO", "PAGO_EFECTIVO", "CUPON_DE_PAGO", "MULTIBANCO"],
  CREDIT_CARD: [
    "CREDIT_CARD_VISA",
    "CREDIT_CARD_VISA",
    "CREDIT_CARD_MASTERCARD",
    "CREDIT_CARD_MASTERCARD",
    "CREDIT_CARD_ELO",
    "CREDIT_CARD_AMERICAN_EXPRESS",
    "CREDIT_CARD_HIPERCARD",
    "CREDIT_CARD_DINERS",
  ],
  DIRECT_BANK_TRANSFER: ["DIRECT_BANK_TRANSFER_ADYEN_SOFORT"],
  DIRECT_DEBIT: ["SEPA_DIRECT_DEBIT", "BACS_DIRECT_DEBIT"],
  FINANCED_BILLET: ["FINANCED_BILLET"],
  FINANCED_INSTALLMENT: ["FINANCED_INSTALLMENT_ADYEN_ONEY_3X", "FINANCED_INSTALLMENT_ADYEN_ONEY_4X"],
  GOOGLE_PAY: ["GOOGLE_PAY"],
  HOTCARD: ["HOTMART"],
  HYBRID: ["HYBRID"],
  MANUAL_TRANSFER: ["BANK_TRANSFER_ITAU", "BANK_TRANSFER_BRADESCO", "BANK_TRANSFER_BB"],
  PAYPAL: ["PAYPAL"],
  PAYPAL_INTERNACIONAL: ["PAYPAL"],
  PICPAY: ["PICPAY"],
  PIX: ["PIX"],
  SAMSUNG_PAY: ["SAMSUNG_PAY"],
  WALLET: ["HOTMART", "APPLE_PAY"],
};

export const COMMISSION_ROLES = ["PRODUCER", "COPRODUCER", "AFFILIATE"] as const;
export type CommissionRole = (typeof COMMISSION_ROLES)[number];

export const SUBSCRIPTION_STATUSES = [
  "ACTIVE",
  "INACTIVE",
  "DELAYED",
  "CANCELLED_BY_CUSTOMER",
  "CANCELLED_BY_SELLER",
  "CANCELLED_BY_ADMIN",
  "STARTED",
  "OVERDUE",
] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export const RECURRENCY_STATUSES = ["PAID", "NOT_PAID", "CLAIMED", "REFUNDED", "CHARGEBACK"] as const;
export type RecurrencyStatus = (typeof RECURRENCY_STATUSES)[number];

export const BILLING_TYPES = ["SUBSCRIPTION", "SMART_INSTALLMENT", "SMART_RECOVERY"] as const;
export type BillingType = (typeof BILLING_TYPES)[number];

export const PRODUCT_STATUSES = [
  "DRAFT",
  "ACTIVE",
  "PAUSED",
  "NOT_APPROVED",
  "IN_REVIEW",
  "DELETED",
  "CHANGES_PENDING_ON_PRODUCT",
] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

export const PRODUCT_FORMATS = [
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
] as const;
export type ProductFormat = (typeof PRODUCT_FORMATS)[number];

export const PERIODICITIES = ["WEEKLY", "MONTHLY", "BIMONTHLY", "QUARTERLY", "BIANNUAL", "ANNUAL"] as const;
export type Periodicity = (typeof PERIODICITIES)[number] | "SINGLE_INSTALLMENT";

/** Days per charge for each plan periodicity (§10.8). */
export const PERIOD_DAYS: Record<Periodicity, number> = {
  WEEKLY: 7,
  MONTHLY: 30,
  BIMONTHLY: 60,
  QUARTERLY: 90,
  BIANNUAL: 180,
  ANNUAL: 360,
  SINGLE_INSTALLMENT: 30,
};

export const TICKET_STATUSES = [
  "SOLD",
  "INVITE",
  "INVITE_CANCELED",
  "REFUNDED",
  "CHARGEBACK",
  "EXCLUDED",
  "AVAILABLE",
  "RESERVED",
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const TICKET_TYPES = ["PAID", "FREE", "ALL"] as const;
export const CHECKIN_STATUSES = ["PENDING", "PARTIAL", "CONCLUDED", "ALL"] as const;
export type CheckinStatus = "PENDING" | "PARTIAL" | "CONCLUDED";

export const CLUB_ROLES = [
  "STUDENT",
  "FREE_STUDENT",
  "OWNER",
  "ADMIN",
  "CONTENT_EDITOR",
  "MODERATOR",
] as const;
export const CLUB_USER_TYPES = ["BUYER", "IMPORTED", "FREE", "OWNER", "GUEST"] as const;
export const ENGAGEMENTS = ["NONE", "LOW", "MEDIUM", "HIGH", "VERY_HIGH"] as const;
export const PAGE_TYPES = ["CONTENT", "ADVERTISEMENT", "QUIZ", "WEBINAR"] as const;

export const REFUSAL_MESSAGES = [
  "INSUFFICIENT FUNDS",
  "TRANSACTION DECLINED",
  "CARD ISSUER UNAVAILABLE",
  "INVALID SECURITY CODE",
  "CARD EXPIRED",
  "RESTRICTED CARD",
] as const;

/** Every v2 webhook event name (§9.4). */
export const WEBHOOK_EVENTS = [
  "PURCHASE_APPROVED",
  "PURCHASE_COMPLETE",
  "PURCHASE_CANCELED",
  "PURCHASE_REFUNDED",
  "PURCHASE_CHARGEBACK",
  "PURCHASE_BILLET_PRINTED",
  "PURCHASE_PROTEST",
  "PURCHASE_EXPIRED",
  "PURCHASE_DELAYED",
  "PURCHASE_OUT_OF_SHOPPING_CART",
  "SUBSCRIPTION_CANCELLATION",
  "SWITCH_PLAN",
  "UPDATE_SUBSCRIPTION_CHARGE_DATE",
  "CLUB_FIRST_ACCESS",
  "CLUB_MODULE_COMPLETED",
  "ORDER_FULFILLMENT",
] as const;
export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number];
