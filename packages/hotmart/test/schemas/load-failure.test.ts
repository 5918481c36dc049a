/**
 * `hotmart/schemas` that cannot be imported (zod not installed): "warn" and "strict" fail with the
 * HotmartError that says to install zod, carrying the import error as its cause, and a later call tries
 * to load the schemas again.
 */
import { HotmartError } from "hotmart";
import { expect, it, vi } from "vitest";
import * as F from "../resources/fixtures";
import { makeClient, useRecordingServer } from "../resources/fixtures";

const state = vi.hoisted(() => ({
  imports: 0,
  failure: "Cannot find package 'zod' imported from hotmart/dist/schemas.js",
}));
vi.mock("hotmart/schemas", () => {
  state.imports += 1;
  throw new Error(state.failure);
});

const ctx = useRecordingServer();

/** The messages of an error's cause chain (vitest wraps a failing mock factory's error in its own). */
function causes(error: unknown): string {
  const messages: string[] = [];
  for (let e = (error as Error).cause; e instanceof Error; e = e.cause) messages.push(e.message);
  return messages.join(" <- ");
}

it("an import failure becomes the HotmartError that says to install zod; the next call retries", async () => {
  ctx.server.on("GET", "/payments/api/v1/sales/history", { body: F.SALES_HISTORY });
  const c = makeClient(ctx.server, { validate: "warn" });
  for (const attempt of [1, 2]) {
    const error = await Promise.resolve(c.sales.history()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HotmartError);
    expect((error as Error).message).toMatch(/need zod 4\.5 or later: run `npm install zod@\^4\.5`/);
    // The message says why it could not load (here: zod is not installed at all).
    expect((error as Error).message).toMatch(/could not load hotmart\/schemas \(.*Cannot find package 'zod'/);
    expect(causes(error)).toMatch(/Cannot find package 'zod'/);
    expect(state.imports).toBe(attempt);
  }
});

it("a bundled app that cannot import it at run time is told to pass the registry, not only to install zod", async () => {
  // What a Next.js route on the edge runtime got, with zod installed: webpack leaves the import to
  // the runtime, which has no module loader. Installing zod cannot help there; passing the registry does.
  state.failure = "A dynamic import callback was not specified.";
  try {
    ctx.server.on("GET", "/payments/api/v1/sales/history", { body: F.SALES_HISTORY });
    const error = await Promise.resolve(makeClient(ctx.server, { validate: "strict" }).sales.history()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HotmartError);
    expect((error as Error).message).toMatch(/A dynamic import callback was not specified/);
    expect((error as Error).message).toMatch(
      /bundled .*import \{ registry \} from "hotmart\/schemas".*schemas: registry/,
    );
  } finally {
    state.failure = "Cannot find package 'zod' imported from hotmart/dist/schemas.js";
  }
});
