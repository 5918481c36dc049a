import {
  PINNED_NOW,
  type Simulator,
  SimulatorOptionError,
  type SimulatorOptions,
  startSimulator,
} from "hotmart-simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCliArgs, startFailureMessage } from "../src/cli-args";
import { Api, SALES, SUBS } from "./helpers";

/** Issue 9 items 10 to 12: what a newcomer trips on. */
describe("Sandbox fixtures are not listed first", () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start({ seed: 42 });
  });
  afterAll(() => api.close());

  it("lists generated subscriptions before B2HNQAXJ and X53ZPFQZ, which still answer", async () => {
    const active = await api.get(SUBS, { status: "ACTIVE", max_results: 5 });
    expect(active.status).toBe(200);
    const first = active.body.items[0].subscriber_code;
    expect(["B2HNQAXJ", "X53ZPFQZ"]).not.toContain(first);
    expect(api.sim.data.subscription(first)?.magic).toBeUndefined();
    const all = await api.walk(SUBS);
    const codes = all.items.map((s: { subscriber_code: string }) => s.subscriber_code);
    expect(codes.slice(-2)).toEqual(["B2HNQAXJ", "X53ZPFQZ"]);
    // Cancelling the first one listed really cancels it.
    const cancel = await api.post(`${SUBS}/${first}/cancel`);
    expect(cancel.status).toBe(200);
    expect(api.sim.data.subscription(first)?.status).toBe("CANCELLED_BY_SELLER");
    expect((await api.post(`${SUBS}/B2HNQAXJ/cancel`)).status).toBe(200);
    expect(api.sim.data.subscription("B2HNQAXJ")?.status).toBe("ACTIVE");
  });
});

describe("The clock", () => {
  it("defaults to the wall clock, so a sale made now is in the last 24 hours", async () => {
    const before = Date.now();
    const api = await Api.start({ seed: 5, scale: { sales: 50 } });
    try {
      const after = Date.now();
      expect(api.sim.data.generatedAt).toBeGreaterThanOrEqual(before);
      expect(api.sim.data.generatedAt).toBeLessThanOrEqual(after);
      // Data is generated back from now: the newest sales are days old, not a month or years.
      const newest = Math.max(...api.sim.data.sales.map((s) => s.orderDate));
      expect(newest).toBeLessThanOrEqual(api.sim.clock.now());
      expect(newest).toBeGreaterThan(before - 7 * 86_400_000);
      const sale = api.sim.purchase();
      const now = api.sim.clock.now();
      const recent = await api.get(`${SALES}/history`, { start_date: now - 86_400_000, end_date: now + 1 });
      expect(
        recent.body.items.map((i: { purchase: { transaction: string } }) => i.purchase.transaction),
      ).toContain(sale.transaction);
    } finally {
      await api.close();
    }
  });

  it("gives the same data for the same seed and now, and shifted dates for another now", async () => {
    const snapshot = (sim: Simulator) =>
      sim.data.sales.slice(0, 50).map((s) => [s.transaction, s.orderDate, s.status, s.total, s.buyer.email]);
    const start = (options: SimulatorOptions) =>
      startSimulator({ seed: 8, scale: { sales: 80 }, ...options });
    const a = await start({ now: PINNED_NOW });
    const b = await start({ now: PINNED_NOW });
    const c = await start({ now: PINNED_NOW + 10 * 86_400_000 });
    try {
      expect(snapshot(a)).toEqual(snapshot(b));
      expect(a.data.generatedAt).toBe(PINNED_NOW);
      const shifted = snapshot(c);
      expect(shifted.map((row) => row[0])).toEqual(snapshot(a).map((row) => row[0]));
      expect(shifted[0]?.[1]).toBe((snapshot(a)[0]?.[1] as number) + 10 * 86_400_000);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });
});

describe("Option errors", () => {
  it("throws a typed SimulatorOptionError naming the option", async () => {
    const cases: [SimulatorOptions, string][] = [
      [{ seed: "abc" as unknown as number }, "seed"],
      [{ seed: 1.5 }, "seed"],
      [{ scale: { sales: -1 } }, "scale.sales"],
      [{ scale: { sale: 10 } as never }, "scale.sale"],
      [{ port: 70_000 }, "port"],
      [{ now: Number.NaN }, "now"],
      [{ rateLimit: { limit: 0 } }, "rateLimit.limit"],
      [{ maxBodyBytes: 0 }, "maxBodyBytes"],
      [{ webhooks: [{ url: "not a url" }] }, "webhooks[0].url"],
    ];
    for (const [options, option] of cases) {
      const error = await startSimulator(options).then(
        (sim) => sim.close().then(() => undefined),
        (e: unknown) => e,
      );
      expect(error, option).toBeInstanceOf(SimulatorOptionError);
      expect((error as SimulatorOptionError).option).toBe(option);
      expect((error as Error).message).toContain(option);
    }
  });
});

describe("purchase and approve", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 4, scale: { sales: 60 } });
  });
  afterAll(() => sim.close());

  it("creates the buyer of an unknown e-mail; refuses what is not an e-mail", () => {
    const buyers = sim.data.buyers.length;
    const sale = sim.purchase({ buyerEmail: "New.Customer@example.com" });
    expect(sale.buyer.email).toBe("New.Customer@example.com");
    expect(sim.data.buyers.length).toBe(buyers + 1);
    // The same e-mail (any case) is the same buyer next time.
    expect(sim.purchase({ buyerEmail: "new.customer@example.com" }).buyer).toBe(sale.buyer);
    expect(() => sim.purchase({ buyerEmail: "nobody" })).toThrow(TypeError);
  });

  it("names products and offers that exist when asked to sell an unknown one", () => {
    // It said only "No product 1 to sell": the caller had to dig through sim.data.
    const product = sim.data.products.find((p) => p.offers.length > 0);
    if (!product) throw new Error("the dataset has a product with offers");
    expect(() => sim.purchase({ productId: 1 })).toThrow(RangeError);
    expect(() => sim.purchase({ productId: 1 })).toThrow(
      /^No product 1 to sell\. Products of this simulator: \d+(, \d+)*(, \.\.\. \(\d+ in all\))?\.$/,
    );
    expect(() => sim.purchase({ productId: product.id, offerCode: "NOPE" })).toThrow(
      `Product ${product.id} has no offer NOPE. Its offers: ${product.offers.map((o) => o.code).join(", ")}.`,
    );
    // A product it names can be sold.
    const named = /Products of this simulator: (\d+)/.exec(
      (() => {
        try {
          sim.purchase({ productId: 1 });
        } catch (error) {
          return (error as Error).message;
        }
        return "";
      })(),
    )?.[1];
    expect(sim.purchase({ productId: Number(named) }).product.id).toBe(Number(named));
  });

  it("names sales that can be approved when asked for an unknown one", () => {
    const pending = sim.purchase({ status: "WAITING_PAYMENT" });
    expect(() => sim.approve("HP-NOPE")).toThrow(RangeError);
    expect(() => sim.approve("HP-NOPE")).toThrow(/No sale HP-NOPE .*Sales that can be approved: /);
    const message = (() => {
      try {
        sim.approve("HP-NOPE");
      } catch (error) {
        return (error as Error).message;
      }
      return "";
    })();
    const named = message.slice(message.indexOf(": ") + 2).split(/, |\./)[0] ?? "";
    expect(sim.data.sale(named)).toBeDefined();
    expect(sim.approve(pending.transaction).status).toBe("APPROVED");
  });
});

