import {
  constructEvent,
  createWebhookHandler,
  extractHottok,
  HotmartError,
  HotmartInputError,
  type HotmartWebhookEvent,
  verifyHottok,
  type WebhookContext,
  WebhookVerificationError,
} from "hotmart";
import { afterEach, describe, expect, it } from "vitest";
import { withEnvRefused } from "../helpers/deno-env";
import { FIXTURE_HOTTOK, fixtureText } from "./fixtures";

const HOTTOK = "hottok-verify-test-7f3a9c2e51";
const URL_ = "http://localhost/webhooks/hotmart";
const body = fixtureText("documented", "purchase-approved");

function post(headers: Record<string, string>, text: string = body): Request {
  return new Request(URL_, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: text,
  });
}

async function json(response: Response): Promise<{ error?: string; message?: string; received?: boolean }> {
  return (await response.json()) as { error?: string; message?: string; received?: boolean };
}

describe("verifyHottok compares in constant time, without shortcuts that change the answer", () => {
  it("matches only the exact value", () => {
    expect(verifyHottok(HOTTOK, HOTTOK)).toBe(true);
    expect(verifyHottok(`${HOTTOK.slice(0, -1)}X`, HOTTOK)).toBe(false);
  });

  it("rejects every length mismatch: prefix, extension, empty, repeated secret", () => {
    expect(verifyHottok(HOTTOK.slice(0, -1), HOTTOK)).toBe(false);
    expect(verifyHottok(`${HOTTOK}0`, HOTTOK)).toBe(false);
    expect(verifyHottok("", HOTTOK)).toBe(false);
    expect(verifyHottok(undefined, HOTTOK)).toBe(false);
    expect(verifyHottok(null, HOTTOK)).toBe(false);
    // The comparison wraps around the secret; a candidate made of the secret twice must still fail.
    expect(verifyHottok(HOTTOK + HOTTOK, HOTTOK)).toBe(false);
  });

  it("an empty configured value never matches, not even an empty candidate", () => {
    expect(verifyHottok("", "")).toBe(false);
    expect(verifyHottok("x", "")).toBe(false);
  });

  it("accepts any of several configured values (rotation) and compares UTF-8 bytes", () => {
    expect(verifyHottok("new-value-123", ["old-value-123", "new-value-123"])).toBe(true);
    expect(verifyHottok("other", ["old-value-123", "new-value-123"])).toBe(false);
    expect(verifyHottok("çãõ-ünïcode", "çãõ-ünïcode")).toBe(true);
    expect(verifyHottok("cao-unicode", "çãõ-ünïcode")).toBe(false);
  });
});

describe("extractHottok: header first, any case, else the body field", () => {
  it("reads the header from Headers and from plain objects in any capitalisation", () => {
    expect(extractHottok(new Headers({ "X-HOTMART-HOTTOK": "a-value" }))).toEqual({
      hottok: "a-value",
      source: "header",
    });
    for (const name of ["X-HOTMART-HOTTOK", "x-hotmart-hottok", "X-Hotmart-Hottok", "x-HOTMART-hottok"]) {
      expect(extractHottok({ [name]: "a-value" })?.hottok).toBe("a-value");
    }
    expect(extractHottok({ "x-hotmart-hottok": ["first", "second"] })?.hottok).toBe("first");
  });

  it("falls back to a JSON or form body field; an empty header counts as absent", () => {
    expect(extractHottok({}, { hottok: "from-body" })).toEqual({ hottok: "from-body", source: "body" });
    expect(extractHottok({ "x-hotmart-hottok": "  " }, { hottok: "from-body" })?.source).toBe("body");
    expect(extractHottok(undefined, new URLSearchParams("hottok=from-form&status=approved"))?.hottok).toBe(
      "from-form",
    );
    expect(extractHottok({}, { data: {} })).toBeUndefined();
    expect(extractHottok({}, [{ hottok: "in-an-array" }])).toBeUndefined();
  });
});

