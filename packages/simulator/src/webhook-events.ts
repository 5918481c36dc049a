import { round2 } from "./data/catalog";
import type { Dataset } from "./data/dataset";
import type { WebhookEventName } from "./data/enums";
import type { Club, ClubModule, ClubUser, Person, Plan, Product, Sale, Subscription } from "./data/model";
import { Rng } from "./data/rng";
import { cashPaymentFrom, commissionSplit, warrantyExpireDate } from "./data/sales";

/**
 * The `data` of each v2 event (§9.5-9.12), built from the simulator's records. Where real traffic
 * differs from the DOCS the real spelling wins (§9.13): COMPLETED, CANCELED, BILLET_PRINTED, DISPUTE,
 * MARKETPLACE commissions, one empty affiliate, integer order dates.
 */

const WEBHOOK_STATUS: Partial<Record<string, string>> = {
  COMPLETE: "COMPLETED",
  CANCELLED: "CANCELED",
  PRINTED_BILLET: "BILLET_PRINTED",
  WAITING_PAYMENT: "BILLET_PRINTED",
  PROTESTED: "DISPUTE",
};

const EVENT_OF_STATUS: Partial<Record<string, WebhookEventName>> = {
  APPROVED: "PURCHASE_APPROVED",
  COMPLETE: "PURCHASE_COMPLETE",
  CANCELLED: "PURCHASE_CANCELED",
  NO_FUNDS: "PURCHASE_CANCELED",
  REFUNDED: "PURCHASE_REFUNDED",
  PARTIALLY_REFUNDED: "PURCHASE_REFUNDED",
  CHARGEBACK: "PURCHASE_CHARGEBACK",
  PRINTED_BILLET: "PURCHASE_BILLET_PRINTED",
  WAITING_PAYMENT: "PURCHASE_BILLET_PRINTED",
  PROTESTED: "PURCHASE_PROTEST",
  EXPIRED: "PURCHASE_EXPIRED",
};

/** The purchase event a sale's current status announces, if any. */
export function purchaseEventOf(sale: Sale): WebhookEventName | undefined {
  return EVENT_OF_STATUS[sale.status];
}

/** Subscription status as SWITCH_PLAN and the charge-date event spell it (one L, VENDOR). */
function vendorSpelling(status: string): string {
  if (status === "CANCELLED_BY_SELLER") return "CANCELED_BY_VENDOR";
  if (status === "DELAYED") return "PAST_DUE";
  return status.replace("CANCELLED_", "CANCELED_");
}

const isoDay = (ms: number) => `${new Date(ms).toISOString().slice(0, 10)}T00:00:00Z`;
const money = (value: number, currency: string) => ({ value, currency_value: currency });

function buyerOf(person: Person) {
  const brazilian = person.address.countryIso === "BR";
  return {
    email: person.email,
    name: person.name,
    first_name: person.firstName,
    last_name: person.lastName,
    checkout_phone: brazilian
      ? `${person.phoneDdd}${person.phone}`
      : `${person.phoneDdd}${person.phone}`.replace("+", ""),
    ...(brazilian ? { checkout_phone_code: person.phoneDdd } : {}),
    document: person.document,
    document_type: person.documentType,
    address: {
      country_iso: person.address.countryIso,
      country: person.address.country,
      zipcode: person.address.zipCode,
      state: person.address.state,
      city: person.address.city,
      neighborhood: person.address.neighborhood,
      address: person.address.address,
      complement: person.address.complement,
      number: person.address.number,
    },
  };
}

export function affiliateCode(person: Person): string {
  return `A${person.ucode.replace(/-/g, "").slice(0, 9).toUpperCase()}`;
}

function productOf(product: Product, sale?: Sale) {
  return {
    id: product.id,
    ucode: product.ucode,
    name: product.name,
    has_co_production: product.coproducer !== undefined,
    // An ISO string, unlike the purchase's epoch-ms dates (§9.5).
    ...(sale ? { warranty_date: isoDay(warrantyExpireDate(sale)) } : {}),
    support_email: product.supportEmail,
    is_physical_product: false,
  };
}

