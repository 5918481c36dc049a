// A process frozen while Hotmart answers: SIGSTOP / SIGCONT from an orchestrator, a Lambda frozen
// between invocations, a laptop's sleep, or a long synchronous stall. On the thaw its timers are due
// before it reads its sockets (Node runs the timers phase first), so a per-attempt timeout that elapsed
// during the freeze must not fail a request whose answer is already waiting to be read.
//
// The freeze is real: this thread blocks in Atomics.wait (its event loop stops, as under SIGSTOP) while a
// server on another thread answers. The server waits for the go-ahead, so the answer arrives only once
// this thread is frozen, and this thread stays frozen past the attempt's timeout.
import { Worker } from "node:worker_threads";
import { Hotmart } from "hotmart";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { json, type ScriptedServer, scriptedClient, startScriptedServer } from "../helpers/scripted-server";

/** Slots of the shared flags: set by this thread (GO) or by the server thread (ARRIVED, ANSWERED). */
const ARRIVED = 0;
const GO = 1;
const ANSWERED = 2;

const SERVER = `
const { createServer } = require("node:http");
const { parentPort, workerData } = require("node:worker_threads");
const flags = new Int32Array(workerData);
let held = false;
const server = createServer((req, res) => {
  const send = (status, body) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body), () => {
      if (!held) return;
      Atomics.store(flags, ${ANSWERED}, 1);
      Atomics.notify(flags, ${ANSWERED});
    });
  };
  req.resume();
  req.on("end", () => {
    if (req.url.startsWith("/security")) {
      return send(200, { access_token: "token-1", token_type: "bearer", expires_in: 172799 });
    }
    // The first API request warms the connection; the next ones wait for the go-ahead.
    if (!req.url.includes("held")) return send(200, { warm: true });
    held = true;
    Atomics.store(flags, ${ARRIVED}, 1);
    Atomics.notify(flags, ${ARRIVED});
    Atomics.wait(flags, ${GO}, 0, 10000);
    send(200, { answered: req.method });
  });
});
server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port));
parentPort.on("message", () => server.close(() => process.exit(0)));
`;

let worker: Worker;
let flags: Int32Array;
let url: string;

beforeEach(async () => {
  const shared = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
  flags = new Int32Array(shared);
  worker = new Worker(SERVER, { eval: true, workerData: shared });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  url = `http://127.0.0.1:${port}`;
});
afterEach(async () => {
  // Never leave the server thread blocked on its go-ahead.
  Atomics.store(flags, GO, 1);
  Atomics.notify(flags, GO);
  worker.postMessage("stop");
  await new Promise((resolve) => worker.once("exit", resolve));
});

/**
 * Sends `call`, then freezes this thread until the server has answered it and the attempt's `timeoutMs`
 * has elapsed, as a process stopped mid-request and thawed later finds itself.
 */
async function frozenWhileAnswered<T>(timeoutMs: number, call: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const pending = call();
  pending.catch(() => {});
  // The event loop runs until the request reached the server (it writes it on a later turn).
  while (Atomics.load(flags, ARRIVED) === 0 && performance.now() - started < timeoutMs / 2) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(Atomics.load(flags, ARRIVED), "the request reached the server well before its timeout").toBe(1);
  // Frozen from here: the answer is sent while this thread cannot read it.
  Atomics.store(flags, GO, 1);
  Atomics.notify(flags, GO);
  Atomics.wait(flags, ANSWERED, 0, 10_000);
  expect(Atomics.load(flags, ANSWERED), "the server answered").toBe(1);
  // Still frozen until the attempt's timeout is past: on the thaw its timer is due.
  const left = started + timeoutMs + 50 - performance.now();
  if (left > 0) Atomics.wait(flags, GO, 1, left);
  return pending;
}

const client = (timeout: number) =>
  new Hotmart({
    clientId: "id",
    clientSecret: "secret",
    baseURL: url,
    authURL: `${url}/security/oauth/token`,
    timeout,
    maxRetries: 0,
    rateLimit: false,
  });

it("a write Hotmart answered while the process was frozen past its timeout returns that answer, not 'outcome unknown'", async () => {
  const hotmart = client(1_000);
  // The token and a kept-alive connection first, so the held request goes out at once.
  await hotmart.request("GET", "/warm");
  const answer = await frozenWhileAnswered(1_000, () => hotmart.request("PUT", "/held/refund"));
  expect(answer).toEqual({ answered: "PUT" });
  await hotmart.close();
});

it("a read answered while the process was frozen past its timeout returns that answer without a resend", async () => {
  const hotmart = client(1_000);
  await hotmart.request("GET", "/warm");
  const answer = await frozenWhileAnswered(1_000, () => hotmart.request("GET", "/held/list"));
  expect(answer).toEqual({ answered: "GET" });
  await hotmart.close();
});

