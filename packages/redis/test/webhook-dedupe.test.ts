/**
 * Two webhook receivers behind one Redis (issue 13 item 4): 1,000 deliveries, 30 % of them duplicates, in
 * shuffled order, spread over both by a "load balancer". Each receiver is its own Node process
 * (test/fixtures/receiver.mjs: the built `hotmart` webhook handler on the built `hotmart-redis` dedupe
 * store over ioredis) and reports every event it processed. Mid-way receiver A is killed with SIGKILL
 * while it is in the middle of events: claimed in Redis, not finished, not answered, with deliveries in
 * flight to it. "Hotmart" re-sends what got no 2xx; the balancer now routes everything to B, which
 * processes the abandoned events once their claims expired. Each event must be processed exactly once
 * across A and B, none lost.
 */
import { type ChildProcessByStdio, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { HAS_REDIS, INSTALL_HINT, type RedisServer, startRedis } from "./redis-server";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const FIXTURE = fileURLToPath(new URL("./fixtures/receiver.mjs", import.meta.url));
const BUILT = ["hotmart", "redis"].every((p) => existsSync(`${root}packages/${p}/dist/index.js`));
if (!HAS_REDIS) console.log(INSTALL_HINT);
else if (!BUILT)
  console.log("webhook dedupe test skipped: its receivers run the built packages; run `npm run build` first");

const HOTTOK = "dedupe-test-hottok";
/** How long an abandoned claim blocks re-sends; far above a handler's few ms, even on a loaded machine. */
const CLAIM_MS = 2_000;
/** Hotmart re-sends a delivery that got no 2xx this long after (past the claim's expiry). */
const RESEND_MS = CLAIM_MS + 1_000;
/** Hang guards only: nothing here is judged on time. */
const HANG_MS = 60_000;

interface Receiver {
  readonly name: string;
  url: string;
  readonly child: ChildProcessByStdio<Writable, Readable, Readable>;
  /** Event ids it reported processed, in order. */
  readonly done: string[];
  /** Event ids it claimed and then held (after "hold"): never finished. */
  readonly held: string[];
  /** Resolves once the process exited and its whole output was read. */
  readonly closed: Promise<void>;
  onReport: () => void;
  stderr(): string;
}

const children: Receiver[] = [];
let server: RedisServer | undefined;
beforeAll(async () => {
  if (HAS_REDIS && BUILT) server = await startRedis();
});
afterAll(async () => {
  for (const r of children)
    if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill("SIGKILL");
  await server?.stop();
});

async function startReceiver(name: string, redisPort: number, prefix: string): Promise<Receiver> {
  const child = spawn(process.execPath, [FIXTURE], {
    env: {
      ...process.env,
      RECEIVER_CONFIG: JSON.stringify({
        name,
        redisPort,
        prefix,
        hottok: HOTTOK,
        processingTimeoutMs: CLAIM_MS,
      }),
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  let ready: (port: number) => void = () => {};
  let guard: NodeJS.Timeout | undefined;
  const port = new Promise<number>((resolve, reject) => {
    ready = resolve;
    guard = setTimeout(() => reject(new Error(`receiver ${name} did not start:\n${stderr}`)), HANG_MS);
    void closed.then(() => reject(new Error(`receiver ${name} exited before listening:\n${stderr}`)));
  }).finally(() => clearTimeout(guard));
  const receiver: Receiver = {
    name,
    url: "",
    child,
    done: [],
    held: [],
    closed,
    onReport: () => {},
    stderr: () => stderr,
  };
  children.push(receiver);
  createInterface({ input: child.stdout }).on("line", (line) => {
    const [kind, value = ""] = line.split(" ");
    if (kind === "listening") ready(Number(value));
    else if (kind === "done") receiver.done.push(value);
    else if (kind === "held") receiver.held.push(value);
    receiver.onReport();
  });
  receiver.url = `http://127.0.0.1:${await port}/webhook`;
  return receiver;
}

it.skipIf(!HAS_REDIS || !BUILT)(
  "1,000 deliveries (30 % duplicates, reordered) to two receiver processes, one SIGKILLed mid-event: every event processed exactly once",
  async () => {
    const redisPort = server?.port as number;
    const prefix = `w${Date.now()}:`;
    const [a, b] = await Promise.all([
      startReceiver("A", redisPort, prefix),
      startReceiver("B", redisPort, prefix),
    ]);

    const ids = Array.from({ length: 700 }, (_, i) => `evt-${i}`);
    const deliveries = [
      ...ids,
      ...Array.from({ length: 300 }, (_, i) => ids[(i * 7919) % ids.length] as string),
    ];
    for (let i = deliveries.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [deliveries[i], deliveries[j]] = [deliveries[j] as string, deliveries[i] as string];
    }
    const body = (id: string) =>
      JSON.stringify({
        id,
        event: "PURCHASE_APPROVED",
        version: "2.0.0",
        creation_date: Date.now(),
        data: {},
      });
    /** The HTTP status, or "no answer" (connection reset by a dead receiver, or the hang guard). */
    const post = async (url: string, id: string): Promise<number | "no answer"> => {
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", "x-hotmart-hottok": HOTTOK },
          body: body(id),
          signal: AbortSignal.timeout(HANG_MS),
        });
        await response.arrayBuffer();
        return response.status;
      } catch {
        return "no answer";
      }
    };

    const queue = [...deliveries];
    let sent = 0;
    let resends = 0;
    let holding = false;
    let killed = false;
    let sentAtKill = 0;
    /** Deliveries to A not answered yet: delivery number → event id. */
    const inFlightA = new Map<number, string>();
    // A is killed once it is in the middle of events and nowhere else: every delivery in flight to it is
    // for an event it claimed and holds (so none is between "processed" and "completed" in Redis, which
    // no dedupe store can make atomic), and every other one it took was answered, so completed in Redis.
    const maybeKill = () => {
      if (!holding || killed) return;
      const held = new Set(a.held);
      if (held.size === 0 || (held.size < 3 && queue.length > 0)) return;
      for (const id of inFlightA.values()) if (!held.has(id)) return;
      killed = true;
      sentAtKill = sent;
      a.child.kill("SIGKILL");
    };
    a.onReport = maybeKill;

    const deliver = async (id: string, attempt: number): Promise<void> => {
      const n = ++sent;
      if (n === 500) {
        // From here A holds every event it claims, as a receiver stuck in a slow handler would.
        holding = true;
        a.child.stdin.write("hold\n");
      }
      // The load balancer stops routing to a dead receiver once its health check fails.
      const target = killed ? b : n % 2 === 0 ? a : b;
      if (target === a) inFlightA.set(n, id);
      const status = await post(target.url, id);
      if (target === a) {
        inFlightA.delete(n);
        maybeKill();
      }
      if (status === 200) return;
      // No 2xx: Hotmart re-sends later, past the expiry of the claim a dead receiver left behind.
      expect(attempt, `delivery of ${id} got ${status} ${attempt} times`).toBeLessThan(5);
      resends++;
      await new Promise((r) => setTimeout(r, RESEND_MS));
      await deliver(id, attempt + 1);
    };
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) await deliver(id, 1);
      }),
    );

    // Every report is read: A's output ends with its death, B's when it is told to stop.
    b.child.stdin.end();
    await Promise.all([a.closed, b.closed]);
    expect(a.child.signalCode).toBe("SIGKILL");
    expect(b.child.exitCode, b.stderr()).toBe(0);

    const processed = new Map<string, number>();
    for (const id of [...a.done, ...b.done]) processed.set(id, (processed.get(id) ?? 0) + 1);
    const twice = [...processed].filter(([, n]) => n > 1);
    const lost = ids.filter((id) => !processed.has(id));
    const abandoned = [...new Set(a.held)];
    console.log(
      `[webhook dedupe] ${deliveries.length} deliveries of ${ids.length} events; receiver A SIGKILLed after ` +
        `${sentAtKill} deliveries, in the middle of ${abandoned.length} claimed events; ${resends} re-sends ` +
        `after the kill: ${processed.size} processed (A ${a.done.length}, B ${b.done.length}), ` +
        `${twice.length} twice, ${lost.length} lost`,
    );
    expect(abandoned.length).toBeGreaterThan(0);
    // What A died on was never finished by A, and B processed it after Hotmart's re-send.
    expect(abandoned.filter((id) => a.done.includes(id))).toEqual([]);
    expect(abandoned.filter((id) => !b.done.includes(id))).toEqual([]);
    // What A finished and reported, B did not process again.
    expect(a.done.filter((id) => b.done.includes(id))).toEqual([]);
    expect(twice).toEqual([]);
    expect(lost).toEqual([]);
  },
  180_000,
);
