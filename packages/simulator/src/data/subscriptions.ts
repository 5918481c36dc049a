import { BRT_OFFSET, DAY, HISTORY_START, HOUR } from "../time";
import { smartPlan } from "./catalog";
import type { BillingType, PaymentType, PurchaseStatus, SubscriptionStatus } from "./enums";
import type { Person, Plan, Product, Recurrence, Sale, Subscription } from "./model";
import { type Rng, UPPER_ALNUM, unique } from "./rng";
import type { SaleFactory } from "./sales";
import { SANDBOX } from "./sandbox";

/** Hotmart's dates are Brazilian: due days are computed in São Paulo time (UTC-3, no DST since 2019). */

const SUBSCRIPTION_STATUS: readonly (readonly [SubscriptionStatus, number])[] = [
  ["ACTIVE", 42],
  ["DELAYED", 10],
  ["CANCELLED_BY_CUSTOMER", 13],
  ["CANCELLED_BY_SELLER", 5],
  ["CANCELLED_BY_ADMIN", 4],
  ["INACTIVE", 8],
  ["STARTED", 6],
  ["OVERDUE", 12],
];

/** Smart Installment and Smart Recovery use a subset of the statuses (§8.2 U3). */
const SMART_STATUS: readonly (readonly [SubscriptionStatus, number])[] = [
  ["ACTIVE", 45],
  ["DELAYED", 20],
  ["STARTED", 8],
  ["INACTIVE", 10],
  ["CANCELLED_BY_ADMIN", 8],
  ["CANCELLED_BY_SELLER", 9],
];

export interface SubscriptionInput {
  rng: Rng;
  now: number;
  factory: SaleFactory;
  /** Products with plans (billing type SUBSCRIPTION). */
  subscriptionProducts: readonly Product[];
  /** One-off products whose sales can be split (SMART_INSTALLMENT, SMART_RECOVERY). */
  oneOffProducts: readonly Product[];
  buyers: readonly Person[];
  count: number;
  /** Stop creating subscriptions once this many sales exist. */
  saleBudget: number;
}

export interface SubscriptionSet {
  subscriptions: Subscription[];
  sales: Sale[];
}

export function dueDayOf(date: number, plan: Plan): number {
  const local = new Date(date - BRT_OFFSET);
  // Weekly plans count the due day as a weekday, 1 = Monday ... 7 = Sunday.
  if (plan.recurrencyPeriod === 7) return ((local.getUTCDay() + 6) % 7) + 1;
  return local.getUTCDate();
}

class Builder {
  readonly codes = new Set<string>([SANDBOX.subscriberSuccess, SANDBOX.subscriberFailure]);
  readonly ids = new Set<number>();
  readonly taken = new Set<string>();
  readonly sales: Sale[] = [];

  constructor(
    readonly rng: Rng,
    readonly now: number,
    readonly factory: SaleFactory,
  ) {}

  shell(
    product: Product,
    plan: Plan,
    subscriber: Person,
    billingType: BillingType,
    status: SubscriptionStatus,
    code?: string,
  ): Subscription {
    const rng = this.rng;
    return {
      id: unique(this.ids, () => rng.int(1_000_000, 99_999_999)),
      subscriberCode: code ?? unique(this.codes, () => rng.chars(8, UPPER_ALNUM)),
      product,
      plan,
      subscriber,
      status,
      billingType,
      accessionDate: 0,
      requestDate: 0,
      trial: false,
      trialDays: 0,
      trialEnd: undefined,
      dueDay: 1,
      dateNextCharge: 0,
      cancellationDate: undefined,
      endAccessionDate: undefined,
      recurrences: [],
      lastUpdate: 0,
      hasCreditCardChange: rng.chance(0.03),
      isPaidNegotiation: false,
      magic: undefined,
    };
  }

  /** Due date of recurrence `n`: after a trial, the first paid charge falls when the trial ends. */
  start(sub: Subscription, n: number): number {
    const period = sub.plan.recurrencyPeriod * DAY;
    if (!sub.trial) return sub.accessionDate + (n - 1) * period;
    if (n === 1) return sub.accessionDate;
    return sub.accessionDate + sub.trialDays * DAY + (n - 2) * period;
  }

  sale(
    sub: Subscription,
    n: number,
    seq: number,
    status: PurchaseStatus,
    date: number,
    paymentType: PaymentType,
  ): Sale {
    const trialSale = sub.trial && n === 1;
    const sale = this.factory.create({
      product: sub.product,
      offer: sub.plan.offer,
      buyer: sub.subscriber,
      orderDate: date,
      status,
      paymentType,
      price: trialSale ? 0 : sub.plan.price,
      noConversion: true,
      subscription: sub,
      recurrencyNumber: n,
      transactionSequence: seq,
      trial: trialSale,
    });
    this.sales.push(sale);
    return sale;
  }

