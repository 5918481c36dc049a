/**
 * Compile-time agreement between the zod schemas (`hotmart/schemas`) and the public webhook types:
 * each schema's output type must be assignable to the TypeScript type and back.
 */
import type {
  HotmartWebhookEvent,
  LegacyWebhook,
  WebhookClubFirstAccessEvent,
  WebhookClubModuleCompletedEvent,
  WebhookOrderFulfillmentEvent,
  WebhookPurchaseApprovedEvent,
  WebhookPurchaseBilletPrintedEvent,
  WebhookPurchaseCanceledEvent,
  WebhookPurchaseChargebackEvent,
  WebhookPurchaseCompleteEvent,
  WebhookPurchaseData,
  WebhookPurchaseDelayedEvent,
  WebhookPurchaseEvent,
  WebhookPurchaseExpiredEvent,
  WebhookPurchaseOutOfShoppingCartEvent,
  WebhookPurchaseProtestEvent,
  WebhookPurchaseRefundedEvent,
  WebhookSubscriptionCancellationEvent,
  WebhookSwitchPlanEvent,
  WebhookUpdateSubscriptionChargeDateEvent,
} from "hotmart";
import type {
  HotmartWebhookEventSchema,
  LegacyWebhookSchema,
  WebhookClubFirstAccessEventSchema,
  WebhookClubModuleCompletedEventSchema,
  WebhookOrderFulfillmentEventSchema,
  WebhookPurchaseApprovedEventSchema,
  WebhookPurchaseBilletPrintedEventSchema,
  WebhookPurchaseCanceledEventSchema,
  WebhookPurchaseChargebackEventSchema,
  WebhookPurchaseCompleteEventSchema,
  WebhookPurchaseDataSchema,
  WebhookPurchaseDelayedEventSchema,
  WebhookPurchaseEventSchema,
  WebhookPurchaseExpiredEventSchema,
  WebhookPurchaseOutOfShoppingCartEventSchema,
  WebhookPurchaseProtestEventSchema,
  WebhookPurchaseRefundedEventSchema,
  WebhookSubscriptionCancellationEventSchema,
  WebhookSwitchPlanEventSchema,
  WebhookUpdateSubscriptionChargeDateEventSchema,
} from "hotmart/schemas";
import { describe, expectTypeOf, it } from "vitest";
import type { z } from "zod";

