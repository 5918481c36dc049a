import * as sdk from "hotmart";
import { Hotmart, HotmartError, HotmartInputError, PRODUCTION_URL, SANDBOX_URL } from "hotmart";
import { afterEach, describe, expect, it, vi } from "vitest";
import { withEnvRefused } from "../helpers/deno-env";
import { json, startScriptedServer } from "../helpers/scripted-server";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("construction", () => {
  it("missing credentials throw HotmartInputError naming the environment variables", () => {
    vi.stubEnv("HOTMART_CLIENT_ID", "");
    vi.stubEnv("HOTMART_CLIENT_SECRET", "");
    expect(() => new Hotmart()).toThrow(HotmartInputError);
    expect(() => new Hotmart()).toThrow(/HOTMART_CLIENT_ID and HOTMART_CLIENT_SECRET/);
    expect(() => new Hotmart({ clientId: "x" })).toThrow(/set HOTMART_CLIENT_SECRET/);
  });

  it("on Deno without --allow-env, missing credentials say Deno refused to read them and how to allow it", () => {
    // Set, but unreadable: "set HOTMART_CLIENT_ID" alone sent the user to set what was set.
    const message = withEnvRefused(
      ["HOTMART_CLIENT_ID", "HOTMART_CLIENT_SECRET"],
      { HOTMART_CLIENT_ID: "env-id", HOTMART_CLIENT_SECRET: "env-secret" },
      () => catchMessage(() => new Hotmart()),
    );
    expect(message).toContain(
      'HOTMART_CLIENT_ID and HOTMART_CLIENT_SECRET in the environment (Requires env access to "HOTMART_CLIENT_ID", run again with the --allow-env flag)',
    );
    expect(message).not.toContain("env-secret");
    // Only the secret refused: the message names it, and Deno's refusal of it.
    const secret = withEnvRefused(["HOTMART_CLIENT_SECRET"], { HOTMART_CLIENT_SECRET: "env-secret" }, () =>
      catchMessage(() => new Hotmart({ clientId: "x" })),
    );
    expect(secret).toMatch(
      /set HOTMART_CLIENT_SECRET in the environment \(Requires env access to "HOTMART_CLIENT_SECRET"/,
    );
    // Readable and unset: no word of permissions.
    vi.stubEnv("HOTMART_CLIENT_ID", "");
    vi.stubEnv("HOTMART_CLIENT_SECRET", "");
    expect(catchMessage(() => new Hotmart())).not.toMatch(/allow-env/);
  });

  it("Deno refusing HOTMART_SANDBOX, HOTMART_BASE_URL or HOTMART_AUTH_URL is no unset variable: it throws, naming it and the flag", () => {
    // `deno run --allow-env=HOTMART_CLIENT_ID,HOTMART_CLIENT_SECRET`: the rest is set, but reading it throws.
    const credentials = { HOTMART_CLIENT_ID: "env-id", HOTMART_CLIENT_SECRET: "env-secret" };
    const tokenURL = "http://127.0.0.1:1/security/oauth/token";
    const where = [
      ["HOTMART_SANDBOX", "sandbox", "true"],
      ["HOTMART_BASE_URL", "baseURL", "http://127.0.0.1:1"],
      ["HOTMART_AUTH_URL", "authURL", tokenURL],
    ] as const;
    const env = { ...credentials, ...Object.fromEntries(where.map(([name, , value]) => [name, value])) };
    for (const [name, option, value] of where) {
      // Before: the refusal read as unset, and the client went to production Hotmart without a word.
      let baseURL = "";
      const error = withEnvRefused([name], { ...credentials, [name]: value }, () => {
        try {
          baseURL = new Hotmart().baseURL;
        } catch (e) {
          return e;
        }
      });
      expect(error, `${name}: went to ${baseURL}`).toBeInstanceOf(HotmartInputError);
      const message = (error as Error).message;
      expect(message).toContain(`Requires env access to "${name}", run again with the --allow-env flag`);
      expect(message).toContain(`pass ${option} to new Hotmart(`);
      expect(message).not.toContain("env-secret");
    }
    // Each variable's own option wins over it, so its refusal changes nothing: no throw.
    const refused = where.map(([name]) => name);
    const sandbox = withEnvRefused(
      ["HOTMART_SANDBOX"],
      { ...credentials, HOTMART_SANDBOX: "true" },
      () => new Hotmart({ sandbox: true }),
    );
    expect(sandbox.baseURL).toBe(SANDBOX_URL);
    const all = withEnvRefused(
      refused,
      env,
      () => new Hotmart({ sandbox: false, baseURL: PRODUCTION_URL, authURL: tokenURL }),
    );
    expect(all.baseURL).toBe(PRODUCTION_URL);
  });

  it("Deno's refusal of a host (no --allow-net for it) fails at once, and a write says nothing was sent", async () => {
    // The token host allowed, the API host not: as `deno run --allow-net=<token host>` does.
    const server = await startScriptedServer((_req, res) => json(res, 200, { ok: true }));
    const apiHost = server.url.replace("127.0.0.1", "localhost");
    let refusals = 0;
    const denoFetch: typeof fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (!url.startsWith(apiHost)) return fetch(input, init);
      refusals++;
      const host = new URL(url).host;
      throw Object.assign(
        new Error(`Requires net access to "${host}", run again with the --allow-net flag`),
        {
          name: "NotCapable",
        },
      );
    };
    const client = new Hotmart({
      clientId: "id",
      clientSecret: "secret",
      baseURL: apiHost,
      authURL: server.authURL,
      fetch: denoFetch,
    });
    const read = await client.sales.history().catch((error: unknown) => error);
    expect((read as Error).message).toMatch(/--allow-net/);
    expect(refusals).toBe(1); // not retried: three more refusals and 3.5 s of backoff said nothing new
    const write = await client.sales.refund("HP62681949344").catch((error: unknown) => error);
    expect(write).toMatchObject({ outcomeUnknown: false });
    expect((write as Error).message).not.toMatch(/may have applied/);
    expect(refusals).toBe(2);
    await client.close();
    await server.close();
  });

  it("reads every option from the environment", async () => {
    const server = await startScriptedServer((_req, res) => json(res, 200, { ok: true }));
    vi.stubEnv("HOTMART_CLIENT_ID", "env-id");
    vi.stubEnv("HOTMART_CLIENT_SECRET", "env-secret");
    vi.stubEnv("HOTMART_BASIC", "ZW52LWJhc2lj");
    vi.stubEnv("HOTMART_BASE_URL", server.url);
    vi.stubEnv("HOTMART_AUTH_URL", server.authURL);
    const c = new Hotmart();
    expect(await c.request("GET", "/x")).toEqual({ ok: true });
    const token = new URL(server.tokenRequests[0]?.url ?? "", server.url).searchParams;
    expect(token.get("client_id")).toBe("env-id");
    expect(server.tokenRequests[0]?.headers.authorization).toBe("Basic ZW52LWJhc2lj");
    await server.close();
  });

  it("explicit options win over the environment", () => {
    vi.stubEnv("HOTMART_BASE_URL", "https://env.example");
    expect(new Hotmart({ clientId: "i", clientSecret: "s", baseURL: "https://opt.example" }).baseURL).toBe(
      "https://opt.example",
    );
  });

  it("sandbox switches the API host, from the option or HOTMART_SANDBOX", () => {
    expect(new Hotmart({ clientId: "i", clientSecret: "s" }).baseURL).toBe(PRODUCTION_URL);
    expect(new Hotmart({ clientId: "i", clientSecret: "s", sandbox: true }).baseURL).toBe(SANDBOX_URL);
    vi.stubEnv("HOTMART_SANDBOX", "true");
    expect(new Hotmart({ clientId: "i", clientSecret: "s" }).baseURL).toBe(SANDBOX_URL);
    vi.stubEnv("HOTMART_SANDBOX", "maybe");
    expect(() => new Hotmart({ clientId: "i", clientSecret: "s" })).toThrow(
      /HOTMART_SANDBOX must be true or false/,
    );
  });

  it("sandbox sends API calls to sandbox.hotmart.com and the token request to the same token host", async () => {
    const seen: string[] = [];
    const fakeFetch: typeof fetch = async (input) => {
      const url = String(input);
      seen.push(url.split("?")[0] ?? url);
      const body = url.includes("/security/oauth/token")
        ? { access_token: "t", expires_in: 172799 }
        : { items: [] };
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    };
    await new Hotmart({ clientId: "i", clientSecret: "s", sandbox: true, fetch: fakeFetch }).request(
      "GET",
      "/payments/api/v1/sales/history",
    );
    await new Hotmart({ clientId: "i", clientSecret: "s", fetch: fakeFetch }).request(
      "GET",
      "/club/api/v1/modules",
    );
    expect(seen).toEqual([
      "https://api-sec-vlc.hotmart.com/security/oauth/token",
      "https://sandbox.hotmart.com/payments/api/v1/sales/history",
      "https://api-sec-vlc.hotmart.com/security/oauth/token",
      "https://developers.hotmart.com/club/api/v1/modules",
    ]);
  });

  it("rejects bad options with typed errors that say what to pass", () => {
    const base = { clientId: "i", clientSecret: "s" };
    expect(() => new Hotmart({ ...base, timeout: -1 })).toThrow(
      /timeout must be from 1 to 2147483647 milliseconds/,
    );
    // Longer than a timer can wait: it would fire at once, and every attempt time out.
    expect(() => new Hotmart({ ...base, totalTimeout: 1e12 })).toThrow(
      /totalTimeout must be from 1 to 2147483647/,
    );
    expect(() => new Hotmart({ ...base, timeout: Number.NaN })).toThrow(/\(got NaN\)/);
    expect(() => new Hotmart({ ...base, maxRetries: 1.5 })).toThrow(/maxRetries must be a whole number/);
    expect(() => new Hotmart({ ...base, baseURL: "ftp://x" })).toThrow(/baseURL must be an http\(s\) URL/);
    expect(() => new Hotmart({ ...base, validate: "loud" as never })).toThrow(/validate must be/);
    // A string from a config file: "false" would have turned sandbox on.
    expect(() => new Hotmart({ ...base, sandbox: "false" as never })).toThrow(
      /sandbox must be true or false \(got "false"\)/,
    );
    expect(() => new Hotmart({ ...base, fetch: "fetch" as never })).toThrow(/fetch must be a function/);
    expect(() => new Hotmart({ ...base, defaultHeaders: "x" as never })).toThrow(
      /defaultHeaders must be an object of header names to strings/,
    );
    vi.stubEnv("HOTMART_LOG", "verbose");
    expect(() => new Hotmart(base)).toThrow(/HOTMART_LOG/);
    for (const make of [
      () => new Hotmart({ ...base, timeout: 0 }),
      () => new Hotmart({ ...base, logLevel: "x" as never }),
    ]) {
      expect(make).toThrow(HotmartInputError);
    }
  });

  it("an option the client does not know is refused, naming the ones it takes, as stripe-node does", () => {
    const base = { clientId: "i", clientSecret: "s" };
    // A JavaScript caller's guess (Python's name, a unit in the name) was dropped and the default used.
    expect(() => new Hotmart({ ...base, retries: 5 } as never)).toThrow(
      /^new Hotmart\(\) has no option "retries": it takes clientId, clientSecret, .*maxRetries/,
    );
    expect(() => new Hotmart({ client_id: "i", client_secret: "s" } as never)).toThrow(HotmartInputError);
    // withOptions() changes a clone's defaults; the credentials stay the parent's.
    const client = new Hotmart(base);
    expect(() => client.withOptions({ clientId: "other" } as never)).toThrow(
      /^withOptions\(\) has no option "clientId": it takes timeout, totalTimeout, maxRetries/,
    );
    expect(client.withOptions({ maxRetries: 0 })).toBeInstanceOf(Hotmart);
    // Every documented option is taken, with undefined too (a spread config with gaps).
    expect(
      () =>
        new Hotmart({
          ...base,
          basic: undefined,
          sandbox: false,
          baseURL: "http://127.0.0.1:1",
          authURL: undefined,
          timeout: 1000,
          totalTimeout: 2000,
          maxRetries: 1,
          logLevel: "off",
          logger: console,
          fetch: globalThis.fetch,
          rateLimit: false,
          limiter: undefined,
          validate: "off",
          schemas: undefined,
          tokenStore: undefined,
          defaultHeaders: {},
        }),
    ).not.toThrow();
  });

  it("HOTMART_LOG sets the level", async () => {
    const server = await startScriptedServer();
    const lines: string[] = [];
    vi.stubEnv("HOTMART_LOG", "debug");
    const push = (m: string) => lines.push(m);
    const c = new Hotmart({
      clientId: "i",
      clientSecret: "s",
      baseURL: server.url,
      authURL: server.authURL,
      logger: { error: push, warn: push, info: push, debug: push },
    });
    await c.request("GET", "/x");
    expect(lines.some((l) => l.includes("→ GET"))).toBe(true);
    await server.close();
  });

  it("request() refuses an unknown method before sending", async () => {
    const c = new Hotmart({ clientId: "i", clientSecret: "s" });
    await expect(c.request("TRACE" as never, "/x")).rejects.toThrow(HotmartInputError);
  });
});

