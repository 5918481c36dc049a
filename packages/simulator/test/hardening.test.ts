import { connect } from "node:net";
import { ERROR_URI, startSimulator } from "hotmart-simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api, fetchToken, SALES } from "./helpers";

/** Issue 8 item 7: nothing reaches a handler without the bearer check, whatever the spelling. */
describe("Path normalisation and the bearer check", () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start({ seed: 3, rateLimit: false });
  });
  afterAll(() => api.close());

  const anon = (method: string, path: string) => api.request(method, path, { auth: false });

  it("answers 401 to a percent-encoded route without a token, and serves it with one", async () => {
    const anonymous = await anon("GET", `${SALES}/%68istory`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.text).not.toContain("transaction");
    const encoded = await api.get(`${SALES}/%68istory`);
    expect(encoded.status).toBe(200);
    expect(encoded.body.items.length).toBeGreaterThan(0);
  });

  it("refunds nothing through an encoded write path without a token", async () => {
    const sale = api.sim.data.sales.find((s) => s.status === "APPROVED" && !s.trial);
    if (!sale) throw new Error("no approved sale");
    const res = await anon("PUT", `${SALES}/${sale.transaction}/%72efund`);
    expect(res.status).toBe(401);
    expect(sale.status).toBe("APPROVED");
    expect(api.sim.stats().sideEffects["sale.refund"]).toBeUndefined();
  });

  it("answers 401 to unknown API paths without a token and 404 with one", async () => {
    for (const path of ["/payments/api/v1/nothing", "/nowhere", "/%2e%2e/x", "/a%2Fb", "/x/%zz"]) {
      expect((await anon("GET", path)).status, path).toBe(401);
      expect((await api.get(path)).status, path).toBe(404);
    }
    expect((await anon("DELETE", `${SALES}/history`)).status).toBe(401);
    // Found by the fuzz: a literal "*" was a wildcard to the router, and the body was read twice (500).
    for (const path of ["/*", "/a/*/b", "/:x"]) {
      expect((await api.request("DELETE", path, { body: "{}", auth: false })).status, path).toBe(401);
      expect((await api.request("DELETE", path, { body: "{}" })).status, path).toBe(404);
    }
    expect((await api.request("DELETE", `${SALES}/history`)).status).toBe(405);
  });

  it("treats HEAD as GET: auth, counters and faults", async () => {
    api.sim.resetStats();
    expect((await anon("HEAD", `${SALES}/history`)).status).toBe(401);
    const head = await api.request("HEAD", `${SALES}/history`);
    expect(head.status).toBe(200);
    expect(head.text).toBe("");
    expect(api.sim.stats().requests[`GET ${SALES}/history`]).toEqual({ 200: 1, 401: 1 });
    const fault = api.sim.faults.add({
      route: `GET ${SALES}/history`,
      kind: "status",
      status: 503,
      times: 1,
    });
    expect((await api.request("HEAD", `${SALES}/history`)).status).toBe(503);
    expect(fault.hits).toBe(1);
  });

  it("logs and counts the canonical path", async () => {
    api.sim.resetStats();
    await api.get(`${SALES}/%68istory`);
    expect(api.sim.requestLog.at(-1)?.path).toBe(`${SALES}/history`);
    expect(api.sim.stats().requests[`GET ${SALES}/history`]).toEqual({ 200: 1 });
  });

  it("keeps the body of a write whose path it respells", async () => {
    const sub = api.sim.data.subscriptions.find(
      (s) => s.status === "ACTIVE" && !s.trial && s.plan.recurrencyPeriod !== 7,
    );
    if (!sub) throw new Error("no active monthly subscription");
    // `%43` is "C": the same path as the SDK spells it, so the same request, body included.
    const code = sub.subscriberCode;
    const spelled = `%${code.charCodeAt(0).toString(16).toUpperCase()}${code.slice(1)}`;
    const day = sub.dueDay === 7 ? 8 : 7;
    const res = await api.request("PATCH", `/payments/api/v1/subscriptions/${spelled}`, {
      body: { due_day: day },
    });
    expect(res.status, res.text).toBe(200);
    expect(api.sim.data.subscription(code)?.dueDay).toBe(day);
  });

  it("runs the chain once for a path that spells a star, body and all", async () => {
    api.sim.resetStats();
    for (const path of ["/*", "/%2A", "/%2a", "/__admin/%2A"]) {
      const anonymous = await api.request("DELETE", path, { body: "{}", auth: false });
      expect(anonymous.status, path).toBe(path.startsWith("/__admin") ? 404 : 401);
      expect((await api.request("DELETE", path, { body: "{}" })).status, path).toBe(404);
    }
    expect(api.sim.stats().requests["DELETE (no route)"]).toEqual({ 401: 3, 404: 3 });
  });

  it("keeps the token endpoint and the admin routes open", async () => {
    expect((await anon("GET", "/__admin/stats")).status).toBe(200);
    expect((await anon("GET", "/%5F%5Fadmin/stats")).status).toBe(200);
    const token = await anon("POST", "/security/oauth/token");
    expect(token.status).toBe(401);
    expect(token.body.error).toBe("unauthorized");
  });
});