describe("the handler fails closed", () => {
  const seen: HotmartWebhookEvent[] = [];
  const contexts: WebhookContext[] = [];
  const handler = createWebhookHandler({
    hottok: HOTTOK,
    dedupe: false,
    onUnhandled: (event, context) => {
      seen.push(event as HotmartWebhookEvent);
      contexts.push(context);
    },
  });
  afterEach(() => {
    seen.length = 0;
    contexts.length = 0;
  });

  it("no header and no body field → 401 missing_hottok, nothing processed", async () => {
    const response = await handler(post({}));
    expect(response.status).toBe(401);
    expect(await json(response)).toMatchObject({ error: "missing_hottok" });
    expect(seen).toHaveLength(0);
  });

  it("the right header → 200, with the header as source", async () => {
    const response = await handler(post({ "X-Hotmart-Hottok": HOTTOK }));
    expect(response.status).toBe(200);
    expect(seen[0]?.event).toBe("PURCHASE_APPROVED");
    expect(contexts[0]?.hottokSource).toBe("header");
  });

  it("body-only hottok (the observed UPDATE_SUBSCRIPTION_CHARGE_DATE form) → 200 from the body", async () => {
    const bodyOnly = createWebhookHandler({
      hottok: FIXTURE_HOTTOK,
      dedupe: false,
      onUnhandled: (_event, context) => {
        contexts.push(context);
      },
    });
    const response = await bodyOnly(
      post({}, fixtureText("observed", "update-subscription-charge-date-body-hottok")),
    );
    expect(response.status).toBe(200);
    expect(contexts[0]?.hottokSource).toBe("body");
  });

  it("a wrong body hottok → 401 invalid_hottok", async () => {
    const response = await handler(
      post({}, fixtureText("observed", "update-subscription-charge-date-body-hottok")),
    );
    expect(response.status).toBe(401);
    expect(await json(response)).toMatchObject({ error: "invalid_hottok" });
  });

  it("a wrong header is not rescued by a right body field", async () => {
    const withBodyHottok = JSON.stringify({ ...JSON.parse(body), hottok: HOTTOK });
    const response = await handler(post({ "x-hotmart-hottok": "wrong-value-0000000" }, withBodyHottok));
    expect(response.status).toBe(401);
    expect(seen).toHaveLength(0);
  });

  it.each([
    ["shorter", HOTTOK.slice(0, 5)],
    ["longer", `${HOTTOK}-and-more`],
    ["one character", "x"],
    ["same length, different", HOTTOK.replace(/.$/, "Z")],
  ])("a %s header → 401", async (_label, value) => {
    const response = await handler(post({ "x-hotmart-hottok": value }));
    expect(response.status).toBe(401);
  });

  it("an unauthenticated body that is not even JSON → 401, not 400 (nothing is revealed)", async () => {
    const response = await handler(post({}, "{ not json"));
    expect(response.status).toBe(401);
  });

  it("no answer, message or error ever contains the received or the configured hottok", async () => {
    const wrong = "attacker-guess-9d8c7b6a5f";
    const responses = await Promise.all([
      handler(post({ "x-hotmart-hottok": wrong })),
      handler(post({}, JSON.stringify({ ...JSON.parse(body), hottok: wrong }))),
      handler(post({})),
    ]);
    for (const response of responses) {
      const text = await response.text();
      expect(text).not.toContain(wrong);
      expect(text).not.toContain(HOTTOK);
      expect([...response.headers.values()].join(" ")).not.toContain(HOTTOK);
    }
    const error = catchError(() => constructEvent(body, { "x-hotmart-hottok": wrong }, HOTTOK));
    expect(error).toBeInstanceOf(WebhookVerificationError);
    for (const text of [String(error), JSON.stringify(error), (error as Error).stack ?? ""]) {
      expect(text).not.toContain(wrong);
      expect(text).not.toContain(HOTTOK);
    }
  });

  it("the configured hottok is registered for redaction everywhere the SDK prints", () => {
    expect(new HotmartError(`something mentioned ${HOTTOK} by accident`).message).not.toContain(HOTTOK);
  });
});