  paid(sub: Subscription, n: number, paymentType: PaymentType): Recurrence {
    const rng = this.rng;
    const start = this.start(sub, n);
    const recurrence: Recurrence = { number: n, status: "PAID", startDate: start, sales: [] };
    let seq = 1;
    if (n > 1 && rng.chance(0.1) && paymentType === "CREDIT_CARD") {
      // A refused first attempt, retried the next day: `has_retry` in the transactions report.
      recurrence.sales.push(this.sale(sub, n, seq++, "NO_FUNDS", start, paymentType));
    }
    let status: PurchaseStatus = "APPROVED";
    if (n > 1 && rng.chance(0.03)) status = rng.chance(0.7) ? "REFUNDED" : "CHARGEBACK";
    const when = seq > 1 ? start + DAY : start;
    recurrence.sales.push(this.sale(sub, n, seq, status, when, paymentType));
    if (status === "REFUNDED" || status === "CHARGEBACK") recurrence.status = status;
    return recurrence;
  }

  unpaid(sub: Subscription, n: number, paymentType: PaymentType, attempts: number): Recurrence {
    const start = this.start(sub, n);
    const recurrence: Recurrence = { number: n, status: "NOT_PAID", startDate: start, sales: [] };
    const cash = paymentType === "BILLET" || paymentType === "PIX";
    for (let seq = 1; seq <= attempts; seq++) {
      const date = Math.min(start + (seq - 1) * 3 * DAY, this.now - 1000);
      const recent = this.now - date < 3 * DAY;
      let status: PurchaseStatus;
      if (cash)
        status = recent ? (paymentType === "BILLET" ? "PRINTED_BILLET" : "WAITING_PAYMENT") : "EXPIRED";
      else status = recent && seq === attempts && n === 1 ? "STARTED" : seq % 2 ? "NO_FUNDS" : "CANCELLED";
      recurrence.sales.push(this.sale(sub, n, seq, status, date, paymentType));
    }
    return recurrence;
  }

  finish(sub: Subscription): Subscription {
    sub.requestDate = sub.accessionDate;
    sub.dueDay = dueDayOf(sub.trial ? (sub.trialEnd ?? sub.accessionDate) : sub.accessionDate, sub.plan);
    let last = sub.cancellationDate ?? sub.accessionDate;
    for (const r of sub.recurrences)
      for (const s of r.sales) last = Math.max(last, s.approvedDate ?? s.orderDate);
    sub.lastUpdate = last;
    return sub;
  }
}

function paymentTypeOf(rng: Rng, subscriber: Person): PaymentType {
  if (subscriber.currency !== "BRL")
    return rng.weighted([
      ["CREDIT_CARD", 85],
      ["PAYPAL", 15],
    ]);
  return rng.weighted([
    ["CREDIT_CARD", 75],
    ["PIX", 15],
    ["BILLET", 10],
  ]);
}