describe("webhook schemas agree with the public types", () => {
  it("purchase events", () => {
    expectTypeOf<z.output<typeof WebhookPurchaseDataSchema>>().toExtend<WebhookPurchaseData>();
    expectTypeOf<WebhookPurchaseData>().toExtend<z.output<typeof WebhookPurchaseDataSchema>>();

    expectTypeOf<
      z.output<typeof WebhookPurchaseApprovedEventSchema>
    >().toExtend<WebhookPurchaseApprovedEvent>();
    expectTypeOf<WebhookPurchaseApprovedEvent>().toExtend<
      z.output<typeof WebhookPurchaseApprovedEventSchema>
    >();
    expectTypeOf<
      z.output<typeof WebhookPurchaseCompleteEventSchema>
    >().toExtend<WebhookPurchaseCompleteEvent>();
    expectTypeOf<WebhookPurchaseCompleteEvent>().toExtend<
      z.output<typeof WebhookPurchaseCompleteEventSchema>
    >();
    expectTypeOf<
      z.output<typeof WebhookPurchaseCanceledEventSchema>
    >().toExtend<WebhookPurchaseCanceledEvent>();
    expectTypeOf<WebhookPurchaseCanceledEvent>().toExtend<
      z.output<typeof WebhookPurchaseCanceledEventSchema>
    >();
    expectTypeOf<
      z.output<typeof WebhookPurchaseRefundedEventSchema>
    >().toExtend<WebhookPurchaseRefundedEvent>();
    expectTypeOf<WebhookPurchaseRefundedEvent>().toExtend<
      z.output<typeof WebhookPurchaseRefundedEventSchema>
    >();
    expectTypeOf<
      z.output<typeof WebhookPurchaseChargebackEventSchema>
    >().toExtend<WebhookPurchaseChargebackEvent>();
    expectTypeOf<WebhookPurchaseChargebackEvent>().toExtend<
      z.output<typeof WebhookPurchaseChargebackEventSchema>
    >();
    expectTypeOf<
      z.output<typeof WebhookPurchaseBilletPrintedEventSchema>
    >().toExtend<WebhookPurchaseBilletPrintedEvent>();
    expectTypeOf<WebhookPurchaseBilletPrintedEvent>().toExtend<
      z.output<typeof WebhookPurchaseBilletPrintedEventSchema>
    >();
    expectTypeOf<
      z.output<typeof WebhookPurchaseProtestEventSchema>
    >().toExtend<WebhookPurchaseProtestEvent>();
    expectTypeOf<WebhookPurchaseProtestEvent>().toExtend<
      z.output<typeof WebhookPurchaseProtestEventSchema>
    >();
    expectTypeOf<
      z.output<typeof WebhookPurchaseExpiredEventSchema>
    >().toExtend<WebhookPurchaseExpiredEvent>();
    expectTypeOf<WebhookPurchaseExpiredEvent>().toExtend<
      z.output<typeof WebhookPurchaseExpiredEventSchema>
    >();
    expectTypeOf<
      z.output<typeof WebhookPurchaseDelayedEventSchema>
    >().toExtend<WebhookPurchaseDelayedEvent>();
    expectTypeOf<WebhookPurchaseDelayedEvent>().toExtend<
      z.output<typeof WebhookPurchaseDelayedEventSchema>
    >();

    expectTypeOf<z.output<typeof WebhookPurchaseEventSchema>>().toExtend<WebhookPurchaseEvent>();
    expectTypeOf<WebhookPurchaseEvent>().toExtend<z.output<typeof WebhookPurchaseEventSchema>>();
  });

  it("the other seven events", () => {
    expectTypeOf<
      z.output<typeof WebhookPurchaseOutOfShoppingCartEventSchema>
    >().toExtend<WebhookPurchaseOutOfShoppingCartEvent>();
    expectTypeOf<WebhookPurchaseOutOfShoppingCartEvent>().toExtend<
      z.output<typeof WebhookPurchaseOutOfShoppingCartEventSchema>
    >();
    expectTypeOf<
      z.output<typeof WebhookSubscriptionCancellationEventSchema>
    >().toExtend<WebhookSubscriptionCancellationEvent>();
    expectTypeOf<WebhookSubscriptionCancellationEvent>().toExtend<
      z.output<typeof WebhookSubscriptionCancellationEventSchema>
    >();
    expectTypeOf<z.output<typeof WebhookSwitchPlanEventSchema>>().toExtend<WebhookSwitchPlanEvent>();
    expectTypeOf<WebhookSwitchPlanEvent>().toExtend<z.output<typeof WebhookSwitchPlanEventSchema>>();
    expectTypeOf<
      z.output<typeof WebhookUpdateSubscriptionChargeDateEventSchema>
    >().toExtend<WebhookUpdateSubscriptionChargeDateEvent>();
    expectTypeOf<WebhookUpdateSubscriptionChargeDateEvent>().toExtend<
      z.output<typeof WebhookUpdateSubscriptionChargeDateEventSchema>
    >();
    expectTypeOf<
      z.output<typeof WebhookClubFirstAccessEventSchema>
    >().toExtend<WebhookClubFirstAccessEvent>();
    expectTypeOf<WebhookClubFirstAccessEvent>().toExtend<
      z.output<typeof WebhookClubFirstAccessEventSchema>
    >();
    expectTypeOf<
      z.output<typeof WebhookClubModuleCompletedEventSchema>
    >().toExtend<WebhookClubModuleCompletedEvent>();
    expectTypeOf<WebhookClubModuleCompletedEvent>().toExtend<
      z.output<typeof WebhookClubModuleCompletedEventSchema>
    >();
    expectTypeOf<
      z.output<typeof WebhookOrderFulfillmentEventSchema>
    >().toExtend<WebhookOrderFulfillmentEvent>();
    expectTypeOf<WebhookOrderFulfillmentEvent>().toExtend<
      z.output<typeof WebhookOrderFulfillmentEventSchema>
    >();
  });

  it("the union and the legacy postback", () => {
    expectTypeOf<z.output<typeof HotmartWebhookEventSchema>>().toExtend<HotmartWebhookEvent>();
    expectTypeOf<HotmartWebhookEvent>().toExtend<z.output<typeof HotmartWebhookEventSchema>>();
    expectTypeOf<z.output<typeof LegacyWebhookSchema>>().toExtend<LegacyWebhook>();
    expectTypeOf<LegacyWebhook>().toExtend<z.output<typeof LegacyWebhookSchema>>();
  });

  it("the schemas take raw input (normalised first), so their input type is unknown", () => {
    expectTypeOf<z.input<typeof HotmartWebhookEventSchema>>().toBeUnknown();
  });

  it("a mismatch would be caught: a schema type is not assignable to a different event", () => {
    expectTypeOf<
      z.output<typeof WebhookSwitchPlanEventSchema>
    >().not.toExtend<WebhookSubscriptionCancellationEvent>();
  });
});