/**
 * Runs `body` with a scripted server and a wall clock that `freeze(ms)` moves on, as a SIGSTOP or a
 * Lambda's freeze does (timers and the monotonic clock are left alone).
 */
async function withFrozenWallClock(
  body: (server: ScriptedServer, freeze: (ms: number) => void) => Promise<void>,
): Promise<void> {
  const server = await startScriptedServer();
  const realNow = Date.now.bind(Date);
  let frozenMs = 0;
  vi.spyOn(Date, "now").mockImplementation(() => realNow() + frozenMs);
  try {
    await body(server, (ms) => {
      frozenMs += ms;
    });
  } finally {
    vi.restoreAllMocks();
    await server.close();
  }
}

describe("a token whose answer waited out a freeze", () => {
  it("counts its life from when it was asked for, so it is not used past its expiry after the thaw", () =>
    withFrozenWallClock(async (server, freeze) => {
      server.handleToken((_req, res) => {
        const n = server.tokenRequests.length;
        // Hotmart issues a 10-minute token, then the client's process is frozen 8 minutes before it reads
        // the answer: the wall clock moves on, as it does across a SIGSTOP or a Lambda's freeze.
        json(res, 200, { access_token: `token-${n}`, expires_in: 600 });
        if (n === 1) freeze(8 * 60_000);
      });
      server.handle((req, res) => json(res, 200, { auth: req.headers.authorization }));
      const hotmart = scriptedClient(server, { rateLimit: false });
      await hotmart.request("GET", "/first");
      // token-1 came with 2 of its 10 minutes left, and is used for half of those: until 1 minute before
      // it expires, 9 minutes after it was asked for. This call comes 30 s before it expires, so it gets a
      // new one. (Counted from the answer, token-1 was taken as valid for 5 minutes after it came, and
      // Hotmart would answer 401 to this call.)
      freeze(90_000);
      await hotmart.request("GET", "/second");
      expect(server.requests.map((r) => r.headers.authorization)).toEqual([
        "Bearer token-1",
        "Bearer token-2",
      ]);
      await hotmart.close();
    }));
});

describe("a token that came with less of its life left than the refresh margin", () => {
  it("is used by the calls after the one that asked for it, not minted again for each call", () =>
    withFrozenWallClock(async (server, freeze) => {
      server.handleToken((_req, res) => {
        // A 1-second token from a token endpoint that takes 600 ms to answer: it comes with 400 ms left,
        // less than its margin (half its life). Time passes on the wall clock only: no test waits.
        freeze(600);
        json(res, 200, { access_token: `token-${server.tokenRequests.length}`, expires_in: 1 });
      });
      server.handle((req, res) => json(res, 200, { auth: req.headers.authorization }));
      const hotmart = scriptedClient(server, { rateLimit: false });
      for (let call = 0; call < 5; call++) await hotmart.request("GET", `/call-${call}`);
      expect(server.tokenRequests).toHaveLength(1);
      // It is used for half of what was left of it (200 ms), then refreshed before it expires.
      freeze(250);
      await hotmart.request("GET", "/later");
      expect(server.requests.map((r) => r.headers.authorization)).toEqual([
        ...Array(5).fill("Bearer token-1"),
        "Bearer token-2",
      ]);
      await hotmart.close();
    }));
});

describe("a call queued in the rate limiter across a freeze", () => {
  it("takes its token again after the wait, so it does not send one that expired meanwhile", () =>
    withFrozenWallClock(async (server, freeze) => {
      // 10-minute tokens, which this server refuses once they are past their life, as Hotmart does.
      const issued = new Map<string, number>();
      server.handleToken((_req, res) => {
        const token = `token-${server.tokenRequests.length}`;
        issued.set(`Bearer ${token}`, Date.now());
        json(res, 200, { access_token: token, expires_in: 600 });
      });
      server.handle((req, res) => {
        const at = issued.get(String(req.headers.authorization));
        if (at === undefined || Date.now() > at + 600_000) return json(res, 401, { error: "invalid_token" });
        return json(res, 200, { ok: true });
      });
      // One request per 300 ms: the second call waits for the limiter with the token it was given.
      const hotmart = scriptedClient(server, { rateLimit: { requestsPerMinute: 1, windowMs: 300 } });
      await hotmart.request("GET", "/first");
      const second = hotmart.request("GET", "/second");
      while (hotmart.rateLimit?.queued !== 1) await new Promise((resolve) => setImmediate(resolve));
      // Frozen 11 minutes while it waits: token-1 expires at Hotmart before the call's turn comes.
      freeze(11 * 60_000);
      await expect(second).resolves.toEqual({ ok: true });
      expect(server.requests.map((r) => r.headers.authorization)).toEqual([
        "Bearer token-1",
        "Bearer token-2",
      ]);
      await hotmart.close();
    }));
});
