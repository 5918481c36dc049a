import { DAY } from "../time";
import { makeCatalog, SOLD_STATUSES } from "./catalog";
import { makeClubs } from "./club";
import { FIRST_COUPON_ID, makeCoupons } from "./coupons";
import { makeEvents } from "./events";
import type { Club, Coupon, EventData, Person, Product, Sale, Subscription } from "./model";
import { BRAZIL, createFaker, makePerson } from "./people";
import { Rng, streamId } from "./rng";
import { SaleFactory } from "./sales";
import { SANDBOX } from "./sandbox";
import { makeSubscriptions } from "./subscriptions";

export interface Scale {
  /** Sales in total, subscription charges included (at least this many). */
  sales: number;
  /** Generated subscriptions, besides the two sandbox ones. */
  subscriptions: number;
  /** Products in the account's product list (at least 16 cover every format). */
  products: number;
  /** Students per Club. */
  clubUsers: number;
  /** Tickets per event. */
  participants: number;
}

export const DEFAULT_SCALE: Scale = {
  sales: 500,
  subscriptions: 40,
  products: 24,
  clubUsers: 60,
  participants: 40,
};

/**
 * 1 Nov 2026, 12:00 UTC: a convenient instant to pin `now` to (the simulator's fixed clock before it
 * followed the wall clock), so that a seed always gives the same bytes.
 */
export const PINNED_NOW = Date.UTC(2026, 10, 1, 12, 0, 0);

export function resolveScale(partial: Partial<Scale> | undefined): Scale {
  const sales = Math.max(0, Math.floor(partial?.sales ?? DEFAULT_SCALE.sales));
  return {
    sales,
    subscriptions: Math.max(
      0,
      Math.floor(partial?.subscriptions ?? Math.max(DEFAULT_SCALE.subscriptions, Math.round(sales / 15))),
    ),
    products: Math.max(4, Math.floor(partial?.products ?? DEFAULT_SCALE.products)),
    clubUsers: Math.max(5, Math.floor(partial?.clubUsers ?? DEFAULT_SCALE.clubUsers)),
    participants: Math.max(1, Math.floor(partial?.participants ?? DEFAULT_SCALE.participants)),
  };
}

/**
 * Everything the simulator serves. Generated once from (seed, scale, now); writes then change the
 * records in place and add new ones, so every later read sees them.
 */
export class Dataset {
  readonly seed: number;
  readonly scale: Scale;
  /** The simulated time the data was generated at. */
  readonly generatedAt: number;
  /** The authenticated account: the producer of the listed products. */
  readonly account: Person;
  /** Other producers (owners of co-produced and affiliated products) and affiliates. */
  readonly partners: Person[];
  readonly affiliates: Person[];
  readonly buyers: Person[];
  readonly products: Product[];
  /** Newest first, as the sales reports list them. */
  readonly sales: Sale[];
  readonly subscriptions: Subscription[];
  readonly coupons: Coupon[];
  readonly clubs: Club[];
  readonly events: EventData[];
  readonly factory: SaleFactory;
  /** The sandbox magic values, which exist in every dataset. */
  readonly sandbox = SANDBOX;

  readonly #salesByTransaction = new Map<string, Sale>();
  /**
   * Whether `sales` is still newest first, so the sales of a date range are one run of it. A sale added
   * after the clock was moved back breaks that; the reports then scan every sale, as they always could.
   */
  #newestFirst: boolean;
  readonly #subscriptionsByCode = new Map<string, Subscription>();
  readonly #subscriptionsById = new Map<number, Subscription>();
  readonly #productsById = new Map<number, Product>();
  readonly #productsByUcode = new Map<string, Product>();
  readonly #clubsBySubdomain = new Map<string, Club>();
  #nextCouponId: number;
  #clock: () => number;
  readonly #newPerson: (options?: Parameters<typeof makePerson>[4]) => Person;