/** Builds a subscription's history backwards from `status`, so every status has coherent dates. */
function generate(b: Builder, sub: Subscription, paymentType: PaymentType): void {
  const { rng, now } = b;
  const plan = sub.plan;
  const period = plan.recurrencyPeriod * DAY;
  const maxCycles = plan.maxChargeCycles;
  const allowTrial = plan.trialDays !== undefined && sub.billingType === "SUBSCRIPTION";
  if (allowTrial && !["STARTED", "INACTIVE"].includes(sub.status) && rng.chance(0.6)) {
    sub.trial = true;
    sub.trialDays = plan.trialDays ?? 7;
  }
  // The most cycles a history of every cycle paid may hold: a plan of many long cycles (24 yearly ones)
  // would otherwise date its first sale in the 2000s. Two periods spare room for the offsets each status
  // adds. Applied after the draws, so a seed's data changes only where a history would reach that far.
  const fit = Math.max(1, Math.floor((now - HISTORY_START) / period) - 2);
  const trialSpan = sub.trial ? sub.trialDays * DAY : 0;
  const spanOf = (n: number) => (sub.trial ? trialSpan + (n - 2) * period : (n - 1) * period);
  const finishTrial = () => {
    sub.trialEnd = sub.trial ? sub.accessionDate + trialSpan : undefined;
  };

  switch (sub.status) {
    case "STARTED": {
      sub.accessionDate = now - rng.int(1, 3 * 24) * HOUR;
      sub.recurrences.push(b.unpaid(sub, 1, paymentType, 1));
      sub.dateNextCharge = sub.accessionDate + period;
      return;
    }
    case "INACTIVE": {
      sub.accessionDate = now - rng.int(5, 300) * DAY - rng.int(0, DAY);
      sub.recurrences.push(b.unpaid(sub, 1, paymentType, rng.int(1, 3)));
      sub.dateNextCharge = sub.accessionDate + period;
      return;
    }
    case "ACTIVE": {
      if (sub.trial && rng.chance(0.4)) {
        // Still in the trial: only the free sign-up sale exists.
        sub.accessionDate = now - rng.int(1, Math.max(1, sub.trialDays - 1)) * DAY;
        finishTrial();
        sub.recurrences.push(b.paid(sub, 1, paymentType));
        sub.dateNextCharge = sub.trialEnd ?? now;
        return;
      }
      const cap = maxCycles ? Math.max(1, maxCycles - 1) : 14;
      const n = Math.min(fit, Math.max(sub.trial ? 2 : 1, rng.int(1, cap)));
      sub.accessionDate = now - spanOf(n) - rng.int(1, Math.max(1, period / DAY - 1)) * DAY;
      finishTrial();
      for (let i = 1; i <= n; i++) sub.recurrences.push(b.paid(sub, i, paymentType));
      sub.dateNextCharge = b.start(sub, n) + period;
      return;
    }
    case "DELAYED": {
      // Up to 3 unpaid cycles and a late period follow the paid ones: two periods fewer than `fit`.
      const paidCount = Math.min(
        Math.max(1, fit - 2),
        Math.max(sub.trial ? 2 : 1, rng.int(1, Math.min(8, maxCycles ? maxCycles - 2 : 8))),
      );
      const room = maxCycles ? Math.max(1, maxCycles - paidCount) : 3;
      const unpaidCount = sub.billingType === "SUBSCRIPTION" ? 1 : rng.int(1, Math.min(3, room));
      const total = paidCount + unpaidCount;
      const lateBy = rng.int(1, Math.max(1, Math.min(20, period / DAY - 1))) * DAY;
      sub.accessionDate = now - lateBy - spanOf(total);
      finishTrial();
      for (let i = 1; i <= paidCount; i++) sub.recurrences.push(b.paid(sub, i, paymentType));
      for (let i = paidCount + 1; i <= total; i++)
        sub.recurrences.push(b.unpaid(sub, i, paymentType, rng.int(1, 3)));
      // A late subscription keeps the missed date until it is paid.
      sub.dateNextCharge = b.start(sub, paidCount + 1);
      return;
    }
    case "OVERDUE": {
      const n = Math.min(maxCycles ?? 6, fit);
      sub.accessionDate = now - spanOf(n) - period - rng.int(1, 200) * DAY;
      finishTrial();
      for (let i = 1; i <= n; i++) sub.recurrences.push(b.paid(sub, i, paymentType));
      sub.dateNextCharge = b.start(sub, n) + period;
      return;
    }
    default: {
      // CANCELLED_BY_*: paid for a while, perhaps missed the last charge, then cancelled.
      // A missed cycle and up to 300 days since the cancellation follow the paid ones.
      const paidCount = Math.min(
        Math.max(1, fit - 2),
        Math.max(sub.trial ? 2 : 1, rng.int(1, Math.min(10, maxCycles ? maxCycles - 1 : 10))),
      );
      const missed = rng.chance(0.3) ? 1 : 0;
      const total = paidCount + missed;
      const cancellation = now - rng.int(1, 300) * DAY - rng.int(0, DAY);
      sub.accessionDate = cancellation - spanOf(total) - rng.int(1, Math.max(1, period / DAY - 1)) * DAY;
      finishTrial();
      for (let i = 1; i <= paidCount; i++) sub.recurrences.push(b.paid(sub, i, paymentType));
      if (missed) sub.recurrences.push(b.unpaid(sub, total, paymentType, 1));
      sub.cancellationDate = cancellation;
      sub.endAccessionDate = cancellation;
      // For a cancelled subscription the next charge date is the last day of access.
      sub.dateNextCharge = b.start(sub, paidCount) + period;
    }
  }
}

