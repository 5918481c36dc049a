import { faker as sharedFaker } from "@faker-js/faker/locale/pt_BR";
import {
  BILLING_TYPES,
  PAYMENT_TYPES,
  PINNED_NOW,
  PURCHASE_STATUSES,
  SANDBOX,
  SUBSCRIPTION_STATUSES,
  startSimulator,
} from "hotmart-simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api, SALES, SUBS } from "./helpers";

const PATHS = [
  `${SALES}/history?max_results=50&transaction_status=COMPLETE`,
  `${SALES}/users?max_results=20`,
  `${SALES}/commissions?max_results=20`,
  `${SALES}/price/details?max_results=20`,
  `${SALES}/summary`,
  `${SUBS}?max_results=50`,
  `${SUBS}/summary?max_results=50`,
  "/products/api/v1/products",
  "/club/api/v1/users?subdomain=my_subdomain&max_results=100",
  "/club/api/v1/modules?subdomain=my_subdomain",
];

async function snapshot(api: Api): Promise<string[]> {
  return Promise.all(PATHS.map(async (p) => (await api.get(p)).text));
}

describe("Deterministic data", () => {
  let a: Api;
  let b: Api;
  let c: Api;
  beforeAll(async () => {
    a = await Api.start({ seed: 1234, now: PINNED_NOW });
    // Somebody else's faker use in the same process must not change our data.
    sharedFaker.seed(99);
    sharedFaker.person.fullName();
    b = await Api.start({ seed: 1234, now: PINNED_NOW });
    c = await Api.start({ seed: 1235, now: PINNED_NOW });
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close(), c.close()]);
  });

  it("the same seed gives byte-identical responses", async () => {
    expect(await snapshot(a)).toEqual(await snapshot(b));
  });

  it("another seed gives other data", async () => {
    const [x, y] = [await snapshot(a), await snapshot(c)];
    expect(x[0]).not.toEqual(y[0]);
  });

  it("does not disturb the shared fakerPT_BR sequence of the caller", async () => {
    sharedFaker.seed(5);
    const expected = sharedFaker.person.fullName();
    sharedFaker.seed(5);
    const sim = await startSimulator({ seed: 77 });
    const actual = sharedFaker.person.fullName();
    await sim.close();
    expect(actual).toBe(expected);
  });

  it("derives credentials and hottok from the seed unless given", async () => {
    expect(a.sim.credentials).toEqual(b.sim.credentials);
    expect(a.sim.hottok).toEqual(b.sim.hottok);
    expect(a.sim.credentials.clientId).not.toBe(c.sim.credentials.clientId);
    const custom = await startSimulator({
      credentials: { clientId: "id", clientSecret: "secret" },
      hottok: "hot",
    });
    expect(custom.credentials).toEqual({
      clientId: "id",
      clientSecret: "secret",
      basic: Buffer.from("id:secret").toString("base64"),
    });
    expect(custom.hottok).toBe("hot");
    expect(custom.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await custom.close();
  });
});

