// The SDK's own CPU cost per request, without the network: `request()` over a fetch stub that answers
// at once, against the same stub + `JSON.parse`. Interleaved rounds in a rotating order, medians of the
// CPU time of this process (user + system; on a loaded machine wall time mostly measures the wait for a
// core), wall time beside it. Run after `npm run build`: `node bench/cpu-overhead.mjs` (N requests per
// round, ROUNDS rounds).
import { Hotmart } from "hotmart";

const N = Number(process.env.N ?? 4000);
const ROUNDS = Number(process.env.ROUNDS ?? 15);
const body = JSON.stringify({ items: [{ transaction: "HP1" }], page_info: {} });
const stub = async (url) =>
  String(url).includes("/security/oauth/token")
    ? new Response(JSON.stringify({ access_token: "bench-token-123", expires_in: 3600 }))
    : new Response(body, { headers: { "content-type": "application/json" } });
const make = (rateLimit) =>
  new Hotmart({
    clientId: "bench",
    clientSecret: "bench-secret",
    baseURL: "http://127.0.0.1:1",
    fetch: stub,
    rateLimit,
  });
const noLimiter = make(false);
const limiter = make({ requestsPerMinute: 1e9 });
const clients = {
  "stub fetch + JSON.parse": async () => JSON.parse(await (await stub("x")).text()),
  "SDK rateLimit: false": () => noLimiter.request("GET", "/p", { max_results: 10 }),
  "SDK limiter 1e9/min": () => limiter.request("GET", "/p", { max_results: 10 }),
};
const times = Object.fromEntries(Object.keys(clients).map((k) => [k, []]));
const walls = Object.fromEntries(Object.keys(clients).map((k) => [k, []]));
for (let round = 0; round < ROUNDS; round++) {
  const order = Object.keys(clients);
  for (let i = 0; i < round % order.length; i++) order.push(order.shift());
  for (const name of order) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    for (let i = 0; i < N; i++) await clients[name]();
    const { user, system } = process.cpuUsage(cpu);
    times[name].push((user + system) / N);
    walls[name].push(((performance.now() - start) * 1000) / N);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const base = median(times["stub fetch + JSON.parse"]);
const baseWall = median(walls["stub fetch + JSON.parse"]);
for (const [name, xs] of Object.entries(times)) {
  const m = median(xs);
  const extra = name.startsWith("SDK")
    ? `  +${(m - base).toFixed(1)} µs (range ${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}); ` +
      `wall +${(median(walls[name]) - baseWall).toFixed(1)} µs`
    : "";
  console.log(`${name.padEnd(24)} CPU ${m.toFixed(1)} µs/req${extra}`);
}
await Promise.all([noLimiter.close(), limiter.close()]);
