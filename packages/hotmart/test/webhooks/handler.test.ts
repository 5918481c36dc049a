import {
  constructEvent,
  createWebhookHandler,
  HotmartInputError,
  type LegacyWebhook,
  MemoryDedupeStore,
  type WebhookContext,
  type WebhookDedupeStore,
  type WebhookPayload,
  WebhookPayloadError,
} from "hotmart";
import { describe, expect, expectTypeOf, it, vi } from "vitest";
import { FIXTURE_HOTTOK, fixtureText } from "./fixtures";

const HOTTOK = "hottok-handler-test-2b4d6f8a";
const URL_ = "http://localhost/webhooks/hotmart";
const approved = fixtureText("documented", "purchase-approved");

function post(text: string, headers: Record<string, string> = {}): Request {
  return new Request(URL_, {
    method: "POST",
    headers: { "content-type": "application/json", "x-hotmart-hottok": HOTTOK, ...headers },
    body: text,
  });
}

async function bodyOf(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

describe("status codes", () => {
  const handler = createWebhookHandler({ hottok: HOTTOK, maxBodyBytes: 64 * 1024 });

  it("405 for anything but POST, with Allow: POST", async () => {
    const response = await handler(new Request(URL_, { method: "GET" }));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  it("415 for a content type Hotmart never sends", async () => {
    const response = await handler(post(approved, { "content-type": "text/plain" }));
    expect(response.status).toBe(415);
    expect(await bodyOf(response)).toMatchObject({ error: "unsupported_media_type" });
  });

  it("401, not 415, for a wrong hottok header whatever the content type", async () => {
    // An unverified caller learns nothing about what else the handler would refuse.
    const response = await handler(
      post(approved, { "content-type": "text/plain", "x-hotmart-hottok": "not-the-hottok" }),
    );
    expect(response.status).toBe(401);
    expect(await bodyOf(response)).toMatchObject({ error: "invalid_hottok" });
  });

  it("413 when Content-Length announces too much, before reading", async () => {
    const response = await handler(post("{}", { "content-length": String(65 * 1024) }));
    expect(response.status).toBe(413);
    expect(await bodyOf(response)).toMatchObject({ error: "payload_too_large" });
  });

  it("413 when a streamed body without Content-Length passes the limit", async () => {
    let pulled = 0;
    const chunk = new Uint8Array(16 * 1024).fill(0x20);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(chunk);
        if (pulled > 100) controller.close();
      },
    });
    const request = new Request(URL_, {
      method: "POST",
      headers: { "content-type": "application/json", "x-hotmart-hottok": HOTTOK },
      body: stream,
      duplex: "half",
    } as RequestInit);
    const response = await handler(request);
    expect(response.status).toBe(413);
    // It stopped reading soon after the limit instead of buffering all 1.6 MB.
    expect(pulled).toBeLessThan(10);
  });

  it("400 for a verified body that is not an event", async () => {
    for (const text of ["{ broken", "[]", '{"id":"x","creation_date":1,"data":{}}']) {
      const response = await handler(post(text));
      expect(response.status).toBe(400);
      expect(await bodyOf(response)).toMatchObject({ error: "invalid_payload" });
    }
  });

  it("200 once handled, with a JSON body that echoes nothing", async () => {
    const response = await handler(post(approved));
    expect(response.status).toBe(200);
    expect(await bodyOf(response)).toEqual({ received: true });
  });
});