describe("CLI", () => {
  it("pins the clock with --now (ISO date or epoch ms) and caps bodies with --max-body-bytes", () => {
    expect(parseCliArgs(["--now", "2026-11-01T12:00:00Z"]).options.now).toBe(PINNED_NOW);
    expect(parseCliArgs(["--now", String(PINNED_NOW)]).options.now).toBe(PINNED_NOW);
    expect(() => parseCliArgs(["--now", "someday"])).toThrow(/--now/);
    expect(parseCliArgs(["--max-body-bytes", "2048"]).options.maxBodyBytes).toBe(2048);
  });

  it("refuses a --now whose offset no time zone has, naming the flag (not the option's NaN)", () => {
    for (const wrong of ["2026-11-01T12:00:00+99:00", "2026-11-01T12:00-03:75"]) {
      expect(() => parseCliArgs(["--now", wrong])).toThrow(
        /^--now ".*" has an offset no time zone has: pass an ISO date/,
      );
    }
  });

  it("reads --now the same on every machine: a date-time without a zone is refused, not read in the machine's", () => {
    // Date.parse read these in the process's time zone: 12:00 UTC on a server, 15:00 UTC in São Paulo.
    for (const local of ["2026-11-01T12:00", "2026-11-01 12:00:00"]) {
      expect(() => parseCliArgs(["--now", local])).toThrow(/no time zone.*Z.*-03:00/);
    }
    expect(parseCliArgs(["--now", "2026-11-01T09:00:00-03:00"]).options.now).toBe(PINNED_NOW);
    expect(parseCliArgs(["--now", "2026-11-01 12:00Z"]).options.now).toBe(PINNED_NOW);
    expect(parseCliArgs(["--now", "2026-11-01T14:00+0200"]).options.now).toBe(PINNED_NOW);
    expect(parseCliArgs(["--now", "2026-11-01"]).options.now).toBe(Date.UTC(2026, 10, 1));
    // Nor what Date.parse rolled over (2 March) or read month first in the machine's zone (11 January).
    for (const wrong of ["2026-02-30", "2026-02-30T12:00Z", "01/11/2026", "2026-11-01T24:00Z"]) {
      expect(() => parseCliArgs(["--now", wrong])).toThrow(/--now/);
    }
  });

  it("suggests --port 0 when the port is taken", async () => {
    const first = await startSimulator();
    try {
      const options = { port: first.port };
      const error = await startSimulator(options).then(
        (sim) => sim.close().then(() => undefined),
        (e: unknown) => e,
      );
      expect((error as { code?: string }).code).toBe("EADDRINUSE");
      const message = startFailureMessage(error, options);
      expect(message).toContain(`127.0.0.1:${first.port} is already in use`);
      expect(message).toContain("--port 0");
    } finally {
      await first.close();
    }
  });
});
