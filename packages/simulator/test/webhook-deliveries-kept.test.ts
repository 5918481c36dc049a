import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_DELIVERIES_KEPT, WebhookDispatcher } from "../src/webhooks";
import { Receiver } from "./helpers";

describe("webhook deliveries: a simulator left running keeps the most recent, not all", () => {
  const receiver = new Receiver();
  beforeAll(() => receiver.start());
  afterAll(() => receiver.close());

  it("drops the oldest attempts past its cap (MAX_DELIVERIES_KEPT by default), keeping the newest", async () => {
    const dispatcher = new WebhookDispatcher("hottok", { attempts: 0 }, Date.now, 1, {}, 10);
    dispatcher.subscribe({ url: receiver.url });
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      ids.push(dispatcher.send("PURCHASE_APPROVED", { n: i }).id);
      await dispatcher.idle();
    }
    dispatcher.close();
    expect(receiver.received).toHaveLength(40);
    // Trimmed in batches: never more than a tenth over the cap.
    expect(dispatcher.deliveries.length).toBeGreaterThanOrEqual(10);
    expect(dispatcher.deliveries.length).toBeLessThanOrEqual(11);
    expect(dispatcher.deliveries.at(-1)?.id).toBe(ids.at(-1));
    expect(dispatcher.deliveries.map((d) => d.id)).not.toContain(ids[0]);
    expect(MAX_DELIVERIES_KEPT).toBe(10_000);
  });
});