describe("dispatch", () => {
  it("calls the typed callback for its event, with the raw body and the dedupe key", async () => {
    const calls: Array<{ transaction: string; context: WebhookContext }> = [];
    const handler = createWebhookHandler({
      hottok: HOTTOK,
      on: {
        PURCHASE_APPROVED: (event, context) => {
          expectTypeOf(event.data.purchase.transaction).toBeString();
          calls.push({ transaction: event.data.purchase.transaction, context });
        },
        SUBSCRIPTION_CANCELLATION: () => {
          throw new Error("not this one");
        },
      },
    });
    expect((await handler(post(approved))).status).toBe(200);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.transaction).toBe("HP10000000000009");
    expect(calls[0]?.context.rawBody).toBe(approved);
    expect(calls[0]?.context.dedupeKey).toBe("7c9e6679-7425-40de-944b-e07fc1f90ae7");
    expect(calls[0]?.context.request.url).toBe(URL_);
  });

  it("decodes the body as UTF-8 across chunks: a character split between two, a BOM dropped, a UTF-16 BOM not obeyed", async () => {
    // Each chunk is decoded as it arrives; a character cut between chunks must come out whole.
    const named = approved.replace('"HP10000000000009"', '"HP10000000000009", "note": "Coração €"');
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(named)]);
    const at = [...bytes].indexOf(0xe2) + 1; // inside "€" (e2 82 ac)
    const chunked = (parts: Uint8Array[]) =>
      new Request(URL_, {
        method: "POST",
        headers: { "content-type": "application/json", "x-hotmart-hottok": HOTTOK },
        body: new ReadableStream({
          start(controller) {
            for (const part of parts) controller.enqueue(part);
            controller.close();
          },
        }),
        duplex: "half",
      } as RequestInit);
    const raw: string[] = [];
    const handler = createWebhookHandler({
      hottok: HOTTOK,
      dedupe: false,
      on: { PURCHASE_APPROVED: (_event, context) => void raw.push(context.rawBody) },
    });
    const split = [bytes.slice(0, 1), bytes.slice(1, at), bytes.slice(at)];
    expect((await handler(chunked(split))).status).toBe(200);
    expect(raw).toEqual([named]);
    // UTF-16 behind its byte order mark is not UTF-8: no JSON, on every runtime (Bun's Blob.text()
    // read it as UTF-16: scripts/runtime-probe-core.mjs checks that runtime).
    const utf16 = new Uint8Array(2 + 2 * approved.length);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < approved.length; i++) utf16[2 + 2 * i] = approved.charCodeAt(i);
    expect((await handler(chunked([utf16]))).status).toBe(400);
    expect(raw).toHaveLength(1);
  });

  it("events without a callback (and unknown event names) go to onUnhandled, else 200 and dropped", async () => {
    const unhandled: WebhookPayload[] = [];
    const handler = createWebhookHandler({
      hottok: HOTTOK,
      on: { PURCHASE_REFUNDED: () => {} },
      onUnhandled: (payload) => {
        unhandled.push(payload);
      },
    });
    const unknown = JSON.stringify({
      id: "e0000000-0000-4000-8000-000000000002",
      creation_date: 1718000000000,
      event: "SOMETHING_NEW",
      version: "2.0.0",
      data: {},
    });
    expect((await handler(post(approved))).status).toBe(200);
    expect((await handler(post(unknown))).status).toBe(200);
    expect(unhandled.map((p) => (p as { event: string }).event)).toEqual([
      "PURCHASE_APPROVED",
      "SOMETHING_NEW",
    ]);

    const silent = createWebhookHandler({ hottok: HOTTOK });
    expect((await silent(post(fixtureText("documented", "switch-plan")))).status).toBe(200);
  });

  it("legacy form posts go to onLegacy (verified by their body hottok), else onUnhandled", async () => {
    const legacy: LegacyWebhook[] = [];
    const other: WebhookPayload[] = [];
    const form = fixtureText("legacy", "v1-approved");
    const formRequest = () =>
      new Request(URL_, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form,
      });
    const withLegacy = createWebhookHandler({
      hottok: FIXTURE_HOTTOK,
      onLegacy: (payload) => {
        legacy.push(payload);
      },
    });
    expect((await withLegacy(formRequest())).status).toBe(200);
    expect(legacy[0]?.status).toBe("APPROVED");

    const withoutLegacy = createWebhookHandler({
      hottok: FIXTURE_HOTTOK,
      dedupe: false,
      onUnhandled: (payload) => {
        other.push(payload);
      },
    });
    expect((await withoutLegacy(formRequest())).status).toBe(200);
    expect(other).toHaveLength(1);

    const refusing = createWebhookHandler({ hottok: FIXTURE_HOTTOK, legacy: false });
    expect((await refusing(formRequest())).status).toBe(415);
  });
});

