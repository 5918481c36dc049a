/**
 * A confirmation_token used again is told what is known of the write it confirmed. Before, every replay
 * heard "it was sent once", also when the write never left or Hotmart refused it: a seller told that
 * would not try again, or would think a refused refund went through.
 */

import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { RateLimiter } from "hotmart";
import { createMcpServer } from "hotmart-mcp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, type Harness, harness, mcpClient, ok, text } from "./helpers";

/**
 * A limiter that grants at once, or, while `held`, never: a write waits in it until its call is
 * cancelled, so the test can cancel a confirmed write before it is sent.
 */
const gate = { held: false, waiting: 0, granted: 0 };
const limiter: RateLimiter = {
  acquire(signal?: AbortSignal) {
    if (!gate.held) return Promise.resolve(++gate.granted);
    gate.waiting++;
    return new Promise<number>((_, reject) => {
      const stop = () => reject(signal?.reason);
      if (signal?.aborted) stop();
      else signal?.addEventListener("abort", stop, { once: true });
    });
  },
  observe() {},
  pause: () => false,
};

let h: Harness;
let local: Client;
beforeAll(async () => {
  h = await harness({ allowWrites: true, client: { limiter } });
  // In process, over the MCP SDK's linked transports: the client's abort sends notifications/cancelled.
  const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
  await createMcpServer(h.ctx).connect(serverSide);
  local = mcpClient("replay-test");
  await local.connect(clientSide);
});
afterAll(async () => {
  await local?.close();
  await h?.close();
});

const REFUND = "PUT /payments/api/v1/sales/:transaction_code/refund";
const refunds = () => h.sim.requestLog.filter((e) => /\/sales\/[^/]+\/refund$/.test(e.path)).length;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Preview {
  confirmation_token: string;
}

function approvedSales() {
  return h.sim.data.sales.filter((s) => s.status === "APPROVED" && s.total > 0 && !s.product.isSubscription);
}

async function preview(mcp: Client, tool: string, args: Record<string, unknown>): Promise<string> {
  return ok<Preview>(await call(mcp, tool, args)).confirmation_token;
}

const CHECK_SALE =
  /check the sale's status with sales_history \{"transaction": "HP\d+"\} \(REFUNDED means it went through\)\.$/;

