import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { type Simulator, startSimulator, WEBHOOK_EVENTS } from "hotmart-simulator";
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { diagnose } from "../src/commands/doctor";
import { resolveConfig } from "../src/config";
import { BIN, emptyDir, ensureBuilt, runCli, runCliInProcess, simEnv } from "./helpers";

let sim: Simulator;
let receiver: Server;
let receiverUrl: string;
const received: { headers: Record<string, unknown>; body: string }[] = [];

beforeAll(async () => {
  ensureBuilt();
  sim = await startSimulator({ port: 0, seed: 42 });
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString();
    });
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(req.url === "/fail" ? 500 : 200).end("thanks");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
}, 120_000);
afterAll(async () => {
  await sim?.close();
  receiver?.close();
});

describe("webhooks", () => {
  it("trigger sends each of the 16 events with the hottok header and shows the answer", async () => {
    for (const [i, event] of WEBHOOK_EVENTS.entries()) {
      received.length = 0;
      // The first through the binary, the others through the same code in this process (no Node start).
      const r = await (i === 0 ? runCli : runCliInProcess)([
        "webhooks",
        "trigger",
        event,
        "--to",
        `${receiverUrl}/hook`,
        "--hottok",
        "h0tt0k",
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/<- 200 in \d+ ms/);
      expect(r.stdout).toBe("thanks\n");
      expect(received).toHaveLength(1);
      expect(received[0]?.headers["x-hotmart-hottok"]).toBe("h0tt0k");
      const body = JSON.parse(received[0]?.body ?? "{}") as { event: string; version: string; data: object };
      expect(body.event).toBe(event);
      expect(body.version).toBe("2.0.0");
      expect(Object.keys(body.data).length).toBeGreaterThan(0);
    }
  }, 180_000);

  it("trigger exits 1 when the endpoint fails, 2 for an unknown event", async () => {
    expect(
      (await runCliInProcess(["webhooks", "trigger", "PURCHASE_APPROVED", "--to", `${receiverUrl}/fail`]))
        .code,
    ).toBe(1);
    const bad = await runCliInProcess(["webhooks", "trigger", "NOPE", "--to", receiverUrl]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Unknown event "NOPE"; use one of PURCHASE_APPROVED/);
  });

  it("listen verifies, pretty-prints and saves; replay sends the saved deliveries again", async () => {
    const dir = emptyDir();
    const save = join(dir, "saved.jsonl");
    const { child, out, url } = await startListener(["--hottok", "right", "--save", save], dir);
    const ok = await runCliInProcess([
      "webhooks",
      "trigger",
      "PURCHASE_APPROVED",
      "--to",
      url,
      "--hottok",
      "right",
    ]);
    expect(ok.code).toBe(0);
    const wrong = await runCliInProcess([
      "webhooks",
      "trigger",
      "PURCHASE_REFUNDED",
      "--to",
      url,
      "--hottok",
      "wrong",
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/<- 401/);
    // The listener prints after it answers: wait for its lines, however busy the machine is.
    await vi.waitFor(
      () => {
        expect(out.stdout).toMatch(/buyer\.email +\S+@/);
        expect(out.stderr).toMatch(/rejected with 401/);
      },
      { timeout: 10_000 },
    );
    expect(out.stdout).toMatch(/PURCHASE_APPROVED {2}\S+ {2}\(hottok verified\)/);
    expect(out.stdout).toMatch(/buyer\.email +\S+@/);
    expect(out.stdout).not.toContain("PURCHASE_REFUNDED");
    expect(out.stderr).toMatch(/rejected with 401/);
    expect(out.stderr).not.toContain("wrong");
    const saved = readFileSync(save, "utf8").trim().split("\n");
    expect(saved).toHaveLength(1);

    received.length = 0;
    const replay = await runCliInProcess([
      "webhooks",
      "replay",
      save,
      "--to",
      `${receiverUrl}/r`,
      "--hottok",
      "again",
    ]);
    expect(replay.code).toBe(0);
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0]?.body ?? "{}")).toEqual(JSON.parse(saved[0] ?? ""));

    // A file with a line that is not JSON, or an entry that is not a payload, sends nothing at all.
    received.length = 0;
    const replayOf = async (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return runCliInProcess(["webhooks", "replay", join(dir, name), "--to", `${receiverUrl}/r`]);
    };
    const broken = await replayOf("broken.jsonl", `${saved[0]}\n{"event":\n`);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.jsonl, line 2: not JSON .*; nothing was sent/);
    const other = await replayOf("other.jsonl", `${saved[0]}\n{"order":1}\n`);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(
      /other\.jsonl, line 2: not a Hotmart webhook payload \(.*event.*\); nothing was sent/,
    );
    const empty = await replayOf("empty.jsonl", "\n\n");
    expect(empty.stderr).toContain("empty.jsonl: no payloads in the file; nothing was sent");
    expect(received).toHaveLength(0);

    child.kill("SIGINT");
    const code = await new Promise<number | null>((r) => child.on("exit", r));
    expect(code).toBe(0);
  }, 120_000);
});

