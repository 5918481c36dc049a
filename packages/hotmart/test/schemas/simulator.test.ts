/**
 * Every SDK method with `validate: "strict"` against the simulator's generated data: none throws
 * ResponseValidationError, and between them they exercise every schema of the registry (each check
 * is observed, so a method that silently skipped validation would fail the last test).
 */
import { Hotmart, type Page, type PagePromise } from "hotmart";
import { registry } from "hotmart/schemas";
import { type Simulator, startSimulator } from "hotmart-simulator";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

let sim: Simulator;
let client: Hotmart;
const logger = { error: vi.fn(), warn: vi.fn(), info: vi.fn(), debug: vi.fn() };
const check = vi.spyOn(registry, "check");

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 42, rateLimit: false });
  client = new Hotmart({
    clientId: sim.credentials.clientId,
    clientSecret: sim.credentials.clientSecret,
    baseURL: sim.url,
    authURL: sim.authURL,
    validate: "strict",
    logLevel: "warn",
    logger,
  });
});

afterAll(async () => {
  check.mockRestore();
  await client?.close();
  await sim?.close();
});

/** Walks up to `max` pages; returns every item seen. Each page is validated by the SDK on the way. */
async function walk<T>(list: PagePromise<T>, max = 3): Promise<T[]> {
  const items: T[] = [];
  let pages = 0;
  for await (const page of list.pages()) {
    items.push(...page.items);
    if (++pages >= max) break;
  }
  return items;
}

/** Every page, however many. */
async function walkAll<T>(list: PagePromise<T>): Promise<Page<T>[]> {
  const pages: Page<T>[] = [];
  for await (const page of list.pages()) pages.push(page);
  return pages;
}

const data = () => sim.data;
const listedProducts = () => data().products.filter((p) => p.listed);

describe("sales", () => {
  it("history: pages, every status, one transaction, the autopaginate twin", async () => {
    expect((await walkAll(client.sales.history({ max_results: 100 }))).length).toBeGreaterThan(1);
    for (const status of new Set(data().sales.map((s) => s.status))) {
      const items = await walk(client.sales.history({ transaction_status: status, max_results: 500 }), 2);
      expect(items.length, status).toBeGreaterThan(0);
    }
    const sale = data().sales[0];
    expect((await client.sales.history({ transaction: sale?.transaction })).items).toHaveLength(1);
    let count = 0;
    for await (const _ of client.sales.historyAutopaginate({ max_results: 7 })) if (++count >= 20) break;
    expect(count).toBe(20);
  });

  it("summary, participants, commissions, price details: pages and the sandbox sample queries", async () => {
    const { summary, users } = data().sandbox;
    expect(await walk(client.sales.summary({ max_results: 2 }))).not.toHaveLength(0);
    const sample = { start_date: 1623380400000, end_date: 1623639600000 };
    expect((await client.sales.summary({ ...sample, product_id: summary.productId })).items).not.toHaveLength(
      0,
    );
    expect(await walk(client.sales.participants({ max_results: 5 }))).toHaveLength(15);
    const usersSample = { start_date: 1622689200000, end_date: 1622948400000 };
    expect(
      (await client.sales.participants({ ...usersSample, buyer_email: users.buyerEmail })).items,
    ).not.toHaveLength(0);
    expect(await walk(client.sales.commissions({ max_results: 5 }))).toHaveLength(15);
    expect((await client.sales.commissions(usersSample)).items).not.toHaveLength(0);
    expect(await walk(client.sales.priceDetails({ max_results: 5 }))).toHaveLength(15);
    expect(
      (await client.sales.priceDetails({ start_date: 1623726000000, end_date: 1624158000000 })).items,
    ).not.toHaveLength(0);
    for (const transaction_status of ["WAITING_PAYMENT", "REFUNDED", "CANCELLED"] as const) {
      await walk(client.sales.participants({ transaction_status, max_results: 500 }), 1);
      await walk(client.sales.commissions({ transaction_status, max_results: 500 }), 1);
      await walk(client.sales.priceDetails({ transaction_status, max_results: 500 }), 1);
    }
    const twins = [
      client.sales.summaryAutopaginate(),
      client.sales.participantsAutopaginate({ max_results: 3 }),
      client.sales.commissionsAutopaginate({ max_results: 3 }),
      client.sales.priceDetailsAutopaginate({ max_results: 3 }),
    ];
    for (const twin of twins) expect((await twin.next()).done).toBe(false);
  });

  it("refund (no body to validate) resolves", async () => {
    const sale = data().sales.find(
      (s) =>
        s.status === "APPROVED" &&
        !s.trial &&
        !/BACS|SEPA/.test(s.paymentMethod) &&
        s.subscription === undefined &&
        s.product.listed,
    );
    expect(sale).toBeDefined();
    await expect(client.sales.refund(sale?.transaction ?? "")).resolves.toBeUndefined();
    const [refunded] = (await client.sales.history({ transaction: sale?.transaction })).items;
    expect(refunded?.purchase.status).toBe("REFUNDED");
  });
});

