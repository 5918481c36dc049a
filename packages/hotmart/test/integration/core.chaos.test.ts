/**
 * The SDK's side of the chaos suite (issue 8 item 10): what an operator would try against it, with
 * the figures printed. `npm test` runs the quick form; `npm run test:chaos` sets HOTMART_CHAOS=full and
 * scales the counts up. Counts are asserted, never durations.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  type APIError,
  type ClientOptions,
  Hotmart,
  HotmartError,
  InternalServerError,
  ResponseParseError,
  UnprocessableEntityError,
} from "hotmart";
import { type FaultKind, type FaultSpec, type Simulator, startSimulator } from "hotmart-simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { globalRedactor } from "../../src/internal/redact";
import { skipRetryWaits } from "../helpers/retry-waits";
import { clientFor } from "./helpers";

const FULL = process.env.HOTMART_CHAOS === "full";
const scaled = (quick: number, full: number) => (FULL ? full : quick);
const LONG = scaled(60_000, 600_000);

const report = (name: string, figures: Record<string, unknown>) =>
  console.log(
    `[chaos ${FULL ? "full" : "quick"}] ${name}: ${Object.entries(figures)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(" ")}`,
  );

describe("pagination under ~20% mixed faults", () => {
  it(
    "yields every record exactly once",
    async () => {
      const sales = scaled(1_500, 12_000);
      const sim = await startSimulator({
        port: 0,
        seed: 81,
        scale: { sales },
        rateLimit: { limit: 100_000, windowMs: 1_000 },
      });
      // Enough retries that 20 % faults cannot exhaust them on any page (0.2^7 per page).
      const client = clientFor(sim, { maxRetries: 6, totalTimeout: LONG });
      // The quick form is about exactly-once, not about how long the backoff is: its waits are skipped
      // (about 10 s of them). The full form sleeps them out, as an operator's run would.
      const waits = FULL ? undefined : skipRetryWaits(client);
      try {
        const route = "GET /payments/api/v1/sales/history";
        const mix: FaultSpec[] = [
          { route, kind: "status", status: 503, rate: 0.05 },
          { route, kind: "reset", rate: 0.03 },
          { route, kind: "truncate", rate: 0.04 },
          { route, kind: "empty", rate: 0.04 },
          { route, kind: "drop-response", rate: 0.02 },
          { route, kind: "rate-limit", rate: 0.02 },
          { route, kind: "latency", delayMs: 20, rate: 0.05 },
        ];
        for (const fault of mix) sim.faults.add(fault);
        const expected = new Set(
          sim.data.sales
            .filter((s) => s.status === "APPROVED" || s.status === "COMPLETE")
            .map((s) => s.transaction),
        );
        const seen = new Map<string, number>();
        for await (const sale of client.sales.history({ max_results: 20 })) {
          seen.set(sale.purchase.transaction, (seen.get(sale.purchase.transaction) ?? 0) + 1);
        }
        const log = sim.requestLog.filter((e) => e.path === "/payments/api/v1/sales/history");
        const faulted = log.filter((e) => e.fault !== undefined && e.fault !== "latency").length;
        const duplicates = [...seen.values()].reduce((n, c) => n + c - 1, 0);
        const missing = [...expected].filter((t) => !seen.has(t)).length;
        report("pagination", {
          records: seen.size,
          expected: expected.size,
          duplicates,
          missing,
          requests: log.length,
          faulted,
          faultRate: `${Math.round((faulted / log.length) * 100)}%`,
          skippedWaits: waits
            ? `${waits.length} (${Math.round(waits.reduce((a, b) => a + b, 0))} ms)`
            : "none",
        });
        expect(faulted).toBeGreaterThan(0);
        expect(duplicates).toBe(0);
        expect(missing).toBe(0);
        expect(seen.size).toBe(expected.size);
      } finally {
        await client.close();
        await sim.close();
      }
    },
    LONG,
  );
});

describe("token stampede", () => {
  it("concurrent calls with no token make one token request", async () => {
    const calls = scaled(50, 500);
    const sim = await startSimulator({ port: 0, seed: 82, rateLimit: false });
    const client = clientFor(sim, { rateLimit: false });
    try {
      const pages = await Promise.all(
        Array.from({ length: calls }, () => client.products.list({ max_results: 1 })),
      );
      report("token stampede", {
        calls,
        answered: pages.length,
        tokenRequests: sim.stats().tokenGrants,
      });
      expect(pages).toHaveLength(calls);
      expect(sim.stats().tokenGrants).toBe(1);
      expect(client.tokenRequests).toBe(1);
    } finally {
      await client.close();
      await sim.close();
    }
  });
});

/** What each fault kind must come to for a write. */
interface Expected {
  fault: Omit<FaultSpec, "route" | "times">;
  /** How many times the write may be applied (at most). */
  applied: 0 | 1;
  /** The error class, or "ok" (the call resolves); "ok-or-parse": either resolves or a ResponseParseError. */
  result: "ok" | "ok-or-parse" | (abstract new (...args: never[]) => HotmartError);
  outcomeUnknown?: boolean;
  options?: { timeout: number };
}

