/** Abort listeners are always removed: one long-lived signal shared by many calls collects none. */
import { getEventListeners } from "node:events";
import { Hotmart } from "hotmart";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { link, onAbort, raceAbort } from "../../src/internal/signals";
import { sleep } from "../../src/internal/sleep";
import { json, type ScriptedServer, startScriptedServer } from "../helpers/scripted-server";

let server: ScriptedServer;
beforeEach(async () => {
  server = await startScriptedServer((_req, res) => json(res, 200, { items: [] }));
});
afterEach(async () => {
  await server.close();
});

describe("signals.ts", () => {
  it("onAbort runs once, at once when already aborted, and its remover detaches it", () => {
    const controller = new AbortController();
    let runs = 0;
    const remove = onAbort(controller.signal, () => {
      runs += 1;
    });
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    remove();
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    controller.abort();
    expect(runs).toBe(0);
    onAbort(controller.signal, () => {
      runs += 1;
    });
    expect(runs).toBe(1);
  });

  it("link passes the reason on; raceAbort and sleep clean up after settling", async () => {
    const outer = new AbortController();
    const inner = new AbortController();
    const unlink = link(outer.signal, inner);
    outer.abort("why");
    expect(inner.signal.reason).toBe("why");
    unlink();

    const signal = new AbortController().signal;
    await raceAbort(Promise.resolve(1), signal);
    await sleep(1, signal);
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
  });

  it("200 calls sharing one caller signal leave no listener on it", async () => {
    const client = new Hotmart({
      clientId: "id",
      clientSecret: "secret",
      baseURL: server.url,
      authURL: server.authURL,
    });
    const shared = new AbortController().signal;
    await Promise.all(Array.from({ length: 200 }, () => client.request("GET", "/x", {}, { signal: shared })));
    expect(getEventListeners(shared, "abort")).toHaveLength(0);
    await client.close();
  });
});