describe("robustness", () => {
  it("an event named like an Object.prototype member is not dispatched to it", async () => {
    const unhandled: string[] = [];
    const handler = createWebhookHandler({
      hottok: HOTTOK,
      on: {},
      onUnhandled: (payload) => {
        unhandled.push((payload as { event: string }).event);
      },
    });
    const body = JSON.stringify({
      id: "p1",
      creation_date: 1,
      event: "constructor",
      version: "2.0.0",
      data: {},
    });
    expect((await handler(post(body))).status).toBe(200);
    expect(unhandled).toEqual(["constructor"]);
  });

  it("an onError hook that throws does not change the answer", async () => {
    const handler = createWebhookHandler({
      hottok: HOTTOK,
      onError: () => {
        throw new Error("logger broken");
      },
    });
    expect((await handler(post(approved, { "x-hotmart-hottok": "wrong-wrong" }))).status).toBe(401);
  });
});

describe("a failing callback answers 500 so Hotmart retries, and the retry is processed", () => {
  it("500 with a generic body, onError told, dedupe claim released; the retry succeeds once", async () => {
    let attempts = 0;
    let completed = 0;
    const errors: Array<{ error: unknown; status: number }> = [];
    const handler = createWebhookHandler({
      hottok: HOTTOK,
      on: {
        PURCHASE_APPROVED: async () => {
          attempts += 1;
          if (attempts === 1) throw new Error(`database down; secret ${HOTTOK}`);
          completed += 1;
        },
      },
      onError: (error, info) => errors.push({ error, status: info.status }),
    });
    const first = await handler(post(approved));
    expect(first.status).toBe(500);
    const text = await first.text();
    expect(text).not.toContain("database");
    expect(text).not.toContain(HOTTOK);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.status).toBe(500);

    expect((await handler(post(approved))).status).toBe(200);
    const duplicate = await handler(post(approved));
    expect(duplicate.status).toBe(200);
    expect(await bodyOf(duplicate)).toEqual({ received: true, duplicate: true });
    expect({ attempts, completed }).toEqual({ attempts: 2, completed: 1 });
  });

  it("concurrent deliveries of one event run the callback once", async () => {
    let calls = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const handler = createWebhookHandler({
      hottok: HOTTOK,
      on: {
        PURCHASE_APPROVED: async () => {
          calls += 1;
          await gate;
        },
      },
    });
    const inFlight = [handler(post(approved)), handler(post(approved)), handler(post(approved))];
    await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    const statuses = (await Promise.all(inFlight)).map((r) => r.status);
    expect(statuses).toEqual([200, 200, 200]);
    expect(calls).toBe(1);
  });

  it("a copy that arrives while the first processing runs, which then fails, is processed, not acknowledged", async () => {
    // Hotmart re-sends when the first delivery times out; the first processing's 500 then reaches a
    // closed connection, so the copy is the only delivery left and must not be answered "duplicate".
    let calls = 0;
    let fail: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      fail = resolve;
    });
    const handler = createWebhookHandler({
      hottok: HOTTOK,
      logLevel: "off",
      on: {
        PURCHASE_APPROVED: async () => {
          calls += 1;
          if (calls === 1) {
            await gate;
            throw new Error("database down");
          }
        },
      },
    });
    const first = handler(post(approved));
    const copy = handler(post(approved));
    // Let the copy reach its dedupe check while the first callback is still running.
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    fail();
    expect((await first).status).toBe(500);
    const answer = await copy;
    expect(answer.status).toBe(200);
    expect(await bodyOf(answer)).toEqual({ received: true });
    expect(calls).toBe(2);
  });

  it("a copy of an event whose callback never settles is answered after a minute, not held forever", async () => {
    vi.useFakeTimers();
    try {
      const handler = createWebhookHandler({
        hottok: HOTTOK,
        logLevel: "off",
        on: { PURCHASE_APPROVED: () => new Promise<never>(() => {}) },
      });
      void handler(post(approved));
      let answered: Response | undefined;
      void handler(post(approved)).then((response) => {
        answered = response;
      });
      await vi.advanceTimersByTimeAsync(59_000);
      expect(answered).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1_000);
      // No await on `copy` itself: held forever, it would hang the test instead of failing it.
      for (let turn = 0; turn < 50 && answered === undefined; turn++) await Promise.resolve();
      expect(answered?.status).toBe(200);
      expect(await bodyOf(answered as Response)).toEqual({ received: true, duplicate: true });
    } finally {
      vi.useRealTimers();
    }
  });

  it("a callback that ran past its claim and then fails does not free the claim a later delivery took", async () => {
    // Two instances sharing one store. Instance A's callback outlives its claim; Hotmart's re-send goes
    // to B, which claims the event anew and processes it. A then fails: releasing the key outright
    // would let a third delivery run beside B's processing.
    let now = 0;
    const store = new MemoryDedupeStore({ processingTimeoutMs: 1_000, now: () => now });
    const gates: Array<() => void> = [];
    let calls = 0;
    const instance = () =>
      createWebhookHandler({
        hottok: HOTTOK,
        logLevel: "off",
        dedupe: store,
        on: {
          PURCHASE_APPROVED: async () => {
            calls += 1;
            const call = calls;
            // A third call (the defect) returns at once, so the test fails on its answer, not a hang.
            if (call <= 2) await new Promise<void>((resolve) => gates.push(resolve));
            if (call === 1) throw new Error("database down");
          },
        },
      });
    const [a, b] = [instance(), instance()];
    const first = a(post(approved));
    while (gates.length < 1) await new Promise((resolve) => setImmediate(resolve));
    now += 1_001;
    const second = b(post(approved));
    while (gates.length < 2) await new Promise((resolve) => setImmediate(resolve));
    gates[0]?.();
    expect((await first).status).toBe(500);
    const third = await a(post(approved));
    expect(await bodyOf(third)).toEqual({ received: true, duplicate: true });
    gates[1]?.();
    expect((await second).status).toBe(200);
    expect(calls).toBe(2);
  });

  it("dedupe: false processes every delivery", async () => {
    let calls = 0;
    const handler = createWebhookHandler({
      hottok: HOTTOK,
      dedupe: false,
      on: {
        PURCHASE_APPROVED: () => {
          calls += 1;
        },
      },
    });
    await handler(post(approved));
    await handler(post(approved));
    expect(calls).toBe(2);
  });

  it("a custom store sees claim → complete, and claim → release on failure", async () => {
    const log: string[] = [];
    const inner = new MemoryDedupeStore();
    const store: WebhookDedupeStore = {
      claim: async (key) => {
        log.push(`claim ${key}`);
        return inner.claim(key);
      },
      complete: async (key) => {
        log.push(`complete ${key}`);
        inner.complete(key);
      },
      release: async (key) => {
        log.push(`release ${key}`);
        inner.release(key);
      },
    };
    let fail = true;
    const handler = createWebhookHandler({
      hottok: HOTTOK,
      dedupe: store,
      on: {
        PURCHASE_APPROVED: () => {
          if (fail) throw new Error("first time fails");
        },
      },
    });
    await handler(post(approved));
    fail = false;
    await handler(post(approved));
    const id = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    expect(log).toEqual([`claim ${id}`, `release ${id}`, `claim ${id}`, `complete ${id}`]);
  });

  it("a store that throws on claim answers 500 (retry later) without running the callback", async () => {
    let calls = 0;
    const handler = createWebhookHandler({
      hottok: HOTTOK,
      dedupe: {
        claim: () => {
          throw new Error("redis unreachable");
        },
        release: () => {},
      },
      on: {
        PURCHASE_APPROVED: () => {
          calls += 1;
        },
      },
    });
    expect((await handler(post(approved))).status).toBe(500);
    expect(calls).toBe(0);
  });
});