const FAULTS: Record<string, Expected> = {
  "status 500": {
    fault: { kind: "status", status: 500 },
    applied: 0,
    result: InternalServerError,
    outcomeUnknown: true,
  },
  "status 422": {
    fault: { kind: "status", status: 422 },
    applied: 0,
    result: UnprocessableEntityError,
    outcomeUnknown: false,
  },
  "rate-limit": { fault: { kind: "rate-limit" }, applied: 1, result: "ok" },
  latency: {
    fault: { kind: "latency", delayMs: 400 },
    applied: 1,
    result: APIConnectionTimeoutError,
    outcomeUnknown: true,
    options: { timeout: 100 },
  },
  reset: { fault: { kind: "reset" }, applied: 0, result: APIConnectionError, outcomeUnknown: true },
  truncate: { fault: { kind: "truncate" }, applied: 1, result: "ok-or-parse", outcomeUnknown: false },
  empty: { fault: { kind: "empty" }, applied: 1, result: "ok-or-parse", outcomeUnknown: false },
  "drop-response": {
    fault: { kind: "drop-response" },
    applied: 1,
    result: APIConnectionError,
    outcomeUnknown: true,
  },
};

interface Write {
  /** The fault route: the method and the API group, so the token request is never hit. */
  route: string;
  effect: string;
  run: (client: Hotmart, sim: Simulator, options: { timeout?: number }) => Promise<unknown>;
}

const liveSub = (sim: Simulator) =>
  must(
    sim.data.subscriptions.find((s) => s.magic === undefined && s.status === "ACTIVE"),
    "ACTIVE subscription",
  );
const inactiveSub = (sim: Simulator) =>
  must(
    sim.data.subscriptions.find(
      (s) =>
        s.magic === undefined &&
        ["CANCELLED_BY_CUSTOMER", "CANCELLED_BY_SELLER", "INACTIVE"].includes(s.status),
    ),
    "cancelled subscription",
  );

const WRITES: Record<string, Write> = {
  "sales.refund": {
    route: "PUT /payments",
    effect: "sale.refund",
    run: (c, sim, o) =>
      c.sales.refund(
        must(
          sim.data.sales.find(
            (s) =>
              (s.status === "APPROVED" || s.status === "COMPLETE") &&
              !s.trial &&
              !/BACS|SEPA/.test(s.paymentMethod) &&
              s.subscription === undefined,
          ),
          "refundable sale",
        ).transaction,
        o,
      ),
  },
  "subscriptions.cancel": {
    route: "POST /payments",
    effect: "subscription.cancel",
    run: (c, sim, o) => c.subscriptions.cancel([liveSub(sim).subscriberCode], {}, o),
  },
  "subscriptions.cancelSingle": {
    route: "POST /payments",
    effect: "subscription.cancel",
    run: (c, sim, o) => c.subscriptions.cancelSingle(liveSub(sim).subscriberCode, {}, o),
  },
  "subscriptions.reactivate": {
    route: "POST /payments",
    effect: "subscription.reactivate",
    run: (c, sim, o) => c.subscriptions.reactivate([inactiveSub(sim).subscriberCode], {}, o),
  },
  "subscriptions.reactivateSingle": {
    route: "POST /payments",
    effect: "subscription.reactivate",
    run: (c, sim, o) => c.subscriptions.reactivateSingle(inactiveSub(sim).subscriberCode, {}, o),
  },
  "subscriptions.changeDueDay": {
    route: "PATCH /payments",
    effect: "subscription.due_day",
    run: (c, sim, o) => c.subscriptions.changeDueDay(liveSub(sim).subscriberCode, 12, o),
  },
  "coupons.create": {
    route: "POST /products",
    effect: "coupon.create",
    run: (c, sim, o) =>
      c.coupons.create(
        must(
          sim.data.products.find((p) => p.listed),
          "listed product",
        ).id,
        `CHAOS${sim.data.coupons.length}`,
        { discount: 0.1 },
        o,
      ),
  },
  "coupons.delete": {
    route: "DELETE /products",
    effect: "coupon.delete",
    run: (c, sim, o) =>
      c.coupons.delete(
        must(
          sim.data.coupons.find((k) => !k.deleted),
          "coupon",
        ).id,
        o,
      ),
  },
  "negotiation.create": {
    route: "POST /payments",
    effect: "negotiation.create",
    run: (c, sim, o) => {
      const sub = must(
        sim.data.subscriptions.find(
          (s) => s.magic === undefined && s.recurrences.some((r) => r.status === "NOT_PAID"),
        ),
        "subscription with an overdue recurrence",
      );
      const last = sub.recurrences.filter((r) => r.status === "NOT_PAID").at(-1);
      return c.negotiation.create(
        { subscription_id: sub.id, recurrences: [must(last, "recurrence").number], payment_type: "PIX" },
        o,
      );
    },
  },
};