describe("subscriptions", () => {
  it("list, summary, transactions: every page, and the autopaginate twins", async () => {
    expect((await walkAll(client.subscriptions.list({ max_results: 20 }))).length).toBeGreaterThan(1);
    expect(
      await walk(
        client.subscriptions.summary({ max_results: 20, accession_date: 0, date_next_charge: 0 }),
        50,
      ),
    ).not.toHaveLength(0);
    expect(
      await walk(client.subscriptions.transactions({ max_results: 100, transaction_date: 0 }), 50),
    ).not.toHaveLength(0);
    for (const status of ["ACTIVE", "DELAYED", "CANCELLED_BY_SELLER", "INACTIVE", "OVERDUE"] as const) {
      await walk(client.subscriptions.list({ status, max_results: 500 }), 1);
    }
    for (const twin of [
      client.subscriptions.listAutopaginate(),
      client.subscriptions.summaryAutopaginate(),
      client.subscriptions.transactionsAutopaginate({ transaction_date: 0 }),
    ]) {
      expect((await twin.next()).done).toBe(false);
    }
  });

  it("purchases of the sandbox subscription and of generated ones", async () => {
    expect(await client.subscriptions.purchases(data().sandbox.subscriberSuccess)).not.toHaveLength(0);
    for (const sub of data()
      .subscriptions.filter((s) => !s.magic)
      .slice(0, 10)) {
      await client.subscriptions.purchases(sub.subscriberCode);
    }
  });

  it("cancel, reactivate (bulk and single) and change the due day", async () => {
    const { subscriberSuccess, subscriberFailure } = data().sandbox;
    const cancelled = await client.subscriptions.cancel([subscriberSuccess, subscriberFailure], {
      send_mail: false,
    });
    expect(cancelled.success_subscriptions).toHaveLength(1);
    expect(cancelled.fail_subscriptions).toHaveLength(1);
    expect((await client.subscriptions.cancelSingle(subscriberSuccess)).subscriber_code).toBe(
      subscriberSuccess,
    );
    const reactivated = await client.subscriptions.reactivate([subscriberSuccess, subscriberFailure]);
    expect(reactivated.success_subscriptions).toHaveLength(1);
    expect(reactivated.fail_subscriptions).toHaveLength(1);
    expect((await client.subscriptions.reactivateSingle(subscriberSuccess, { charge: false })).status).toBe(
      "INACTIVE",
    );
    await expect(client.subscriptions.changeDueDay(subscriberSuccess, 10)).resolves.toBeUndefined();

    // A generated subscription: cancel it, reactivate it, cancel it again (the failure entry).
    const live = data().subscriptions.find((s) => !s.magic && s.status === "ACTIVE" && !s.trialEnd);
    expect(live).toBeDefined();
    const code = live?.subscriberCode ?? "";
    await client.subscriptions.cancelSingle(code);
    await client.subscriptions.reactivateSingle(code, { charge: true });
    await client.subscriptions.cancel([code]);
    expect((await client.subscriptions.cancel([code])).fail_subscriptions[0]?.error).toBe(
      "SUBSCRIPTION_ALREADY_CANCELED_OR_OVERDUE",
    );
  });
});

describe("products and coupons", () => {
  it("products, offers and plans of every listed product, and the sandbox ucodes", async () => {
    expect(await walk(client.products.list({ max_results: 5 }), 10)).not.toHaveLength(0);
    expect((await client.products.offers(data().sandbox.offersUcode)).items).not.toHaveLength(0);
    expect((await client.products.plans(data().sandbox.plansUcode)).items).not.toHaveLength(0);
    for (const product of listedProducts()) {
      await walk(client.products.offers(product.ucode));
      if (product.plans.some((p) => p.listed)) await walk(client.products.plans(product.ucode));
    }
    for (const twin of [
      client.products.listAutopaginate(),
      client.products.offersAutopaginate(data().sandbox.offersUcode),
      client.products.plansAutopaginate(data().sandbox.plansUcode),
    ]) {
      expect((await twin.next()).done).toBe(false);
    }
  });

  it("coupons: create, list (every product), delete", async () => {
    const product = listedProducts()[0];
    expect(product).toBeDefined();
    const id = product?.id ?? 0;
    await client.coupons.create(id, "SCHEMAS10", { discount: 0.1, end_date: Date.now() + 86_400_000 });
    const [coupon] = (await client.coupons.list(id, { code: "SCHEMAS10" })).items;
    expect(coupon?.coupon_code).toBe("SCHEMAS10");
    for (const p of listedProducts()) await walk(client.coupons.list(p.id));
    expect((await client.coupons.listAutopaginate(id).next()).done).toBe(false);
    await expect(client.coupons.delete(coupon?.id ?? 0)).resolves.toBeUndefined();
  });
});