describe("options are validated", () => {
  it("maxBodyBytes must be positive", () => {
    expect(() => createWebhookHandler({ hottok: HOTTOK, maxBodyBytes: 0 })).toThrow(HotmartInputError);
    expect(() => createWebhookHandler({ hottok: HOTTOK, maxBodyBytes: Number.NaN })).toThrow(
      HotmartInputError,
    );
  });

  it("a misspelled option or event name is refused, not every event answered 200 and dropped", async () => {
    const boom = () => {
      throw new Error("the callback ran");
    };
    // From JavaScript (or through `as never`): each of these left the event with no callback, and
    // the handler acknowledged it with 200, so Hotmart would never re-send it.
    const mistakes: [object, RegExp][] = [
      [{ onEvent: boom }, /has no option "onEvent": it takes hottok, allowUnverified, on,/],
      [{ On: { PURCHASE_APPROVED: boom } }, /has no option "On"/],
      [{ on: boom }, /on must be an object of callbacks by event name/],
      // Its own keys are what the handler reads: a list of callbacks or a Map has none by event name.
      [{ on: [boom] }, /on must be an object of callbacks by event name/],
      [{ on: new Map([["PURCHASE_APPROVED", boom]]) }, /on must be an object of callbacks by event name/],
      [{ on: { purchase_approved: boom } }, /did you mean PURCHASE_APPROVED\?/],
      [{ on: { PURCHASE_APPROVED: "grant" } }, /on\.PURCHASE_APPROVED must be a function/],
    ];
    for (const [extra, message] of mistakes) {
      const options = { hottok: HOTTOK, ...extra } as never;
      expect(() => createWebhookHandler(options)).toThrow(HotmartInputError);
      expect(() => createWebhookHandler(options)).toThrow(message);
    }
    // Unknown upper-case names still pass: Hotmart may add events the SDK does not know yet.
    const future = createWebhookHandler({ hottok: HOTTOK, on: { NEW_EVENT: boom } as never });
    expect((await future(post(approved))).status).toBe(200);
  });
});

