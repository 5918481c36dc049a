/** Schemas of event tickets (resources/events.ts, docs/api-notes.md §8.6). */
import { z } from "zod";
import { CheckinStatusSchema, TicketStatusSchema, TicketTypeSchema } from "./enums";
import { bool, either, loose, num, type PageSchema, ProductRefSchema, page, str } from "./shared";

// ---------------------------------------------------------------------------------------------------
// E1. event info
// ---------------------------------------------------------------------------------------------------

/**
 * `EventLot`: a lot (ticket category) of an event: `id` (the `id_lot` filter of `events.tickets`) and `name`.
 */
export const EventLotSchema = loose({ id: num, name: str });

/**
 * `EventInfo`: what `events.get` answers (GET /events/api/v1/{event_id}/info): the event's product, start and
 * end (epoch ms) and its lots.
 */
export const EventInfoSchema = loose({
  product: ProductRefSchema,
  start_event_date: num,
  end_event_date: num,
  lots: z.array(EventLotSchema),
});

// ---------------------------------------------------------------------------------------------------
// E2. tickets (/participants)
// ---------------------------------------------------------------------------------------------------

/**
 * `EventParticipant`: the person who will use a ticket in `events.tickets`: id, name, e-mail, document, phone
 * (a number or a string).
 */
export const EventParticipantSchema = loose({
  id: num,
  name: str,
  email: str,
  document: str,
  /** The docs' example sends a JSON number. */
  phone: either(num, str, "number or string"),
});

/** `EventBuyer`: who bought a ticket in `events.tickets`: Hotmart user id `ucode`, name and e-mail. */
export const EventBuyerSchema = loose({ ucode: str, name: str, email: str });

/**
 * `EventTicket`: the ticket in `events.tickets`: id, QR code, check-in status and link, ticket status and
 * type, `current_update` (epoch ms).
 */
export const EventTicketSchema = loose({
  id: num,
  ticket_qr_code: str,
  current_update: num,
  checkin_status: CheckinStatusSchema,
  is_blocked: bool,
  ticket_status: TicketStatusSchema,
  ticket_type: TicketTypeSchema,
  checkin_url: str,
});

/**
 * `EventsTicketsItem`: one ticket of `events.tickets` (GET /events/api/v1/{event_id}/participants) with its
 * participant, buyer, lot and product.
 */
export const EventsTicketsItemSchema = loose({
  participant: EventParticipantSchema,
  buyer: EventBuyerSchema,
  eticket: EventTicketSchema,
  lot: EventLotSchema,
  product: ProductRefSchema,
});

/** `EventsTicketsPage`: the body of `events.tickets`, `{ items, page_info }`. */
export const EventsTicketsPageSchema: PageSchema<typeof EventsTicketsItemSchema> =
  page(EventsTicketsItemSchema);