describe("the configured hottok is validated when the handler is created", () => {
  const saved = process.env.HOTMART_HOTTOK;
  afterEach(() => {
    if (saved === undefined) delete process.env.HOTMART_HOTTOK;
    else process.env.HOTMART_HOTTOK = saved;
  });

  it.each([
    ["empty", ""],
    ["blank", "   "],
    ["an empty list", []],
    ["a list with an empty value", ["valid-value-1", ""]],
  ])("%s → HotmartInputError that says what to pass", (_label, hottok) => {
    const error = catchError(() => createWebhookHandler({ hottok: hottok as string }));
    expect(error).toBeInstanceOf(HotmartInputError);
    expect((error as Error).message).toMatch(/HOTMART_HOTTOK/);
    expect((error as Error).message).toMatch(/hottok: false/);
  });

  it("missing, with no HOTMART_HOTTOK either → HotmartInputError; constructEvent too", () => {
    delete process.env.HOTMART_HOTTOK;
    expect(() => createWebhookHandler({})).toThrow(HotmartInputError);
    expect(() => constructEvent(body, {}, undefined)).toThrow(HotmartInputError);
  });

  it("missing, with HOTMART_HOTTOK unreadable (Deno without --allow-env) → the error quotes Deno's refusal", () => {
    const error = withEnvRefused(["HOTMART_HOTTOK"], { HOTMART_HOTTOK: "hottok-from-env-5566" }, () =>
      catchError(() => createWebhookHandler({})),
    );
    expect(error).toBeInstanceOf(HotmartInputError);
    expect((error as Error).message).toContain(
      'HOTMART_HOTTOK is not set (Requires env access to "HOTMART_HOTTOK", run again with the --allow-env flag)',
    );
    expect((error as Error).message).not.toContain("hottok-from-env-5566");
  });

  it("missing, with HOTMART_HOTTOK set → that value is enforced", async () => {
    process.env.HOTMART_HOTTOK = "hottok-from-env-5566";
    const handler = createWebhookHandler({ dedupe: false });
    expect((await handler(post({ "x-hotmart-hottok": "hottok-from-env-5566" }))).status).toBe(200);
    expect((await handler(post({ "x-hotmart-hottok": HOTTOK }))).status).toBe(401);
  });

  it("hottok: false (explicit, dangerous) accepts requests without a hottok", async () => {
    const handler = createWebhookHandler({ hottok: false, dedupe: false });
    expect((await handler(post({}))).status).toBe(200);
    expect((constructEvent(body, {}, false) as HotmartWebhookEvent).event).toBe("PURCHASE_APPROVED");
  });

  it("allowUnverified: true only matters when no hottok is configured", async () => {
    delete process.env.HOTMART_HOTTOK;
    const open = createWebhookHandler({ allowUnverified: true, dedupe: false });
    expect((await open(post({}))).status).toBe(200);
    const closed = createWebhookHandler({ hottok: HOTTOK, allowUnverified: true, dedupe: false });
    expect((await closed(post({}))).status).toBe(401);
  });
});

describe("constructEvent: verification errors say what was wrong", () => {
  it("missing", () => {
    expect(catchError(() => constructEvent(body, {}, HOTTOK))).toMatchObject({
      name: "WebhookVerificationError",
      status: 401,
      reason: "missing",
      source: undefined,
    });
  });

  it("mismatch in the header, or in the body when there was no header", () => {
    expect(catchError(() => constructEvent(body, { "X-HOTMART-HOTTOK": "nope-nope" }, HOTTOK))).toMatchObject(
      {
        reason: "mismatch",
        source: "header",
      },
    );
    const bodyHottok = fixtureText("observed", "switch-plan-canceled-by-vendor-body-hottok");
    expect(catchError(() => constructEvent(bodyHottok, {}, HOTTOK))).toMatchObject({
      reason: "mismatch",
      source: "body",
    });
    expect((constructEvent(bodyHottok, {}, FIXTURE_HOTTOK) as HotmartWebhookEvent).event).toBe("SWITCH_PLAN");
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}
