import type {
  BillingType,
  CheckinStatus,
  CommissionRole,
  PaymentType,
  Periodicity,
  ProductFormat,
  ProductStatus,
  PurchaseStatus,
  RecurrencyStatus,
  SubscriptionStatus,
  TicketStatus,
} from "./enums";

/**
 * The records the simulator keeps. They are plain, flat-ish objects that point at each other
 * (a sale points at its product, offer, buyer and subscription), so 100 000 sales cost tens of MB,
 * and every endpoint builds its own response shape from them when it answers. Fields are camelCase;
 * the wire shapes (snake_case) live in src/routes. Records are live: writes change them in place.
 */

export interface Address {
  address: string;
  number: string;
  complement: string;
  neighborhood: string;
  city: string;
  state: string;
  country: string;
  countryIso: string;
  zipCode: string;
}

export interface Person {
  /** Hotmart's numeric user id (subscriber.id). */
  id: number;
  ucode: string;
  name: string;
  firstName: string;
  lastName: string;
  email: string;
  document: string;
  documentType: "CPF" | "CNPJ" | "DNI" | "DOCUMENT";
  /** Area code (DDD) for Brazilian numbers, the international prefix otherwise. */
  phoneDdd: string;
  /** Local number without the area code. */
  phone: string;
  locale: string;
  currency: string;
  address: Address;
}

export interface Offer {
  code: string;
  name: string;
  description: string;
  price: number;
  currency: string;
  paymentMode: string;
  isCurrencyConversionEnabled: boolean;
  isSmartRecoveryEnabled: boolean;
  isMainOffer: boolean;
}

export interface Plan {
  id: number;
  code: string;
  name: string;
  description: string;
  price: number;
  currency: string;
  periodicity: Periodicity;
  /** Days between charges: 7, 30, 60, 90, 180 or 360. */
  recurrencyPeriod: number;
  /** Undefined: charged until cancelled. */
  maxChargeCycles: number | undefined;
  maxInstallments: number;
  /** Portuguese, as the plans endpoint spells it. */
  paymentMode: string;
  trialDays: number | undefined;
  isSubscriptionRecoveryEnabled: boolean;
  isSwitchPlanEnabled: boolean;
  offer: Offer;
  /** False for the plans behind Smart Installment and Smart Recovery, which the plans endpoint does not list. */
  listed: boolean;
}

export interface Product {
  id: number;
  ucode: string;
  name: string;
  status: ProductStatus;
  format: ProductFormat;
  createdAt: number;
  isSubscription: boolean;
  warrantyDays: number;
  /** The role the account plays in this product's sales. */
  role: CommissionRole;
  /** Who owns the product: the account, or another producer for co-produced and affiliated products. */
  owner: Person;
  /** The co-producer's cut goes to this person (the account itself when role is COPRODUCER). */
  coproducer: Person | undefined;
  /** False for products the account only sells as an affiliate: they are not in the products list. */
  listed: boolean;
  supportEmail: string;
  offers: Offer[];
  plans: Plan[];
  club: Club | undefined;
  event: EventData | undefined;
}

export interface Sale {
  transaction: string;
  product: Product;
  offer: Offer;
  buyer: Person;
  status: PurchaseStatus;
  orderDate: number;
  approvedDate: number | undefined;
  paymentType: PaymentType;
  paymentMethod: string;
  installments: number;
  /** Currency the buyer paid in. */
  currency: string;
  /** Offer price converted and after coupon: what commissions are split from. */
  base: number;
  vat: number;
  /** Instalment interest paid by the buyer. */
  interest: number;
  /** base + vat + interest: `purchase.price.value`. */
  total: number;
  conversionRate: number;
  feePercentage: number;
  /** The fee's fixed part: lower than the usual 1.00 (0.50) when the fee is capped at the base (`hotmartFee`). */
  feeFixed: number;
  /** base × feePercentage / 100 + feeFixed, to the cent, never more than the base. */
  feeTotal: number;
  couponCode: string | undefined;
  couponDiscount: number | undefined;
  commissionAs: CommissionRole;
  affiliate: Person | undefined;
  trackingSource: string | undefined;
  trackingSck: string | undefined;
  trackingXcod: string | undefined;
  subscription: Subscription | undefined;
  recurrencyNumber: number;
  /** 1-based order of this charge attempt inside its recurrence. */
  transactionSequence: number;
  transactionType: "AUTOMATIC" | "ANTICIPATION" | "NEGOTIATION";
  /** Recurrence numbers a negotiation pays, e.g. "3, 4". */
  numberList: string;
  /** A trial-period sale cannot be refunded. */
  trial: boolean;
  refusalMessage: string | undefined;
  /** When the sale was refunded or charged back. */
  refundDate: number | undefined;
  /** Pix or boleto payment data, for pending cash payments and negotiations. */
  cash: CashPayment | undefined;
  ticketAmount: number;
}

