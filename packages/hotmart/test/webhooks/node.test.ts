import { createServer, request as httpRequest, type RequestListener, type Server } from "node:http";
import { type AddressInfo, connect } from "node:net";
import express from "express";
import { Hono } from "hono";
import {
  createNodeWebhookHandler,
  createWebhookHandler,
  HotmartInputError,
  type HotmartWebhookEvent,
  type LegacyWebhook,
  type Logger,
  type NodeWebhookListener,
  toNodeHandler,
  type WebhookContext,
} from "hotmart";
import { afterEach, describe, expect, it } from "vitest";
import { FIXTURE_HOTTOK, fixtureText } from "./fixtures";

const HOTTOK = "hottok-node-test-9e8d7c6b";
const approved = fixtureText("documented", "purchase-approved");
const chargeDateWithBodyHottok = fixtureText("observed", "update-subscription-charge-date-body-hottok");
const legacyForm = fixtureText("legacy", "v1-approved");

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

async function listen(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

interface Recorder {
  events: Array<HotmartWebhookEvent | LegacyWebhook>;
  contexts: WebhookContext[];
  listener: NodeWebhookListener;
}

function recorder(hottok = HOTTOK, maxBodyBytes?: number): Recorder {
  const events: Recorder["events"] = [];
  const contexts: WebhookContext[] = [];
  const listener = createNodeWebhookHandler({
    hottok,
    dedupe: false,
    ...(maxBodyBytes === undefined ? {} : { maxBodyBytes }),
    onUnhandled: (event, context) => {
      events.push(event);
      contexts.push(context);
    },
  });
  return { events, contexts, listener };
}

function send(url: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-hotmart-hottok": HOTTOK, ...headers },
    body,
  });
}

