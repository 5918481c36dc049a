/**
 * The open enums of the REST API (docs/api-notes.md §10), one schema per type of resources/enums.ts: any
 * string (or number) passes, and `z.infer` keeps the documented values, so each equals its public type
 * (test/schemas/agreement.test-d.ts). Spellings are Hotmart's, typos included.
 */
import {
  BILLET_RECOVERY_TYPE_VALUES,
  BILLING_TYPE_VALUES,
  CHECKIN_STATUS_VALUES,
  CLUB_ENGAGEMENT_VALUES,
  CLUB_EXPIRATION_TYPE_VALUES,
  CLUB_LIBERATION_TYPE_VALUES,
  CLUB_PAGE_TYPE_VALUES,
  CLUB_PLUS_ACCESS_VALUES,
  CLUB_ROLE_VALUES,
  CLUB_USER_STATUS_VALUES,
  CLUB_USER_TYPE_VALUES,
  COMMISSION_AS_VALUES,
  COMMISSION_SOURCE_VALUES,
  COUPON_STATUS_VALUES,
  DOCUMENT_TYPE_VALUES,
  INSTALLMENT_TYPE_VALUES,
  INTERVAL_TYPE_VALUES,
  OFFER_PAYMENT_MODE_VALUES,
  PARTICIPANT_ROLE_VALUES,
  PAYMENT_METHOD_VALUES,
  PAYMENT_TYPE_VALUES,
  PERIODICITY_VALUES,
  PLAN_PAYMENT_MODE_VALUES,
  PRODUCT_FORMAT_VALUES,
  PRODUCT_STATUS_VALUES,
  PURCHASE_STATUS_VALUES,
  RECURRENCY_PERIOD_VALUES,
  RECURRENCY_STATUS_VALUES,
  RECURRENCY_TRANSACTION_TYPE_VALUES,
  REFUSAL_MESSAGE_VALUES,
  SUBSCRIPTION_STATUS_VALUES,
  TICKET_STATUS_VALUES,
  TICKET_TYPE_VALUES,
} from "../resources/enums";
import { openEnum, openNumberEnum } from "./shared";

/**
 * `PurchaseStatus`: a sale's `purchase.status` in the sales reports and subscription purchases and
 * transactions: `APPROVED` (paid), `COMPLETE` (paid, refund window over), `REFUNDED`, `CHARGEBACK`,
 * `CANCELLED`, `PRINTED_BILLET`, `WAITING_PAYMENT`, `EXPIRED`, `DELAYED` (transactions only), ...
 * (docs/api-notes.md §10.1). Open: any string passes.
 */
export const PurchaseStatusSchema = openEnum(PURCHASE_STATUS_VALUES);

/**
 * `PaymentType`: how the buyer paid in broad terms (`purchase.payment.type`, the `payment_type` filter):
 * `PIX`, `BILLET` (boleto), `CREDIT_CARD`, `PAYPAL`, ... (§10.4). Open: any string passes.
 */
export const PaymentTypeSchema = openEnum(PAYMENT_TYPE_VALUES);

/**
 * `PaymentMethod`: the precise payment method (`purchase.payment.method`), e.g. the card brand
 * `CREDIT_CARD_VISA` (§10.5). Open: any string passes.
 */
export const PaymentMethodSchema = openEnum(PAYMENT_METHOD_VALUES);

/**
 * `CommissionAs`: the role the authenticated account played in a sale (`purchase.commission_as`, the
 * `commission_as` filter): `PRODUCER`, `COPRODUCER` or `AFFILIATE` (§10.6). Open: any string passes.
 */
export const CommissionAsSchema = openEnum(COMMISSION_AS_VALUES);

/**
 * `CommissionSource`: who a commission went to (`commissions[].source`): `PRODUCER`, `COPRODUCER`,
 * `AFFILIATE`, `ADDON`, or `MARKETPLACE`, Hotmart's own fee (§10.6). Open: any string passes.
 */
export const CommissionSourceSchema = openEnum(COMMISSION_SOURCE_VALUES);

/**
 * `ParticipantRole`: a participant's `role` in `sales.participants`: `PRODUCER`, `BUYER`, `COPRODUCER` or
 * `AFFILIATE` (§10.6). Open: any string passes.
 */
export const ParticipantRoleSchema = openEnum(PARTICIPANT_ROLE_VALUES);

/**
 * `DocumentType`: a participant's `documents[].type` in `sales.participants`: `CPF` or `CNPJ` (Brazil), `RG`
 * (Brazilian identity card), `DNI` or `CIF` (Spain), `DOCUMENT` (elsewhere). Open: any string passes.
 */
