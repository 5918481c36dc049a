import type { ServerResponse } from "node:http";
import { inspect } from "node:util";
import { AuthenticationError, Hotmart, type Logger } from "hotmart";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { json, type ScriptedServer, startScriptedServer } from "../helpers/scripted-server";

const SECRET = "s3cr3t-client-secret-value";
const ACCESS_TOKEN = "eyJ0eXAi.access-token-value.sig";
const HOTTOK = "hottok-value-123456";

let server: ScriptedServer;
beforeEach(async () => {
  server = await startScriptedServer();
  server.handleToken((_req, res) =>
    json(res, 200, { access_token: ACCESS_TOKEN, token_type: "bearer", expires_in: 172799 }),
  );
});
afterEach(async () => {
  await server.close();
});

function capture(): { logger: Logger; text: () => string } {
  const lines: string[] = [];
  const push = (...args: unknown[]) =>
    lines.push(args.map((a) => (typeof a === "string" ? a : inspect(a, { depth: 10 }))).join(" "));
  return { logger: { error: push, warn: push, info: push, debug: push }, text: () => lines.join("\n") };
}

describe("secrets never reach logs, errors or output", () => {
  it("a debug-level run whose captured log holds none of the secrets", async () => {
    const log = capture();
    let calls = 0;
    server.handle((req, res) => {
      calls += 1;
      // The server echoes the bearer token and a hottok back, as a misbehaving proxy might.
      if (calls === 1)
        return json(res, 401, {
          error: "invalid_token",
          error_description: `bad ${req.headers.authorization}`,
        });
      if (calls === 2)
        return json(res, 503, { error: "internal_server_error", hottok: HOTTOK }, { "retry-after": "0" });
      json(res, 200, { items: [], echoed: req.headers.authorization });
    });
    const c = new Hotmart({
      clientId: "client-id",
      clientSecret: SECRET,
      baseURL: server.url,
      authURL: server.authURL,
      logLevel: "debug",
      logger: log.logger,
    });
    await c.request("GET", "/payments/api/v1/sales/history", { access_token: ACCESS_TOKEN, hottok: HOTTOK });
    const text = log.text();
    expect(text).toContain("GET");
    expect(text.split("\n").length).toBeGreaterThan(5);
    for (const secret of [SECRET, ACCESS_TOKEN, HOTTOK, btoa(`client-id:${SECRET}`)])
      expect(text).not.toContain(secret);
  });

  it("errors hide secrets in message, JSON.stringify, inspect and url", async () => {
    server.handle((req, res) =>
      json(res, 401, {
        error: "unauthorized",
        error_description: `echo ${req.headers.authorization} ${SECRET}`,
      }),
    );
    const c = new Hotmart({
      clientId: "client-id",
      clientSecret: SECRET,
      baseURL: server.url,
      authURL: server.authURL,
    });
    const error = (await c
      .request("GET", "/x", { client_secret: SECRET })
      .catch((e: unknown) => e)) as AuthenticationError;
    expect(error).toBeInstanceOf(AuthenticationError);
    const outputs = [
      error.message,
      JSON.stringify(error),
      inspect(error, { depth: 10 }),
      error.url,
      String(error.stack),
    ];
    for (const out of outputs) {
      expect(out).not.toContain(SECRET);
      expect(out).not.toContain(ACCESS_TOKEN);
    }
  });

  it("a masked secret in a message leaves the words after it whole: an unreachable token host says why", async () => {
    // A port that was just free: nothing listens there, so the token request is refused.
    const closed = await startScriptedServer();
    const url = closed.url;
    await closed.close();
    const client = new Hotmart({
      clientId: "id",
      clientSecret: SECRET,
      baseURL: url,
      authURL: `${url}/security/oauth/token`,
      maxRetries: 0,
    });
    const error = (await client.sales.history().then(
      () => new Error("the request should have failed"),
      (e: unknown) => e,
    )) as Error;
    await client.close();
    expect(error.message).not.toContain(SECRET);
    // Before: "...client_secret=[redacted] ECONNREFUSED", the ")" and ":" taken by a second masking.
    expect(error.message).toMatch(/client_secret=\[redacted\]\): ECONNREFUSED$/);
  });

  it("util.inspect(client) and JSON.stringify(client) show no credentials", () => {
    const c = new Hotmart({ clientId: "client-id", clientSecret: SECRET, basic: "QmFzaWMtdmFsdWU=" });
    for (const out of [inspect(c, { depth: 10, showHidden: true }), JSON.stringify(c), String(c)]) {
      expect(out).not.toContain(SECRET);
      expect(out).not.toContain("QmFzaWMtdmFsdWU=");
    }
    expect(inspect(c)).toContain("developers.hotmart.com");
  });

  it("logging is off by default", async () => {
    const log = capture();
    const c = new Hotmart({
      clientId: "i",
      clientSecret: SECRET,
      baseURL: server.url,
      authURL: server.authURL,
      logger: log.logger,
    });
    await c.request("GET", "/x");
    expect(log.text()).toBe("");
  });

  /** The warn-level log of one GET whose first answer is `first` (then 200). */
  async function warnLogAfter(first: (res: ServerResponse) => void): Promise<string> {
    const log = capture();
    server.handle((_req, res) => (server.requests.length === 1 ? first(res) : json(res, 200, {})));
    const c = new Hotmart({
      clientId: "i",
      clientSecret: SECRET,
      baseURL: server.url,
      authURL: server.authURL,
      logger: log.logger,
      logLevel: "warn",
    });
    await c.request("GET", "/x");
    return log.text();
  }

  it("levels filter: warn shows retries but not per-request debug lines", async () => {
    const text = await warnLogAfter((res) => json(res, 503, {}, { "retry-after": "0" }));
    expect(text).toMatch(/retrying GET/);
    expect(text).not.toMatch(/→ GET/);
  });

  it("after a 429 the retry line gives the client's pause, not the 0 ms this call sleeps", async () => {
    const text = await warnLogAfter((res) =>
      json(res, 429, { error: "too_many_requests" }, { "retry-after": "0" }),
    );
    expect(text).toMatch(/retrying GET \S+ in \d+ ms, when the client's pause ends \(retry 1 of 3\)/);
  });

  it("a logger that throws never breaks a request", async () => {
    const boom = () => {
      throw new Error("logger down");
    };
    const c = new Hotmart({
      clientId: "i",
      clientSecret: SECRET,
      baseURL: server.url,
      authURL: server.authURL,
      logLevel: "debug",
      logger: { error: boom, warn: boom, info: boom, debug: boom },
    });
    await expect(c.request("GET", "/x")).resolves.toEqual({ ok: true });
  });
});

describe("each client masks its own secrets, for its own life", () => {
  it("close() releases the client's secrets; a collected client takes its scope with it", async () => {
    const v8 = await import("node:v8");
    const vm = await import("node:vm");
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as () => void;

    const open = new Hotmart({ clientId: "client-id", clientSecret: SECRET, rateLimit: false });
    const scope = open._context().redactor;
    expect(scope.string(`echo ${SECRET}`)).toBe("echo [redacted]");
    expect(scope.size).toBeGreaterThanOrEqual(2); // the secret and the Basic value
    await open.close();
    expect(scope.size).toBe(0);

    let dropped: Hotmart | undefined = new Hotmart({
      clientId: "c2",
      clientSecret: `${SECRET}-2`,
      rateLimit: false,
    });
    const ref = new WeakRef(dropped._context().redactor);
    dropped = undefined;
    for (let i = 0; i < 10 && ref.deref() !== undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      gc();
    }
    expect(ref.deref()).toBeUndefined();
  });
});