export function purchaseData(sale: Sale, statusOverride?: string) {
  const split = commissionSplit(sale);
  const commissions = [
    { value: split.marketplace, source: "MARKETPLACE", currency_value: sale.currency },
    { value: split.producer, source: "PRODUCER", currency_value: sale.currency },
    ...(split.coproducer !== undefined
      ? [{ value: split.coproducer, source: "COPRODUCER", currency_value: sale.currency }]
      : []),
    ...(split.affiliate !== undefined
      ? [{ value: split.affiliate, source: "AFFILIATE", currency_value: sale.currency }]
      : []),
  ];
  const owner = sale.product.owner;
  const origin = {
    ...(sale.trackingSource ? { src: sale.trackingSource } : {}),
    ...(sale.trackingSck ? { sck: sale.trackingSck } : {}),
    ...(sale.trackingXcod ? { xcod: sale.trackingXcod } : {}),
  };
  const sub = sale.subscription;
  const cash = sale.cash;
  const payment = {
    installments_number: sale.installments,
    type: sale.paymentType,
    ...(cash?.pixCode
      ? { pix_code: cash.pixCode, pix_qrcode: cash.pixQrcode, pix_expiration_date: cash.expirationDate }
      : {}),
    ...(cash?.billetBarcode ? { billet_barcode: cash.billetBarcode, billet_url: cash.billetUrl } : {}),
    ...(sale.refusalMessage ? { refusal_reason: sale.refusalMessage } : {}),
  };
  return {
    product: productOf(sale.product, sale),
    affiliates: [
      sale.affiliate
        ? { affiliate_code: affiliateCode(sale.affiliate), name: sale.affiliate.name }
        : { affiliate_code: "", name: "" },
    ],
    buyer: buyerOf(sale.buyer),
    producer: {
      name: owner.name,
      document: owner.document,
      legal_nature: owner.documentType === "CNPJ" ? "Pessoa Jurídica" : "Pessoa Física",
    },
    commissions,
    purchase: {
      ...(sale.approvedDate !== undefined ? { approved_date: sale.approvedDate } : {}),
      full_price: money(sale.total, sale.currency),
      original_offer_price: money(sale.offer.price, sale.offer.currency),
      price: money(sale.base, sale.currency),
      offer: { code: sale.offer.code, ...(sale.couponCode ? { coupon_code: sale.couponCode } : {}) },
      recurrence_number: sale.recurrencyNumber,
      subscription_anticipation_purchase: sale.transactionType === "ANTICIPATION",
      ...(Object.keys(origin).length > 0 ? { origin } : {}),
      checkout_country: { name: sale.buyer.address.country, iso: sale.buyer.address.countryIso },
      order_bump: { is_order_bump: false },
      order_date: sale.orderDate,
      ...(sub ? { date_next_charge: sub.dateNextCharge } : {}),
      status: statusOverride ?? WEBHOOK_STATUS[sale.status] ?? sale.status,
      transaction: sale.transaction,
      payment,
      invoice_by: "HOTMART",
      is_funnel: false,
      business_model: "I",
      ...(sale.product.format === "ETICKET"
        ? { event_tickets: { amount: Math.max(1, sale.ticketAmount) } }
        : {}),
    },
    ...(sub
      ? {
          subscription: {
            status: sub.status,
            plan: { id: sub.plan.id, name: sub.plan.name },
            subscriber: { code: sub.subscriberCode },
          },
        }
      : {}),
  };
}

export function subscriptionCancellationData(sub: Subscription) {
  return {
    date_next_charge: sub.dateNextCharge,
    product: { name: sub.product.name, id: sub.product.id },
    actual_recurrence_value: sub.plan.price,
    subscriber: { code: sub.subscriberCode, name: sub.subscriber.name, email: sub.subscriber.email },
    subscription: { id: sub.id, plan: { name: sub.plan.name, id: sub.plan.id } },
    cancellation_date: sub.cancellationDate ?? sub.lastUpdate,
  };
}