export const DocumentTypeSchema = openEnum(DOCUMENT_TYPE_VALUES);

/**
 * `SubscriptionStatus`: a subscription's `status` in `subscriptions.list`, summary and transactions:
 * `ACTIVE`, `INACTIVE`, `DELAYED` (a renewal unpaid), `STARTED`, `OVERDUE`, `CANCELLED_BY_CUSTOMER`,
 * `CANCELLED_BY_SELLER`, `CANCELLED_BY_ADMIN` (§10.2). Open: any string passes.
 */
export const SubscriptionStatusSchema = openEnum(SUBSCRIPTION_STATUS_VALUES);

/**
 * `RecurrencyStatus`: the payment state of one recurrence (`last_recurrency.status`, `recurrency.status`):
 * `PAID`, `NOT_PAID`, `CLAIMED`, `REFUNDED` or `CHARGEBACK` (§10.3). Open: any string passes.
 */
export const RecurrencyStatusSchema = openEnum(RECURRENCY_STATUS_VALUES);

/**
 * `BillingType`: the kind of recurring billing of a subscription (`billing_type`): `SUBSCRIPTION`,
 * `SMART_INSTALLMENT` or `SMART_RECOVERY` (§10.3). Open: any string passes.
 */
export const BillingTypeSchema = openEnum(BILLING_TYPE_VALUES);

/**
 * `RecurrencyTransactionType`: how a recurrence transaction came about (`recurrency.transaction_type` in
 * subscription transactions): `AUTOMATIC`, `ANTICIPATION` (paid early) or `NEGOTIATION`. Open: any string
 * passes.
 */
export const RecurrencyTransactionTypeSchema = openEnum(RECURRENCY_TRANSACTION_TYPE_VALUES);

/**
 * `InstallmentType`: `purchase.installment.installment_type` in subscription transactions:
 * `CONVENTIONAL_INSTALLMENT`, `SMART_INSTALLMENT`, `SMART_RECOVERY` or `ONE_TIME_PAYMENT`. Open: any string
 * passes.
 */
export const InstallmentTypeSchema = openEnum(INSTALLMENT_TYPE_VALUES);

/**
 * `BilletRecoveryType`: `purchase.payment.billet_recovery_type` in subscription transactions: `AUTOMATIC` or
 * `MANUAL`. Open: any string passes.
 */
export const BilletRecoveryTypeSchema = openEnum(BILLET_RECOVERY_TYPE_VALUES);

/**
 * `IntervalType`: the unit of `interval_between_charges` in a cancel or reactivate result
 * (`interval_type_between_charges`): `DAY`, `WEEK`, `MONTH` or `INVOICE`. Open: any string passes.
 */
export const IntervalTypeSchema = openEnum(INTERVAL_TYPE_VALUES);

/**
 * `RecurrencyPeriod`: days between charges (`plan.recurrency_period`): 7 weekly, 30 monthly, 60 bimonthly, 90
 * quarterly, 180 half-yearly, 360 yearly (§10.8). Open: any number passes.
 */
export const RecurrencyPeriodSchema = openNumberEnum(RECURRENCY_PERIOD_VALUES);

/**
 * `RefusalMessage`: why a card charge was refused (`purchase.payment.refusal_message` in subscription
 * transactions), upper case with spaces as sent, e.g. `INSUFFICIENT FUNDS`. Open: any string passes.
 */
export const RefusalMessageSchema = openEnum(REFUSAL_MESSAGE_VALUES);

/**
 * `OfferPaymentMode`: an offer's `payment_mode` in English (`products.offers`, `sales.history`):
 * `UNIQUE_PAYMENT`, `SUBSCRIPTION`, `SMART_INSTALLMENT`, ... (§10.7). Open: any string passes.
 */
export const OfferPaymentModeSchema = openEnum(OFFER_PAYMENT_MODE_VALUES);

/**
 * `PlanPaymentMode`: a plan's `payment_mode` in Portuguese (`products.plans` only): `PAGAMENTO_UNICO` (single
 * payment), `ASSINATURA` (subscription), ... (§10.7). Open: any string passes.
 */
export const PlanPaymentModeSchema = openEnum(PLAN_PAYMENT_MODE_VALUES);

/**
 * `Periodicity`: a plan's `periodicity` (`products.plans`): `WEEKLY`, `MONTHLY`, `BIMONTHLY`, `QUARTERLY`,
 * `BIANNUAL` (every 6 months), `ANNUAL`, `SINGLE_INSTALLMENT` (§10.8). Open: any string passes.
 */
