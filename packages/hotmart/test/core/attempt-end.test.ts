// How an attempt ends early, on the wire: a caller's abort, a timeout or close() ends the call at once
// and closes the connection, whether or not the caller passed a signal (the pipeline always hands fetch
// the call's own signal, so no request is left hanging on a socket after its call has failed).
import { APIConnectionTimeoutError, APIUserAbortError, Hotmart } from "hotmart";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { json, type ScriptedServer, startScriptedServer } from "../helpers/scripted-server";

let server: ScriptedServer;
beforeEach(async () => {
  server = await startScriptedServer();
});
afterEach(async () => {
  await server.close();
});

const client = (options: { timeout?: number; maxRetries?: number } = {}) =>
  new Hotmart({
    clientId: "id",
    clientSecret: "secret",
    baseURL: server.url,
    authURL: server.authURL,
    ...options,
  });

/** A server that never answers; `arrived` when a request came in, `closed` when its connection closed. */
function hangingServer() {
  let arrived!: () => void;
  let closed!: () => void;
  const seen = {
    arrived: new Promise<void>((resolve) => {
      arrived = resolve;
    }),
    closed: new Promise<void>((resolve) => {
      closed = resolve;
    }),
  };
  server.handle((_req, res) => {
    res.on("close", () => closed());
    arrived();
  });
  return seen;
}

describe("ending an attempt early", () => {
  it("a caller's abort cancels the fetch in flight: the server sees the connection close", async () => {
    const { arrived, closed } = hangingServer();
    const controller = new AbortController();
    const call = client().request("GET", "/slow", undefined, { signal: controller.signal });
    await arrived;
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(APIUserAbortError);
    // Resolves only if the request was cancelled on the wire; a leaked request would hang the test.
    await closed;
    expect(server.requests).toHaveLength(1);
  });

  it("with a caller's signal, a hung server is timed out and the connection closed", async () => {
    // The token is minted first, with the default timeout: on a busy machine minting alone can take
    // longer than 150 ms, and only the hung request is meant to time out.
    const c = client({ maxRetries: 0 });
    await c.request("GET", "/warm");
    const { closed } = hangingServer();
    const call = c.request("GET", "/slow", undefined, {
      signal: new AbortController().signal,
      timeout: 150,
    });
    await expect(call).rejects.toBeInstanceOf(APIConnectionTimeoutError);
    await closed;
  });

  it("without a caller's signal, a hung server is timed out and its connection closed", async () => {
    // A first call mints the token, so the hung call below has no wait of its own before fetch. It has
    // the default timeout: on a busy machine minting can take longer than 150 ms.
    const c = client({ maxRetries: 0 });
    await c.request("GET", "/warm");
    const { closed } = hangingServer();
    const error = await c.request("GET", "/slow", undefined, { timeout: 150 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as Error).message).toMatch(/timed out after 150 ms/);
    // Resolves only if the timed-out request was cancelled on the wire, not abandoned on its socket.
    await closed;
  });

  it("an attempt cut short by the call's total timeout says how long it waited in whole milliseconds", async () => {
    const c = client({ timeout: 60_000, maxRetries: 0 });
    await c.request("GET", "/warm");
    const { closed } = hangingServer();
    // The attempt gets what is left of the 150 ms, counted by the monotonic clock in fractions of a ms.
    const error = await c.request("GET", "/slow", undefined, { totalTimeout: 150 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as Error).message).toMatch(/ timed out after \d+ ms$/);
    await closed;
  });

  it("close() ends a call in flight and closes its connection", async () => {
    const c = client({ timeout: 60_000 });
    await c.request("GET", "/warm");
    const { arrived, closed } = hangingServer();
    const call = c.request("GET", "/slow").catch((e: unknown) => e);
    await arrived;
    await c.close();
    expect(String(await call)).toMatch(/client was closed/);
    await closed;
  });

  it("a late answer to a timed-out request does not revive the call; the client still works", async () => {
    // The token is minted and the connection opened first, outside the 150 ms: on a busy machine they
    // alone can take longer. The hung request's bytes then leave at once, so the server sees it even
    // when the timeout fires first; the answer is sent once it has (not read from a variable the
    // handler may not have set yet).
    const c = client({ maxRetries: 0 });
    await c.request("GET", "/warm");
    let arrive!: (answer: () => void) => void;
    const arrived = new Promise<() => void>((resolve) => {
      arrive = resolve;
    });
    server.handle((_req, res) => arrive(() => json(res, 200, { late: true })));
    const error = await c.request("GET", "/slow", undefined, { timeout: 150 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    (await arrived)();
    server.handle((_req, res) => json(res, 200, { ok: true }));
    // The default timeout: only the hung attempt is meant to time out.
    expect(await c.request("GET", "/next")).toEqual({ ok: true });
    expect(server.requests).toHaveLength(3);
  });

  it("a timed-out GET is retried on a fresh attempt", async () => {
    const retries: number[] = [];
    // Minted first, with the default timeout: the 150 ms is for the GETs alone.
    const c = client({ maxRetries: 1 });
    await c.request("GET", "/warm");
    // The first /x hangs, the retry is answered.
    server.handle((_req, res) => {
      if (server.requests.length > 2) json(res, 200, { ok: true });
    });
    const options = { timeout: 150, onRetry: ({ retry }: { retry: number }) => retries.push(retry) };
    expect(await c.request("GET", "/x", undefined, options)).toEqual({ ok: true });
    expect(retries).toEqual([1]);
    expect(server.requests).toHaveLength(3);
  });
});
