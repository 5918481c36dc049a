/**
 * The webhook examples in examples/webhooks, each served over real HTTP on loopback: Express and Hono
 * as their own apps, the Next.js route and the Worker behind @hono/node-server (a node:http server
 * that hands them web-standard Requests, as Next.js and workerd do).
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Express } from "express";
import type { Hono } from "hono";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { fixtureText } from "./fixtures";

// The examples are plain JavaScript (no declarations), so they are loaded by URL and typed here.
type Log = (line: string) => void;
interface ServerExample<App> {
  createApp(options?: { hottok?: string | undefined; log?: Log }): App;
}
interface NextRouteExample {
  POST(request: Request): Promise<Response>;
  dynamic: string;
}
interface WorkerExample {
  default: { fetch(request: Request, env: { HOTMART_HOTTOK?: string }): Promise<Response> };
}
const example = <T>(file: string): Promise<T> =>
  import(new URL(`../../../../examples/webhooks/${file}`, import.meta.url).href) as Promise<T>;

const { createApp: createExpressApp } = await example<ServerExample<Express>>("express.mjs");
const { createApp: createHonoApp } = await example<ServerExample<Hono>>("hono.mjs");
const { default: worker } = await example<WorkerExample>("cloudflare-worker.mjs");

const HOTTOK = "hottok-examples-test-4c5d6e7f";
const approved = fixtureText("documented", "purchase-approved");
const cancellation = fixtureText("documented", "subscription-cancellation");

const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

async function started(server: Server): Promise<string> {
  servers.push(server);
  if (!server.listening) await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function serveFetch(fetch: (request: Request) => Response | Promise<Response>): Promise<string> {
  return started(serve({ fetch, port: 0, hostname: "127.0.0.1" }) as Server);
}

function post(url: string, body: string, hottok: string | null = HOTTOK): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (hottok !== null) headers["x-hotmart-hottok"] = hottok;
  return fetch(url, { method: "POST", headers, body });
}

/** The behaviour every example must show: 200 and the decision logged; 401 without the hottok. */
async function exercise(url: string, logged: () => string[]): Promise<void> {
  const ok = await post(url, approved);
  expect(ok.status).toBe(200);
  expect(await ok.json()).toEqual({ received: true });
  expect(logged().join("\n")).toMatch(/new_subscription paid by pix: HP10000000000009/);
  expect(logged().join("\n")).toMatch(/PURCHASE_APPROVED .*: grant until 2024-07-01/);

  const cancelled = await post(url, cancellation);
  expect(cancelled.status).toBe(200);
  expect(logged().join("\n")).toMatch(/SUBSCRIPTION_CANCELLATION .*\(ABCD1234\): (keep|revoke)/);

  const before = logged().length;
  expect((await post(url, approved, null)).status).toBe(401);
  expect((await post(url, approved, "wrong-hottok-value")).status).toBe(401);
  expect(logged().length).toBe(before);

  // A redelivery is acknowledged without running the business logic again.
  expect((await post(url, approved)).status).toBe(200);
  expect(logged().length).toBe(before);
}

describe("examples/webhooks over loopback HTTP", () => {
  it("express.mjs", async () => {
    const lines: string[] = [];
    const app = createExpressApp({ hottok: HOTTOK, log: (line) => lines.push(line) });
    const url = await started(app.listen(0, "127.0.0.1"));
    await exercise(`${url}/webhooks/hotmart`, () => lines);
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });

  it("express.mjs refuses to start without a hottok", () => {
    const saved = process.env.HOTMART_HOTTOK;
    delete process.env.HOTMART_HOTTOK;
    try {
      expect(() => createExpressApp({ hottok: undefined })).toThrow(/hottok/);
    } finally {
      if (saved !== undefined) process.env.HOTMART_HOTTOK = saved;
    }
  });

  it("hono.mjs", async () => {
    const lines: string[] = [];
    const app = createHonoApp({ hottok: HOTTOK, log: (line) => lines.push(line) });
    const url = await serveFetch(app.fetch);
    await exercise(`${url}/webhooks/hotmart`, () => lines);
  });

  describe("modules that log to the console", () => {
    const lines: string[] = [];
    beforeAll(() => {
      vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
        lines.push(args.map(String).join(" "));
      });
      vi.spyOn(console, "error").mockImplementation(() => {});
    });
    afterEach(() => {
      lines.length = 0;
    });
    afterAll(() => {
      vi.restoreAllMocks();
    });

    it("nextjs-route.mjs (POST(request), HOTMART_HOTTOK from the environment)", async () => {
      const saved = process.env.HOTMART_HOTTOK;
      process.env.HOTMART_HOTTOK = HOTTOK;
      try {
        const route = await example<NextRouteExample>("nextjs-route.mjs");
        expect(route.dynamic).toBe("force-dynamic");
        const url = await serveFetch((request) => route.POST(request));
        await exercise(`${url}/api/hotmart`, () => lines);
      } finally {
        if (saved === undefined) delete process.env.HOTMART_HOTTOK;
        else process.env.HOTMART_HOTTOK = saved;
      }
    });

    it("cloudflare-worker.mjs (fetch(request, env) with env.HOTMART_HOTTOK)", async () => {
      const url = await serveFetch((request) => worker.fetch(request, { HOTMART_HOTTOK: HOTTOK }));
      await exercise(`${url}/webhooks/hotmart`, () => lines);
      expect((await post(`${url}/elsewhere`, approved)).status).toBe(404);
    });

    it("cloudflare-worker.mjs without the secret fails closed", async () => {
      const response = await worker.fetch(
        new Request("https://worker.example/webhooks/hotmart", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: approved,
        }),
        {},
      );
      expect(response.status).toBe(500);
      expect(await response.json()).toMatchObject({ error: "not_configured" });
    });
  });
});

describe("docs/recipes/webhooks.md", () => {
  // The recipe's Worker block is not runnable in the docs check (it is a module with a default export),
  // so it is loaded here from a copy and served over loopback like the examples.
  async function recipeWorker(file: string): Promise<WorkerExample["default"]> {
    const { readFile, writeFile, mkdtemp, rm } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const markdown = await readFile(new URL(`../../../../docs/recipes/${file}`, import.meta.url), "utf8");
    const block = /## Cloudflare Worker[\s\S]*?```js\n([\s\S]*?)```/.exec(markdown)?.[1];
    expect(block, `${file} has a Cloudflare Worker block`).toBeDefined();
    const dir = await mkdtemp(join(tmpdir(), "hotmart-recipe-"));
    const path = join(dir, "worker.mjs");
    await writeFile(path, block as string);
    try {
      return ((await import(/* @vite-ignore */ path)) as WorkerExample).default;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  for (const file of ["webhooks.md", "webhooks-ptBR.md"]) {
    it(`${file}: the Worker block answers a redelivery as a duplicate`, async () => {
      const worker = await recipeWorker(file);
      const url = await serveFetch((request) => worker.fetch(request, { HOTMART_HOTTOK: HOTTOK }));
      const first = await post(url, approved);
      expect(first.status).toBe(200);
      expect(await first.json()).toEqual({ received: true });
      const again = await post(url, approved);
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ received: true, duplicate: true });
    });
  }
});
