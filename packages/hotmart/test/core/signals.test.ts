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

  it("many waits on one signal share one listener, and each still runs once, in order", () => {
    const controller = new AbortController();
    const seen: string[] = [];
    // The first one removes the last while the abort runs them: that one is skipped, as EventTarget does.
    onAbort(controller.signal, () => removers[29]?.());
    const removers = Array.from({ length: 30 }, (_, i) =>
      onAbort(controller.signal, (reason) => seen.push(`${i}:${String(reason)}`)),
    );
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    removers[3]?.();
    controller.abort("stop");
    expect(seen).toHaveLength(28);
    expect(seen[0]).toBe("0:stop");
    expect(seen).not.toContain("3:stop");
    for (const remove of removers) remove();
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("20 calls in flight on one caller signal: no listener-leak warning, and its abort stops them all", async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on("warning", onWarning);
    server.handle(() => {}); // never answers: every call is in flight when the signal aborts
    const client = new Hotmart({
      clientId: "id",
      clientSecret: "secret",
      baseURL: server.url,
      authURL: server.authURL,
    });
    try {
      const controller = new AbortController();
      const calls = Array.from({ length: 20 }, () =>
        client.request("GET", "/x", {}, { signal: controller.signal }).catch((e: unknown) => e),
      );
      while (server.requests.length < 20) await new Promise((r) => setTimeout(r, 5));
      expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
      controller.abort();
      const errors = await Promise.all(calls);
      expect(errors.every((e) => (e as Error).name === "APIUserAbortError")).toBe(true);
      // Node emits the warning on a later tick.
      await new Promise((r) => setImmediate(r));
      expect(warnings).not.toContain("MaxListenersExceededWarning");
    } finally {
      process.off("warning", onWarning);
      await client.close();
    }
  });

  it("a 30-page walk on a caller signal leaves no listener on it, also where AbortSignal.any is missing", async () => {
    // Each page fetched ahead links the caller's signal with the walk's own; that link used to be
    // hand-written, and without AbortSignal.any (older Safari) it added a listener per page for good.
    const cursor = (n: number) => String(n);
    server.handle((req, res) => {
      const n = Number(new URL(req.url, "http://x").searchParams.get("page_token") ?? 0);
      json(res, 200, { items: [{ n }], page_info: n < 29 ? { next_page_token: cursor(n + 1) } : {} });
    });
    const client = new Hotmart({
      clientId: "id",
      clientSecret: "secret",
      baseURL: server.url,
      authURL: server.authURL,
    });
    const any = Object.getOwnPropertyDescriptor(AbortSignal, "any");
    try {
      for (const withAny of [true, false]) {
        if (!withAny) Reflect.deleteProperty(AbortSignal, "any");
        const controller = new AbortController();
        const items = await client.sales.history({}, { signal: controller.signal }).toArray();
        expect(items).toHaveLength(30);
        expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
      }
    } finally {
      if (any) Object.defineProperty(AbortSignal, "any", any);
      await client.close();
    }
  });
});