/** Issue 8 item 8: the simulator keeps a bounded amount of whatever it is sent. */
describe("Bounded memory for hostile input", () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start({ seed: 3, rateLimit: false, requestLogBytes: 4 * 1_048_576 });
  });
  afterAll(() => api.close());

  const CANCEL = "/payments/api/v1/subscriptions/cancel";

  it("refuses a body over 1 MiB with 413 and Hotmart's error body, declared or streamed", async () => {
    const big = `{"subscriber_code":["${"x".repeat(1_048_576)}"]}`;
    const declared = await api.request("POST", CANCEL, { body: big });
    expect(declared.status).toBe(413);
    expect(declared.body).toEqual({
      error: "request_entity_too_large",
      error_description: "The request body is larger than 1048576 bytes.",
      error_uri: ERROR_URI,
    });
    const chunk = new TextEncoder().encode("x".repeat(65_536));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        // Far more than the cap if the server kept reading; it must stop after about 1 MiB.
        if (sent++ < 400) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await fetch(`${api.sim.url}${CANCEL}`, {
      method: "POST",
      headers: { Authorization: `Bearer ${api.token}`, "Content-Type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(400);
    // A body just under the cap is read and handled (an unknown code fails inside the 200).
    const fits = await api.request("POST", CANCEL, { body: `{"subscriber_code":["${"x".repeat(1000)}"]}` });
    expect(fits.status).toBe(200);
    expect(fits.body.fail_subscriptions[0].subscriber_code).toHaveLength(1000);
    expect(api.sim.stats().requests[`POST ${CANCEL}`]).toMatchObject({ 413: 2, 200: 1 });
  });

  it("a client still sending, slow to read the answer, gets the 413 rather than a reset", async () => {
    // A raw connection that sends 1.5 MiB, pauses reading (a busy process), sends 1.5 MiB more, then reads.
    // Cutting the connection at the 413 made the kernel answer those bytes with a reset, which threw the
    // unread 413 away: the client saw EPIPE, as a loaded CI machine once did with fetch.
    const { port } = new URL(api.sim.url);
    const piece = "x".repeat(1_572_864);
    for (const chunked of [true, false]) {
      const socket = connect(Number(port), "127.0.0.1");
      await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
      socket.pause();
      let answer = "";
      let error: string | undefined;
      socket.on("data", (d: Buffer) => {
        answer += d.toString();
      });
      socket.on("error", (e: NodeJS.ErrnoException) => {
        error = e.code;
      });
      const part = chunked ? `${piece.length.toString(16)}\r\n${piece}\r\n` : piece;
      socket.write(
        `POST ${CANCEL} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${api.token}\r\n` +
          "Content-Type: application/json\r\n" +
          (chunked ? "Transfer-Encoding: chunked\r\n\r\n" : `Content-Length: ${piece.length * 2}\r\n\r\n`),
      );
      socket.write(part);
      await new Promise((resolve) => setTimeout(resolve, 200));
      // Written once the 413 is out: the server must still be reading, or this is what gets the reset.
      await new Promise<void>((resolve) => socket.write(part, () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 100));
      socket.resume();
      await new Promise<void>((resolve) => {
        const check = () => (answer.includes("request_entity_too_large") || error ? resolve() : undefined);
        socket.on("data", check);
        socket.on("error", check);
        check();
      });
      socket.destroy();
      expect(error, chunked ? "chunked" : "declared").toBeUndefined();
      expect(answer.split("\r\n")[0]).toBe("HTTP/1.1 413 Payload Too Large");
    }
  });

  it("a refused body whose rest comes slowly is read to its end: the 413 arrives and the connection stays usable", async () => {
    // The HTTP adapter (Hono's) drained a body left unread for 500 ms, then closed the connection. On a
    // loaded machine a client is slower than that to send the rest: the close met its next bytes with a
    // reset that threw its unread 413 away (fetch: "other side closed"), or a connection the 413 had
    // called keep-alive was closed under the client's next request (EPIPE). The simulator's own lingering
    // read (5 s, 4 MiB) decides. Here the rest of the body comes 800 ms after the 413 went out.
    const { port } = new URL(api.sim.url);
    const piece = "x".repeat(786_432);
    const socket = connect(Number(port), "127.0.0.1");
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    let answer = "";
    let error: string | undefined;
    socket.on("data", (d: Buffer) => {
      answer += d.toString();
    });
    socket.on("error", (e: NodeJS.ErrnoException) => {
      error ??= e.code;
    });
    socket.on("end", () => {
      error ??= "closed by the simulator";
    });
    const until = (done: () => boolean) =>
      new Promise<void>((resolve) => {
        const check = () => (done() || error ? resolve() : undefined);
        socket.on("data", check);
        socket.on("error", check);
        socket.on("end", check);
        check();
      });
    socket.write(
      `POST ${CANCEL} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${api.token}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${piece.length * 2}\r\n\r\n${piece}${piece.slice(0, 1)}`,
    );
    await until(() => answer.includes("request_entity_too_large"));
    expect(answer.split("\r\n")[0]).toBe("HTTP/1.1 413 Payload Too Large");
    await new Promise((resolve) => setTimeout(resolve, 800));
    await new Promise<void>((resolve) => socket.write(piece.slice(1), () => resolve()));
    // The same connection, as its keep-alive said: the next request is answered.
    answer = "";
    socket.write(`GET /__admin/stats HTTP/1.1\r\nHost: x\r\n\r\n`);
    await until(() => answer.includes("\r\n\r\n"));
    socket.destroy();
    expect(error).toBeUndefined();
    expect(answer.split("\r\n")[0]).toBe("HTTP/1.1 200 OK");
  });

  it("takes the cap from maxBodyBytes, for the admin routes too", async () => {
    const small = await startSimulator({ seed: 3, maxBodyBytes: 100 });
    try {
      const token = await fetchToken(small);
      const post = (path: string, body: string) =>
        fetch(`${small.url}${path}`, {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body,
        });
      expect((await post(CANCEL, JSON.stringify({ subscriber_code: ["x".repeat(200)] }))).status).toBe(413);
      expect((await post(CANCEL, JSON.stringify({ subscriber_code: ["x"] }))).status).toBe(200);
      expect((await post("/__admin/reset", JSON.stringify({ pad: "x".repeat(200) }))).status).toBe(413);
    } finally {
      await small.close();
    }
  });

  it("caps the request log by bytes, keeping the newest entries and every count", async () => {
    api.sim.resetStats();
    for (let i = 0; i < 20; i++) {
      await api.request("POST", CANCEL, {
        body: `{"subscriber_code":["${i}"],"pad":"${"y".repeat(500_000)}"}`,
      });
    }
    const log = api.sim.requestLog;
    expect(log.length).toBeGreaterThan(0);
    expect(log.length).toBeLessThan(5);
    expect(log.at(-1)?.body).toMatchObject({ subscriber_code: ["19"] });
    expect(api.sim.stats().requests[`POST ${CANCEL}`]).toEqual({ 200: 20 });
  });

  it("counts unknown paths under one key per method", async () => {
    api.sim.resetStats();
    for (let i = 0; i < 200; i++) await api.get(`/random/${i}/${Math.random()}`);
    await api.request("POST", "/random/x", { auth: false });
    const keys = Object.keys(api.sim.stats().requests);
    expect(keys.sort()).toEqual(["GET (no route)", "POST (no route)"]);
    expect(api.sim.stats().requests["GET (no route)"]).toEqual({ 404: 200 });
    expect(api.sim.stats().requests["POST (no route)"]).toEqual({ 401: 1 });
    // The log still says which path was asked for.
    expect(api.sim.requestLog.at(-1)?.path).toBe("/random/x");
  });

  it("serves GET /__admin/requests after a 100,000-deep JSON body", async () => {
    api.sim.resetStats();
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const res = await api.request("POST", CANCEL, { body: deep });
    expect(res.status).toBe(400);
    const log = await fetch(`${api.sim.url}/__admin/requests`);
    expect(log.status).toBe(200);
    const entries = (await log.json()) as { body: unknown; path: string }[];
    expect(entries.map((e) => e.path)).toEqual([CANCEL]);
    expect(typeof entries[0]?.body).toBe("string");
    const objects = await api.request("POST", CANCEL, {
      body: `${'{"a":'.repeat(50_000)}1${"}".repeat(50_000)}`,
    });
    expect(objects.status).toBe(400);
    expect((await fetch(`${api.sim.url}/__admin/requests`)).status).toBe(200);
  });

  it("lets 64 requests sleep in a latency fault without a MaxListenersExceededWarning", async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on("warning", onWarning);
    const fault = api.sim.faults.add({ route: `GET ${SALES}/history`, kind: "latency", delayMs: 200 });
    try {
      const replies = await Promise.all(Array.from({ length: 64 }, () => api.get(`${SALES}/history`)));
      expect(replies.map((r) => r.status)).toEqual(Array(64).fill(200));
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.includes("MaxListeners"))).toEqual([]);
    } finally {
      process.off("warning", onWarning);
      api.sim.faults.remove(fault.id);
    }
  });
});
