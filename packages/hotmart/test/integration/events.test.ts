import { type EventInfo, type EventsTicketsItem, NotFoundError } from "hotmart";
import type { EventData, Ticket } from "hotmart-simulator";
import { describe, expect, it } from "vitest";
import { apiCalls, collect, DAY, failure, must, onlyCall, useSimulator } from "./helpers";

const ctx = useSimulator({ seed: 10 });

const event = (): EventData => must(ctx.sim.data.events[0], "event");
const statusOf = (t: Ticket): string => {
  if (t.fixedStatus) return t.fixedStatus;
  if (t.sale?.status === "REFUNDED" || t.sale?.status === "PARTIALLY_REFUNDED") return "REFUNDED";
  if (t.sale?.status === "CHARGEBACK") return "CHARGEBACK";
  return "SOLD";
};

describe("events.get", () => {
  it("returns the event dates and lots", async () => {
    const { sim, client } = ctx;
    const ev = event();
    const info: EventInfo = await client.events.get(ev.product.id);
    expect(info).toEqual({
      product: { id: ev.product.id, name: ev.product.name },
      start_event_date: ev.startDate,
      end_event_date: ev.endDate,
      lots: ev.lots.map((l) => ({ id: l.id, name: l.name })),
    });
    expect(onlyCall(sim)).toMatchObject({
      method: "GET",
      path: `/events/api/v1/${ev.product.id}/info`,
      query: {},
    });
  });

  it("a product that is not an event is NotFoundError", async () => {
    const { sim, client } = ctx;
    const other = must(
      sim.data.products.find((p) => p.listed && p.format !== "ETICKET"),
      "non-event product",
    );
    await failure(() => client.events.get(other.id), NotFoundError);
  });
});

describe("events.tickets", () => {
  it("walks every ticket with buyer, participant, lot and product", async () => {
    const { sim, client } = ctx;
    const ev = event();
    const items: EventsTicketsItem[] = await client.events
      .tickets(ev.product.id, { max_results: 15 })
      .toArray();
    expect(items.map((t) => t.eticket.id)).toEqual(ev.tickets.map((t) => t.id));
    const ticket = must(ev.tickets[0], "ticket");
    expect(items[0]).toMatchObject({
      participant: { id: ticket.participant.id, email: ticket.participant.email },
      buyer: { ucode: ticket.buyer.ucode, email: ticket.buyer.email },
      eticket: {
        id: ticket.id,
        ticket_qr_code: ticket.qrCode,
        checkin_status: ticket.checkinStatus,
        ticket_status: statusOf(ticket),
        ticket_type: ticket.sale ? "PAID" : "FREE",
      },
      lot: { id: ticket.lot.id, name: ticket.lot.name },
      product: { id: ev.product.id },
    });
    const calls = apiCalls(sim);
    expect(calls).toHaveLength(Math.ceil(ev.tickets.length / 15));
    expect(calls[0]).toMatchObject({
      path: `/events/api/v1/${ev.product.id}/participants`,
      query: { max_results: "15" },
    });
    const twin = await collect(client.events.ticketsAutopaginate(ev.product.id, { max_results: 15 }));
    expect(twin).toEqual(items);
  });

  it("ticket_status, id_lot, ticket_type and checkin_status filter on the server", async () => {
    const { sim, client } = ctx;
    const ev = event();
    const sold = await client.events.tickets(ev.product.id, { ticket_status: "SOLD" }).toArray();
    expect(sold.map((t) => t.eticket.id)).toEqual(
      ev.tickets.filter((t) => statusOf(t) === "SOLD").map((t) => t.id),
    );
    expect(sold.every((t) => t.eticket.ticket_status === "SOLD")).toBe(true);
    expect(sold.length).toBeGreaterThan(0);
    expect(sold.length).toBeLessThan(ev.tickets.length);
    expect(onlyCall(sim).query).toEqual({ ticket_status: "SOLD" });

    const lot = must(ev.lots[0], "lot");
    const byLot = await client.events
      .tickets(ev.product.id, { id_lot: lot.id, ticket_type: "ALL", checkin_status: "ALL" })
      .toArray();
    expect(byLot.map((t) => t.eticket.id)).toEqual(
      ev.tickets.filter((t) => t.lot.id === lot.id).map((t) => t.id),
    );
    expect(byLot.length).toBeGreaterThan(0);
    expect(apiCalls(sim)[1]?.query).toEqual({
      id_lot: String(lot.id),
      ticket_type: "ALL",
      checkin_status: "ALL",
    });

    const free = await client.events.tickets(ev.product.id, { ticket_type: "FREE" }).toArray();
    expect(free.map((t) => t.eticket.id)).toEqual(ev.tickets.filter((t) => !t.sale).map((t) => t.id));
    expect(free.length).toBeGreaterThan(0);
    expect(free.length).toBeLessThan(ev.tickets.length);
  });

  it("buyer_email, participant_email, id_eticket, ticket_qr_code and last_update (a Date) find one ticket", async () => {
    const { sim, client } = ctx;
    const ev = event();
    const ticket = must(ev.tickets[2], "ticket");
    const since = new Date(ticket.currentUpdate - DAY);
    const items = await client.events
      .tickets(ev.product.id, {
        buyer_email: ticket.buyer.email,
        participant_email: ticket.participant.email,
        id_eticket: ticket.id,
        ticket_qr_code: ticket.qrCode,
        last_update: since,
      })
      .toArray();
    expect(items.map((t) => t.eticket.id)).toEqual([ticket.id]);
    expect(onlyCall(sim).query).toEqual({
      buyer_email: ticket.buyer.email,
      participant_email: ticket.participant.email,
      id_eticket: String(ticket.id),
      ticket_qr_code: ticket.qrCode,
      last_update: String(since.getTime()),
    });
  });

  it("a refunded ticket sale shows as a REFUNDED ticket", async () => {
    const { client } = ctx;
    const ev = event();
    const ticket = must(
      ev.tickets.find(
        (t) => t.sale && (t.sale.status === "APPROVED" || t.sale.status === "COMPLETE") && !t.sale.trial,
      ),
      "paid ticket",
    );
    const sale = must(ticket.sale, "ticket sale");
    await client.sales.refund(sale.transaction);
    const refunded = await client.events.tickets(ev.product.id, { ticket_status: "REFUNDED" }).toArray();
    expect(refunded.map((t) => t.eticket.id)).toContain(ticket.id);
    const [one] = await client.events.tickets(ev.product.id, { id_eticket: ticket.id }).toArray();
    expect(one?.eticket.ticket_status).toBe("REFUNDED");
  });
});
