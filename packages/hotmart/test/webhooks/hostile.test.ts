/**
 * Hostile bodies (issue 8 item 6): what `express.json()` may leave in `req.body` can be nested deeper
 * than the stack. The hottok header is checked before the body is touched; an unverified request is a
 * 401, a body that cannot be handled a 400, and nothing is ever a 500.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import {
  constructEvent,
  createNodeWebhookHandler,
  createWebhookHandler,
  type NodeWebhookRequest,
  WebhookPayloadError,
  WebhookVerificationError,
} from "hotmart";
import { describe, expect, it } from "vitest";

const HOTTOK = "hottok-hostile-test-5f4e3d";

function deep(levels = 200_000): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let node = root;
  for (let i = 0; i < levels; i++) {
    const next: Record<string, unknown> = {};
    node.a = next;
    node = next;
  }
  return root;
}

async function post(
  headers: Record<string, string>,
  body: unknown,
): Promise<{ status: number; body: string }> {
  let read = false;
  const req: NodeWebhookRequest = {
    method: "POST",
    url: "/webhooks/hotmart",
    headers: { host: "localhost", "content-type": "application/json", ...headers },
    body,
    readableEnded: true,
    [Symbol.asyncIterator]() {
      read = true;
      return [][Symbol.iterator]() as unknown as AsyncIterator<unknown>;
    },
  };
  const res = {
    statusCode: 0,
    text: "",
    setHeader: () => undefined,
    end(chunk?: unknown) {
      res.text = chunk instanceof Uint8Array ? new TextDecoder().decode(chunk) : String(chunk ?? "");
    },
  };
  await createNodeWebhookHandler({ hottok: HOTTOK, dedupe: false, logLevel: "off" })(req, res);
  expect(read, "the consumed stream is never read").toBe(false);
  return { status: res.statusCode, body: res.text };
}

describe("a deeply nested, already-parsed body", () => {
  it("with a wrong hottok header is 401", async () => {
    expect((await post({ "x-hotmart-hottok": "wrong-hottok-value" }, deep())).status).toBe(401);
  });

  it("with no hottok at all is 401", async () => {
    expect((await post({}, deep())).status).toBe(401);
  });

  it("with the right hottok header is 400, not 500", async () => {
    const answer = await post({ "x-hotmart-hottok": HOTTOK }, deep());
    expect(answer.status).toBe(400);
    expect(answer.body).toMatch(/invalid_payload/);
    expect(answer.body).not.toContain(HOTTOK);
  });

  it("constructEvent throws WebhookPayloadError (right header, or verification off), 401 otherwise", () => {
    const body = deep();
    expect(() => constructEvent(body, { "X-Hotmart-Hottok": HOTTOK }, HOTTOK)).toThrow(WebhookPayloadError);
    expect(() => constructEvent(body, {}, false)).toThrow(WebhookPayloadError);
    expect(() => constructEvent(body, { "x-hotmart-hottok": "nope-nope" }, HOTTOK)).toThrow(
      WebhookVerificationError,
    );
    expect(() => constructEvent(body, {}, HOTTOK)).toThrow(WebhookVerificationError);
  });

  it("a cyclic parsed body is handled the same way", async () => {
    const cyclic: Record<string, unknown> = { event: "PURCHASE_APPROVED" };
    cyclic.self = cyclic;
    expect((await post({ "x-hotmart-hottok": HOTTOK }, cyclic)).status).toBe(400);
    expect((await post({ "x-hotmart-hottok": "wrong-hottok-value" }, cyclic)).status).toBe(401);
  });
});

describe("the web handler checks the hottok header before reading the body", () => {
  it("a wrong header is refused without pulling a single byte", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled += 1;
          controller.enqueue(new TextEncoder().encode("{}"));
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const handler = createWebhookHandler({ hottok: HOTTOK, dedupe: false, logLevel: "off" });
    const response = await handler(
      new Request("http://localhost/h", {
        method: "POST",
        headers: { "content-type": "application/json", "x-hotmart-hottok": "wrong-value-here" },
        body,
        duplex: "half",
      } as RequestInit),
    );
    expect(response.status).toBe(401);
    expect(pulled).toBe(0);
  });
});

describe("onError and the default log", () => {
  const event = JSON.stringify({
    id: "evt-1",
    event: "PURCHASE_APPROVED",
    version: "2.0.0",
    creation_date: 1,
    data: { purchase: { transaction: "HP1", status: "APPROVED" } },
  });
  const request = () =>
    new Request("http://localhost/h", {
      method: "POST",
      headers: { "content-type": "application/json", "x-hotmart-hottok": HOTTOK },
      body: event,
    });
  const capture = () => {
    const lines: string[] = [];
    const push = (...args: unknown[]) => lines.push(args.map((a) => JSON.stringify(a)).join(" "));
    return { lines, logger: { error: push, warn: push, info: push, debug: push } };
  };

  /** A handler whose PURCHASE_APPROVED callback throws `message` (which names the hottok). */
  const throwing = (logger: ReturnType<typeof capture>["logger"], message: string) =>
    createWebhookHandler({
      hottok: HOTTOK,
      dedupe: false,
      logger,
      on: {
        PURCHASE_APPROVED: () => {
          throw new Error(message);
        },
      },
    });

  it("without onError, a callback that throws is logged through the logger (and answered 500)", async () => {
    const { lines, logger } = capture();
    const handler = throwing(logger, `database down (hottok ${HOTTOK})`);
    expect((await handler(request())).status).toBe(500);
    expect(lines.join("\n")).toMatch(/callback failed.*PURCHASE_APPROVED|database down/s);
    expect(lines.join("\n")).not.toContain(HOTTOK);
  });

  it("a handler's hottok stays masked in its log however many other handlers the process made", async () => {
    // A multi-tenant receiver (one handler per seller account): the process-wide redactor keeps at most
    // 2,000 values, so 2,500 other handlers pushed the first one's hottok out and its log printed it.
    const { lines, logger } = capture();
    const handler = throwing(logger, `database down (tenant secret ${HOTTOK})`);
    const others = Array.from({ length: 2_500 }, (_, i) =>
      createWebhookHandler({ hottok: `other-tenant-hottok-${i}`, dedupe: false, on: {} }),
    );
    expect((await handler(request())).status).toBe(500);
    expect(others).toHaveLength(2_500);
    expect(lines.join("\n")).toMatch(/database down/);
    expect(lines.join("\n")).not.toContain(HOTTOK);
  });

  it("without onError, a failing dedupe store is logged as the store's failure, not the callback's", async () => {
    const { lines, logger } = capture();
    let ran = 0;
    const failing = (step: "claim" | "complete") =>
      createWebhookHandler({
        hottok: HOTTOK,
        logger,
        dedupe: {
          claim: () => {
            if (step === "claim") throw new Error("redis down at claim");
            return true;
          },
          complete: () => {
            throw new Error("redis down at complete");
          },
          release: () => {},
        },
        on: {
          PURCHASE_APPROVED: () => {
            ran += 1;
          },
        },
      });
    expect((await failing("claim")(request())).status).toBe(500);
    expect(ran).toBe(0);
    expect(lines.join("\n")).toMatch(/dedupe store could not claim the event, so no callback ran/);
    expect(lines.join("\n")).not.toMatch(/a callback failed/);
    // Processed, so answered 200, but the store's failure is not silent: a re-send may run it again.
    lines.length = 0;
    expect((await failing("complete")(request())).status).toBe(200);
    expect(ran).toBe(1);
    expect(lines.join("\n")).toMatch(/could not mark it done.*redis down at complete/s);
  });

  it("an onError that throws is logged and does not change the answer", async () => {
    const { lines, logger } = capture();
    const handler = createWebhookHandler({
      hottok: HOTTOK,
      dedupe: false,
      logger,
      onError: () => {
        throw new Error("metrics backend down");
      },
      on: {
        PURCHASE_APPROVED: () => {
          throw new Error("boom");
        },
      },
    });
    expect((await handler(request())).status).toBe(500);
    expect(lines.join("\n")).toMatch(/onError option threw.*metrics backend down/s);
  });

  it('logLevel: "off" silences it', async () => {
    const { lines, logger } = capture();
    const handler = createWebhookHandler({
      hottok: HOTTOK,
      dedupe: false,
      logger,
      logLevel: "off",
      on: {
        PURCHASE_APPROVED: () => {
          throw new Error("boom");
        },
      },
    });
    expect((await handler(request())).status).toBe(500);
    expect(lines).toEqual([]);
  });
});