describe("writes under every fault kind", () => {
  let sim: Simulator;
  let client: Hotmart;
  beforeAll(async () => {
    // Each case starts from fresh data (resetData regenerates it): a small dataset with every kind of
    // record the writes need regenerates in a tenth of the default one's time.
    sim = await startSimulator({
      port: 0,
      seed: 83,
      scale: { sales: 200, clubUsers: 5, participants: 1 },
      rateLimit: { limit: 100_000, windowMs: 1_000 },
    });
    client = clientFor(sim);
  });
  afterAll(async () => {
    await client.close();
    await sim.close();
  });

  it(
    "each is applied at most once and reports outcomeUnknown correctly",
    async () => {
      const rounds = scaled(1, 3);
      let cases = 0;
      let appliedOnce = 0;
      let notApplied = 0;
      let appliedTwice = 0;
      let unknownRight = 0;
      const wrong: string[] = [];
      for (let round = 0; round < rounds; round++) {
        for (const [method, write] of Object.entries(WRITES)) {
          for (const [kind, expected] of Object.entries(FAULTS)) {
            const name = `${method} under ${kind}`;
            sim.faults.clear();
            sim.resetData();
            await client.products.list({ max_results: 1 }); // holds a token before the fault
            sim.resetStats();
            sim.faults.add({ ...expected.fault, route: write.route, times: 1 } as FaultSpec & {
              kind: FaultKind;
            });
            let error: unknown;
            try {
              await write.run(client, sim, expected.options ?? {});
            } catch (e) {
              error = e;
            }
            if (expected.fault.kind === "latency") {
              // The simulator applies the write once its delay is over; wait for it before counting (on
              // the count itself, so a busy machine cannot make the case pass with nothing applied yet).
              const until = Date.now() + 10_000;
              while ((sim.stats().sideEffects[write.effect] ?? 0) === 0 && Date.now() < until)
                await new Promise((r) => setTimeout(r, 20));
              // Time for a second application to show, if the SDK had wrongly resent the write.
              await new Promise((r) => setTimeout(r, 50));
            }
            cases += 1;
            const applied = sim.stats().sideEffects[write.effect] ?? 0;
            const sends = sim.requestLog.filter((e) =>
              `${e.method} ${e.path}`.startsWith(write.route),
            ).length;
            if (applied === 1) appliedOnce += 1;
            if (applied === 0) notApplied += 1;
            if (applied > 1) appliedTwice += 1;
            const check = (ok: boolean, what: string) => {
              if (!ok) wrong.push(`${name}: ${what}`);
            };
            check(applied <= 1, `applied ${applied} times`);
            check(expected.applied === 1 || applied === 0, `applied ${applied} times (expected none)`);
            check(sends === (kind === "rate-limit" ? 2 : 1), `sent ${sends} times`);
            if (expected.result === "ok") {
              check(error === undefined, `failed: ${String(error)}`);
              unknownRight += error === undefined ? 1 : 0;
            } else if (expected.result === "ok-or-parse" && error === undefined) {
              unknownRight += 1;
            } else {
              const type = expected.result === "ok-or-parse" ? ResponseParseError : expected.result;
              check(error instanceof type, `threw ${String(error)} (expected ${type.name})`);
              const got = (error as HotmartError | undefined)?.outcomeUnknown;
              check(got === expected.outcomeUnknown, `outcomeUnknown ${String(got)}`);
              if (got === expected.outcomeUnknown) unknownRight += 1;
              if (got === true) check(/outcome is unknown/.test(String((error as Error).message)), "message");
              check(JSON.stringify(error).includes(`"outcomeUnknown":${String(got)}`), "toJSON");
            }
          }
        }
      }
      report("writes", {
        methods: Object.keys(WRITES).length,
        faultKinds: Object.keys(FAULTS).length,
        cases,
        appliedOnce,
        notApplied,
        appliedTwice,
        outcomeUnknownRight: `${unknownRight}/${cases}`,
      });
      expect(wrong).toEqual([]);
    },
    LONG,
  );
});