describe("webhooks: the hottok is a secret", () => {
  const SECRET = "h0tt0k-n3ver-pr1nted";

  it("trigger --print needs no --to, and masks the body hottok SWITCH_PLAN carries", async () => {
    const r = await runCliInProcess(["webhooks", "trigger", "SWITCH_PLAN", "--print", "--hottok", SECRET]);
    expect(r.code, r.stderr).toBe(0);
    const printed = JSON.parse(r.stdout) as { event: string; hottok?: string };
    expect(printed.event).toBe("SWITCH_PLAN");
    expect(printed.hottok).toBe("[redacted]");
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  });

  it("trigger with neither --to nor --print is a usage error that names both", async () => {
    const r = await runCliInProcess(["webhooks", "trigger", "PURCHASE_APPROVED"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--to <url>.*--print/);
  });

  it("listen --save into a folder that does not exist is a usage error before it listens, not a 500 per delivery", async () => {
    const save = join(emptyDir(), "no-such-folder", "d.jsonl");
    const r = await runCliInProcess(["webhooks", "listen", "--port", "0", "--save", save]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--save: cannot write ${save}: its folder does not exist`);
    expect(r.stdout).not.toContain("Listening");
  });

  it("listen shows and saves a legacy v1 form post, and answers a body past 1 MB with a 413 it can read", async () => {
    const dir = emptyDir();
    const save = join(dir, "saved.jsonl");
    const { child, out, url } = await startListener(["--hottok", SECRET, "--save", save], dir);
    const form = new URLSearchParams({
      hottok: SECRET,
      prod: "1439",
      prod_name: "Curso de teste",
      status: "approved",
      transaction: "HP1600000001",
      email: "comprador@example.com",
    });
    const legacy = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form.toString(),
    });
    expect(legacy.status).toBe(200);
    await vi.waitFor(() => expect(out.stdout).toContain("legacy v1 postback APPROVED  HP1600000001"), {
      timeout: 10_000,
    });
    expect(out.stdout).toMatch(/email +comprador@example\.com/);
    const savedForm = readFileSync(save, "utf8");
    expect(JSON.parse(savedForm.trim())).toMatchObject({ transaction: "HP1600000001", hottok: "[redacted]" });

    // Past the limit the listener stops reading; the sender still gets the 413 (it was a reset).
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        url,
        { method: "POST", headers: { "content-type": "application/json", "x-hotmart-hottok": SECRET } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.end(Buffer.alloc(3 * 1024 * 1024, 0x20));
    });
    expect(status).toBe(413);
    await vi.waitFor(() => expect(out.stderr).toMatch(/rejected with 413/), { timeout: 10_000 });
    const closed = new Promise<number | null>((r) => child.on("close", r));
    child.kill("SIGINT");
    expect(await closed).toBe(0);
    expect(out.stdout + out.stderr + savedForm).not.toContain(SECRET);
  }, 60_000);

  it("listen --save masks a body hottok in the file; replay --hottok still verifies", async () => {
    const dir = emptyDir();
    const save = join(dir, "saved.jsonl");
    const { child, out, url } = await startListener(["--hottok", SECRET, "--save", save], dir);
    const sent = await runCliInProcess([
      "webhooks",
      "trigger",
      "SWITCH_PLAN",
      "--to",
      url,
      "--hottok",
      SECRET,
    ]);
    expect(sent.code, sent.stderr).toBe(0);
    await vi.waitFor(() => expect(out.stdout).toContain("SWITCH_PLAN"), { timeout: 10_000 });
    const saved = readFileSync(save, "utf8");
    expect(saved).not.toContain(SECRET);
    expect(JSON.parse(saved.trim())).toMatchObject({ event: "SWITCH_PLAN", hottok: "[redacted]" });
    const replay = await runCliInProcess(["webhooks", "replay", save, "--to", url, "--hottok", SECRET]);
    expect(replay.code, replay.stderr).toBe(0);
    await vi.waitFor(() => expect(out.stdout.match(/SWITCH_PLAN/g)?.length).toBe(2), { timeout: 10_000 });
    const closed = new Promise<number | null>((r) => child.on("close", r));
    child.kill("SIGINT");
    expect(await closed).toBe(0);
  }, 60_000);

  it.each([["--full"], ["--json"]])(
    "listen %s prints the delivery without its body hottok",
    async (flag) => {
      const { child, out, url } = await startListener(["--hottok", SECRET, flag], emptyDir());
      const sent = await runCliInProcess([
        "webhooks",
        "trigger",
        "SWITCH_PLAN",
        "--to",
        url,
        "--hottok",
        SECRET,
      ]);
      expect(sent.code, sent.stderr).toBe(0);
      await vi.waitFor(() => expect(out.stdout).toContain('"hottok"'), { timeout: 10_000 });
      const closed = new Promise<number | null>((r) => child.on("close", r));
      child.kill("SIGINT");
      expect(await closed).toBe(0); // "close": every byte it wrote has been read
      expect(out.stdout).toContain(flag === "--json" ? '"hottok":"[redacted]"' : '"hottok": "[redacted]"');
      expect(out.stdout + out.stderr).not.toContain(SECRET);
    },
    60_000,
  );
});

describe("access check", () => {
  it("answers with the SDK's reason, as text and as JSON", async () => {
    const sub = sim.data.subscriptions.find((s) => s.status === "ACTIVE" && !s.magic);
    if (!sub) throw new Error("no active subscription");
    const email = sub.subscriber.email;
    const r = await runCliInProcess(["access", "check", email, "--product", String(sub.product.id)], {
      env: simEnv(sim),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(`^ACCESS {2}${email.replace(/[.+]/g, "\\$&")} {2}\\(subscription_active\\)`),
    );
    const none = await runCliInProcess(["access", "check", "nobody-at-all@example.invalid", "--json"], {
      env: simEnv(sim),
    });
    expect(none.code).toBe(0);
    expect(JSON.parse(none.stdout)).toMatchObject({ access: false, reason: "no_purchase" });
    expect(
      (await runCliInProcess(["access", "check", "x@example.com", "--product", "abc"], { env: simEnv(sim) }))
        .code,
    ).toBe(2);
  });
});

describe("the binary's heap", () => {
  /**
   * Runs the binary with a preload that wraps node:v8's setFlagsFromString before the binary imports it,
   * and returns the flags it was given.
   */
  const flagsSet = (nodeFlags: string[]): string => {
    const dir = emptyDir();
    const log = join(dir, "flags.txt");
    const spy = join(dir, "spy.cjs");
    writeFileSync(
      spy,
      `const v8 = require("node:v8"); const fs = require("node:fs"); const set = v8.setFlagsFromString;
       v8.setFlagsFromString = (flags) => { fs.appendFileSync(${JSON.stringify(log)}, flags + "\\n"); return set(flags); };`,
    );
    execFileSync(process.execPath, [...nodeFlags, "--require", spy, BIN, "--version"], {
      env: simEnv(undefined),
      stdio: "ignore",
    });
    return existsSync(log) ? readFileSync(log, "utf8") : "";
  };

  it("asks V8 at start-up to collect the old generation once it grew by half", () => {
    expect(flagsSet([])).toBe("--heap-growing-percent=50\n");
  });

  it("leaves a value given to node on its command line alone", () => {
    expect(flagsSet(["--heap-growing-percent=30"])).toBe("");
  });
});

describe("configuration, simulator and doctor", () => {
  it("reads .env from the working directory, and a flag wins over it", async () => {
    const dir = emptyDir();
    writeFileSync(
      join(dir, ".env"),
      Object.entries(sim.env)
        .map(([k, v]) => `${k}=${v}`)
        .join("\n"),
    );
    const ok = await runCliInProcess(["products", "list", "--max-results", "1", "--json"], { cwd: dir });
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toHaveLength(1);
    const flag = await runCliInProcess(["products", "list", "--client-secret", "not-the-secret"], {
      cwd: dir,
    });
    expect(flag.code).toBe(3);
    const ignored = await runCliInProcess(["doctor", "--no-dotenv"], { cwd: dir });
    expect(ignored.code).toBe(3);
    expect(ignored.stdout).toMatch(/credentials missing/);
    // Another file by name; a missing one is a usage error of the CLI's (Node answers --env-file itself).
    renameSync(join(dir, ".env"), join(dir, "sim.env"));
    const named = await runCliInProcess(
      ["products", "list", "--max-results", "1", "--json", "--dotenv", "sim.env"],
      {
        cwd: dir,
      },
    );
    expect(named.code, named.stderr).toBe(0);
    const missing = await runCliInProcess(["products", "list", "--dotenv", "nope.env"], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--dotenv nope.env: no such file");
  });

  it("doctor passes against the simulator and reports quota and clock", async () => {
    const r = await runCliInProcess(["doctor"], { env: simEnv(sim) });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ok {4}access token issued/);
    expect(r.stdout).toMatch(/quota: \d+ of 500 calls left/);
    expect(r.stdout).toMatch(/clock within 30 s/);
    expect(r.stdout).not.toContain(sim.credentials.clientSecret);
  });

  it("doctor names a refused secret, with the fix", async () => {
    const r = await runCliInProcess(["doctor"], {
      env: simEnv(sim, { HOTMART_CLIENT_SECRET: "zz-bad-secret" }),
    });
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/FAIL {2}token request refused \(401\)\n {6}fix: /);
    expect(r.stdout + r.stderr).not.toContain("zz-bad-secret");
  });

  it("doctor fails, with the fix, when the token URL answers 200 with a page that is not a token", async () => {
    // A proxy's or a captive portal's HTML page: doctor used to print "ok access token issued" and exit 0.
    const portal = createServer((_req, res) => {
      res
        .writeHead(200, { "content-type": "text/html" })
        .end("<html><body>Sign in to the Wi-Fi</body></html>");
    });
    await new Promise<void>((r) => portal.listen(0, "127.0.0.1", r));
    onTestFinished(() => {
      portal.close();
    });
    const authURL = `http://127.0.0.1:${(portal.address() as AddressInfo).port}/security/oauth/token`;
    const r = await runCliInProcess(["doctor"], { env: simEnv(sim, { HOTMART_AUTH_URL: authURL }) });
    expect(r.code, r.stdout + r.stderr).toBe(3);
    expect(r.stdout).not.toContain("access token issued");
    expect(r.stdout).toMatch(
      /FAIL {2}the token URL answered 200 without an access token.*\n {6}fix: .*HOTMART_AUTH_URL/,
    );
  });

  it("doctor's rules: sandbox mismatch, clock skew, spent quota", () => {
    const config = resolveConfig({}, { HOTMART_CLIENT_ID: "i", HOTMART_CLIENT_SECRET: "s" });
    const now = Date.parse("2026-01-01T00:00:00Z");
    const findings = diagnose({
      config,
      envFile: undefined,
      token: { status: 200 },
      api: { status: 401, date: new Date(now - 120_000).toUTCString(), limit: 500, remaining: 3, reset: 20 },
      other: { status: 200 },
      localNow: now,
    });
    const text = findings.map((f) => `${f.level} ${f.text} ${f.fix ?? ""}`).join("\n");
    expect(text).toMatch(
      /fail these are sandbox credentials, but production is selected set HOTMART_SANDBOX=true/,
    );
    expect(text).toMatch(/warn your clock is 120 s ahead of Hotmart's/);
    expect(text).toMatch(/warn quota nearly spent: 3 of 500 calls left, resets in 20 s/);
  });

  it("simulator starts, prints the env to export, and serves the CLI until Ctrl-C", async () => {
    const child = spawn(process.execPath, [BIN, "simulator", "--port", "0", "--sales", "50"], {
      env: simEnv(undefined),
    });
    onTestFinished(() => {
      child.kill();
    });
    let stdout = "";
    const env = await new Promise<Record<string, string>>((resolve) => {
      child.stdout.on("data", (d: Buffer) => {
        stdout += d.toString();
        const lines = stdout.split("\n").filter((l) => l.startsWith("export "));
        if (lines.length >= 6) {
          resolve(
            Object.fromEntries(lines.map((l) => l.slice(7).split(/=(.*)/s).slice(0, 2) as [string, string])),
          );
        }
      });
    });
    expect(Object.keys(env)).toEqual(
      expect.arrayContaining(["HOTMART_BASE_URL", "HOTMART_CLIENT_ID", "HOTMART_HOTTOK"]),
    );
    const r = await runCli(["sales", "history", "--all", "--json"], { env: simEnv(undefined, env) });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as unknown[]).length).toBeGreaterThan(0);
    child.kill("SIGINT");
    expect(await new Promise((res) => child.on("exit", res))).toBe(0);
  }, 60_000);

  it("simulator flags that no simulator can take are exit 2 naming the flag, before it starts", async () => {
    const said = async (...args: string[]) => {
      const r = await runCliInProcess(["simulator", "--port", "0", ...args], { env: simEnv(undefined) });
      expect(r.code, args.join(" ")).toBe(2);
      return r.stderr;
    };
    expect(await said("--sales=-5")).toContain("Error: --sales: -5 is not a whole number (0 or more)");
    expect(await said("--latency", "1.5")).toContain("Error: --latency: 1.5 is not a whole number");
    expect(await said("--seed", "x")).toContain('Error: --seed: "x" is not a number');
    expect(await said("--webhook", "localhost:3000")).toContain(
      'Error: --webhook: "localhost:3000" is not an http(s) URL',
    );
  });

  it("a port already in use is exit 2 with what to do, for simulator and webhooks listen", async () => {
    const busy = new URL(sim.url).port;
    for (const args of [
      ["simulator", "--port", busy],
      ["webhooks", "listen", "--port", busy],
    ]) {
      const r = await runCliInProcess(args, { env: simEnv(undefined) });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toContain(
        `Error: Port 127.0.0.1:${busy} is in use (another simulator or listener?): stop it, pick another with --port, or use --port 0 for any free port`,
      );
    }
  });
});

/**
 * Starts `hotmart webhooks listen --port 0` with `args`, collects its output as it comes, and resolves
 * once it has printed the address it bound.
 */
async function startListener(args: string[], cwd: string) {
  const child = spawn(process.execPath, [BIN, "webhooks", "listen", "--port", "0", ...args], {
    cwd,
    env: simEnv(undefined),
  });
  // A failed assertion ends the test before its own Ctrl-C: the listener must not outlive it.
  onTestFinished(() => {
    child.kill();
  });
  const out = { stdout: "", stderr: "" };
  child.stdout.on("data", (d: Buffer) => {
    out.stdout += d.toString();
  });
  const port = await new Promise<string>((resolve, reject) => {
    child.stderr.on("data", (d: Buffer) => {
      out.stderr += d.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out.stderr);
      if (m?.[1]) resolve(m[1]);
    });
    child.on("exit", () => reject(new Error(out.stderr)));
  });
  return { child, out, url: `http://127.0.0.1:${port}/` };
}
