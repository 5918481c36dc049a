// Prefetch in `for await`: the next page is fetched while the loop works on the current one. Compares
// the SDK's walk (`.pages()`, prefetching) with the same walk done by hand without prefetch
// (`getNextPage()` after the work), each page followed by 50 ms of work, in the same run.
// Root: `npm run bench:prefetch`. BENCH_LATENCY (100 ms), BENCH_SALES (6000), BENCH_PAGE (200).
import { setTimeout as sleep } from "node:timers/promises";
import { EARLIEST_DATE, Hotmart } from "hotmart";
import { clientOptions, loadLine, startChild } from "./sim.mjs";

const LATENCY = Number(process.env.BENCH_LATENCY ?? 100);
const SALES = Number(process.env.BENCH_SALES ?? 6000);
const PAGE = Number(process.env.BENCH_PAGE ?? 200);
const WORK_MS = 50;
const params = { start_date: EARLIEST_DATE, end_date: Date.now(), max_results: PAGE };

async function withPrefetch(client) {
  let pages = 0;
  for await (const _page of client.sales.history(params).pages()) {
    pages++;
    await sleep(WORK_MS);
  }
  return pages;
}

async function withoutPrefetch(client) {
  let pages = 0;
  let page = await client.sales.history(params);
  for (;;) {
    pages++;
    await sleep(WORK_MS);
    if (!page.hasNextPage()) return pages;
    page = await page.getNextPage();
  }
}

const sim = await startChild({ seed: 9, scale: { sales: SALES }, latencyMs: LATENCY, rateLimit: false });
try {
  const times = { on: [], off: [] };
  let pages = 0;
  // Alternate the two, three rounds each, so drift on a busy machine hits both alike; medians printed.
  for (let round = 0; round < 3; round++) {
    for (const [name, walk] of round % 2
      ? [
          ["off", withoutPrefetch],
          ["on", withPrefetch],
        ]
      : [
          ["on", withPrefetch],
          ["off", withoutPrefetch],
        ]) {
      const client = new Hotmart(clientOptions(sim, { rateLimit: false }));
      await client.sales.history({ max_results: 1 }); // token first, outside the timing
      const started = performance.now();
      pages = await walk(client);
      times[name].push(performance.now() - started);
      await client.close();
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const on = median(times.on);
  const off = median(times.off);
  console.log(
    `${pages} pages of ${PAGE}, ${LATENCY} ms/request, ${WORK_MS} ms of work per page: ` +
      `without prefetch ${(off / 1000).toFixed(2)} s, with prefetch ${(on / 1000).toFixed(2)} s: ${(off / on).toFixed(2)}x  [${loadLine()}]`,
  );
} finally {
  await sim.close();
}