describe("constructEvent", () => {
  it("returns a typed v2 event (stripe's constructEvent shape)", () => {
    const event = constructEvent(approved, new Headers({ "X-HOTMART-HOTTOK": HOTTOK }), HOTTOK);
    expectTypeOf(event.event).toEqualTypeOf<
      | "PURCHASE_APPROVED"
      | "PURCHASE_COMPLETE"
      | "PURCHASE_CANCELED"
      | "PURCHASE_REFUNDED"
      | "PURCHASE_CHARGEBACK"
      | "PURCHASE_BILLET_PRINTED"
      | "PURCHASE_PROTEST"
      | "PURCHASE_EXPIRED"
      | "PURCHASE_DELAYED"
      | "PURCHASE_OUT_OF_SHOPPING_CART"
      | "SUBSCRIPTION_CANCELLATION"
      | "SWITCH_PLAN"
      | "UPDATE_SUBSCRIPTION_CHARGE_DATE"
      | "CLUB_FIRST_ACCESS"
      | "CLUB_MODULE_COMPLETED"
      | "ORDER_FULFILLMENT"
    >();
    if (event.event !== "PURCHASE_APPROVED") throw new Error("wrong event");
    expect(event.data.subscription?.subscriber.code).toBe("ABCD1234");
  });

  it("accepts an object express.json() already parsed", () => {
    const event = constructEvent(
      JSON.parse(approved) as Record<string, unknown>,
      { "x-hotmart-hottok": HOTTOK },
      HOTTOK,
    );
    expect(event.event).toBe("PURCHASE_APPROVED");
  });

  it("refuses legacy form posts unless { legacy: true }", () => {
    const form = fixtureText("legacy", "v1-approved");
    const headers = { "content-type": "application/x-www-form-urlencoded" };
    expect(() => constructEvent(form, headers, FIXTURE_HOTTOK)).toThrow(WebhookPayloadError);
    const payload = constructEvent(form, headers, FIXTURE_HOTTOK, { legacy: true });
    expect(payload).toMatchObject({ legacy: true, status: "APPROVED" });
  });

  it("options.contentType overrides the header; a bad one is a 415 error", () => {
    expect(() =>
      constructEvent(approved, { "x-hotmart-hottok": HOTTOK }, HOTTOK, { contentType: "text/xml" }),
    ).toThrow(expect.objectContaining({ status: 415 }));
  });
});