describe("club", () => {
  it("modules, pages (v2 and v1), students, lessons of every Club", async () => {
    for (const club of data().clubs) {
      await client.club.modules(club.subdomain);
      await client.club.modules(club.subdomain, { is_extra: true });
      for (const module of club.modules) {
        await client.club.pages(module.id, { product_id: club.product.id });
        await client.club.pagesV1(module.id, { subdomain: club.subdomain });
      }
      await walkAll(client.club.students(club.subdomain, { max_results: 20 }));
      await walk(client.club.users(club.subdomain));
      for (const user of club.users.slice(0, 10)) await client.club.lessons(club.subdomain, user.userId);
    }
    expect((await client.club.studentsAutopaginate(data().sandbox.subdomain).next()).done).toBe(false);
  });

  it("the sandbox Club answers with data", async () => {
    const { subdomain, clubProductId, moduleIds, userIds } = data().sandbox;
    expect(await client.club.modules(subdomain)).not.toHaveLength(0);
    for (const id of moduleIds) {
      expect(await client.club.pages(id.toUpperCase(), { product_id: clubProductId })).not.toHaveLength(0);
    }
    for (const id of userIds) expect((await client.club.lessons(subdomain, id)).lessons).not.toHaveLength(0);
  });

  it("studentProgress (students, then lessons)", async () => {
    const club = data().club;
    const user = club.users[0];
    expect(user).toBeDefined();
    const progress = await client.club.studentProgress(club.subdomain, { student_email: user?.email ?? "" });
    expect(progress.user.user_id).toBe(user?.userId);
  });
});

describe("events and negotiation", () => {
  it("event info and every ticket page of every event", async () => {
    expect(data().events.length).toBeGreaterThan(0);
    for (const event of data().events) {
      expect((await client.events.get(event.product.id)).lots).not.toHaveLength(0);
      expect(await walkAll(client.events.tickets(event.product.id, { max_results: 10 }))).not.toHaveLength(0);
      expect((await client.events.ticketsAutopaginate(event.product.id).next()).done).toBe(false);
    }
  });

  it("a Pix and a boleto negotiation", async () => {
    const overdue = data().subscriptions.filter(
      (s) => !s.magic && s.status !== "INACTIVE" && s.recurrences.some((r) => r.status === "NOT_PAID"),
    );
    const [first, second] = overdue;
    expect(second).toBeDefined();
    const last = (sub: typeof first) =>
      sub?.recurrences.filter((r) => r.status === "NOT_PAID").at(-1)?.number ?? 1;
    const pix = await client.negotiation.create({
      subscription_id: first?.id ?? 0,
      recurrences: [last(first)],
      payment_type: "PIX",
    });
    expect(pix.payment.pix_code).toBeDefined();
    const billet = await client.negotiation.create({
      subscription_id: second?.id ?? 0,
      recurrences: [last(second)],
      payment_type: "BILLET",
      document: "529.982.247-25",
      discount: { type: "CUSTOM", value: 1 },
    });
    expect(billet.payment.billet_url).toBeDefined();
  });
});

describe("what was validated", () => {
  it("every schema of the registry was checked, and every check found the body valid", () => {
    const names = new Set(check.mock.calls.map(([name]) => name));
    expect([...names].sort()).toEqual(registry.names().sort());
    const failed = check.mock.results.filter((r) => r.type !== "return" || (r.value as unknown[]).length > 0);
    expect(failed).toEqual([]);
    expect(check.mock.calls.length).toBeGreaterThan(300);
  });

  it("nothing was logged at warn or error (no validation warning, no retry)", () => {
    expect(logger.warn).not.toHaveBeenCalled();
    expect(logger.error).not.toHaveBeenCalled();
  });
});