export function chargeDateData(sub: Subscription, oldDay: number, newDay: number) {
  return {
    subscriber: { name: sub.subscriber.name, email: sub.subscriber.email, code: sub.subscriberCode },
    subscription: {
      product: { name: sub.product.name, id: sub.product.id },
      old_charge_day: oldDay,
      new_charge_day: newDay,
      // ISO, as product.warranty_date of the purchase events: the two ISO dates in webhooks (§9.9).
      date_next_charge: new Date(sub.dateNextCharge).toISOString(),
      status: vendorSpelling(sub.status),
    },
    plan: { offer: { code: sub.plan.offer.code }, name: sub.plan.name, id: sub.plan.id },
  };
}

export function switchPlanData(sub: Subscription, previous: Plan, at: number) {
  return {
    switch_plan_date: at,
    subscription: {
      subscriber_code: sub.subscriberCode,
      status: vendorSpelling(sub.status),
      date_next_charge: sub.dateNextCharge,
      product: { id: sub.product.id, name: sub.product.name },
      user: { email: sub.subscriber.email },
    },
    plans: [
      { id: sub.plan.id, name: sub.plan.name, offer: { key: sub.plan.offer.code }, current: true },
      { id: previous.id, name: previous.name, offer: { key: previous.offer.code }, current: false },
    ],
  };
}

export function clubFirstAccessData(club: Club, user: ClubUser) {
  return {
    product: { id: club.product.id, name: club.product.name },
    user: { name: user.name, email: user.email },
  };
}

export function clubModuleCompletedData(club: Club, user: ClubUser, module: ClubModule) {
  return {
    // Real traffic sends this product id as a string (§9.11).
    product: { id: String(club.product.id), name: club.product.name },
    user: { name: user.name, email: user.email },
    module: { id: module.id, name: module.name },
  };
}

export function cartAbandonmentData(product: Product, person: Person) {
  return {
    affiliate: false,
    product: { id: product.id, name: product.name },
    buyer: { name: person.name, email: person.email, phone: `${person.phoneDdd}${person.phone}` },
    offer: { code: product.offers[0]?.code ?? "" },
    checkout_country: { name: person.address.country, iso: person.address.countryIso },
  };
}

export function orderFulfillmentData(sale: Sale) {
  const person = sale.buyer;
  const address = {
    address: person.address.address,
    number: person.address.number,
    complement: person.address.complement,
    neighborhood: person.address.neighborhood,
    city: person.address.city,
    state: person.address.state,
    zip_code: person.address.zipCode,
    country: person.address.country,
  };
  const party = {
    country: person.address.country,
    phone: `${person.phoneDdd}${person.phone}`,
    document: person.document,
    name: person.name,
    time_zone: "America/Sao_Paulo",
    locale: person.locale,
    ucode: person.ucode,
    email: person.email,
    address,
  };
  const shipping = 15.9;
  return {
    purchase: {
      full_price: money(round2(sale.total + shipping), sale.currency),
      price: money(sale.base, sale.currency),
      approved_date: sale.approvedDate ?? sale.orderDate,
      order_date: sale.orderDate,
      id: Number(sale.transaction.replace(/\D/g, "").slice(-8)),
      transaction: sale.transaction,
      status: "APPROVED",
      shopper: party,
    },
    line_items: [
      {
        offer: { price: money(sale.base, sale.currency), code: sale.offer.code },
        product: {
          id: sale.product.id,
          name: sale.product.name,
          format: "PHYSICAL",
          support_email: sale.product.supportEmail,
          ucode: sale.product.ucode,
          seller: {
            name: sale.product.owner.name,
            email: sale.product.owner.email,
            ucode: sale.product.owner.ucode,
            locale: sale.product.owner.locale,
          },
        },
        quantity: 1,
        variant: { name: "Único", id: "var_01", sku: `SKU-${sale.product.id}`, attributes: [] },
        dimension: { depth: 5, width: 30, height: 2, weight: 0.3 },
      },
    ],
    delivery: {
      shipping_processing_time: 2,
      method_type: "SHIPPING",
      delivery_time: 5,
      destination: address,
    },
    shipping: {
      shipping_total_value: money(shipping, sale.currency),
      carrier: { name: "CORREIOS", code: "COR" },
      shipping_logistics_time: 5,
      carrier_options: { service: "SEDEX", code: "04014" },
      type: "FLAT_RATE",
      estimate_shipping_cost: money(12.5, sale.currency),
      shipping_markup_price: money(3.4, sale.currency),
    },
    fulfillment_service: { service_type: "MANUAL" },
    billing: party,
  };
}

