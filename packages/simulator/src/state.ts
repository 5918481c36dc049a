import type { SimClock } from "./clock";
import { round2 } from "./data/catalog";
import type { Dataset } from "./data/dataset";
import type { PaymentType, PurchaseStatus, SubscriptionStatus } from "./data/enums";
import type { Coupon, Person, Product, Recurrence, Sale, Subscription } from "./data/model";
import { PAID } from "./data/sales";
import type { Observer } from "./stats";
import { DAY } from "./time";
import {
  chargeDateData,
  purchaseData,
  purchaseEventOf,
  subscriptionCancellationData,
} from "./webhook-events";
import type { WebhookDispatcher } from "./webhooks";

/** Statuses in which a subscription still bills, so it can be cancelled (and not reactivated). */
export const LIVE_SUBSCRIPTION: ReadonlySet<SubscriptionStatus> = new Set(["ACTIVE", "DELAYED", "STARTED"]);
/** Statuses a reactivation can leave. OVERDUE needs a new subscription (§8.2 U3). */
export const REACTIVATABLE: ReadonlySet<SubscriptionStatus> = new Set([
  "INACTIVE",
  "CANCELLED_BY_CUSTOMER",
  "CANCELLED_BY_SELLER",
  "CANCELLED_BY_ADMIN",
]);

/** Why a cancel is refused, as the bulk endpoint's `error` spells it; undefined when it may go ahead. */
export type CancelRefusal = "SUBSCRIPTION_ALREADY_CANCELED_OR_OVERDUE";
export type ReactivateRefusal = "SUBSCRIPTION_CANNOT_BE_REACTIVATED" | "SUBSCRIPTION_ALREADY_ACTIVE";

/** The sandbox failure code is always refused; the success code always goes ahead (§12). */
export function cancelRefusal(sub: Subscription): CancelRefusal | undefined {
  if (sub.magic === "failure" || (sub.magic === undefined && !LIVE_SUBSCRIPTION.has(sub.status))) {
    return "SUBSCRIPTION_ALREADY_CANCELED_OR_OVERDUE";
  }
  return undefined;
}

export function reactivateRefusal(sub: Subscription): ReactivateRefusal | undefined {
  if (sub.magic === "failure") return "SUBSCRIPTION_CANNOT_BE_REACTIVATED";
  if (sub.magic === "success" || REACTIVATABLE.has(sub.status)) return undefined;
  return sub.status === "OVERDUE" ? "SUBSCRIPTION_CANNOT_BE_REACTIVATED" : "SUBSCRIPTION_ALREADY_ACTIVE";
}

/** In a free trial: the due day cannot change then (§8.2 U9). */
export function inTrial(sub: Subscription, now: number): boolean {
  return sub.trial && sub.trialEnd !== undefined && sub.trialEnd > now;
}

/** Why a due-day change is refused: in a trial (the sandbox failure code always is), or not billing. */
export function dueDayRefusal(sub: Subscription, now: number): "IN_TRIAL" | "NOT_BILLING" | undefined {
  if (sub.magic === "failure" || (sub.magic === undefined && inTrial(sub, now))) return "IN_TRIAL";
  if (sub.magic === undefined && sub.status !== "ACTIVE" && sub.status !== "DELAYED") return "NOT_BILLING";
  return undefined;
}

/** Paid by direct debit: only the buyer's bank can reverse it, so Hotmart refuses the refund. */
const REFUNDABLE_BY_BANK_ONLY: ReadonlySet<string> = new Set(["BACS_DIRECT_DEBIT", "SEPA_DIRECT_DEBIT"]);

/** Why a refund is refused, in words for the 400 answer; undefined when it may go ahead. */
export function refundRefusal(sale: Sale): string | undefined {
  if (!PAID.has(sale.status)) return `its status is ${sale.status} (only APPROVED or COMPLETE)`;
  if (sale.trial) return "it is a trial-period purchase";
  if (REFUNDABLE_BY_BANK_ONLY.has(sale.paymentMethod)) {
    return `it was paid by ${sale.paymentMethod}: the buyer must ask their bank`;
  }
  return undefined;
}