export function makeSubscriptions(
  input: SubscriptionInput,
  magicProduct: Product | undefined,
): SubscriptionSet {
  const { rng, now } = input;
  const b = new Builder(rng, now, input.factory);
  const subscriptions: Subscription[] = [];
  const pickSubscriber = (product: Product): Person => {
    for (let i = 0; i < 50; i++) {
      const person = rng.pick(input.buyers);
      // subscriber_code is unique per buyer per product: one subscription per pair.
      const key = `${person.ucode}:${product.id}`;
      if (!b.taken.has(key)) {
        b.taken.add(key);
        return person;
      }
    }
    return rng.pick(input.buyers);
  };

  // Made first (the seed's draws stay as they were) but listed last: listed first, a sandbox code
  // (whose writes "succeed" and change nothing) looks like a bug to someone trying a cancel.
  const sandbox = magicProduct ? sandboxSubscriptions(b, magicProduct, input.buyers) : [];

  for (let i = 0; i < input.count && b.sales.length < input.saleBudget; i++) {
    const smart = input.oneOffProducts.length > 0 && rng.chance(0.2);
    const subscriptionProduct =
      input.subscriptionProducts.length > 0 ? rng.pick(input.subscriptionProducts) : undefined;
    let sub: Subscription;
    if (smart || !subscriptionProduct) {
      const product = rng.pick(input.oneOffProducts);
      const billing: BillingType = rng.chance(0.6) ? "SMART_INSTALLMENT" : "SMART_RECOVERY";
      const offer = product.offers.find((o) => o.paymentMode === "SMART_INSTALLMENT") ?? product.offers[0];
      if (!offer) continue;
      const plan = smartPlan(rng, product, offer, billing);
      sub = b.shell(product, plan, pickSubscriber(product), billing, rng.weighted(SMART_STATUS));
    } else {
      let status = rng.weighted(SUBSCRIPTION_STATUS);
      let plan = rng.pick(subscriptionProduct.plans);
      if (status === "OVERDUE" && plan.maxChargeCycles === undefined) {
        // Only a plan with a fixed number of charges can run out.
        const finite = subscriptionProduct.plans.find((p) => p.maxChargeCycles !== undefined);
        if (finite) plan = finite;
        else status = "ACTIVE";
      }
      sub = b.shell(subscriptionProduct, plan, pickSubscriber(subscriptionProduct), "SUBSCRIPTION", status);
    }
    generate(b, sub, paymentTypeOf(rng, sub.subscriber));
    subscriptions.push(b.finish(sub));
  }
  subscriptions.push(...sandbox);
  return { subscriptions, sales: b.sales };
}

/** B2HNQAXJ (active, four paid months) and X53ZPFQZ (cancelled during its trial). */
function sandboxSubscriptions(b: Builder, product: Product, buyers: readonly Person[]): Subscription[] {
  const monthly = product.plans.find((p) => p.periodicity === "MONTHLY") ?? product.plans[0];
  const trialPlan = product.plans.find((p) => p.trialDays !== undefined) ?? monthly;
  const first = buyers[0];
  const second = buyers[1] ?? first;
  if (!monthly || !trialPlan || !first || !second) return [];
  b.taken.add(`${first.ucode}:${product.id}`);
  b.taken.add(`${second.ucode}:${product.id}`);

  const success = b.shell(product, monthly, first, "SUBSCRIPTION", "ACTIVE", SANDBOX.subscriberSuccess);
  success.magic = "success";
  success.accessionDate = b.now - (3 * 30 + 10) * DAY;
  for (let n = 1; n <= 4; n++) success.recurrences.push(b.paid(success, n, "CREDIT_CARD"));
  for (const r of success.recurrences) {
    // The sandbox subscription is healthy: no refunded month, no retried charge.
    r.status = "PAID";
    r.sales = r.sales.filter((s) => s.transactionSequence === r.sales.length);
    for (const s of r.sales) {
      s.status =
        s.approvedDate !== undefined && s.approvedDate + s.product.warrantyDays * DAY < b.now
          ? "COMPLETE"
          : "APPROVED";
      s.transactionSequence = 1;
      s.refundDate = undefined;
    }
  }
  success.dateNextCharge = b.start(success, 4) + monthly.recurrencyPeriod * DAY;

  const failure = b.shell(
    product,
    trialPlan,
    second,
    "SUBSCRIPTION",
    "CANCELLED_BY_CUSTOMER",
    SANDBOX.subscriberFailure,
  );
  failure.magic = "failure";
  failure.trial = true;
  failure.trialDays = trialPlan.trialDays ?? 7;
  failure.accessionDate = b.now - 2 * DAY;
  failure.trialEnd = failure.accessionDate + failure.trialDays * DAY;
  failure.recurrences.push(b.paid(failure, 1, "CREDIT_CARD"));
  failure.cancellationDate = b.now - DAY;
  failure.endAccessionDate = failure.cancellationDate;
  failure.dateNextCharge = failure.trialEnd;
  // Keep only the sales the sandbox records reference (paid() may have drawn a retry or refund).
  const kept = new Set([...success.recurrences, ...failure.recurrences].flatMap((r) => r.sales));
  for (let i = b.sales.length - 1; i >= 0; i--) {
    const s = b.sales[i];
    if (s && (s.subscription === success || s.subscription === failure) && !kept.has(s)) b.sales.splice(i, 1);
  }
  return [b.finish(success), b.finish(failure)];
}
