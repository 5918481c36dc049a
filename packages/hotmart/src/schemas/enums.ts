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

export const PurchaseStatusSchema = openEnum(PURCHASE_STATUS_VALUES);

export const PaymentTypeSchema = openEnum(PAYMENT_TYPE_VALUES);

export const PaymentMethodSchema = openEnum(PAYMENT_METHOD_VALUES);

export const CommissionAsSchema = openEnum(COMMISSION_AS_VALUES);

export const CommissionSourceSchema = openEnum(COMMISSION_SOURCE_VALUES);

export const ParticipantRoleSchema = openEnum(PARTICIPANT_ROLE_VALUES);

export const DocumentTypeSchema = openEnum(DOCUMENT_TYPE_VALUES);

export const SubscriptionStatusSchema = openEnum(SUBSCRIPTION_STATUS_VALUES);

export const RecurrencyStatusSchema = openEnum(RECURRENCY_STATUS_VALUES);

export const BillingTypeSchema = openEnum(BILLING_TYPE_VALUES);

export const RecurrencyTransactionTypeSchema = openEnum(RECURRENCY_TRANSACTION_TYPE_VALUES);

export const InstallmentTypeSchema = openEnum(INSTALLMENT_TYPE_VALUES);

export const BilletRecoveryTypeSchema = openEnum(BILLET_RECOVERY_TYPE_VALUES);

export const IntervalTypeSchema = openEnum(INTERVAL_TYPE_VALUES);

export const RecurrencyPeriodSchema = openNumberEnum(RECURRENCY_PERIOD_VALUES);

export const RefusalMessageSchema = openEnum(REFUSAL_MESSAGE_VALUES);

export const OfferPaymentModeSchema = openEnum(OFFER_PAYMENT_MODE_VALUES);

export const PlanPaymentModeSchema = openEnum(PLAN_PAYMENT_MODE_VALUES);

export const PeriodicitySchema = openEnum(PERIODICITY_VALUES);

export const ProductStatusSchema = openEnum(PRODUCT_STATUS_VALUES);

export const ProductFormatSchema = openEnum(PRODUCT_FORMAT_VALUES);

export const CouponStatusSchema = openEnum(COUPON_STATUS_VALUES);

export const ClubRoleSchema = openEnum(CLUB_ROLE_VALUES);

export const ClubPlusAccessSchema = openEnum(CLUB_PLUS_ACCESS_VALUES);

export const ClubUserStatusSchema = openEnum(CLUB_USER_STATUS_VALUES);

export const ClubUserTypeSchema = openEnum(CLUB_USER_TYPE_VALUES);

export const ClubEngagementSchema = openEnum(CLUB_ENGAGEMENT_VALUES);

export const ClubPageTypeSchema = openEnum(CLUB_PAGE_TYPE_VALUES);

export const ClubLiberationTypeSchema = openEnum(CLUB_LIBERATION_TYPE_VALUES);

export const ClubExpirationTypeSchema = openEnum(CLUB_EXPIRATION_TYPE_VALUES);

export const TicketStatusSchema = openEnum(TICKET_STATUS_VALUES);

export const TicketTypeSchema = openEnum(TICKET_TYPE_VALUES);

export const CheckinStatusSchema = openEnum(CHECKIN_STATUS_VALUES);
