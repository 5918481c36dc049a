import { Hono } from "hono";
import type { SimContext } from "../context";
import { CHECKIN_STATUSES, TICKET_STATUSES, TICKET_TYPES } from "../data/enums";
import { ticketStatus, ticketType } from "../data/events";
import type { EventData, Ticket } from "../data/model";
import { notFound } from "../errors";
import { type AppEnv, handle } from "../http";
import { paginate } from "../pagination";
import { sameText } from "../query";

function participantItem(event: EventData, t: Ticket) {
  const type = ticketType(t);
  return {
    participant: {
      id: t.participant.id,
      name: t.participant.name,
      email: t.participant.email,
      document: t.participant.document,
      phone: t.participant.phone,
    },
    buyer: { ucode: t.buyer.ucode, name: t.buyer.name, email: t.buyer.email },
    eticket: {
      ticket_qr_code: t.qrCode,
      current_update: Math.max(t.currentUpdate, t.sale?.refundDate ?? 0),
      checkin_status: t.checkinStatus,
      is_blocked: t.isBlocked,
      ticket_status: ticketStatus(t),
      ticket_type: type,
      id: t.id,
      checkin_url: `https://eticket.hotmart.example/checkin/${t.qrCode}?invite=${type === "FREE"}`,
    },
    lot: { id: t.lot.id, name: t.lot.name },
    product: { id: event.product.id, name: event.product.name },
  };
}

export const EVENTS_BASE = "/events/api/v1";

/** `event_id` is the id of an ETICKET product (§8.6). */
export function eventRoutes(ctx: SimContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const eventOf = (raw: string | undefined): EventData => {
    const id = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    const event = Number.isNaN(id) ? undefined : ctx.data.event(id);
    if (!event?.product.listed) throw notFound(`Event ${raw ?? ""}`);
    return event;
  };

  app.get(
    "/:event_id/info",
    handle((req) => {
      const event = eventOf(req.params.event_id);
      return {
        body: {
          product: { name: event.product.name, id: event.product.id },
          start_event_date: event.startDate,
          end_event_date: event.endDate,
          lots: event.lots.map((l) => ({ id: l.id, name: l.name })),
        },
      };
    }),
  );

  app.get(
    "/:event_id/participants",
    handle((req) => {
      const event = eventOf(req.params.event_id);
      const q = req.query;
      const buyerEmail = q.string("buyer_email");
      const participantEmail = q.string("participant_email");
      const lastUpdate = q.date("last_update");
      const lot = q.int("id_lot");
      const status = q.oneOf("ticket_status", TICKET_STATUSES);
      const type = q.oneOf("ticket_type", TICKET_TYPES);
      const checkin = q.oneOf("checkin_status", CHECKIN_STATUSES);
      const eticket = q.int("id_eticket");
      const qr = q.string("ticket_qr_code");
      const matches = event.tickets.filter(
        (t) =>
          (buyerEmail === undefined || sameText(t.buyer.email, buyerEmail)) &&
          (participantEmail === undefined || sameText(t.participant.email, participantEmail)) &&
          (lastUpdate === undefined || Math.max(t.currentUpdate, t.sale?.refundDate ?? 0) >= lastUpdate) &&
          (lot === undefined || t.lot.id === lot) &&
          (status === undefined || ticketStatus(t) === status) &&
          (type === undefined || type === "ALL" || ticketType(t) === type) &&
          (checkin === undefined || checkin === "ALL" || t.checkinStatus === checkin) &&
          (eticket === undefined || t.id === eticket) &&
          (qr === undefined || t.qrCode === qr),
      );
      return {
        body: paginate(q, "events.participants", matches, (t) => participantItem(event, t), {
          totalResults: true,
        }),
      };
    }),
  );
  return app;
}
