// The SDK claims Cloudflare Workers. This bundles three Workers the way wrangler would (esbuild, the
// built package) and runs them in workerd through Miniflare: the webhook example of examples/webhooks,
// a Worker that reads sales from the simulator with the API client, and the runtime probe that
// scripts/runtime-smoke.mjs runs under Node, Bun and Deno, whose answer must equal Node's.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { startSimulator } from "../packages/simulator/dist/index.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const sdk = fileURLToPath(new URL("../packages/hotmart/dist/index.js", import.meta.url));

async function bundle(entry, contents) {
  const result = await build({
    ...(contents
      ? { stdin: { contents, resolveDir: root, sourcefile: "worker.mjs" } }
      : { entryPoints: [entry] }),
    bundle: true,
    format: "esm",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    alias: { hotmart: sdk },
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
}

const CLIENT_WORKER = `
import { Hotmart } from "hotmart";
export default {
  async fetch(request, env) {
    const hotmart = new Hotmart({ clientId: env.ID, clientSecret: env.SECRET, baseURL: env.BASE, authURL: env.AUTH });
    let walked = 0;
    for await (const _ of hotmart.sales.history({ max_results: 50 })) walked += 1;
    const first = await hotmart.sales.history({ max_results: 3 });
    return Response.json({ walked, total: first.page_info.total_results, first: first.items.map((s) => s.purchase.transaction) });
  },
};`;

// The same probe as the other runtimes; a Worker reads its variables from its bindings.
const PROBE_WORKER = `
import { probe } from "./scripts/runtime-probe-core.mjs";
export default {
  async fetch(request, env) {
    return Response.json(await probe((name) => env[name]));
  },
};`;

const checks = [];
const check = (name, ok, detail) => {
  checks.push(ok);
  console.log(`${ok ? "ok  " : "FAIL"} workerd ${name}${detail ? `: ${detail}` : ""}`);
};

const sim = await startSimulator({ port: 0, seed: 12, scale: { sales: 200 } });
const hottok = "worker-smoke-hottok-0123456789";
const webhook = new Miniflare({
  // Modules listed explicitly: Miniflare's own scan refuses the SDK's lazy, variable import of its
  // optional schemas. That path never runs here (Workers pass the `schemas` option to validate).
  modules: [
    {
      type: "ESModule",
      path: "webhook.mjs",
      contents: await bundle(`${root}examples/webhooks/cloudflare-worker.mjs`),
    },
  ],
  bindings: { HOTMART_HOTTOK: hottok },
  compatibilityDate: "2024-09-23",
});
const client = new Miniflare({
  modules: [{ type: "ESModule", path: "client.mjs", contents: await bundle(undefined, CLIENT_WORKER) }],
  bindings: {
    ID: sim.credentials.clientId,
    SECRET: sim.credentials.clientSecret,
    BASE: sim.url,
    AUTH: sim.authURL,
  },
  compatibilityDate: "2024-09-23",
});
const probeWorker = new Miniflare({
  modules: [{ type: "ESModule", path: "probe.mjs", contents: await bundle(undefined, PROBE_WORKER) }],
  bindings: { ...sim.env },
  compatibilityDate: "2024-09-23",
});
try {
  // Node first, then workerd, each on a fresh dataset: the answers must be identical.
  sim.resetData();
  const { stdout } = await promisify(execFile)(process.execPath, [`${root}scripts/runtime-probe.mjs`], {
    env: { ...process.env, ...sim.env },
    timeout: 60_000,
  });
  const fromNode = stdout.trim().split("\n").at(-1);
  sim.resetData();
  const fromWorker = JSON.stringify(await (await probeWorker.dispatchFetch("http://worker/")).json());
  check(
    "runtime probe, same answer as Node",
    fromWorker === fromNode,
    fromWorker === fromNode ? "" : `${fromWorker}\n     node: ${fromNode}`,
  );
  sim.resetData();

  const event = sim.emit("PURCHASE_APPROVED");
  const post = (token) =>
    webhook.dispatchFetch("http://worker/webhooks/hotmart", {
      method: "POST",
      headers: { "content-type": "application/json", "x-hotmart-hottok": token },
      body: JSON.stringify(event),
    });
  const ok = await post(hottok);
  check("webhook example, right hottok", ok.status === 200, `${ok.status} ${await ok.text()}`);
  const bad = await post("wrong");
  check("webhook example, wrong hottok", bad.status === 401, `${bad.status}`);
  await bad.text();

  const res = await client.dispatchFetch("http://worker/");
  const body = await res.json();
  const expected = sim.data.sales.filter((s) => s.status === "APPROVED" || s.status === "COMPLETE").length;
  check(
    "API client against the simulator",
    res.status === 200 && body.walked === expected && body.total === expected,
    JSON.stringify(body),
  );
} finally {
  await webhook.dispose();
  await client.dispose();
  await probeWorker.dispose();
  await sim.close();
}
const failed = checks.filter((c) => !c).length;
console.log(`workerd: ${checks.length - failed} passed, ${failed} failed`);
if (failed) process.exit(1);