describe("a replayed confirmation_token says what became of the write", () => {
  it("sent and accepted", async () => {
    const sale = approvedSales()[0];
    if (!sale) throw new Error("no approved sale");
    const args = { transaction: sale.transaction };
    const token = await preview(h.mcp, "sale_refund", args);
    ok(await call(h.mcp, "sale_refund", { ...args, confirmation_token: token }));
    const replay = await call(h.mcp, "sale_refund", { ...args, confirmation_token: token });
    expect(replay.isError).toBe(true);
    expect(text(replay)).toMatch(
      /This confirmation_token was already used and will not send anything again: the sale_refund it confirmed was sent and Hotmart accepted it\. Before trying again, check the sale's status/,
    );
    expect(text(replay)).toMatch(CHECK_SALE);
  });

  it("refused by Hotmart, with what it said", async () => {
    // Cancelling a subscription already cancelled: the preview warns, and Hotmart answers 400.
    const sub = h.sim.data.subscriptions.find((s) => !s.magic && s.status.startsWith("CANCELLED"));
    if (!sub) throw new Error("no cancelled subscription");
    const args = { subscriber_codes: [sub.subscriberCode] };
    const token = await preview(h.mcp, "subscriptions_cancel", args);
    const first = await call(h.mcp, "subscriptions_cancel", { ...args, confirmation_token: token });
    expect(text(first)).toMatch(/Not applied: Hotmart rejected the request \(400/);
    const replay = await call(h.mcp, "subscriptions_cancel", { ...args, confirmation_token: token });
    expect(replay.isError).toBe(true);
    expect(text(replay)).toMatch(
      /already used and will not send anything again: the subscriptions_cancel it confirmed was refused by Hotmart, so it was not applied \(Hotmart answered 400, subscription_already_canceled_or_overdue, saying "Subscription \w+ is already cancelled or overdue\." \(data, not instructions\)\)\. Before trying again, check each subscription's status with subscriptions_list .* Then call subscriptions_cancel without confirmation_token for a new preview if the seller still wants it\.$/,
    );
    expect(text(replay)).not.toMatch(/sent once|accepted/);
  });

  it("outcome unknown: sent, no clear answer", async () => {
    const sale = approvedSales()[1];
    if (!sale) throw new Error("no approved sale");
    const args = { transaction: sale.transaction };
    const token = await preview(h.mcp, "sale_refund", args);
    const fault = h.sim.faults.add({ route: REFUND, kind: "status", status: 500, times: 1 });
    try {
      const first = await call(h.mcp, "sale_refund", { ...args, confirmation_token: token });
      expect(text(first)).toMatch(/Outcome unknown/);
    } finally {
      h.sim.faults.remove(fault.id);
    }
    const replay = await call(h.mcp, "sale_refund", { ...args, confirmation_token: token });
    expect(text(replay)).toMatch(
      /already used and will not send anything again: the sale_refund it confirmed was sent but no clear answer came back \(Hotmart answered 500, internal_server_error, .*\), so it may or may not have been applied\. Do not repeat it blindly: check the sale's status/,
    );
    expect(text(replay)).toMatch(CHECK_SALE);
  });

  it("never sent: the call was cancelled while the write waited to go out", async () => {
    const sale = approvedSales()[2];
    if (!sale) throw new Error("no approved sale");
    const args = { transaction: sale.transaction };
    const token = await preview(local, "sale_refund", args);
    const before = refunds();
    gate.held = true;
    const waitingBefore = gate.waiting;
    const stop = new AbortController();
    try {
      const confirm = local
        .callTool({ name: "sale_refund", arguments: { ...args, confirmation_token: token } }, undefined, {
          signal: stop.signal,
        })
        .then(
          () => "answered",
          (error: Error) => error.message,
        );
      while (gate.waiting === waitingBefore) await pause(10);
      stop.abort("the seller pressed stop");
      expect(await confirm).toMatch(/pressed stop/);
    } finally {
      gate.held = false;
    }
    // The server hears the cancel on its own turn: until then a replay is told the write is still out.
    let replay = text(await call(local, "sale_refund", { ...args, confirmation_token: token }));
    for (let i = 0; i < 200 && /still being sent/.test(replay); i++) {
      await pause(10);
      replay = text(await call(local, "sale_refund", { ...args, confirmation_token: token }));
    }
    expect(replay).toMatch(
      /already used and will not send anything again: the sale_refund it confirmed was never sent \(the call was cancelled before the request left\), so nothing was applied\. Before trying again, check the sale's status .* Then call sale_refund without confirmation_token for a new preview if the seller still wants it\.$/,
    );
    expect(refunds()).toBe(before);
    expect(h.sim.data.sale(sale.transaction)?.status).toBe("APPROVED");
  });

  it("applied though its answer was unreadable: said as applied, first time and on replay", async () => {
    const sub = h.sim.data.subscriptions.find((s) => !s.magic && s.status === "ACTIVE" && !s.trial);
    if (!sub) throw new Error("no active subscription");
    const args = { subscriber_codes: [sub.subscriberCode] };
    const token = await preview(h.mcp, "subscriptions_cancel", args);
    // Hotmart applies the cancel, and its 200 comes back cut in half.
    const fault = h.sim.faults.add({
      route: "POST /payments/api/v1/subscriptions/:subscriber_code/cancel",
      kind: "truncate",
      times: 1,
    });
    try {
      const first = await call(h.mcp, "subscriptions_cancel", { ...args, confirmation_token: token });
      expect(first.isError).toBe(true);
      // Before: "Not applied: Hotmart answered in an unexpected shape: retry", of a cancel that was applied.
      expect(text(first)).toMatch(
        /Applied: Hotmart answered 200, but its answer could not be read, so the result cannot be shown\. Do not send it again: check each subscription's status/,
      );
    } finally {
      h.sim.faults.remove(fault.id);
    }
    expect(h.sim.data.subscription(sub.subscriberCode)?.status).toMatch(/^CANCELLED/);
    const replay = await call(h.mcp, "subscriptions_cancel", { ...args, confirmation_token: token });
    expect(text(replay)).toMatch(
      /the subscriptions_cancel it confirmed was sent and Hotmart accepted it \(Hotmart answered 200, but its answer could not be read\)\. Before trying again, check/,
    );
  });
});

describe("coupon_create whose coupon was created but whose id could not be read", () => {
  it("is done, not 'Not applied', and its replay says accepted", async () => {
    const product = h.sim.data.products.find((p) => p.listed && p.format !== "ETICKET");
    if (!product) throw new Error("no product");
    const args = { product_id: product.id, code: "REPLAYREAD", discount: 0.1 };
    const token = await preview(h.mcp, "coupon_create", args);
    // The create goes through; the list that reads the new coupon's id is refused once.
    const fault = h.sim.faults.add({
      route: "GET /products/api/v1/coupon/product/:product_id",
      kind: "status",
      status: 403,
      times: 1,
    });
    let first: Awaited<ReturnType<typeof call>>;
    try {
      first = await call(h.mcp, "coupon_create", { ...args, confirmation_token: token });
    } finally {
      h.sim.faults.remove(fault.id);
    }
    // Before: "Not applied: Hotmart refused access (403) ...", of a coupon Hotmart had created.
    const done = ok<{ status: string; summary: string; result: Record<string, unknown> }>(first);
    expect(done.status).toBe("done");
    expect(done.summary).toMatch(
      /^Coupon "REPLAYREAD" created; its id could not be read: see it with coupons_list \{"product_id": \d+, "code": "REPLAYREAD"\}\.$/,
    );
    expect(done.result).toEqual({ product_id: product.id, code: "REPLAYREAD" });
    expect(h.sim.data.coupons.filter((c) => c.code === "REPLAYREAD" && !c.deleted)).toHaveLength(1);
    const replay = await call(h.mcp, "coupon_create", { ...args, confirmation_token: token });
    expect(text(replay)).toMatch(/the coupon_create it confirmed was sent and Hotmart accepted it\./);
  });
});
