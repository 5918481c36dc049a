import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { banner } from "../src/banner";
import { parseCliArgs } from "../src/cli-args";
import { startSimulator } from "../src/simulator";

describe("CLI arguments", () => {
  it("defaults to port 8787", () => {
    expect(parseCliArgs([])).toEqual({ help: false, options: { port: 8787 } });
  });

  it("parses every option", () => {
    const { options } = parseCliArgs([
      "--port",
      "0",
      "--seed",
      "7",
      "--host",
      "0.0.0.0",
      "--sales",
      "100000",
      "--rate-limit",
      "50",
      "--token-ttl",
      "60",
      "--webhook",
      "http://localhost:3000/a",
      "--webhook",
      "http://localhost:3000/b",
      "--webhook-retry-delay",
      "100",
      "--latency",
      "20",
      "--webhook-duplicates",
      "0.25",
      "--webhook-reorder",
      "500",
    ]);
    expect(options).toEqual({
      port: 0,
      seed: 7,
      host: "0.0.0.0",
      scale: { sales: 100000 },
      rateLimit: { limit: 50 },
      tokenTtlSeconds: 60,
      webhooks: [{ url: "http://localhost:3000/a" }, { url: "http://localhost:3000/b" }],
      webhookRetry: { delayMs: 100 },
      latencyMs: 20,
      webhookChaos: { duplicateRate: 0.25, reorderWindowMs: 500 },
    });
    expect(parseCliArgs(["--webhook-duplicates", "1"]).options.webhookChaos).toEqual({ duplicateRate: 1 });
  });

  it("turns the rate limit off and shows help", () => {
    expect(parseCliArgs(["--rate-limit", "off"]).options.rateLimit).toBe(false);
    expect(parseCliArgs(["-h"]).help).toBe(true);
  });

  it("rejects bad values and unknown options with a readable message", () => {
    expect(() => parseCliArgs(["--port", "http"])).toThrow(/--port/);
    // Out of range is the same usage error (exit 2), not startSimulator's own refusal later (exit 1).
    expect(() => parseCliArgs(["--port", "99999"])).toThrow(
      '--port must be an integer from 0 to 65535, got "99999"',
    );
    expect(() => parseCliArgs(["--webhook", "not a url"])).toThrow(/--webhook/);
    expect(() => parseCliArgs(["--colour"])).toThrow();
    expect(() => parseCliArgs(["--webhook-duplicates", "1.5"])).toThrow(/--webhook-duplicates/);
    expect(() => parseCliArgs(["--webhook-duplicates", "x"])).toThrow(/--webhook-duplicates/);
    expect(() => parseCliArgs(["--webhook-reorder", "-5"])).toThrow();
  });
});

describe("the banner", () => {
  it("prints lines that, pasted into a shell, reach the node program run next", async () => {
    const sim = await startSimulator({ port: 0, seed: 1, scale: { sales: 5 } });
    try {
      const text = banner(sim);
      const lines = text.split("\n").filter((l) => /HOTMART_[A-Z_]+=/.test(l) && !l.startsWith(" "));
      expect(lines).toHaveLength(5);
      // Pasted as printed, then the user's program: plain NAME=value lines would stay shell variables.
      // HOTMART_HOTTOK too: a webhook route given the other four (`createWebhookHandler()` reads it)
      // refused every delivery of `--webhook` with a 500, "no hottok was given".
      const script = [
        ...lines,
        "node -e \"console.log(process.env.HOTMART_CLIENT_ID ?? 'unset', process.env.HOTMART_HOTTOK ?? 'unset')\"",
      ].join("\n");
      const env = { ...process.env };
      for (const name of Object.keys(env)) if (name.startsWith("HOTMART_")) delete env[name];
      const run = spawnSync("sh", ["-c", script], { env, encoding: "utf8" });
      expect(run.stdout.trim()).toBe(`${sim.credentials.clientId} ${sim.hottok}`);
    } finally {
      await sim.close();
    }
  });
});