describe("Dataset coverage and consistency", () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start({ seed: 42 });
  });
  afterAll(() => api.close());

  it("has pt-BR people with valid CPFs, Brazilian addresses and example e-mails", () => {
    const br = api.sim.data.buyers.filter((b) => b.documentType === "CPF");
    expect(br.length).toBeGreaterThan(api.sim.data.buyers.length / 2);
    for (const buyer of br.slice(0, 50)) {
      expect(buyer.document).toMatch(/^\d{11}$/);
      expect(validCpf(buyer.document)).toBe(true);
      expect(buyer.address.zipCode).toMatch(/^\d{8}$/);
      expect(buyer.email).toMatch(/@example\.(com|org|net)$/);
    }
    const emails = api.sim.data.buyers.map((b) => b.email);
    expect(new Set(emails).size).toBe(emails.length);
  });

  it("covers most sale statuses and payment types, several currencies, and every subscription status and billing type", () => {
    const sales = api.sim.data.sales;
    expect(new Set(sales.map((s) => s.status)).size).toBeGreaterThanOrEqual(PURCHASE_STATUSES.length - 4);
    expect(new Set(sales.map((s) => s.paymentType)).size).toBeGreaterThanOrEqual(PAYMENT_TYPES.length - 4);
    expect(new Set(sales.map((s) => s.currency)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(api.sim.data.subscriptions.map((s) => s.status))).toEqual(new Set(SUBSCRIPTION_STATUSES));
    expect(new Set(api.sim.data.subscriptions.map((s) => s.billingType))).toEqual(new Set(BILLING_TYPES));
  });

  it("contains the sandbox records", () => {
    const d = api.sim.data;
    expect(d.subscription(SANDBOX.subscriberSuccess)?.magic).toBe("success");
    expect(d.subscription(SANDBOX.subscriberFailure)?.magic).toBe("failure");
    expect(d.product(SANDBOX.offersUcode)).toBeDefined();
    expect(d.product(SANDBOX.plansUcode)?.plans.length).toBe(3);
    expect(d.product(SANDBOX.clubProductId)?.club?.subdomain).toBe(SANDBOX.subdomain);
    expect(d.club.users.map((u) => u.userId)).toEqual(expect.arrayContaining([...SANDBOX.userIds]));
  });

  it("a subscription's purchases are sales of that subscription, all findable in the history", async () => {
    const subs = api.sim.data.subscriptions.filter((s) => !s.magic && s.recurrences.length > 0).slice(0, 8);
    for (const sub of subs) {
      const purchases = (await api.get(`${SUBS}/${sub.subscriberCode}/purchases`)).body as {
        transaction: string;
        status: string;
      }[];
      expect(purchases.length).toBe(sub.recurrences.flatMap((r) => r.sales).length);
      for (const p of purchases) {
        const h = await api.get(`${SALES}/history`, { transaction: p.transaction });
        expect(h.body.items[0].buyer.email).toBe(sub.subscriber.email);
        expect(h.body.items[0].product.id).toBe(sub.product.id);
        expect(h.body.items[0].purchase.status).toBe(p.status);
      }
    }
  });

  it("a subscription's transaction is its first purchase", async () => {
    const res = await api.get(SUBS, { subscriber_code: SANDBOX.subscriberSuccess });
    const purchases = await api.get(`${SUBS}/${SANDBOX.subscriberSuccess}/purchases`);
    expect(res.body.items[0].transaction).toBe(purchases.body[0].transaction);
  });

  it("every record points at the same live sale objects the reports read", () => {
    const d = api.sim.data;
    const listed = new Set(d.sales);
    for (const sale of d.sales) expect(d.sale(sale.transaction)).toBe(sale);
    for (const sub of d.subscriptions)
      for (const r of sub.recurrences) for (const s of r.sales) expect(listed.has(s)).toBe(true);
    for (const event of d.events)
      for (const t of event.tickets) if (t.sale) expect(listed.has(t.sale)).toBe(true);
  });

  it("sales are dated on or before the simulated now", () => {
    const now = api.sim.clock.now();
    for (const s of api.sim.data.sales) {
      expect(s.orderDate).toBeLessThanOrEqual(now);
      if (s.approvedDate !== undefined) expect(s.approvedDate).toBeGreaterThanOrEqual(s.orderDate);
    }
  });
});

describe("Scale option", () => {
  it("dates nothing before Hotmart existed, so an export's default range (from 2010) holds every record", async () => {
    // Seed 2 at 6,000 sales made an OVERDUE yearly subscription of 24 cycles whose first sale was in
    // 2003: `hotmart export` with its default start then left records out of a simulator it was shown on.
    // With a `now` pinned in the past too, every status's history starts in 2011 at the earliest.
    const start = Date.UTC(2011, 0, 1);
    for (const [seed, now] of [
      [2, undefined],
      [2, Date.UTC(2016, 0, 1)],
      [7, Date.UTC(2018, 0, 1)],
    ] as const) {
      const api = await Api.start({ seed, scale: { sales: 6000 }, ...(now === undefined ? {} : { now }) });
      try {
        expect(api.sim.data.sales.filter((s) => s.orderDate < start)).toEqual([]);
        expect(api.sim.data.subscriptions.filter((s) => s.accessionDate < start)).toEqual([]);
      } finally {
        await api.close();
      }
    }
  });

  it("generates the requested number of sales", async () => {
    const api = await Api.start({
      seed: 3,
      scale: { sales: 3000, subscriptions: 100, clubUsers: 20, participants: 10 },
    });
    try {
      expect(api.sim.data.sales.length).toBe(3000);
      expect(api.sim.data.subscriptions.length).toBe(102);
      expect(api.sim.data.club.users).toHaveLength(20);
      const history = await api.get(`${SALES}/history`, { transaction_status: "APPROVED" });
      expect(history.body.page_info.total_results).toBe(
        api.sim.data.sales.filter((s) => s.status === "APPROVED").length,
      );
    } finally {
      await api.close();
    }
  });
});

function validCpf(cpf: string): boolean {
  const d = [...cpf].map(Number);
  for (const len of [9, 10]) {
    let sum = 0;
    for (let i = 0; i < len; i++) sum += (d[i] as number) * (len + 1 - i);
    const r = (sum * 10) % 11;
    if ((r === 10 ? 0 : r) !== d[len]) return false;
  }
  return true;
}