describe("onError never receives the hottok", () => {
  const failing = () => {
    throw new Error("database down");
  };

  it("a v2 event with the hottok in its body: info.payload has no hottok", async () => {
    const seen: string[] = [];
    const handler = createWebhookHandler({
      hottok: HOTTOK,
      dedupe: false,
      on: { UPDATE_SUBSCRIPTION_CHARGE_DATE: failing },
      onError: (_error, info) => seen.push(JSON.stringify(info.payload)),
    });
    const body = JSON.stringify({
      id: "evt-body-hottok",
      event: "UPDATE_SUBSCRIPTION_CHARGE_DATE",
      version: "2.0.0",
      creation_date: 1,
      hottok: HOTTOK,
      data: { subscriber: { code: "ABCD1234" } },
    });
    const response = await handler(
      new Request("http://localhost/h", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      }),
    );
    expect(response.status).toBe(500);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toContain("evt-body-hottok");
    expect(seen[0]).not.toContain(HOTTOK);
  });

  it("a legacy v1 form post: neither hottok nor fields.hottok", async () => {
    const seen: string[] = [];
    const handler = createWebhookHandler({
      hottok: HOTTOK,
      dedupe: false,
      onLegacy: failing,
      onError: (_error, info) => seen.push(JSON.stringify(info.payload)),
    });
    const body = new URLSearchParams({ hottok: HOTTOK, transaction: "HP123", status: "approved" }).toString();
    const response = await handler(
      new Request("http://localhost/h", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
      }),
    );
    expect(response.status).toBe(500);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toContain("HP123");
    expect(seen[0]).not.toContain(HOTTOK);
  });
});

