/**
 * A cancelled tool call stops asking Hotmart: the MCP request's abort signal (notifications/cancelled,
 * a client's timeout, a closed connection) reaches every SDK call and export the tool makes. Before, a
 * cancelled sales_report walked every page to the end on the account's shared quota.
 */

import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { createMcpServer } from "hotmart-mcp";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Harness, harness, mcpClient } from "./helpers";

let h: Harness;
let mcp: Client;
beforeAll(async () => {
  h = await harness({ sim: { scale: { sales: 10_000 } } });
  // In process, over the MCP SDK's linked transports: the client's abort sends notifications/cancelled.
  const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
  await createMcpServer(h.ctx).connect(serverSide);
  mcp = mcpClient("cancel-test");
  await mcp.connect(clientSide);
});
afterAll(async () => {
  await mcp?.close();
  await h?.close();
});

const HISTORY = "/payments/api/v1/sales/history";
const historyRequests = () => h.sim.requestLog.filter((e) => e.path.startsWith(HISTORY)).length;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The count once no request has come for a while: what a call sent in all, in flight ones included. */
async function settled(): Promise<number> {
  let before = -1;
  let now = historyRequests();
  while (now !== before) {
    before = now;
    await pause(1_000);
    now = historyRequests();
  }
  return now;
}

const REPORT = { start_date: "2025-01-01", end_date: "2026-10-31", group_by: "status" };

it("a cancelled sales_report sends no more requests to Hotmart after the cancel", async () => {
  const start = historyRequests();
  const full = await mcp.callTool({ name: "sales_report", arguments: REPORT });
  expect(full.isError).toBeFalsy();
  const uncancelled = historyRequests() - start;

  const fault = h.sim.faults.add({ route: `GET ${HISTORY}`, kind: "latency", delayMs: 300 });
  try {
    const before = historyRequests();
    const stop = new AbortController();
    const cancelled = mcp.callTool({ name: "sales_report", arguments: REPORT }, undefined, {
      signal: stop.signal,
    });
    const outcome = cancelled.then(
      () => "answered",
      (error: Error) => error.message,
    );
    while (historyRequests() === before) await pause(10);
    stop.abort("the seller pressed stop");
    expect(await outcome).toMatch(/pressed stop/);
    const sent = (await settled()) - before;
    // What was already out when the cancel came, and nothing after: far from the whole walk.
    expect(sent).toBeLessThan(uncancelled / 2);
  } finally {
    h.sim.faults.remove(fault.id);
  }
}, 60_000);