const PURCHASE_STATUS_FOR_EVENT: Partial<Record<WebhookEventName, string>> = {
  PURCHASE_APPROVED: "APPROVED",
  PURCHASE_COMPLETE: "COMPLETED",
  PURCHASE_CANCELED: "CANCELED",
  PURCHASE_REFUNDED: "REFUNDED",
  PURCHASE_CHARGEBACK: "CHARGEBACK",
  PURCHASE_BILLET_PRINTED: "BILLET_PRINTED",
  PURCHASE_PROTEST: "DISPUTE",
  PURCHASE_EXPIRED: "EXPIRED",
  PURCHASE_DELAYED: "DELAYED",
};

/**
 * Whether a sale makes a sample that reads as the moment its event announces: a paid sale, not a free
 * trial at 0, and for a payment (approved, complete) a subscription still active. The dataset holds
 * today's state, in which many subscriptions have since been cancelled: an approval announcing a
 * cancelled subscription would send a handler that grants access down its revoking path.
 */
function reads(sale: Sale, event: WebhookEventName): boolean {
  if (sale.trial || sale.total <= 0) return false;
  const payment = event === "PURCHASE_APPROVED" || event === "PURCHASE_COMPLETE";
  return !payment || sale.subscription === undefined || sale.subscription.status === "ACTIVE";
}

/**
 * The sale of the PURCHASE_BILLET_PRINTED sample: a boleto (else a Pix code, §9.4) issued and not paid,
 * so with its barcode or Pix code and without an approved date. A pending one of the dataset when there
 * is one; else a boleto or Pix sale as it stood when its code was issued (a later payment or expiry does
 * not change that moment), with boleto or Pix data drawn from its transaction code.
 */
function billetPrintedSale(data: Dataset): Sale | undefined {
  const event = "PURCHASE_BILLET_PRINTED";
  const pick = (sales: readonly Sale[]) =>
    sales.find((s) => s.paymentType === "BILLET" && reads(s, event)) ??
    sales.find((s) => reads(s, event)) ??
    sales[0];
  const cashSales = data.sales.filter((s) => s.paymentType === "BILLET" || s.paymentType === "PIX");
  const pending = pick(
    cashSales.filter((s) => (s.status === "PRINTED_BILLET" || s.status === "WAITING_PAYMENT") && s.cash),
  );
  if (pending) return pending;
  const issued = pick(cashSales) ?? data.sales[0];
  if (!issued) return undefined;
  const paymentType = issued.paymentType === "PIX" ? "PIX" : "BILLET";
  const rng = new Rng(...[...issued.transaction].map((c) => c.charCodeAt(0)));
  return {
    ...issued,
    status: paymentType === "PIX" ? "WAITING_PAYMENT" : "PRINTED_BILLET",
    paymentType,
    installments: 1,
    approvedDate: undefined,
    refundDate: undefined,
    refusalMessage: undefined,
    cash: cashPaymentFrom(rng, paymentType, issued.orderDate, issued.total),
  };
}

