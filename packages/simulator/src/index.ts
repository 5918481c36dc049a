export type { Credentials, TokenResponse } from "./auth";
export { DEFAULT_SCALE, PINNED_NOW, type Scale } from "./data/dataset";
export {
  BILLING_TYPES,
  PAYMENT_TYPES,
  PRODUCT_FORMATS,
  PRODUCT_STATUSES,
  PURCHASE_STATUS_FILTERS,
  PURCHASE_STATUSES,
  SUBSCRIPTION_PURCHASE_STATUSES,
  SUBSCRIPTION_STATUSES,
  WEBHOOK_EVENTS,
  type WebhookEventName,
} from "./data/enums";
export type {
  Address,
  Club,
  ClubModule,
  ClubPage,
  ClubUser,
  Coupon,
  EventData,
  Lot,
  Offer,
  Person,
  Plan,
  Product,
  Recurrence,
  Sale,
  Subscription,
  Ticket,
} from "./data/model";
export { SANDBOX } from "./data/sandbox";
export { ERROR_URI, type ErrorBody } from "./errors";
export { FAULT_KINDS, type Fault, type FaultKind, type FaultSpec } from "./faults";
export { SimulatorOptionError } from "./options";
export { PAGE_LIMITS, type PageLimit } from "./pagination";
export { type SampleWebhookOptions, sampleWebhook } from "./sample-webhook";
export {
  type Simulator,
  type SimulatorData,
  type SimulatorOptions,
  startSimulator,
} from "./simulator";
export type { PurchaseInput } from "./state";
export type { RequestLogEntry, StatsSnapshot } from "./stats";
export type {
  WebhookChaosOptions,
  WebhookDelivery,
  WebhookEnvelope,
  WebhookRetryOptions,
  WebhookSubscription,
  WebhookTarget,
} from "./webhooks";
