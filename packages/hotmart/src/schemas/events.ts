/** Schemas of event tickets (resources/events.ts, docs/api-notes.md §8.6). */
import { z } from "zod";
import { CheckinStatusSchema, TicketStatusSchema, TicketTypeSchema } from "./enums";
import { bool, either, loose, num, type PageSchema, ProductRefSchema, page, str } from "./shared";

// ---------------------------------------------------------------------------------------------------
// E1. event info
// ---------------------------------------------------------------------------------------------------

export const EventLotSchema = loose({ id: num, name: str });

export const EventInfoSchema = loose({
  product: ProductRefSchema,
  start_event_date: num,
  end_event_date: num,
  lots: z.array(EventLotSchema),
});

// ---------------------------------------------------------------------------------------------------
// E2. tickets (/participants)
// ---------------------------------------------------------------------------------------------------

export const EventParticipantSchema = loose({
  id: num,
  name: str,
  email: str,
  document: str,
  /** The docs' example sends a JSON number. */
  phone: either(num, str, "number or string"),
});

export const EventBuyerSchema = loose({ ucode: str, name: str, email: str });

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

export const EventsTicketsItemSchema = loose({
  participant: EventParticipantSchema,
  buyer: EventBuyerSchema,
  eticket: EventTicketSchema,
  lot: EventLotSchema,
  product: ProductRefSchema,
});

export const EventsTicketsPageSchema: PageSchema<typeof EventsTicketsItemSchema> =
  page(EventsTicketsItemSchema);