/**
 * A representative payload for `sim.emit(event)` without data: built from a real record of the
 * dataset (the first suitable one), so ids in it resolve through the REST endpoints.
 */
export function sampleEventData(event: WebhookEventName, data: Dataset, now: number): unknown {
  if (event === "PURCHASE_BILLET_PRINTED") {
    const sale = billetPrintedSale(data);
    return sale ? purchaseData(sale, "BILLET_PRINTED") : {};
  }
  const purchaseStatus = PURCHASE_STATUS_FOR_EVENT[event];
  if (purchaseStatus !== undefined) {
    const wanted =
      event === "PURCHASE_DELAYED"
        ? undefined
        : Object.entries(EVENT_OF_STATUS).find(([, e]) => e === event)?.[0];
    const matching = data.sales.filter((s) =>
      event === "PURCHASE_DELAYED" ? s.subscription && s.recurrencyNumber > 1 : s.status === wanted,
    );
    // No sale in that status (a small dataset): a paid one stands in, as the status is overridden.
    const paid = data.sales.filter((s) => s.status === "APPROVED" || s.status === "COMPLETE");
    const sale =
      matching.find((s) => reads(s, event)) ??
      matching[0] ??
      paid.find((s) => reads(s, event)) ??
      data.sales[0];
    if (!sale) return {};
    return purchaseData(sale, purchaseStatus);
  }
  const sub =
    data.subscriptions.find((s) => s.magic === undefined && s.status.startsWith("CANCELLED")) ??
    data.subscriptions[0];
  const club = data.clubs[0];
  const user = club?.users.find((u) => u.firstAccessDate !== undefined) ?? club?.users[0];
  switch (event) {
    case "SUBSCRIPTION_CANCELLATION": {
      // Hotmart sends it on the day of cancellation (§9.7), and a receiver keeps access until
      // date_next_charge. A subscription the dataset cancelled months ago made every sample one sent
      // long after its paid period ended (sometimes ending before the cancellation), so the "keep
      // access" path a receiver most needs to try never came up: an active one, cancelled now, instead.
      const active = data.subscriptions.find(
        (s) => s.magic === undefined && s.status === "ACTIVE" && s.dateNextCharge > now,
      );
      if (active) return { ...subscriptionCancellationData(active), cancellation_date: now };
      return sub ? subscriptionCancellationData(sub) : {};
    }
    case "UPDATE_SUBSCRIPTION_CHARGE_DATE": {
      const active = data.subscriptions.find((s) => s.magic === undefined && s.status === "ACTIVE") ?? sub;
      return active ? chargeDateData(active, active.dueDay, (active.dueDay % 28) + 1) : {};
    }
    case "SWITCH_PLAN": {
      const switched = data.subscriptions.find((s) => s.product.plans.length > 1 && s.plan.listed) ?? sub;
      const previous = switched?.product.plans.find((p) => p !== switched.plan) ?? switched?.plan;
      return switched && previous ? switchPlanData(switched, previous, now) : {};
    }
    case "CLUB_FIRST_ACCESS":
      return club && user ? clubFirstAccessData(club, user) : {};
    case "CLUB_MODULE_COMPLETED": {
      const module = club?.modules[0];
      return club && user && module ? clubModuleCompletedData(club, user, module) : {};
    }
    case "PURCHASE_OUT_OF_SHOPPING_CART": {
      const product = data.products.find((p) => p.listed && p.status === "ACTIVE");
      const person = data.buyers[0];
      return product && person ? cartAbandonmentData(product, person) : {};
    }
    case "ORDER_FULFILLMENT": {
      const paid = data.sales.filter((s) => s.status === "APPROVED" || s.status === "COMPLETE");
      const sale = paid.find((s) => reads(s, event)) ?? paid[0];
      return sale ? orderFulfillmentData(sale) : {};
    }
    default:
      return {};
  }
}
