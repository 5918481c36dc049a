/**
 * How the SDK loads `hotmart/schemas`, with the module replaced by one without a usable `registry` (a
 * broken or mismatched install): "off" never loads it, and "warn" or "strict" fail with the HotmartError that
 * says to install zod, not with a bare TypeError.
 */
import { HotmartError } from "hotmart";
import { describe, expect, it, vi } from "vitest";
import * as F from "../resources/fixtures";
import { makeClient, useRecordingServer } from "../resources/fixtures";

const state = vi.hoisted(() => ({ imports: 0 }));
vi.mock("hotmart/schemas", () => {
  state.imports += 1;
  // The module loads, but its `registry` cannot check anything.
  return { registry: {} };
});

const ctx = useRecordingServer();
const HISTORY = "/payments/api/v1/sales/history";

describe("loading hotmart/schemas", () => {
  it('"off" (the default, or per request) never loads the schemas', async () => {
    ctx.server.on("GET", HISTORY, { body: F.SALES_HISTORY });
    ctx.server.on("GET", "/events/api/v1/1/info", { body: F.EVENT_INFO });
    const c = ctx.client();
    await c.sales.history();
    await c.events.get(1);
    await makeClient(ctx.server, { validate: "strict" }).sales.history({}, { validate: "off" });
    expect(state.imports).toBe(0);
  });

  it.each(["warn", "strict"] as const)(
    '"%s" with a module without a usable registry: the HotmartError that says to install zod',
    async (validate) => {
      ctx.server.on("GET", HISTORY, { body: F.SALES_HISTORY });
      const error = await Promise.resolve(makeClient(ctx.server, { validate }).sales.history()).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(HotmartError);
      expect((error as Error).message).toBe(
        'validate: "warn" and "strict" could not load hotmart/schemas (hotmart/schemas has no response registry). They need zod 4.5 or later: run `npm install zod@^4.5`. Where the SDK is bundled (Next.js edge routes, Workers), pass the schemas: `import { registry } from "hotmart/schemas"`, then `new Hotmart({ validate, schemas: registry })`',
      );
      expect((error as Error).cause).toBeInstanceOf(TypeError);
      expect(((error as Error).cause as Error).message).toBe("hotmart/schemas has no response registry");
      expect(state.imports).toBe(1);
    },
  );
});