export interface CashPayment {
  expirationDate: number;
  pixCode?: string;
  pixQrcode?: string;
  billetUrl?: string;
  billetBarcode?: string;
}

export interface Recurrence {
  number: number;
  status: RecurrencyStatus;
  /** Due date: the first charge attempt of the recurrence. */
  startDate: number;
  /** Charge attempts, oldest first (the sales of this recurrence). */
  sales: Sale[];
}

export interface Subscription {
  id: number;
  subscriberCode: string;
  product: Product;
  plan: Plan;
  subscriber: Person;
  status: SubscriptionStatus;
  billingType: BillingType;
  accessionDate: number;
  requestDate: number;
  trial: boolean;
  trialDays: number;
  trialEnd: number | undefined;
  dueDay: number;
  dateNextCharge: number;
  cancellationDate: number | undefined;
  /** When the subscriber asked to cancel (`end_accession_date`). */
  endAccessionDate: number | undefined;
  recurrences: Recurrence[];
  lastUpdate: number;
  hasCreditCardChange: boolean;
  isPaidNegotiation: boolean;
  /**
   * Sandbox magic records answer writes exactly as Hotmart's sandbox does, every time, without
   * changing state: "success" (B2HNQAXJ) or "failure" (X53ZPFQZ).
   */
  magic: "success" | "failure" | undefined;
}

export interface Rate {
  rate: number;
  total: number;
}

export interface DrippingConfig {
  liberation:
    | { type: "BY_DAYS"; liberation_days: number }
    | { type: "BY_DATE"; liberation_date: string }
    | { type: "BY_QUIZ"; page_id: string };
  expiration: { type: "BY_DAYS"; duration_days: number } | undefined;
  classes: { id: string; name: string; default_class: boolean }[];
}

export interface ClubPage {
  id: string;
  name: string;
  order: number;
  type: "CONTENT" | "ADVERTISEMENT" | "QUIZ" | "WEBINAR";
  published: boolean;
  totalComments: number;
  rates: Rate[];
  hasMedia: boolean;
  durationDays: number | undefined;
  dripping: DrippingConfig[];
}

export interface ClubModule {
  id: string;
  name: string;
  sequence: number;
  isPublic: boolean;
  isExtra: boolean;
  isExtraPaid: boolean;
  classes: string[];
  pages: ClubPage[];
}

export interface ClubUser {
  userId: string;
  name: string;
  email: string;
  role: string;
  firstAccessDate: number | undefined;
  lastAccessDate: number | undefined;
  locale: string;
  plusAccess: string;
  status: string;
  purchaseDate: number | undefined;
  accessCount: number;
  isDeletable: boolean;
  classId: string;
  type: string;
  engagement: string;
  /** Completed page ids with their completion date, in completion order. */
  completed: Map<string, number>;
}

export interface Club {
  subdomain: string;
  product: Product;
  classes: { id: string; name: string }[];
  modules: ClubModule[];
  users: ClubUser[];
}

export interface Lot {
  id: number;
  name: string;
}

export interface Ticket {
  id: number;
  qrCode: string;
  participant: { id: number; name: string; email: string; document: string; phone: string };
  buyer: Person;
  lot: Lot;
  /** Paid tickets follow their sale: a refunded sale shows a REFUNDED ticket. */
  sale: Sale | undefined;
  /** The status of invitations and of tickets a producer excluded; paid tickets derive theirs from the sale. */
  fixedStatus: TicketStatus | undefined;
  checkinStatus: CheckinStatus;
  isBlocked: boolean;
  currentUpdate: number;
}

export interface EventData {
  product: Product;
  startDate: number;
  endDate: number;
  lots: Lot[];
  tickets: Ticket[];
}

export interface Coupon {
  id: number;
  productId: number;
  code: string;
  discount: number;
  startDate: number;
  endDate: number | undefined;
  affiliate: number | undefined;
  /** Integer offer ids or offer codes, as sent (the docs support both readings, §8.4 C1). */
  offerIds: (number | string)[] | undefined;
  /** Set by DELETE; deleted coupons stay in the array so ids are never reused. */
  deleted: boolean;
}