/** The recurrence numbers a negotiation or anticipation covers ("3, 4"); the sale's own otherwise. */
function numbersOf(sale: Sale): number[] {
  return sale.numberList ? sale.numberList.split(",").map((n) => Number(n.trim())) : [sale.recurrencyNumber];
}

/**
 * Why these recurrences of `sub` cannot be negotiated with this discount, in words for the 422 answer;
 * undefined when the negotiation may go ahead (§8.7). Negotiating the same recurrences again is
 * allowed: Hotmart documents the call as not idempotent (every call may create a new charge).
 */
export function negotiationRefusal(
  sub: Subscription,
  numbers: readonly number[],
  discount: number,
): string | undefined {
  for (const n of numbers) {
    if (sub.recurrences.find((r) => r.number === n)?.status !== "NOT_PAID") {
      return `Recurrence ${n} of subscription ${sub.id} is not an overdue recurrence.`;
    }
  }
  const lastUnpaid = sub.recurrences.filter((r) => r.status === "NOT_PAID").at(-1);
  // With Club content only the last overdue recurrence can be negotiated (§8.7).
  if (
    sub.billingType === "SUBSCRIPTION" &&
    sub.product.club &&
    (numbers.length !== 1 || numbers[0] !== lastUnpaid?.number)
  ) {
    return `Only the last overdue recurrence (${lastUnpaid?.number ?? "-"}) of subscription ${sub.id} can be negotiated.`;
  }
  if (discount >= sub.plan.price * numbers.length) {
    return "The discount must be lower than the amount negotiated.";
  }
  return undefined;
}

/** Pending payments, and refused charges a retry can still approve. */
const APPROVABLE: ReadonlySet<PurchaseStatus> = new Set([
  "PRINTED_BILLET",
  "WAITING_PAYMENT",
  "STARTED",
  "UNDER_ANALISYS",
  "PROCESSING_TRANSACTION",
  "PRE_ORDER",
  "NO_FUNDS",
  "CANCELLED",
]);

export interface PurchaseInput {
  /** Product id; default: the first active one-off product of the account. */
  productId?: number;
  offerCode?: string;
  /** The buyer's e-mail: an existing buyer, or a new one created with it. Default: the first buyer. */
  buyerEmail?: string;
  paymentType?: PaymentType;
  /** Default APPROVED. Pending statuses (PRINTED_BILLET, WAITING_PAYMENT) can be approved later. */
  status?: PurchaseStatus;
}

/**
 * Every state change, in one place: routes call these after validating a request, and the
 * simulator's controls call them directly. Each one counts a side effect and sends the webhook the
 * change causes.
 */
export class Actions {
  constructor(
    readonly data: Dataset,
    readonly clock: SimClock,
    readonly observer: Observer,
    readonly webhooks: WebhookDispatcher,
  ) {}