  constructor(seed: number, scale: Scale, now: number) {
    this.seed = seed;
    this.scale = scale;
    this.generatedAt = now;
    this.#clock = () => now;
    const faker = createFaker([seed, streamId("people")]);
    const rng = (name: string) => new Rng(seed, streamId(name));
    const peopleRng = rng("people");
    const emails = new Set<string>();
    let personId = 10_000_000;
    const person = (options: Parameters<typeof makePerson>[4] = {}) =>
      makePerson(faker, peopleRng, personId++, emails, options);
    this.#newPerson = person;

    this.account = person({ country: BRAZIL, company: true });
    this.partners = Array.from({ length: 4 }, () => person({ country: BRAZIL }));
    this.affiliates = Array.from({ length: 8 }, () => person({ country: BRAZIL }));
    this.buyers = [];
    // Large datasets reuse buyers more (repeat customers), which keeps 100 000 sales well under 300 MB.
    const buyerCount = Math.max(
      60,
      Math.min(Math.round(scale.sales * 0.45), 15_000 + Math.round(scale.sales * 0.05)),
    );
    // The sandbox subscriptions use the first two buyers: keep them Brazilian whatever the seed.
    for (let i = 0; i < buyerCount; i++) this.buyers.push(person(i < 2 ? { country: BRAZIL } : {}));

    const catalogFaker = createFaker([seed, streamId("catalog")]);
    this.products = makeCatalog({
      faker: catalogFaker,
      rng: rng("catalog"),
      now,
      account: this.account,
      partners: this.partners,
      count: scale.products,
    });
    const listed = this.products.filter((p) => p.listed);
    this.coupons = makeCoupons(
      rng("coupons"),
      now,
      listed.filter((p) => !p.isSubscription),
    );
    this.#nextCouponId = FIRST_COUPON_ID + this.coupons.length;
    const couponsByProduct = new Map<number, Coupon[]>();
    for (const c of this.coupons)
      couponsByProduct.set(c.productId, [...(couponsByProduct.get(c.productId) ?? []), c]);

    this.factory = new SaleFactory(
      rng("sales"),
      () => this.#clock(),
      this.account,
      this.affiliates,
      couponsByProduct,
    );
    const sold = this.products.filter((p) => SOLD_STATUSES.has(p.status));
    const oneOff = sold.filter((p) => !p.isSubscription);
    const plansProduct = this.products.find((p) => p.ucode === SANDBOX.plansUcode);
    const subs = makeSubscriptions(
      {
        rng: rng("subscriptions"),
        now,
        factory: this.factory,
        subscriptionProducts: sold.filter((p) => p.isSubscription && p.listed && p.plans.length > 0),
        oneOffProducts: oneOff.filter((p) => p.listed && p.format !== "ETICKET"),
        buyers: this.buyers,
        count: scale.subscriptions,
        saleBudget: Math.floor(scale.sales * 0.6),
      },
      plansProduct,
    );
    this.subscriptions = subs.subscriptions;
    // Subscription charges were created subscription by subscription; copy them in date order so a
    // scan of the sales walks memory forwards (see relocate()).
    const charges = [...subs.sales, ...this.#sandboxSales(person)].sort((a, b) => b.orderDate - a.orderDate);
    const recurring = relocate(charges, this.subscriptions);
    charges.length = 0;

    // One-off sales are created newest first, already in scan order.
    const salesRng = rng("one-off-sales");
    const weights = oneOff.map((p) => [p, p.format === "ETICKET" ? 6 : salesRng.int(1, 6)] as const);
    const dates = new Float64Array(Math.max(0, scale.sales - recurring.length));
    for (let i = 0; i < dates.length; i++) dates[i] = now - Math.floor(salesRng.next() * 730 * DAY);
    dates.sort();
    const oneOffSales: Sale[] = [];
    for (let i = dates.length - 1; i >= 0; i--) {
      const product = salesRng.weighted(weights);
      const offer = salesRng.chance(0.7) ? product.offers[0] : salesRng.pick(product.offers);
      // A few buyers buy often, most buy once or twice.
      const buyer = this.buyers[Math.floor(this.buyers.length * salesRng.next() ** 1.6)] as Person;
      if (!offer) continue;
      oneOffSales.push(this.factory.create({ product, offer, buyer, orderDate: dates[i] as number }));
    }
    // Pending sales were moved to recent dates by the factory; a stable sort of the nearly sorted merge fixes that.
    const sales = [...recurring, ...oneOffSales].sort((a, b) => b.orderDate - a.orderDate);
    this.sales = sales;
    this.#newestFirst = true;

    const salesByProduct = new Map<number, Sale[]>();
    for (const sale of sales) {
      const list = salesByProduct.get(sale.product.id);
      if (list) list.push(sale);
      else salesByProduct.set(sale.product.id, [sale]);
    }
    this.clubs = makeClubs({
      faker: createFaker([seed, streamId("club")]),
      rng: rng("club"),
      now,
      account: this.account,
      staff: this.partners,
      products: listed.filter(
        (p) =>
          p.id === SANDBOX.clubProductId ||
          ((p.format === "ONLINE_COURSE" || p.format === "COMMUNITY") && p.status === "ACTIVE"),
      ),
      salesByProduct,
      usersPerClub: scale.clubUsers,
      emails,
    });
    this.events = makeEvents({
      faker: createFaker([seed, streamId("events")]),
      rng: rng("events"),
      now,
      products: listed.filter((p) => p.format === "ETICKET"),
      salesByProduct,
      participants: scale.participants,
      emails,
    });

    for (const sale of sales) this.#salesByTransaction.set(sale.transaction, sale);
    this.factory.lookupWith((code) => this.#salesByTransaction.has(code));
    for (const sub of this.subscriptions) {
      this.#subscriptionsByCode.set(sub.subscriberCode, sub);
      this.#subscriptionsById.set(sub.id, sub);
    }
    for (const product of this.products) {
      this.#productsById.set(product.id, product);
      this.#productsByUcode.set(product.ucode, product);
    }
    for (const club of this.clubs) this.#clubsBySubdomain.set(club.subdomain, club);
  }

  /** From now on, records created by writes are dated with this clock. */
  useClock(clock: () => number): void {
    this.#clock = clock;
  }

  /**
   * The buyer with this e-mail (case-insensitive), or a new one, as when a new customer checks out.
   * New buyers are drawn from the same seeded stream, so the same calls give the same people.
   */
  buyerFor(email: string): Person {
    const wanted = email.toLowerCase();
    const known = this.buyers.find((b) => b.email.toLowerCase() === wanted);
    if (known) return known;
    const buyer = this.#newPerson({ country: BRAZIL });
    buyer.email = email;
    this.buyers.push(buyer);
    return buyer;
  }

  /** Fixtures that make the sample queries of the sandbox tables (S2..S5) return data. */
  #sandboxSales(person: (options?: Parameters<typeof makePerson>[4]) => Person): Sale[] {
    const summaryProduct = this.products.find((p) => p.id === SANDBOX.summary.productId);
    const clubProduct = this.products.find((p) => p.id === SANDBOX.clubProductId);
    const offer = summaryProduct?.offers.find((o) => o.code === SANDBOX.summary.offerCode);
    const buyer = this.buyers[2] ?? this.buyers[0];
    if (!summaryProduct || !clubProduct || !offer || !buyer) return [];
    const named = (name: string, email?: string) => {
      const p = person({ country: BRAZIL });
      const [first = name, ...rest] = name.split(" ");
      p.name = name;
      p.firstName = first;
      p.lastName = rest.join(" ");
      if (email) p.email = email;
      return p;
    };
    const summarySale = this.factory.create({
      product: summaryProduct,
      offer,
      buyer,
      orderDate: SANDBOX.summary.orderDate,
      status: "APPROVED",
      paymentType: "BILLET",
      affiliate: named(SANDBOX.summary.affiliateName),
      trackingSource: SANDBOX.summary.salesSource,
    });
    const usersBuyer = named(SANDBOX.users.buyerName, SANDBOX.users.buyerEmail);
    this.buyers.push(usersBuyer);
    const mainOffer = clubProduct.offers[0];
    if (!mainOffer) return [summarySale];
    const usersSale = this.factory.create({
      product: clubProduct,
      offer: mainOffer,
      buyer: usersBuyer,
      orderDate: SANDBOX.users.orderDate,
      status: "APPROVED",
      paymentType: "CREDIT_CARD",
      affiliate: named(SANDBOX.users.affiliateName),
      trackingSource: SANDBOX.users.salesSource,
    });
    const priceSale = this.factory.create({
      product: clubProduct,
      offer: mainOffer,
      buyer,
      orderDate: SANDBOX.priceDetailsOrderDate,
      status: "APPROVED",
      paymentType: "PIX",
    });
    return [summarySale, usersSale, priceSale];
  }

  sale(transaction: string): Sale | undefined {
    return this.#salesByTransaction.get(transaction);
  }

  subscription(subscriberCode: string): Subscription | undefined {
    return this.#subscriptionsByCode.get(subscriberCode);
  }

  subscriptionById(id: number): Subscription | undefined {
    return this.#subscriptionsById.get(id);
  }

  product(idOrUcode: number | string): Product | undefined {
    if (typeof idOrUcode === "number") return this.#productsById.get(idOrUcode);
    return this.#productsByUcode.get(idOrUcode) ?? this.#productsById.get(Number(idOrUcode));
  }

  clubBySubdomain(subdomain: string): Club | undefined {
    return this.#clubsBySubdomain.get(subdomain);
  }

  /** The sandbox Club (`my_subdomain`). */
  get club(): Club {
    const club = this.#clubsBySubdomain.get(SANDBOX.subdomain);
    if (!club) throw new Error("The sandbox Club is missing from the dataset");
    return club;
  }

  /** The Club of a product, for v2 pages (which take a product id, not a subdomain). */
  clubOfProduct(productId: number): Club | undefined {
    return this.#productsById.get(productId)?.club;
  }

  event(productId: number): EventData | undefined {
    return this.#productsById.get(productId)?.event;
  }

  /** A sale created by a write: newest, so it goes first. */
  addSale(sale: Sale): void {
    const newest = this.sales[0];
    if (newest !== undefined && sale.orderDate < newest.orderDate) this.#newestFirst = false;
    this.sales.unshift(sale);
    this.#salesByTransaction.set(sale.transaction, sale);
  }

  /**
   * Indexes `[start, end)` of `sales` holding every sale ordered in [from, to] (inclusive; undefined:
   * open), by binary search while the list is newest first, so a report page costs its range rather
   * than the whole history. Callers still check the dates: with the order broken it is every sale.
   */
  salesOrderedBetween(from: number | undefined, to: number | undefined): { start: number; end: number } {
    const sales = this.sales;
    if (!this.#newestFirst) return { start: 0, end: sales.length };
    // The first sale at or before `to`, then the first one before `from`: both predicates only turn
    // from false to true along a newest-first list.
    const start = to === undefined ? 0 : firstIndex(sales, 0, (s) => s.orderDate <= to);
    const end = from === undefined ? sales.length : firstIndex(sales, start, (s) => s.orderDate < from);
    return { start, end };
  }

  addCoupon(coupon: Omit<Coupon, "id">): Coupon {
    const created: Coupon = { id: this.#nextCouponId++, ...coupon };
    this.coupons.push(created);
    return created;
  }
}

/** The first index from `lo` on where `holds` is true, for a predicate that stays true once it is. */
function firstIndex(sales: readonly Sale[], lo: number, holds: (sale: Sale) => boolean): number {
  let hi = sales.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (holds(sales[mid] as Sale)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Copies the sales in their final (date) order and repoints the subscriptions at the copies. The
 * originals were allocated in generation order, so after sorting a scan jumped all over the heap;
 * the copies sit in scan order, which makes filtering 100 000 sales several times faster.
 */
function relocate(sales: readonly Sale[], subscriptions: readonly Subscription[]): Sale[] {
  const copies = new Map<Sale, Sale>();
  const out = sales.map((sale) => {
    const copy = { ...sale };
    copies.set(sale, copy);
    return copy;
  });
  for (const sub of subscriptions) {
    for (const recurrence of sub.recurrences)
      recurrence.sales = recurrence.sales.map((s) => copies.get(s) ?? s);
  }
  return out;
}
