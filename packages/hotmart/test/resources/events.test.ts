import type { EventInfo } from "hotmart";
import { describe, expect, it } from "vitest";
import { EVENT_INFO, EVENT_PARTICIPANTS, useRecordingServer } from "./fixtures";

const ctx = useRecordingServer();

describe("events.get", () => {
  it("GETs /events/api/v1/{event_id}/info", async () => {
    ctx.server.on("GET", "/events/api/v1/2345678/info", { body: EVENT_INFO });
    const info: EventInfo = await ctx.client().events.get(2345678);
    const req = ctx.server.only();
    expect(req.method).toBe("GET");
    expect(req.path).toBe("/events/api/v1/2345678/info");
    expect(req.query).toBe("");
    expect(info).toEqual(EVENT_INFO);
    expect(info.lots.map((l) => l.id)).toEqual([900001, 900002]);
  });
});

describe("events.tickets", () => {
  it("GETs /events/api/v1/{event_id}/participants with every filter", async () => {
    ctx.server.on("GET", "/events/api/v1/2345678/participants", { body: EVENT_PARTICIPANTS });
    const page = await ctx.client().events.tickets("2345678", {
      buyer_email: "gabi@example.com",
      participant_email: "fabio@example.com",
      last_update: new Date(1718000000000),
      id_lot: 900001,
      ticket_status: "SOLD",
      ticket_type: "ALL",
      checkin_status: "CONCLUDED",
      id_eticket: 6000001,
      ticket_qr_code: "100000000000000001",
      max_results: 5,
    });
    const req = ctx.server.only();
    expect(req.method).toBe("GET");
    expect(req.path).toBe("/events/api/v1/2345678/participants");
    expect(req.query).toBe(
      "buyer_email=gabi%40example.com&participant_email=fabio%40example.com&last_update=1718000000000" +
        "&id_lot=900001&ticket_status=SOLD&ticket_type=ALL&checkin_status=CONCLUDED&id_eticket=6000001" +
        "&ticket_qr_code=100000000000000001&max_results=5",
    );
    expect(page.items).toEqual(EVENT_PARTICIPANTS.items);
    expect(page.items[0]?.eticket.checkin_status).toBe("CONCLUDED");
    expect(page.page_info.total_results).toBe(5);
  });
});