describe("per-call options", () => {
  it("a bad validate, headers or signal is refused before anything is sent, the raw request() too", async () => {
    const server = await startScriptedServer((_req, res) => json(res, 200, { items: [], page_info: {} }));
    const c = new Hotmart({
      clientId: "i",
      clientSecret: "s",
      baseURL: server.url,
      authURL: server.authURL,
      validate: "strict",
    });
    const bad: [object, RegExp][] = [
      [{ validate: "strcit" }, /validate must be "off", "warn", "strict" \(got "strcit"\)/],
      [{ validate: false }, /validate must be/],
      [{ headers: "x" }, /headers must be an object of header names to strings/],
      [{ signal: "x" }, /signal must be an AbortSignal \(got "x"\)/],
      // fetch refused these as a network error: retried, and for a write "may have been applied".
      [{ headers: { "X-Note": "日本" } }, /headers\["X-Note"\] is not a valid HTTP header/],
      [{ headers: { "X-Note": "a\r\nX-Injected: 1" } }, /is not a valid HTTP header/],
      [{ headers: { "X Note": "a" } }, /headers\["X Note"\] is not a valid HTTP header/],
    ];
    for (const [options, message] of bad) {
      await expect(c.sales.history({}, options as never)).rejects.toThrow(message);
      await expect(c.request("GET", "/x", undefined, options as never)).rejects.toThrow(HotmartInputError);
    }
    expect(server.requests).toHaveLength(0);
    expect(server.tokenRequests).toHaveLength(0);
    await server.close();
  });

  it("null options are no options (as checkOptions says), never a TypeError from inside the SDK", async () => {
    const server = await startScriptedServer((_req, res) => json(res, 200, { items: [], page_info: {} }));
    const c = new Hotmart({ clientId: "i", clientSecret: "s", baseURL: server.url, authURL: server.authURL });
    await expect(c.sales.history({}, null as never)).resolves.toMatchObject({ items: [] });
    await expect(c.request("GET", "/x", undefined, null as never)).resolves.toMatchObject({ items: [] });
    await c.sales.refund("HP123", null as never);
    expect(server.requests).toHaveLength(3);
    await server.close();
  });

  it("a body JSON cannot express (a BigInt, a cycle) is a HotmartInputError, and nothing is sent", async () => {
    const server = await startScriptedServer((_req, res) => json(res, 200, { ok: true }));
    const c = new Hotmart({ clientId: "i", clientSecret: "s", baseURL: server.url, authURL: server.authURL });
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    for (const body of [{ amount: 10n }, cyclic]) {
      await expect(c.request("POST", "/x", body)).rejects.toThrow(HotmartInputError);
      await expect(c.request("POST", "/x", body)).rejects.toThrow(/cannot be sent as JSON/);
    }
    expect(server.requests).toHaveLength(0);
    await server.close();
  });

  it("a call's headers replace the client's whatever their case, and never the access token", async () => {
    const server = await startScriptedServer((_req, res) => json(res, 200, { ok: true }));
    // Node's own fetch, as with fetch: globalThis.fetch: it joins the values of names that differ in case.
    const c = new Hotmart({
      clientId: "i",
      clientSecret: "s",
      baseURL: server.url,
      authURL: server.authURL,
      fetch: globalThis.fetch,
      defaultHeaders: { "X-Team": "payments" },
    });
    await c.request("GET", "/x", undefined, {
      headers: {
        authorization: "Bearer evil",
        "content-type": "application/vnd.test+json",
        "x-team": "ops",
        // A value left undefined (`req.id` that was not set) is no header, as fetch's own types allow.
        "x-request-id": undefined as unknown as string,
      },
    });
    const headers = server.requests[0]?.headers ?? {};
    expect(headers.authorization).toBe("Bearer token-1");
    expect(headers["content-type"]).toBe("application/vnd.test+json");
    expect(headers["x-team"]).toBe("ops");
    expect(headers).not.toHaveProperty("x-request-id");
    await server.close();
  });

  it("an app's fetch sees the header names as the app wrote them, and the SDK's as before", async () => {
    const seen: Record<string, string>[] = [];
    const recording: typeof fetch = async (input, init) => {
      seen.push({ ...(init?.headers as Record<string, string>) });
      return new Response(
        String(input).includes("/token")
          ? JSON.stringify({ access_token: "tok", expires_in: 3600 })
          : JSON.stringify({ ok: true }),
        { headers: { "content-type": "application/json" } },
      );
    };
    const c = new Hotmart({
      clientId: "i",
      clientSecret: "s",
      baseURL: "http://127.0.0.1:9",
      fetch: recording,
      defaultHeaders: { "X-Tenant": "acme" },
    });
    await c.request("GET", "/x", undefined, { headers: { "X-Request-Id": "r1" } });
    // A signing wrapper reads init.headers.Authorization; a test asserts on init.headers["X-Tenant"].
    expect(seen[1]).toEqual({
      Accept: "application/json",
      "Content-Type": "application/json",
      "User-Agent": expect.stringMatching(/^hotmart-typescript\//),
      "X-Tenant": "acme",
      "X-Request-Id": "r1",
      Authorization: "Bearer tok",
    });
    await c.close();
  });

  it("a header value that is not a string is refused, naming the option and the header", async () => {
    const c = new Hotmart({ clientId: "i", clientSecret: "s" });
    await expect(c.request("GET", "/x", undefined, { headers: { "x-n": 1 as never } })).rejects.toThrow(
      'headers["x-n"] must be a string (got 1)',
    );
    expect(
      () => new Hotmart({ clientId: "i", clientSecret: "s", defaultHeaders: { "x-n": 2 as never } }),
    ).toThrow('defaultHeaders["x-n"] must be a string (got 2)');
  });
});

describe("error hierarchy", () => {
  /** A client of the scripted `server` that does not retry. */
  const clientOf = (server: { url: string; authURL: string }) =>
    new Hotmart({
      clientId: "i",
      clientSecret: "s",
      baseURL: server.url,
      authURL: server.authURL,
      maxRetries: 0,
    });

  it("every error class is exported and is a HotmartError", () => {
    const names = [
      "APIError",
      "BadRequestError",
      "AuthenticationError",
      "PermissionDeniedError",
      "NotFoundError",
      "UnprocessableEntityError",
      "RateLimitError",
      "InternalServerError",
      "APIConnectionError",
      "APIConnectionTimeoutError",
      "APIUserAbortError",
      "ResponseValidationError",
      "ResponseParseError",
      "PaginationError",
      "HotmartInputError",
    ] as const;
    for (const name of names) {
      // biome-ignore lint/performance/noDynamicNamespaceImportAccess: a test walking every export by name.
      const Class = sdk[name] as unknown as { prototype: unknown };
      expect(Class.prototype, name).toBeInstanceOf(HotmartError);
    }
    expect(sdk.PermissionDeniedError.prototype).toBeInstanceOf(sdk.AuthenticationError);
    expect(sdk.APIConnectionTimeoutError.prototype).toBeInstanceOf(sdk.APIConnectionError);
  });

  it("outcomeUnknown and waitedFor are own properties only when set, as their optional types say", async () => {
    const server = await startScriptedServer((req, res) =>
      json(res, req.method === "GET" ? 404 : 503, { error: "x" }, { "retry-after": "0" }),
    );
    const c = clientOf(server);
    const read = await c.request("GET", "/x").catch((e: unknown) => e);
    const write = await c.request("POST", "/x", {}).catch((e: unknown) => e);
    const input = new HotmartInputError("bad");
    const timeout = new sdk.APIConnectionTimeoutError("t", { outcomeUnknown: false });
    // Absent, not present with the value undefined (exactOptionalPropertyTypes users rely on `in`).
    expect(Object.hasOwn(read as object, "outcomeUnknown")).toBe(false);
    expect(Object.hasOwn(input, "outcomeUnknown")).toBe(false);
    expect(Object.hasOwn(timeout, "waitedFor")).toBe(false);
    expect((write as HotmartError).outcomeUnknown).toBe(true);
    expect(
      new sdk.APIConnectionTimeoutError("t", { outcomeUnknown: false, waitedFor: "token" }).waitedFor,
    ).toBe("token");
    await server.close();
  });

  it("maps each status, and Hotmart's unauthorized_client code, to its class", async () => {
    const server = await startScriptedServer();
    const c = clientOf(server);
    const cases: Array<[number, string | undefined, string]> = [
      [400, "invalid_parameter", "BadRequestError"],
      [403, "unauthorized_client", "PermissionDeniedError"],
      [404, "not_found", "NotFoundError"],
      [405, "method_not_allowed", "APIError"],
      [422, undefined, "UnprocessableEntityError"],
      [429, "too_many_requests", "RateLimitError"],
      [500, "internal_server_error", "InternalServerError"],
      [502, "internal_server_error", "InternalServerError"],
    ];
    for (const [status, code, name] of cases) {
      server.handle((_req, res) =>
        json(res, status, code ? { error: code, error_description: "d" } : {}, { "retry-after": "0" }),
      );
      const error = (await c.request("GET", "/x").catch((e: unknown) => e)) as sdk.APIError;
      expect(error.name, `status ${status}`).toBe(name);
      expect(error.status).toBe(status);
      expect(error.error).toBe(code);
      expect(error.method).toBe("GET");
    }
    // The sandbox answers unauthorized_client with 401; it is still a permission problem.
    let first = true;
    server.handle((_req, res) => {
      json(res, 401, { error: first ? "token_expired" : "unauthorized_client" });
      first = false;
    });
    const error = await c.request("GET", "/x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(sdk.PermissionDeniedError);
    await server.close();
  });

  it("a 502 explains Hotmart's 30 s cut-off", async () => {
    const server = await startScriptedServer((_req, res) =>
      json(res, 502, { error: "internal_server_error" }),
    );
    const c = new Hotmart({
      clientId: "i",
      clientSecret: "s",
      baseURL: server.url,
      authURL: server.authURL,
      maxRetries: 0,
    });
    await expect(c.request("GET", "/payments/api/v1/sales/history")).rejects.toThrow(/narrow the date range/);
    await server.close();
  });
});

function catchMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected a throw");
}