export const PeriodicitySchema = openEnum(PERIODICITY_VALUES);

/**
 * `ProductStatus`: a product's `status` in `products.list`: `DRAFT`, `ACTIVE`, `PAUSED`, `NOT_APPROVED`,
 * `IN_REVIEW`, `DELETED` or `CHANGES_PENDING_ON_PRODUCT`. Open: any string passes.
 */
export const ProductStatusSchema = openEnum(PRODUCT_STATUS_VALUES);

/**
 * `ProductFormat`: a product's `format` in `products.list`: `EBOOK`, `ONLINE_COURSE`, `ETICKET` (an event:
 * see `client.events`), `BUNDLE`, ...; `PHYSICAL` in webhooks only. Open: any string passes.
 */
export const ProductFormatSchema = openEnum(PRODUCT_FORMAT_VALUES);

/**
 * `CouponStatus`: a coupon's `status` in `coupons.list`, lower case; only `valid` is documented (`active` is
 * a separate boolean). Open: any string passes.
 */
export const CouponStatusSchema = openEnum(COUPON_STATUS_VALUES);

/**
 * `ClubRole`: a Club member's `role` (`club.students`): `STUDENT`, `FREE_STUDENT`, `OWNER`, `ADMIN`,
 * `CONTENT_EDITOR` or `MODERATOR`. Open: any string passes.
 */
export const ClubRoleSchema = openEnum(CLUB_ROLE_VALUES);

/**
 * `ClubPlusAccess`: a Club student's `plus_access`: `WITHOUT_PLUS_ACCESS`, `HOLDER`,
 * `HOLDER_WITH_DEPENDENTS`, `HOLDER_WITHOUT_DEPENDENTS` or `DEPENDENT`. Open: any string passes.
 */
export const ClubPlusAccessSchema = openEnum(CLUB_PLUS_ACCESS_VALUES);

/**
 * `ClubUserStatus`: a Club student's `status`: `ACTIVE`, `BLOCKED`, `BLOCKED_BY_OWNER` or `OVERDUE`. Open:
 * any string passes.
 */
export const ClubUserStatusSchema = openEnum(CLUB_USER_STATUS_VALUES);

/**
 * `ClubUserType`: how a Club student got access (`type`): `BUYER`, `IMPORTED`, `FREE`, `OWNER` or `GUEST`.
 * Open: any string passes.
 */
export const ClubUserTypeSchema = openEnum(CLUB_USER_TYPE_VALUES);

/**
 * `ClubEngagement`: a Club student's `engagement` level: `NONE`, `LOW`, `MEDIUM`, `HIGH` or `VERY_HIGH`.
 * Open: any string passes.
 */
export const ClubEngagementSchema = openEnum(CLUB_ENGAGEMENT_VALUES);

/**
 * `ClubPageType`: a Club page's `type` (`club.pages`): `CONTENT`, `ADVERTISEMENT`, `QUIZ` or `WEBINAR`. Open:
 * any string passes.
 */
export const ClubPageTypeSchema = openEnum(CLUB_PAGE_TYPE_VALUES);

/**
 * `ClubLiberationType`: how a Club page is released (drip content, `liberation.type`): `BY_DATE`, `BY_DAYS`
 * or `BY_QUIZ`. Open: any string passes.
 */
export const ClubLiberationTypeSchema = openEnum(CLUB_LIBERATION_TYPE_VALUES);

/**
 * `ClubExpirationType`: how a Club page's access expires (`expiration.type`): `BY_DAYS`. Open: any string
 * passes.
 */
export const ClubExpirationTypeSchema = openEnum(CLUB_EXPIRATION_TYPE_VALUES);

/**
 * `TicketStatus`: an event ticket's `ticket_status` (`events.tickets`): `SOLD`, `INVITE`, `INVITE_CANCELED`,
 * `REFUNDED`, `CHARGEBACK`, `EXCLUDED`, `AVAILABLE` or `RESERVED`. Open: any string passes.
 */
export const TicketStatusSchema = openEnum(TICKET_STATUS_VALUES);

/**
 * `TicketType`: an event ticket's `ticket_type`: `PAID` or `FREE` (the filter also takes `ALL`). Open: any
 * string passes.
 */
export const TicketTypeSchema = openEnum(TICKET_TYPE_VALUES);

/**
 * `CheckinStatus`: a ticket's `checkin_status`: `PENDING`, `PARTIAL` or `CONCLUDED` (the filter also takes
 * `ALL`). Open: any string passes.
 */
export const CheckinStatusSchema = openEnum(CHECKIN_STATUS_VALUES);
