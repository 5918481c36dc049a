import type { ServerResponse } from "node:http";
import { APIConnectionTimeoutError, APIUserAbortError, Hotmart, HotmartError } from "hotmart";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { json, type ScriptedServer, startScriptedServer } from "../helpers/scripted-server";

let server: ScriptedServer;
beforeEach(async () => {
  server = await startScriptedServer();
});
afterEach(async () => {
  await server.close();
});

const client = () =>
  new Hotmart({ clientId: "id", clientSecret: "secret", baseURL: server.url, authURL: server.authURL });

describe("cancellation", () => {
  it("an abort cancels an in-flight call", async () => {
    let arrived!: () => void;
    const inFlight = new Promise<void>((r) => {
      arrived = r;
    });
    server.handle(() => arrived());
    const controller = new AbortController();
    const call = client().request("GET", "/slow", undefined, { signal: controller.signal });
    await inFlight;
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(APIUserAbortError);
    expect(server.requests).toHaveLength(1);
  });

  it("an abort cancels a pending retry wait", async () => {
    server.handle((_req, res) => json(res, 503, { error: "internal_server_error" }, { "retry-after": "30" }));
    const controller = new AbortController();
    const call = client().request("GET", "/x", undefined, { signal: controller.signal });
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(APIUserAbortError);
    expect(server.requests).toHaveLength(1);
  });

  it("an already-aborted signal sends nothing", async () => {
    await expect(
      client().request("GET", "/x", undefined, { signal: AbortSignal.abort() }),
    ).rejects.toBeInstanceOf(APIUserAbortError);
    expect(server.requests).toHaveLength(0);
  });

  it("close() cancels calls in flight, and later calls fail with a clear error", async () => {
    server.handle(() => {});
    const c = client();
    const call = c.request("GET", "/hang");
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    await c.close();
    await expect(call).rejects.toThrow(/client was closed/);
    await expect(c.request("GET", "/x")).rejects.toThrow(/closed/);
    await expect(c.request("GET", "/x")).rejects.toBeInstanceOf(HotmartError);
  });

  it("close() also stops a token request waiting to retry", async () => {
    server.handleToken((_req, res) =>
      json(res, 503, { error: "internal_server_error" }, { "retry-after": "30" }),
    );
    const c = client();
    const call = c.request("GET", "/x");
    while (server.tokenRequests.length === 0) await new Promise((r) => setTimeout(r, 5));
    await c.close();
    await expect(call).rejects.toThrow(/closed/);
    await new Promise((r) => setTimeout(r, 50));
    expect(server.tokenRequests).toHaveLength(1);
    expect(server.requests).toHaveLength(0);
  });

  it("the token manager says what close() interrupted: a token request, or its wait to retry", async () => {
    // The token manager's own errors, whose messages load on demand as a failed token request's do (a
    // call waiting on it reports its own cancellation instead).
    server.handleToken(() => {});
    const hanging = client();
    const request = hanging._context().auth.token();
    while (server.tokenRequests.length === 0) await new Promise((r) => setTimeout(r, 5));
    await hanging.close();
    const closed = await request.catch((e: unknown) => e);
    expect(closed).toBeInstanceOf(HotmartError);
    expect((closed as Error).message).toBe("The client was closed during a token request");

    server.handleToken((_req, res) =>
      json(res, 503, { error: "internal_server_error" }, { "retry-after": "30" }),
    );
    const { auth } = client()._context();
    const sleep = auth.retryWait;
    let waiting!: () => void;
    const waits = new Promise<void>((resolve) => {
      waiting = resolve;
    });
    auth.retryWait = (ms, signal) => {
      waiting();
      return sleep(ms, signal);
    };
    const retry = auth.token();
    await waits;
    await auth.close();
    const stopped = await retry.catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(HotmartError);
    expect((stopped as Error).message).toBe(
      "The client was closed while a token request was waiting to retry",
    );
  });

  it("closing a withOptions() clone ends the clone's calls only; closing the client closes its clones", async () => {
    // /hang is never answered; everything else is.
    server.handle((req, res) => {
      if (req.path !== "/hang") json(res, 200, { ok: true });
    });
    const parent = client();
    const parentCall = parent.request("GET", "/hang");
    {
      await using scoped = parent.withOptions({ timeout: 60_000 });
      const cloneCall = scoped.request("GET", "/hang");
      // A clone of the clone goes with it.
      const inner = scoped.withOptions({ maxRetries: 0 });
      const innerCall = inner.request("GET", "/hang");
      while (server.requests.length < 3) await new Promise((r) => setTimeout(r, 5));
      await scoped.close();
      await expect(cloneCall).rejects.toThrow(/client was closed/);
      await expect(innerCall).rejects.toThrow(/client was closed/);
      await expect(scoped.request("GET", "/x")).rejects.toThrow(/closed/);
      await expect(inner.request("GET", "/x")).rejects.toThrow(/closed/);
    }
    // The parent's call is still waiting, and the parent (and a new clone) still send.
    expect(await parent.request("GET", "/x")).toEqual({ ok: true });
    const sibling = parent.withOptions({ maxRetries: 0 });
    expect(await sibling.request("GET", "/x")).toEqual({ ok: true });
    expect(server.tokenRequests).toHaveLength(1);
    await parent.close();
    await expect(parentCall).rejects.toThrow(/client was closed/);
    await expect(sibling.request("GET", "/x")).rejects.toThrow(/closed/);
  });

  it.each([
    ["never answers", () => {}],
    [
      // Headers, the start of a page, then nothing: only the signal could end the read of the body.
      "stalls after the headers",
      (_req: unknown, res: ServerResponse) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.write('{"items": [');
      },
    ],
  ] as const)(
    "with an app's fetch that ignores the signal, a server that %s: a timeout, an abort and close() still end the call",
    async (_what, answer) => {
      server.handle(answer);
      // Copies what it sends but not the signal, as hand-written wrappers often do.
      const careless: typeof fetch = (url, init = {}) => {
        const { signal: _ignored, ...rest } = init;
        return fetch(url, rest);
      };
      const c = new Hotmart({
        clientId: "id",
        clientSecret: "secret",
        baseURL: server.url,
        authURL: server.authURL,
        fetch: careless,
        maxRetries: 0,
      });
      await expect(c.request("GET", "/t", undefined, { timeout: 200 })).rejects.toBeInstanceOf(
        APIConnectionTimeoutError,
      );
      // Each once it is on the server (and, for the stall, reading its body).
      const arrived = async (n: number) => {
        while (server.requests.length < n) await new Promise((r) => setTimeout(r, 5));
        await new Promise((r) => setTimeout(r, 50));
      };
      const controller = new AbortController();
      const aborted = c.request("GET", "/a", undefined, { signal: controller.signal });
      await arrived(2);
      controller.abort();
      await expect(aborted).rejects.toBeInstanceOf(APIUserAbortError);
      const closing = c.request("GET", "/c");
      await arrived(3);
      await c.close();
      await expect(closing).rejects.toThrow(/client was closed/);
    },
  );

  it("an app's fetch (a test double) may return the Response itself, not a promise of it", async () => {
    // And a Response class whose text() is read-only on its prototype (undici's, as some libraries
    // load it, is: the SDK failed with "Cannot assign to read only property 'text'").
    class FrozenTextResponse extends Response {}
    Object.defineProperty(FrozenTextResponse.prototype, "text", {
      value: Response.prototype.text,
      writable: false,
    });
    const direct: typeof fetch = ((input: string | URL | Request) =>
      new FrozenTextResponse(
        String(input).includes("/token")
          ? JSON.stringify({ access_token: "direct", expires_in: 3600 })
          : JSON.stringify({ ok: true }),
        { headers: { "content-type": "application/json" } },
      )) as unknown as typeof fetch;
    const c = new Hotmart({ clientId: "id", clientSecret: "secret", baseURL: server.url, fetch: direct });
    expect(await c.request("GET", "/x")).toEqual({ ok: true });
    await c.close();
  });

  it("await using closes the client at the end of the scope", async () => {
    let outside: Hotmart;
    {
      await using c = client();
      outside = c;
      await c.request("GET", "/x");
    }
    await expect(outside.request("GET", "/y")).rejects.toThrow(/closed/);
  });
});