  #effect(name: string): void {
    this.observer.sideEffect(name);
  }

  #announce(sale: Sale): void {
    const event = purchaseEventOf(sale);
    if (event) this.webhooks.send(event, purchaseData(sale));
  }

  refund(sale: Sale): void {
    const now = this.clock.now();
    sale.status = "REFUNDED";
    sale.refundDate = now;
    this.#effect("sale.refund");
    const sub = sale.subscription;
    if (sub) {
      const recurrence = sub.recurrences.find((r) => r.sales.includes(sale));
      if (recurrence) recurrence.status = "REFUNDED";
      sub.lastUpdate = now;
    }
    this.#announce(sale);
    // A refund of the first recurrence always cancels the subscription (§8.2 U3).
    if (sub && sub.magic === undefined && sale.recurrencyNumber === 1 && LIVE_SUBSCRIPTION.has(sub.status)) {
      this.cancel(sub, "CANCELLED_BY_ADMIN");
    }
  }

  cancel(sub: Subscription, status: SubscriptionStatus = "CANCELLED_BY_SELLER"): void {
    const now = this.clock.now();
    if (sub.magic === undefined) {
      sub.status = status;
      sub.cancellationDate = now;
      sub.endAccessionDate = now;
      const lastPaid = [...sub.recurrences].reverse().find((r) => r.status === "PAID");
      // Access runs until the end of the last paid period.
      sub.dateNextCharge = lastPaid ? lastPaid.startDate + sub.plan.recurrencyPeriod * DAY : now;
      sub.lastUpdate = now;
    }
    this.#effect("subscription.cancel");
    this.webhooks.send("SUBSCRIPTION_CANCELLATION", subscriptionCancellationData(sub));
  }

  /** The simulated subscriber accepts the reactivation e-mail at once. */
  reactivate(sub: Subscription, charge: boolean): Sale | undefined {
    const now = this.clock.now();
    this.#effect("subscription.reactivate");
    if (sub.magic !== undefined) return undefined;
    const period = sub.plan.recurrencyPeriod * DAY;
    sub.status = "ACTIVE";
    sub.cancellationDate = undefined;
    sub.endAccessionDate = undefined;
    sub.lastUpdate = now;
    if (!charge) {
      // Billing resumes on the previous schedule.
      let next = sub.dateNextCharge;
      while (next <= now) next += period;
      sub.dateNextCharge = next;
      return undefined;
    }
    const number = (sub.recurrences.at(-1)?.number ?? 0) + 1;
    const sale = this.#subscriptionSale(sub, number, 1, "APPROVED", sub.plan.price, "AUTOMATIC", "");
    sub.recurrences.push({ number, status: "PAID", startDate: now, sales: [sale] });
    sub.dateNextCharge = now + period;
    this.#announce(sale);
    return sale;
  }

  changeDueDay(sub: Subscription, dueDay: number): void {
    const oldDay = sub.dueDay;
    if (sub.magic === undefined) {
      // Takes effect after the charge already scheduled, so date_next_charge does not move (§8.2 U9).
      sub.dueDay = dueDay;
      sub.lastUpdate = this.clock.now();
    }
    this.#effect("subscription.due_day");
    this.webhooks.send("UPDATE_SUBSCRIPTION_CHARGE_DATE", chargeDateData(sub, oldDay, dueDay));
  }

  /** Creates the negotiation's pending charge; `negotiationRefusal` said it may go ahead. */
  negotiate(
    sub: Subscription,
    recurrences: readonly Recurrence[],
    paymentType: "PIX" | "BILLET",
    discount: number,
  ): Sale {
    const numbers = recurrences.map((r) => r.number).sort((a, b) => a - b);
    const total = round2(Math.max(0, sub.plan.price * recurrences.length - discount));
    const last = recurrences.reduce((a, b) => (b.number > a.number ? b : a));
    const sale = this.#subscriptionSale(
      sub,
      last.number,
      last.sales.length + 1,
      paymentType === "PIX" ? "WAITING_PAYMENT" : "PRINTED_BILLET",
      total,
      "NEGOTIATION",
      numbers.join(", "),
      paymentType,
    );
    last.sales.push(sale);
    sub.lastUpdate = this.clock.now();
    this.#effect("negotiation.create");
    this.#announce(sale);
    return sale;
  }

  /**
   * Confirms a pending payment (a boleto or Pix paid, a card approved after analysis). An approved
   * sale stays as it is; an unknown one is a RangeError that names sales which can be approved.
   */
  approve(transaction: string): Sale {
    const sale = this.data.sale(transaction);
    if (!sale) {
      const pending = this.data.sales.filter((s) => APPROVABLE.has(s.status)).map((s) => s.transaction);
      const hint =
        pending.length > 0
          ? `Sales that can be approved: ${pending.slice(0, 5).join(", ")}${pending.length > 5 ? `, ... (${pending.length} in all)` : ""}.`
          : 'No sale is pending: create one with sim.purchase({ status: "WAITING_PAYMENT" }).';
      throw new RangeError(
        `No sale ${transaction} among the ${this.data.sales.length} sales of this simulator. ${hint}`,
      );
    }
    if (sale.status === "APPROVED" || sale.status === "COMPLETE") return sale;
    if (!APPROVABLE.has(sale.status)) {
      throw new RangeError(
        `Sale ${transaction} is ${sale.status}: only pending or refused charges can be approved`,
      );
    }
    this.#approve(sale);
    return sale;
  }

  #approve(sale: Sale): void {
    const now = this.clock.now();
    sale.status = "APPROVED";
    sale.approvedDate = now;
    sale.refusalMessage = undefined;
    const sub = sale.subscription;
    if (sub && sub.magic === undefined) {
      const numbers = numbersOf(sale);
      for (const r of sub.recurrences) if (numbers.includes(r.number)) r.status = "PAID";
      const negotiation = sale.transactionType === "NEGOTIATION";
      if (negotiation) sub.isPaidNegotiation = true;
      const settled = !sub.recurrences.some((r) => r.status === "NOT_PAID");
      // Paying the overdue recurrences makes the subscription active again (§8.7), even after a cancellation for non-payment.
      const revives = negotiation
        ? sub.status !== "OVERDUE" && sub.status !== "ACTIVE"
        : ["DELAYED", "STARTED", "INACTIVE"].includes(sub.status);
      if (settled && revives) {
        sub.status = "ACTIVE";
        sub.cancellationDate = undefined;
        sub.endAccessionDate = undefined;
        let next = sub.dateNextCharge;
        while (next <= now) next += sub.plan.recurrencyPeriod * DAY;
        sub.dateNextCharge = next;
      }
      sub.lastUpdate = now;
    }
    this.#effect("sale.approve");
    this.#announce(sale);
  }

  /** A new sale, as if a buyer had just checked out. */
  purchase(input: PurchaseInput = {}): Sale {
    const data = this.data;
    const product: Product | undefined =
      input.productId !== undefined
        ? data.product(input.productId)
        : data.products.find((p) => p.listed && p.status === "ACTIVE" && !p.isSubscription);
    // Like approve(): an unknown id says what exists, so the caller need not dig through sim.data.
    if (!product) {
      const sellable = data.products.filter((p) => p.offers.length > 0);
      throw new RangeError(
        `No product ${input.productId ?? ""} to sell. Products of this simulator: ${sellable
          .slice(0, 5)
          .map((p) => p.id)
          .join(", ")}${sellable.length > 5 ? `, ... (${sellable.length} in all)` : ""}.`,
      );
    }
    const offer = input.offerCode
      ? product.offers.find((o) => o.code === input.offerCode)
      : product.offers[0];
    if (!offer) {
      const codes = product.offers.map((o) => o.code).join(", ");
      throw new RangeError(
        `Product ${product.id} has no offer ${input.offerCode ?? ""}. Its offers: ${codes || "none"}.`,
      );
    }
    if (input.buyerEmail !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.buyerEmail)) {
      throw new TypeError(`purchase: buyerEmail must be an e-mail address, got "${input.buyerEmail}"`);
    }
    // An unknown e-mail is a new customer: created, as a checkout would.
    const buyer: Person | undefined =
      input.buyerEmail !== undefined ? data.buyerFor(input.buyerEmail) : data.buyers[0];
    if (!buyer) throw new RangeError("The dataset has no buyers: pass buyerEmail");
    const sale = data.factory.create({
      product,
      offer,
      buyer,
      orderDate: this.clock.now(),
      status: input.status ?? "APPROVED",
      paymentType: input.paymentType ?? "CREDIT_CARD",
      plain: true,
      affiliate: undefined,
    });
    data.addSale(sale);
    this.#effect("sale.create");
    this.#announce(sale);
    return sale;
  }

  createCoupon(coupon: Omit<Coupon, "id" | "deleted">): Coupon {
    const created = this.data.addCoupon({ ...coupon, deleted: false });
    this.#effect("coupon.create");
    return created;
  }

  deleteCoupon(coupon: Coupon): void {
    coupon.deleted = true;
    this.#effect("coupon.delete");
  }

  #subscriptionSale(
    sub: Subscription,
    number: number,
    sequence: number,
    status: PurchaseStatus,
    price: number,
    type: Sale["transactionType"],
    numberList: string,
    paymentType?: PaymentType,
  ): Sale {
    const previous = sub.recurrences.at(-1)?.sales.at(-1);
    const sale = this.data.factory.create({
      product: sub.product,
      offer: sub.plan.offer,
      buyer: sub.subscriber,
      orderDate: this.clock.now(),
      status,
      paymentType: paymentType ?? previous?.paymentType ?? "CREDIT_CARD",
      price,
      noConversion: true,
      subscription: sub,
      recurrencyNumber: number,
      transactionSequence: sequence,
      transactionType: type,
      numberList,
      plain: true,
      affiliate: undefined,
    });
    this.data.addSale(sale);
    return sale;
  }
}
