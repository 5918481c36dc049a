import type { NegotiationResult } from "hotmart";
import { describe, expect, it } from "vitest";
import { NEGOTIATION, useRecordingServer } from "./fixtures";

const ctx = useRecordingServer();

describe("negotiation.create", () => {
  it("POSTs /payments/api/v1/installments/negotiate with a JSON body", async () => {
    ctx.server.on("POST", "/payments/api/v1/installments/negotiate", { body: NEGOTIATION });
    const result: NegotiationResult = await ctx.client().negotiation.create({
      subscription_id: 1000001,
      recurrences: [3, 4],
      payment_type: "PIX",
      discount: { type: "CUSTOM", value: 10 },
    });
    const req = ctx.server.only();
    expect(req.method).toBe("POST");
    expect(req.path).toBe("/payments/api/v1/installments/negotiate");
    expect(req.query).toBe("");
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.body).toEqual({
      subscription_id: 1000001,
      recurrences: [3, 4],
      payment_type: "PIX",
      discount: { type: "CUSTOM", value: 10 },
    });
    expect(result).toEqual(NEGOTIATION);
    expect(result.payment.pix_code).toBe("00020101021226...FICTICIO");
  });

  it("sends the document for BILLET", async () => {
    ctx.server.on("POST", "/payments/api/v1/installments/negotiate", {
      body: {
        subscription_id: 1000001,
        transaction: "HP10000000000009",
        payment: {
          type: "BILLET",
          expiration_date: 1718100000000,
          billet_url: "https://example.invalid/b",
          billet_barcode: "0000",
        },
      },
    });
    const result = await ctx.client().negotiation.create({
      subscription_id: 1000001,
      recurrences: [1, 2, 3, 4, 5],
      payment_type: "BILLET",
      document: "12345678909",
    });
    expect(ctx.server.only().body).toEqual({
      subscription_id: 1000001,
      recurrences: [1, 2, 3, 4, 5],
      payment_type: "BILLET",
      document: "12345678909",
    });
    expect(result.payment.billet_barcode).toBe("0000");
  });
});