describe("secrets of many clients stay masked", () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    // Answers every token request, and echoes the caller's credentials bare (no "Basic " prefix, no
    // `client_secret=`), so only the per-client masking can hide them.
    server = createServer((req: IncomingMessage, res) => {
      const u = new URL(req.url ?? "/", "http://x");
      res.setHeader("content-type", "application/json");
      if (u.pathname === "/security/oauth/token") {
        const secret = u.searchParams.get("client_secret") ?? "";
        const basic = (req.headers.authorization ?? "").replace(/^Basic /, "");
        res.end(
          JSON.stringify({ access_token: `tok.${secret}`, expires_in: 3600, echo: `${secret} ${basic}` }),
        );
        return;
      }
      res.statusCode = 400;
      res.end(
        JSON.stringify({ error: "bad_request", error_description: `you sent ${u.searchParams.get("echo")}` }),
      );
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
  });

  it(
    "the first client's secret and Basic never appear in clear after thousands of other clients",
    async () => {
      const count = scaled(5_000, 20_000);
      const make = (i: number, extra: ClientOptions = {}) =>
        new Hotmart({
          clientId: `client-${i}`,
          clientSecret: `secret-of-client-${i}-x9`,
          baseURL: url,
          rateLimit: false,
          maxRetries: 0,
          ...extra,
        });
      const lines: string[] = [];
      const push = (...args: unknown[]) => lines.push(args.map((a) => inspect(a, { depth: 8 })).join(" "));
      const first = make(0, {
        logLevel: "debug",
        logger: { error: push, warn: push, info: push, debug: push },
      });
      const globalBefore = globalRedactor.size;
      const others = Array.from({ length: count }, (_, i) => make(i + 1));
      const probe = async (client: Hotmart, i: number) => {
        const secret = `secret-of-client-${i}-x9`;
        const basic = btoa(`client-${i}:${secret}`);
        const error = (await client
          .request("GET", "/echo", { echo: `${secret} and ${basic}` })
          .catch((e: unknown) => e)) as APIError;
        expect(error).toBeInstanceOf(HotmartError);
        const outputs = [
          error.message,
          JSON.stringify(error),
          inspect(error, { depth: 8 }),
          String(error.stack),
        ];
        const leaks = outputs.filter((o) => o.includes(secret) || o.includes(basic)).length;
        return { leaks, masked: outputs.every((o) => o.includes("[redacted]")) };
      };
      const firstResult = await probe(first, 0);
      const lastResult = await probe(others[count - 1] as Hotmart, count);
      const logLeaks = lines.filter(
        (l) => l.includes("secret-of-client-0-x9") || l.includes(btoa("client-0:")),
      ).length;
      report("masking", {
        clients: count + 1,
        firstClientLeaks: firstResult.leaks,
        lastClientLeaks: lastResult.leaks,
        logLines: lines.length,
        logLeaks,
        processWideSecretsAdded: globalRedactor.size - globalBefore,
      });
      expect(firstResult).toEqual({ leaks: 0, masked: true });
      expect(lastResult).toEqual({ leaks: 0, masked: true });
      expect(lines.length).toBeGreaterThan(0);
      expect(logLeaks).toBe(0);
      // No client's credentials are kept process-wide: nothing to evict, nothing kept after the client.
      expect(globalRedactor.size).toBe(globalBefore);
      await Promise.all([first, ...others].map((c) => c.close()));
    },
    LONG,
  );
});

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the simulator dataset has no ${what}`);
  return value;
}
