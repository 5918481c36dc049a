/**
 * `access.check` against the simulator, and its agreement with the webhook helper `accessDecision`:
 * each situation is created once in the simulator; the webhook the simulator sends for it goes to
 * `accessDecision`, the e-mail goes to `access.check`, and both must give the same answer.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type AccessReason,
  accessDecision,
  type Hotmart,
  HotmartInputError,
  type WebhookPayload,
} from "hotmart";
import type { Person, Product, Simulator } from "hotmart-simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, must, useSimulator } from "./helpers";

const ctx = useSimulator({ seed: 11 });

/** Every webhook body the simulator delivers, in order. */
const received: WebhookPayload[] = [];
let receiver: Server;
beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      received.push(JSON.parse(body) as WebhookPayload);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  ctx.sim.webhooks.subscribe({ url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook` });
});
afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
});

/** A one-off product, and buyers who never bought it (each situation takes its own). */
function oneOff(sim: Simulator): Product {
  return must(
    sim.data.products.find((p) => p.listed && p.status === "ACTIVE" && !p.isSubscription),
    "active one-off product",
  );
}
const used = new Set<string>();
function freshBuyer(sim: Simulator, product: Product): Person {
  const buyer = sim.data.buyers.find(
    (b) =>
      !used.has(b.email) &&
      !sim.data.sales.some((s) => s.buyer.email === b.email) &&
      !sim.data.subscriptions.some((s) => s.subscriber.email === b.email) &&
      product.id > 0,
  );
  const found = must(buyer, "buyer without purchases");
  used.add(found.email);
  return found;
}

interface Situation {
  name: string;
  /** Creates the situation; returns who and what to ask about, and when to judge. */
  setup: (sim: Simulator, client: Hotmart) => Promise<{ email: string; productId: number; later?: number }>;
  access: boolean;
  reason: AccessReason;
}

function purchase(
  status: string,
  then?: (client: Hotmart, transaction: string) => Promise<unknown>,
  paymentType = "CREDIT_CARD",
) {
  return async (sim: Simulator, client: Hotmart) => {
    const product = oneOff(sim);
    const buyer = freshBuyer(sim, product);
    const sale = sim.purchase({
      productId: product.id,
      buyerEmail: buyer.email,
      status: status as never,
      paymentType: paymentType as never,
    });
    await then?.(client, sale.transaction);
    return { email: buyer.email, productId: product.id };
  };
}

/** Cancels an active subscription through the API; `later` judges it that long after. */
function cancelledSubscription(later: number) {
  return async (sim: Simulator, client: Hotmart) => {
    const now = sim.clock.now();
    const sub = must(
      sim.data.subscriptions.find(
        (s) =>
          s.magic === undefined &&
          s.status === "ACTIVE" &&
          s.product.isSubscription &&
          !used.has(s.subscriber.email) &&
          s.recurrences.some(
            (r) => r.status === "PAID" && r.startDate + s.plan.recurrencyPeriod * DAY > now + DAY,
          ),
      ),
      "active subscription paid for the coming days",
    );
    used.add(sub.subscriber.email);
    await client.subscriptions.cancelSingle(sub.subscriberCode, { send_mail: false });
    return { email: sub.subscriber.email, productId: sub.product.id, later };
  };
}

const situations: Situation[] = [
  {
    name: "one-time purchase approved",
    setup: purchase("APPROVED"),
    access: true,
    reason: "purchase_approved",
  },
  {
    name: "one-time purchase complete",
    setup: purchase("COMPLETE"),
    access: true,
    reason: "purchase_complete",
  },
  {
    name: "purchase refunded",
    setup: purchase("APPROVED", (c, tx) => c.sales.refund(tx)),
    access: false,
    reason: "purchase_refunded",
  },
  {
    name: "purchase charged back",
    setup: purchase("CHARGEBACK"),
    access: false,
    reason: "purchase_chargeback",
  },
  {
    name: "purchase cancelled unpaid",
    setup: purchase("CANCELLED"),
    access: false,
    reason: "purchase_cancelled",
  },
  {
    name: "purchase expired unpaid",
    setup: purchase("EXPIRED", undefined, "BILLET"),
    access: false,
    reason: "purchase_expired",
  },
  {
    name: "boleto printed, not paid",
    setup: purchase("PRINTED_BILLET", undefined, "BILLET"),
    access: false,
    reason: "no_purchase",
  },
  {
    name: "refund requested (dispute)",
    setup: purchase("PROTESTED"),
    access: true,
    reason: "purchase_disputed",
  },
  {
    name: "subscription cancelled, paid period running",
    setup: cancelledSubscription(0),
    access: true,
    reason: "subscription_cancelled_paid_through",
  },
  {
    name: "subscription cancelled, paid period over",
    setup: cancelledSubscription(400 * DAY),
    access: false,
    reason: "subscription_cancelled",
  },
];

/** What the webhook helper says, starting from "no access" (a `none` changes nothing). */
function webhookSays(payload: WebhookPayload, now: number): boolean {
  const decision = accessDecision(payload, { now });
  if (decision.action === "grant") return decision.until === undefined || decision.until > now;
  if (decision.action === "keep") return decision.until === undefined || decision.until > now;
  if (decision.action === "none") {
    // A dispute leaves the access the approved purchase gave (its PURCHASE_APPROVED came first).
    return (payload as { event?: string }).event === "PURCHASE_PROTEST";
  }
  return false;
}

describe("access.check agrees with accessDecision", () => {
  it.each(situations)("$name", async ({ setup, access, reason }) => {
    const { sim, client } = ctx;
    const before = received.length;
    const { email, productId, later = 0 } = await setup(sim, client);
    await sim.webhooks.idle();
    const payload = must(received.slice(before).at(-1), "webhook for the situation");
    const now = sim.clock.now() + later;

    const answer = await client.access.check(email, { product_id: productId, now });
    expect(webhookSays(payload, now), "accessDecision").toBe(access);
    expect(answer.access, `access.check (${answer.reason})`).toBe(access);
    expect(answer.reason).toBe(reason);
    expect(answer.product?.id).toBe(productId);
    expect(answer.checkedAt).toBe(now);
  });
});

describe("access.check", () => {
  it("makes the fewest calls: one for a subscription that grants, two for a purchase", async () => {
    const { sim, client } = ctx;
    const sub = must(
      sim.data.subscriptions.find(
        (s) => s.magic === undefined && s.status === "ACTIVE" && !used.has(s.subscriber.email),
      ),
      "active subscription",
    );
    const viaSub = await client.access.check(sub.subscriber.email, {
      product_id: sub.product.id,
      now: sim.clock.now(),
    });
    expect(viaSub).toMatchObject({ access: true, reason: "subscription_active", calls: 1 });
    expect(viaSub.subscription?.subscriber_code).toBe(sub.subscriberCode);
    expect(viaSub.until).toBe(sub.dateNextCharge);

    const { email, productId } = await purchase("APPROVED")(sim, client);
    sim.resetStats();
    const viaSale = await client.access.check(email, { product_id: productId });
    expect(viaSale).toMatchObject({ access: true, reason: "purchase_approved", calls: 2 });
    expect(viaSale.purchase?.buyer?.email).toBe(email);
    expect(sim.requestLog.filter((e) => !e.path.includes("oauth"))).toHaveLength(2);
  });

  it("answers no_purchase for an unknown e-mail, after looking everywhere", async () => {
    const answer = await ctx.client.access.check("nobody-here@example.com");
    expect(answer).toMatchObject({ access: false, reason: "no_purchase", product: null, calls: 7 });
  });

  it("reads the Club when a subdomain is given", async () => {
    const { sim, client } = ctx;
    const club = sim.data.club;
    const member = must(
      club.users.find((u) => u.status === "ACTIVE"),
      "active Club member",
    );
    const answer = await client.access.check(member.email, { subdomain: club.subdomain });
    expect(answer.access).toBe(true);
    expect(answer.student?.email.toLowerCase()).toBe(member.email.toLowerCase());
    const blocked = club.users.find((u) => u.status !== "ACTIVE");
    if (blocked) {
      const no = await client.access.check(blocked.email, { subdomain: club.subdomain });
      expect(no).toMatchObject({ access: false, reason: "club_blocked", calls: 1 });
    }
  });

  it("refuses bad input before sending", async () => {
    const { sim, client } = ctx;
    sim.resetStats();
    // biome-ignore lint/suspicious/noExplicitAny: as from JavaScript
    const js = (v: unknown): any => v;
    await expect(client.access.check("")).rejects.toThrow(/email is required/);
    await expect(client.access.check("not-an-email")).rejects.toThrow(/must be an e-mail address/);
    await expect(client.access.check("a@b.c", js({ productId: 1 }))).rejects.toThrow(
      /did you mean `product_id`/,
    );
    await expect(client.access.check("a@b.c", js(123))).rejects.toBeInstanceOf(HotmartInputError);
    expect(sim.requestLog).toHaveLength(0);
  });
});
