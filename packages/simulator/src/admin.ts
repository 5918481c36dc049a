import { Hono } from "hono";
import type { WebhookEventName } from "./data/enums";
import type { FaultSpec } from "./faults";
import type { AppEnv } from "./http";
import { bodyLimit } from "./middleware/body";
import type { SecretMask } from "./secrets";
import type { Simulator } from "./simulator";
import type { PurchaseInput } from "./state";

function body(text: string): Record<string, unknown> {
  if (text.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON.parse's message: it quotes the start of the text, which can be the start of a secret
    // pasted in the wrong place, and no mask can recognise a secret cut short.
    throw new TypeError("The body is not valid JSON: send a JSON object");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new TypeError("Expected a JSON object");
  return parsed as Record<string, unknown>;
}

/**
 * /__admin: the simulator's controls over HTTP, for tests in other processes and other languages.
 * No bearer token, no rate limit, no faults, and these calls do not appear in stats or the log.
 */
export function createAdmin(sim: Simulator, maxBodyBytes: number, mask: SecretMask): Hono<AppEnv> {
  const app = new Hono<AppEnv>({ strict: false }).basePath("/__admin");
  app.use(bodyLimit(maxBodyBytes));
  // The message can quote what was sent (JSON.parse quotes the text it could not read).
  app.onError((error, c) =>
    c.json({ error: "invalid_request", error_description: mask.string(error.message) }, 400),
  );

  app.get("/", (c) =>
    c.json({
      url: sim.url,
      authURL: sim.authURL,
      seed: sim.seed,
      routes: [
        "GET /__admin/stats",
        "GET|DELETE /__admin/requests",
        "POST /__admin/reset  {data?: boolean}",
        "GET|POST|DELETE /__admin/faults, DELETE /__admin/faults/:id",
        "GET|POST /__admin/webhooks, DELETE /__admin/webhooks/:id, POST /__admin/webhooks/emit",
        "GET|POST /__admin/webhooks/chaos  {duplicateRate?, reorderWindowMs?}",
        "POST /__admin/tokens/revoke, POST /__admin/tokens/expire",
        "GET /__admin/data",
        "POST /__admin/sales, POST /__admin/sales/:transaction/approve",
        "GET|POST /__admin/clock",
      ],
    }),
  );

  app.get("/stats", (c) => c.json(sim.stats()));
  app.get("/requests", (c) => {
    const limit = Number(c.req.query("limit") ?? "0");
    const route = c.req.query("route");
    let log = sim.requestLog.filter((e) => route === undefined || e.route === route || e.path === route);
    if (limit > 0) log = log.slice(-limit);
    // Serialised entry by entry: whatever a client sent, one entry cannot make the whole log unreadable.
    const parts = log.map((entry) => {
      try {
        return JSON.stringify(entry);
      } catch {
        return JSON.stringify({ ...entry, body: "[body not serialisable]" });
      }
    });
    return c.body(`[${parts.join(",")}]`, 200, { "Content-Type": "application/json" });
  });
  app.delete("/requests", (c) => {
    sim.resetStats();
    return c.json({});
  });
  app.post("/reset", (c) => {
    const options = body(c.get("bodyText"));
    sim.resetStats();
    if (options.data === true || c.req.query("data") === "true") sim.resetData();
    if (options.faults === true) sim.faults.clear();
    return c.json({});
  });

  app.get("/faults", (c) => c.json(sim.faults.list()));
  app.post("/faults", (c) => c.json(sim.faults.add(body(c.get("bodyText")) as unknown as FaultSpec), 201));
  app.delete("/faults", (c) => {
    sim.faults.clear();
    return c.json({});
  });
  app.delete("/faults/:id", (c) => c.json({ removed: sim.faults.remove(Number(c.req.param("id"))) }));

  // A subscription's hottok is the account's webhook secret: masked here like anywhere else the
  // simulator answers. Whoever needs it configured it (`hottok` of the subscription, else `sim.hottok`,
  // HOTMART_HOTTOK in `sim.env`); the URL, a query of which can carry a secret too, goes through the mask.
  app.get("/webhooks", (c) =>
    c.json(
      mask.value({
        subscriptions: sim.webhooks.subscriptions,
        deliveries: sim.webhooks.deliveries,
        chaos: sim.webhooks.chaos(),
      }) as Record<string, unknown>,
    ),
  );
  app.post("/webhooks", (c) => {
    const target = body(c.get("bodyText"));
    if (typeof target.url !== "string") throw new TypeError("'url' is required");
    const subscription = sim.webhooks.subscribe({
      url: target.url,
      ...(typeof target.hottok === "string" ? { hottok: target.hottok } : {}),
      ...(Array.isArray(target.events) ? { events: target.events.map(String) } : {}),
    });
    return c.json(mask.value(subscription) as Record<string, unknown>, 201);
  });
  app.delete("/webhooks/:id", (c) =>
    c.json({ removed: sim.webhooks.unsubscribe(Number(c.req.param("id"))) }),
  );
  app.get("/webhooks/chaos", (c) => c.json(sim.webhooks.chaos()));
  app.post("/webhooks/chaos", (c) => {
    const input = body(c.get("bodyText"));
    const number = (key: string) => {
      const value = input[key];
      if (value !== undefined && typeof value !== "number") throw new TypeError(`'${key}' must be a number`);
      return value === undefined ? {} : { [key]: value };
    };
    return c.json(sim.webhooks.chaos({ ...number("duplicateRate"), ...number("reorderWindowMs") }));
  });
  app.post("/webhooks/emit", (c) => {
    const input = body(c.get("bodyText"));
    return c.json(sim.emit(String(input.event) as WebhookEventName, input.data), 202);
  });

  app.post("/tokens/revoke", (c) => {
    sim.tokens.revokeAll();
    return c.json({});
  });
  app.post("/tokens/expire", (c) => {
    sim.tokens.expireAll();
    return c.json({});
  });

  app.get("/data", (c) => {
    const d = sim.data;
    const ids = <T>(list: readonly T[], pick: (t: T) => unknown, n = 5) => list.slice(0, n).map(pick);
    return c.json({
      seed: d.seed,
      scale: d.scale,
      generatedAt: d.generatedAt,
      counts: {
        sales: d.sales.length,
        subscriptions: d.subscriptions.length,
        products: d.products.filter((p) => p.listed).length,
        coupons: d.coupons.filter((x) => !x.deleted).length,
        clubs: d.clubs.length,
        events: d.events.length,
        buyers: d.buyers.length,
      },
      sandbox: d.sandbox,
      samples: {
        approvedTransactions: ids(
          d.sales.filter((s) => s.status === "APPROVED" || s.status === "COMPLETE"),
          (s) => s.transaction,
        ),
        activeSubscriberCodes: ids(
          d.subscriptions.filter((s) => s.status === "ACTIVE" && s.magic === undefined),
          (s) => s.subscriberCode,
        ),
        products: ids(
          d.products.filter((p) => p.listed),
          (p) => ({ id: p.id, ucode: p.ucode, name: p.name, format: p.format }),
          100,
        ),
        clubs: d.clubs.map((club) => ({ subdomain: club.subdomain, productId: club.product.id })),
        events: d.events.map((e) => e.product.id),
      },
    });
  });

  app.post("/sales", (c) => {
    const sale = sim.purchase(body(c.get("bodyText")) as PurchaseInput);
    return c.json({ transaction: sale.transaction, status: sale.status }, 201);
  });
  app.post("/sales/:transaction/approve", (c) => {
    const sale = sim.approve(c.req.param("transaction"));
    return c.json({ transaction: sale.transaction, status: sale.status });
  });

  app.get("/clock", (c) => c.json({ now: sim.clock.now() }));
  app.post("/clock", (c) => {
    const input = body(c.get("bodyText"));
    if (typeof input.set === "number") sim.clock.set(input.set);
    if (typeof input.advanceMs === "number") sim.clock.advance(input.advanceMs);
    return c.json({ now: sim.clock.now() });
  });

  app.notFound((c) => c.json({ error: "not_found", error_description: `No admin route ${c.req.path}` }, 404));
  return app;
}
