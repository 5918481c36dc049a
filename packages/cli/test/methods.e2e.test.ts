import { SALES_STATUS_VALUES } from "hotmart";
import { type Simulator, startSimulator } from "hotmart-simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandName, METHODS } from "../src/methods";
import { ensureBuilt, runCli, runCliInProcess, simEnv } from "./helpers";

let sim: Simulator;

beforeAll(async () => {
  ensureBuilt();
  sim = await startSimulator({ port: 0, seed: 42 });
}, 120_000);
afterAll(() => sim?.close());

/**
 * Most cases run the CLI's code in this process (`runCliInProcess`: no Node start per command); the
 * exit codes of the auth and network failures come from the built binary, as a script sees them.
 */
describe("a command per SDK method (against the simulator)", () => {
  it("prints TSV with a header when piped, and the filter reaches Hotmart", async () => {
    const sale = sim.data.sales.find((s) => s.status === "APPROVED");
    if (!sale) throw new Error("no approved sale in the dataset");
    const r = await runCliInProcess(
      [
        "sales",
        "history",
        "--buyer-email",
        sale.buyer.email,
        "--columns",
        "purchase.transaction,buyer.email",
      ],
      {
        env: simEnv(sim),
      },
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toBe("purchase.transaction\tbuyer.email");
    expect(lines).toContain(`${sale.transaction}\t${sale.buyer.email}`);
    for (const line of lines.slice(1)) expect(line.endsWith(`\t${sale.buyer.email}`)).toBe(true);
  });

  it("--json gives the items, and --limit walks pages as needed", async () => {
    const r = await runCliInProcess(["sales", "history", "--max-results", "2", "--limit", "5", "--json"], {
      env: simEnv(sim),
    });
    expect(r.code).toBe(0);
    const items = JSON.parse(r.stdout) as { purchase: { transaction: string } }[];
    expect(items).toHaveLength(5);
    expect(new Set(items.map((i) => i.purchase.transaction)).size).toBe(5);
  });

  it("one page says how to get the next one", async () => {
    const r = await runCliInProcess(["products", "list", "--max-results", "2"], { env: simEnv(sim) });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/More results: add --page-token \S+ for the next page, or --all/);
  });

  it("a write refuses without --yes when not on a terminal, and sends nothing", async () => {
    const sub = sim.data.subscriptions.find((s) => s.status === "ACTIVE" && !s.magic);
    if (!sub) throw new Error("no active subscription");
    const before = sim.requestLog.length;
    const r = await runCliInProcess(["subscriptions", "cancel", sub.subscriberCode], { env: simEnv(sim) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pass --yes to confirm/);
    expect(sim.requestLog.length).toBe(before);
    expect(sub.status).toBe("ACTIVE");
  });

  it("a write with no credentials outside a terminal is refused (exit 3), not answered by the sample data", async () => {
    // A cron job whose environment lost its credentials: the cancel "succeeded" against the embedded
    // simulator, exit 0, with only a note on stderr, and nothing changed at Hotmart.
    const r = await runCliInProcess(["subscriptions", "cancel", "CJERFXPD", "--yes"], {
      env: simEnv(undefined),
    });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain("this write would go to the embedded simulator's sample data");
    expect(r.stderr).not.toContain("Done");
    // Reads still answer from the sample data, with the note.
    const read = await runCliInProcess(["sales", "history", "--max-results", "1"], {
      env: simEnv(undefined),
    });
    expect(read.code, read.stderr).toBe(0);
  });

  it("a write with --yes changes the data and --json reports the result", async () => {
    const sub = sim.data.subscriptions.find((s) => s.status === "ACTIVE" && !s.magic);
    if (!sub) throw new Error("no active subscription");
    const r = await runCliInProcess(["subscriptions", "cancel", sub.subscriberCode, "--yes", "--json"], {
      env: simEnv(sim),
    });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveProperty("success_subscriptions");
    expect(sim.data.subscription(sub.subscriberCode)?.status).toMatch(/^CANCELLED/);
  });

  it("a list flag given twice sends both values, as Hotmart's repeated key (status=ACTIVE&status=DELAYED)", async () => {
    const r = await runCliInProcess(
      ["subscriptions", "list", "--status", "ACTIVE", "--status", "DELAYED,OVERDUE", "--max-results", "1"],
      { env: simEnv(sim) },
    );
    expect(r.code, r.stderr).toBe(0);
    const sent = sim.requestLog.at(-1);
    expect(sent?.path).toBe("/payments/api/v1/subscriptions");
    expect(sent?.query.status).toEqual(["ACTIVE", "DELAYED", "OVERDUE"]);
  });

  it("a one-value flag given twice is a usage error, not the last value alone", async () => {
    const before = sim.requestLog.length;
    const r = await runCliInProcess(
      ["sales", "history", "--transaction-status", "APPROVED", "--transaction-status", "REFUNDED"],
      { env: simEnv(sim) },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--transaction-status takes one value/);
    expect(sim.requestLog.length).toBe(before);
  });

  it("coupons create --offer-ids sends the ids as the integers Hotmart documents (offer_ids: long[])", async () => {
    const product = sim.data.products[0];
    if (!product) throw new Error("no product");
    const r = await runCliInProcess(
      [
        "coupons",
        "create",
        String(product.id),
        "OFFERIDS10",
        "--discount",
        "0.1",
        "--offer-ids",
        "123456,654321",
        "--yes",
      ],
      { env: simEnv(sim) },
    );
    expect(r.code, r.stderr).toBe(0);
    const created = sim.data.coupons.find((c) => c.code === "OFFERIDS10");
    expect(created?.offerIds).toEqual([123456, 654321]);
  });

  it("exit codes: 2 usage, 3 auth, 1 API error, 5 network", async () => {
    expect(
      (await runCliInProcess(["sales", "history", "--start-date", "2025-02-30"], { env: simEnv(sim) })).code,
    ).toBe(2);
    expect((await runCliInProcess(["sales", "nope"], { env: simEnv(sim) })).code).toBe(2);
    // Epoch seconds would be a day of January 1970: refused as `export` refuses them, in its words.
    const before = sim.requestLog.length;
    for (const [command, flag] of [
      ["sales history", "--start-date"],
      ["subscriptions list", "--end-accession-date"],
      ["export sales", "--from"],
      ["export sales", "--to"],
    ] as const) {
      const seconds = await runCliInProcess([...command.split(" "), flag, "1735689600"], {
        env: simEnv(sim),
      });
      expect(seconds.code, `${command} ${flag}`).toBe(2);
      expect(seconds.stderr).toContain(
        `Error: ${flag} looks like epoch seconds (1735689600): Hotmart takes epoch milliseconds, e.g. 1735689600000`,
      );
    }
    expect(sim.requestLog.length).toBe(before);
    // A backwards range, refused by the SDK in UTC ("end_date (2025-02-01T02:59:59.999Z)" for the 31st
    // typed): said in Brasília time, as the flags read the days.
    const backwards = await runCliInProcess(
      ["sales", "history", "--start-date", "2025-02-01", "--end-date", "2025-01-31"],
      { env: simEnv(sim) },
    );
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toContain(
      "start_date (2025-02-01T00:00:00-03:00) is after end_date (2025-01-31T23:59:59-03:00), so nothing can match: swap them",
    );
    const params = await runCliInProcess(
      [
        "export",
        "subscriptions",
        "--param",
        "date_next_charge=2015-01-10",
        "--param",
        "end_date_next_charge=2015-01-09",
      ],
      { env: simEnv(sim) },
    );
    expect(params.code).toBe(2);
    expect(params.stderr).toContain(
      "date_next_charge (2015-01-10T00:00:00-02:00) is after end_date_next_charge (2015-01-09T23:59:59-02:00)",
    );
    expect(sim.requestLog.length).toBe(before);
    const auth = await runCli(["products", "list"], {
      env: simEnv(sim, { HOTMART_CLIENT_SECRET: "s3cr3t-bad-value" }),
    });
    expect(auth.code).toBe(3);
    expect(auth.stderr).not.toContain("s3cr3t-bad-value");
    expect(auth.stderr).toMatch(/hotmart doctor/);
    // Missing credentials are exit 3 in the CLI's words, naming the missing ones, before any request.
    const sent = sim.requestLog.length;
    const { HOTMART_BASE_URL = "", HOTMART_AUTH_URL = "", HOTMART_CLIENT_ID = "" } = simEnv(sim);
    for (const [env, says] of [
      [
        { HOTMART_BASE_URL, HOTMART_AUTH_URL } as Record<string, string>,
        "Credentials missing: HOTMART_CLIENT_ID and HOTMART_CLIENT_SECRET are not set: set them in the environment or .env, or pass --client-id and --client-secret (HOTMART_BASE_URL is set, so the embedded simulator does not answer",
      ],
      [
        { HOTMART_SANDBOX: "true" },
        "Credentials missing: HOTMART_CLIENT_ID and HOTMART_CLIENT_SECRET are not set: set them in the environment or .env, or pass --client-id and --client-secret (HOTMART_SANDBOX is set: use your sandbox credentials",
      ],
      [
        { HOTMART_SANDBOX: "true", HOTMART_CLIENT_ID },
        "Credentials missing: HOTMART_CLIENT_SECRET is not set: set it in the environment or .env, or pass --client-secret (HOTMART_SANDBOX",
      ],
    ] as const) {
      const r = await runCliInProcess(["products", "list"], { env: simEnv(undefined, env) });
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toContain(`Error: ${says}`);
      expect(r.stderr).not.toContain("new Hotmart");
    }
    expect(sim.requestLog.length).toBe(sent);
    const missing = await runCliInProcess(["sales", "refund", "HP00000000000000", "--yes"], {
      env: simEnv(sim),
    });
    expect(missing.code).toBe(1);
    const down = await runCli(["products", "list"], {
      env: simEnv(sim, {
        HOTMART_BASE_URL: "http://127.0.0.1:9",
        HOTMART_AUTH_URL: "http://127.0.0.1:9/token",
      }),
      timeoutMs: 60_000,
    });
    expect(down.code).toBe(5);
  }, 90_000);

  it("a date from 1970 to early 1973 written as a date is that date, never epoch seconds", async () => {
    // The seconds rule is for bare digits only: the export took a date before 1973-03-03 for seconds
    // ("--from looks like epoch seconds (0) ... e.g. 0").
    const history = await runCliInProcess(["sales", "history", "--start-date", "1970-01-01", "--json"], {
      env: simEnv(sim),
    });
    expect(history.code, history.stderr).toBe(0);
    for (const [from, to] of [
      ["1970-01-01", "1970-01-31"],
      ["1972-06-01", "1972-06-30"],
    ] as const) {
      const r = await runCliInProcess(["export", "sales", "--from", from, "--to", to], { env: simEnv(sim) });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).not.toMatch(/epoch seconds|e\.g\. \d/);
    }
    // An early --to alone is before the default --from (2010): refused as such, not as seconds.
    const to = await runCliInProcess(["export", "sales", "--to", "1972-06-01"], { env: simEnv(sim) });
    expect(to.code).toBe(2);
    expect(to.stderr).not.toMatch(/epoch seconds|e\.g\. \d/);
    expect(to.stderr).toContain("--to (");
  });

  it("every table row is a command with --help and its example", async () => {
    const r = await runCliInProcess(["subscriptions", "--help"]);
    expect(r.code).toBe(0);
    for (const spec of METHODS.filter((m) => m.resource === "subscriptions")) {
      expect(r.stdout).toContain(commandName(spec));
    }
    const one = await runCliInProcess(["sales", "price-details", "--help"]);
    expect(one.stdout).toContain("--transaction-status");
    expect(one.stdout).toContain("Example:\n  $ hotmart sales price-details");
  });

  it("the sales reports' --transaction-status lists Hotmart's 17 sale statuses, not the subscription-charge ones", async () => {
    for (const command of ["history", "summary", "participants", "commissions", "price-details"]) {
      const r = await runCliInProcess(["sales", command, "--help"]);
      const help = r.stdout.replace(/\s+/g, " ");
      const listed = /--transaction-status <string> .*?\(([A-Z_, ]+)\)/.exec(help)?.[1]?.split(", ");
      expect(listed, command).toEqual([...SALES_STATUS_VALUES]);
    }
    // DELAYED and UNDER_ANALYSIS are the subscription transactions' spellings: listed there only.
    const charges = await runCliInProcess(["subscriptions", "transactions", "--help"]);
    expect(charges.stdout.replace(/\s+/g, " ")).toMatch(/--purchase-status <string> .*DELAYED/);
  });

  it("every --help example works as printed against the embedded simulator's data (seed 42), in table order", async () => {
    // Their ids are Hotmart's sandbox values where it has them (B2HNQAXJ, my_subdomain, 123456789...),
    // which the simulator keeps in every dataset, and the README's seed-42 ids otherwise: a newcomer
    // without credentials who copies one gets an answer, not a 404.
    const own = await startSimulator({ port: 0, seed: 42 });
    try {
      for (const spec of METHODS) {
        const args = spec.example.replace(/^hotmart /, "").split(" ");
        // A write asks first on a terminal; here there is none, so the test answers with --yes.
        if (spec.kind === "write" && !args.includes("--yes")) args.push("--yes");
        const r = await runCliInProcess(args, { env: simEnv(own) });
        expect(r.code, `${spec.example}\n${r.stderr}`).toBe(0);
      }
      const access = await runCliInProcess(
        ["access", "check", "aline.melo@example.com", "--product", "6239978"],
        { env: simEnv(own) },
      );
      expect(access.stdout).toMatch(/^ACCESS {2}aline\.melo@example\.com/);
    } finally {
      await own.close();
    }
  });
});