describe("toNodeHandler on node:http", () => {
  it("reads the raw stream, verifies the lowercased header and answers 200", async () => {
    const r = recorder();
    const url = await listen((req, res) => void r.listener(req, res));
    const response = await send(`${url}/webhooks/hotmart?x=1`, approved);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true });
    expect(r.events[0]).toMatchObject({ event: "PURCHASE_APPROVED" });
    expect(r.contexts[0]?.rawBody).toBe(approved);
    expect(r.contexts[0]?.request.url).toMatch(/\/webhooks\/hotmart\?x=1$/);
  });

  it("401 without a hottok; the answer names no value", async () => {
    const r = recorder();
    const url = await listen((req, res) => void r.listener(req, res));
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: approved,
    });
    expect(response.status).toBe(401);
    expect(await response.text()).not.toContain(HOTTOK);
    expect(r.events).toHaveLength(0);
  });

  it("413 for a chunked upload past the limit, without reading all of it", async () => {
    const r = recorder(HOTTOK, 32 * 1024);
    let received = 0;
    const url = await listen((req, res) => {
      req.on("data", (chunk: Buffer) => {
        received += chunk.length;
      });
      void r.listener(req, res);
    });
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        url,
        { method: "POST", headers: { "content-type": "application/json", "x-hotmart-hottok": HOTTOK } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      const chunk = Buffer.alloc(8 * 1024, 0x20);
      // Keep writing until the server answers (or 4 MB went out).
      let sent = 0;
      const pump = () => {
        while (sent < 4 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    expect(received).toBeLessThan(4 * 1024 * 1024);
  });
});

/**
 * Sends raw HTTP/1.1 requests one after another on one keep-alive connection and collects what comes
 * back until the server closes it or `settled` says the answers are all in.
 */
async function onOneConnection(
  url: string,
  requests: string[],
  settled: (statuses: number[]) => boolean,
): Promise<{ statuses: number[]; text: string; closed: boolean }> {
  const { port } = new URL(url);
  const socket = connect(Number(port), "127.0.0.1");
  let text = "";
  let closed = false;
  const statuses = () => [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
  await new Promise<void>((resolve, reject) => {
    socket.on("error", (error: NodeJS.ErrnoException) => {
      // The server may close while the rest of an upload is still being written.
      if (error.code !== "EPIPE" && error.code !== "ECONNRESET") reject(error);
    });
    socket.on("close", () => {
      closed = true;
      resolve();
    });
    socket.on("data", (chunk: Buffer) => {
      text += chunk.toString("latin1");
      if (settled(statuses())) resolve();
    });
    for (const request of requests) socket.write(request);
  });
  socket.destroy();
  return { statuses: statuses(), text, closed };
}

function rawPost(body: string, hottok: string, framing: "length" | "chunked" = "length"): string {
  const head = `POST /webhooks/hotmart HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-HOTMART-HOTTOK: ${hottok}\r\n`;
  if (framing === "length") return `${head}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  let chunks = "";
  for (let i = 0; i < body.length; i += 64 * 1024) {
    const part = body.slice(i, i + 64 * 1024);
    chunks += `${part.length.toString(16)}\r\n${part}\r\n`;
  }
  return `${head}Transfer-Encoding: chunked\r\n\r\n${chunks}0\r\n\r\n`;
}

describe("toNodeHandler on a keep-alive connection", () => {
  it("answers the next delivery after one refused without reading its large body", async () => {
    // The adapter used to start reading the stream before the handler asked for it; Node then left
    // the unread rest of a refused body on the connection and never parsed the next request.
    const r = recorder();
    const url = await listen((req, res) => void r.listener(req, res));
    const { statuses } = await onOneConnection(
      url,
      [rawPost(" ".repeat(2 * 1024 * 1024), "wrong-hottok"), rawPost(approved, HOTTOK)],
      (seen) => seen.length === 2,
    );
    expect(statuses).toEqual([401, 200]);
    expect(r.events).toHaveLength(1);
  });

  it("closes the connection after a 413 instead of leaving the rest of the upload on it", async () => {
    const r = recorder(HOTTOK, 32 * 1024);
    const url = await listen((req, res) => void r.listener(req, res));
    const { statuses, text, closed } = await onOneConnection(
      url,
      [rawPost(" ".repeat(2 * 1024 * 1024), HOTTOK, "chunked"), rawPost(approved, HOTTOK)],
      () => false,
    );
    expect(statuses).toEqual([413]);
    expect(text.toLowerCase()).toContain("connection: close");
    expect(closed).toBe(true);
    expect(r.events).toHaveLength(0);
  });
});

describe("Express", () => {
  async function expressApp(
    setup: (app: express.Express, r: Recorder) => void,
    r = recorder(),
  ): Promise<string> {
    const app = express();
    setup(app, r);
    return listen(app);
  }

  it("with express.json() mounted first: the parsed body is enough (hottok is a header)", async () => {
    const r = recorder();
    const url = await expressApp((app) => {
      app.use(express.json());
      app.post("/hotmart", r.listener);
    }, r);
    expect((await send(`${url}/hotmart`, approved)).status).toBe(200);
    expect(r.events[0]).toMatchObject({
      event: "PURCHASE_APPROVED",
      data: { purchase: { status: "APPROVED" } },
    });
  });

  it("with express.json() and a body-only hottok", async () => {
    const r = recorder(FIXTURE_HOTTOK);
    const url = await expressApp((app) => {
      app.use(express.json());
      app.post("/hotmart", r.listener);
    }, r);
    const response = await fetch(`${url}/hotmart`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: chargeDateWithBodyHottok,
    });
    expect(response.status).toBe(200);
    expect(r.contexts[0]?.hottokSource).toBe("body");
  });

  it("with express.raw(): the Buffer is used as the raw body", async () => {
    const r = recorder();
    const url = await expressApp((app) => {
      app.post("/hotmart", express.raw({ type: "*/*" }), r.listener);
    }, r);
    expect((await send(`${url}/hotmart`, approved)).status).toBe(200);
    expect(r.contexts[0]?.rawBody).toBe(approved);
  });

  it("with express.text()", async () => {
    const r = recorder();
    const url = await expressApp((app) => {
      app.post("/hotmart", express.text({ type: "*/*" }), r.listener);
    }, r);
    expect((await send(`${url}/hotmart`, approved)).status).toBe(200);
  });

  it("with express.urlencoded() for a legacy v1 post", async () => {
    const r = recorder(FIXTURE_HOTTOK);
    const url = await expressApp((app) => {
      app.use(express.urlencoded({ extended: false }));
      app.post("/hotmart", r.listener);
    }, r);
    const response = await fetch(`${url}/hotmart`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: legacyForm,
    });
    expect(response.status).toBe(200);
    expect(r.events[0]).toMatchObject({ legacy: true, status: "APPROVED", prod: 1439 });
  });

  it("with express.json() and a form post it did not parse: the stream is read", async () => {
    const r = recorder(FIXTURE_HOTTOK);
    const url = await expressApp((app) => {
      app.use(express.json());
      app.post("/hotmart", r.listener);
    }, r);
    const response = await fetch(`${url}/hotmart`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: legacyForm,
    });
    expect(response.status).toBe(200);
    expect(r.events[0]).toMatchObject({ legacy: true });
  });

  it("with no body parser, mounted under a prefix", async () => {
    const handler = createWebhookHandler({ hottok: HOTTOK, dedupe: false });
    const url = await expressApp((app) => {
      const router = express.Router();
      router.post("/hotmart", toNodeHandler(handler));
      app.use("/webhooks", router);
    });
    expect((await send(`${url}/webhooks/hotmart`, approved)).status).toBe(200);
    expect(
      (await send(`${url}/webhooks/hotmart`, approved, { "x-hotmart-hottok": "nope-nope" })).status,
    ).toBe(401);
  });
});

describe("the web handler mounted where a framework passes its own request", () => {
  // `createWebhookHandler` takes a web Request. Given Express's (req, res) it read `request.headers.get`
  // of a plain object ("request.headers.get is not a function", which crashed an Express 4 server), and
  // given Hono's context it answered a POST with 405 "Hotmart webhooks are POST requests".
  const WHAT_TO_DO = /createNodeWebhookHandler\(options\).*c\.req\.raw/;

  it("Express: rejects with a HotmartInputError that says to use createNodeWebhookHandler", async () => {
    const errors: unknown[] = [];
    const app = express();
    app.use(express.json());
    app.post("/hotmart", createWebhookHandler({ hottok: HOTTOK }) as never);
    app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      errors.push(error);
      res.status(500).end();
    });
    const url = await listen(app);
    expect((await send(`${url}/hotmart`, approved)).status).toBe(500);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(HotmartInputError);
    expect((errors[0] as Error).message).toMatch(WHAT_TO_DO);
  });

  it("Hono: the handler given the context, not c.req.raw, rejects instead of answering 405", async () => {
    const app = new Hono();
    app.post("/hotmart", createWebhookHandler({ hottok: HOTTOK }) as never);
    let caught: unknown;
    app.onError((error, c) => {
      caught = error;
      return c.text("failed", 500);
    });
    const response = await app.request("/hotmart", {
      method: "POST",
      headers: { "content-type": "application/json", "x-hotmart-hottok": HOTTOK },
      body: approved,
    });
    expect(response.status).toBe(500);
    expect(caught).toBeInstanceOf(HotmartInputError);
    expect((caught as Error).message).toMatch(WHAT_TO_DO);
  });

  it("Express 4, which ignores a handler's promise: the error goes to next() instead of stopping the process", async () => {
    // Express 4 does not catch a rejected handler: the rejection is unhandled, and Node ends the process.
    const handler = createWebhookHandler({ hottok: HOTTOK });
    const passed: unknown[] = [];
    const req = { method: "POST", headers: { "x-hotmart-hottok": HOTTOK } };
    const res = { statusCode: 200, setHeader: () => undefined, end: () => undefined };
    const settled = await (handler as (...args: unknown[]) => Promise<Response>)(req, res, (error: unknown) =>
      passed.push(error),
    ).then(
      (response) => ({ status: response.status }),
      (error: unknown) => ({ rejected: error }),
    );
    expect(settled).toEqual({ status: 500 });
    expect(passed).toHaveLength(1);
    expect(passed[0]).toBeInstanceOf(HotmartInputError);
    expect((passed[0] as Error).message).toMatch(WHAT_TO_DO);
  });

  it("the message names no hottok", async () => {
    const handler = createWebhookHandler({ hottok: HOTTOK });
    const error = await handler({ method: "POST", headers: { "x-hotmart-hottok": HOTTOK } } as never).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HotmartInputError);
    expect((error as Error).message).not.toContain(HOTTOK);
  });
});

describe("a body read before the handler", () => {
  // Read first (Hono's c.req.json(), a Next.js route's request.json(), Fastify's parser on request.raw),
  // the body reached the handler empty or locked: every event was refused with a 400 "handler_failed:
  // Hotmart will retry", a 400 "not valid JSON" or a 401 "no hottok", and none of them was logged, so a
  // seller learned it from Hotmart disabling the webhook. Now a logged 500 that says what happened.
  const READ_BEFORE = /body was already read.*req\.body/;

  function logged(): { lines: unknown[][]; logger: Logger } {
    const lines: unknown[][] = [];
    const none = () => {};
    return {
      lines,
      logger: { error: (...args: unknown[]) => void lines.push(args), warn: none, info: none, debug: none },
    };
  }

  it("Hono on node:http, after c.req.json(): 500 handler_misused, logged, no callback", async () => {
    const { serve } = await import("@hono/node-server");
    const { lines, logger } = logged();
    const seen: unknown[] = [];
    const handler = createWebhookHandler({ hottok: HOTTOK, logger, onUnhandled: (e) => void seen.push(e) });
    const app = new Hono();
    app.post("/hotmart", async (c) => {
      await c.req.json(); // e.g. to log it first
      return handler(c.req.raw);
    });
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }) as Server;
    servers.push(server);
    await new Promise<void>((resolve) => (server.listening ? resolve() : server.once("listening", resolve)));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const headers of [{}, { "x-hotmart-hottok": "" }]) {
      const response = await send(`${url}/hotmart`, chargeDateWithBodyHottok, headers);
      expect(response.status).toBe(500);
      const body = (await response.json()) as { error: string; message: string };
      expect(body.error).toBe("handler_misused");
      expect(body.message).toMatch(READ_BEFORE);
    }
    expect(seen).toHaveLength(0);
    expect(lines).toHaveLength(2);
    expect(JSON.stringify(lines)).not.toContain(HOTTOK);
  });

  it("node:http after a parser read the stream and left no req.body (Fastify's request.raw)", async () => {
    const { lines, logger } = logged();
    const seen: unknown[] = [];
    const listener = createNodeWebhookHandler({
      hottok: HOTTOK,
      logger,
      onUnhandled: (e) => void seen.push(e),
    });
    const url = await listen(async (req, res) => {
      for await (const _chunk of req); // what a framework's JSON parser does with the raw stream
      await listener(req, res);
    });
    const response = await send(url, approved);
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({
      error: "handler_misused",
      message: expect.stringMatching(READ_BEFORE),
    });
    expect(seen).toHaveLength(0);
    expect(lines).toHaveLength(1);
  });

  it("the parsed body left in req.body is still used", async () => {
    const r = recorder();
    const url = await listen(async (req, res) => {
      let text = "";
      for await (const chunk of req) text += chunk;
      (req as { body?: unknown }).body = JSON.parse(text);
      await r.listener(req, res);
    });
    expect((await send(url, approved)).status).toBe(200);
    expect(r.events[0]).toMatchObject({ event: "PURCHASE_APPROVED" });
  });
});