describe("onError's request carries no hottok", () => {
  // info.request is the request as received: its X-HOTMART-HOTTOK header held the account's secret,
  // and Node prints a Request's headers, so `onError: (error, info) => console.error(error, info)`
  // wrote the hottok to the log on every 400, 413, 415 and 500 after a right header.
  it("a 500 and a 400 after a right header, served over node:http: the header is masked", async () => {
    const seen: string[] = [];
    const listener = createNodeWebhookHandler({
      hottok: HOTTOK,
      dedupe: false,
      on: {
        PURCHASE_APPROVED: () => {
          throw new Error("database down");
        },
      },
      onError: (_error, info) => {
        seen.push(inspect(info, { depth: 5 }), info.request.headers.get("x-hotmart-hottok") ?? "absent");
      },
    });
    const server = createServer((req, res) => void listener(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hotmart?account=1`;
      const post = (body: string) =>
        fetch(url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-hotmart-hottok": HOTTOK,
            "user-agent": "probe/1",
          },
          body,
        });
      const event = { id: "evt-1", creation_date: 1, event: "PURCHASE_APPROVED", version: "2.0.0", data: {} };
      expect((await post(JSON.stringify(event))).status).toBe(500);
      expect((await post("{}")).status).toBe(400);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    expect(seen).toHaveLength(4);
    for (const text of seen) expect(text).not.toContain(HOTTOK);
    // Still the request it was: method, URL and the other headers.
    expect(seen[0]).toContain("POST");
    expect(seen[0]).toContain("/hotmart?account=1");
    expect(seen[0]).toContain("probe/1");
    expect(seen[1]).toBe("absent");
  });
});

describe("onError's copy of a request in a method the Request constructor refuses", () => {
  // Deno.serve hands a TRACE (or CONNECT, TRACK) request to the handler as it came; the handler answers
  // 405. The masked copy for onError was `new Request(url, { method })`, which throws for those methods:
  // onError was never told of the 405, and the log said "the webhook onError option threw". Node's own
  // constructor refuses TRACE too, so the test hands over what Deno does: a Request whose method is TRACE.
  it("onError gets the 405 with the method as received and no hottok; nothing is blamed on the hook", async () => {
    const logged: unknown[][] = [];
    const seen: { status: number; method: string; hottok: string | null; text: string }[] = [];
    const handler = createWebhookHandler({
      hottok: HOTTOK,
      logger: {
        error: (...args: unknown[]) => logged.push(args),
        warn: () => {},
        info: () => {},
        debug: () => {},
      },
      onError: (_error, info) => {
        seen.push({
          status: info.status,
          method: info.request.method,
          hottok: info.request.headers.get("x-hotmart-hottok"),
          text: inspect(info, { depth: 5 }),
        });
      },
    });
    const trace = Object.defineProperty(
      new Request("http://localhost/hotmart?account=1", {
        headers: { "x-hotmart-hottok": HOTTOK, "user-agent": "probe/1" },
      }),
      "method",
      { value: "TRACE" },
    );
    const response = await handler(trace);
    expect(response.status).toBe(405);
    expect(logged).toEqual([]);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ status: 405, method: "TRACE", hottok: null });
    expect(seen[0]?.text).not.toContain(HOTTOK);
    expect(seen[0]?.text).toContain("/hotmart?account=1");
    expect(seen[0]?.text).toContain("probe/1");
  });
});
