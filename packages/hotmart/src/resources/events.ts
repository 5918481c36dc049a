import type { APIPromise } from "../core/api-promise";
import type { PagePromise, PageResponse } from "../core/pagination";
import { APIResource, type Autopaginate, defineAutopaginate, type PageParams } from "../core/resource";
import type { DateParam, EpochMs, OpenEnum, RequestOptions } from "../core/types";
import type { ProductRef } from "./common";
import type { CheckinStatus, TicketStatus, TicketType } from "./enums";

// ---------------------------------------------------------------------------------------------------
// Params
// ---------------------------------------------------------------------------------------------------

/** Filters of `events.tickets` (`GET /events/api/v1/{event_id}/participants`), plus paging. */
export interface EventsTicketsParams extends PageParams {
  /** The e-mail of the person who bought the ticket. */
  buyer_email?: string | undefined;
  /** The e-mail of the person who will use the ticket. */
  participant_email?: string | undefined;
  /** The ticket's last update (epoch ms or a Date). */
  last_update?: DateParam | undefined;
  /** A lot id from `events.get` (lots double as ticket categories). */
  id_lot?: number | undefined;
  /** The ticket's status (`SOLD`, `INVITE`, `REFUNDED`, …). */
  ticket_status?: TicketStatus | undefined;
  /** `ALL` is accepted as a filter too. */
  ticket_type?: OpenEnum<"PAID" | "FREE" | "ALL"> | undefined;
  /** State of the registration form; `ALL` is accepted as a filter too. */
  checkin_status?: OpenEnum<"PENDING" | "PARTIAL" | "CONCLUDED" | "ALL"> | undefined;
  /** Hotmart's internal sequential ticket id. */
  id_eticket?: number | undefined;
  /** The public ticket code (QR). */
  ticket_qr_code?: string | undefined;
}

// ---------------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------------

/** A lot of an event: a batch of tickets, which is also the ticket category (`lots` of `events.get`, `lot` of a ticket). */
export interface EventLot {
  /** The `id_lot` filter of `events.tickets`. */
  id: number;
  /** The lot's name as the producer wrote it, e.g. `Lote 1` or `Cortesias`. */
  name: string;
}

/** An event (an ETICKET product) and its lots (`events.get`). */
export interface EventInfo {
  /** The ETICKET product that is the event: its `id` is the event id. */
  product: ProductRef;
  /** When the event starts, epoch ms. */
  start_event_date: EpochMs;
  /** When the event ends, epoch ms. */
  end_event_date: EpochMs;
  /** Lots double as ticket categories. */
  lots: EventLot[];
}

/** The person who will use the ticket. */
export interface EventParticipant {
  /** Hotmart's numeric id of the participant (not documented further). */
  id: number;
  /** The participant's name, as filled in on the ticket. */
  name: string;
  /** The participant's e-mail: the `participant_email` filter. */
  email: string;
  /** CPF, RG or another document. */
  document: string;
  /** The docs' example sends a JSON number. */
  phone: number | string;
}

/** The person who bought the ticket (may differ from the participant). */
export interface EventBuyer {
  /** The buyer's Hotmart user code (a UUID), as `buyer.ucode` in sales. */
  ucode: string;
  /** The buyer's name. */
  name: string;
  /** The buyer's e-mail: the `buyer_email` filter. */
  email: string;
}

/** The ticket itself (`eticket` of an `events.tickets` item). */
export interface EventTicket {
  /** Hotmart's internal sequential ticket id: the `id_eticket` filter. */
  id: number;
  /** The public ticket code shown as its QR code: the `ticket_qr_code` filter. */
  ticket_qr_code: string;
  /** The ticket's last update, epoch ms (what the `last_update` filter is about). */
  current_update: EpochMs;
  /** State of the participant's registration form: `PENDING`, `PARTIAL` or `CONCLUDED`. */
  checkin_status: CheckinStatus;
  /** Whether the ticket is blocked (Hotmart documents only the flag). */
  is_blocked: boolean;
  /** `SOLD`, `INVITE`, `REFUNDED`, …: the `ticket_status` filter. */
  ticket_status: TicketStatus;
  /** `PAID` or `FREE`. */
  ticket_type: TicketType;
  /** Check-in link e-mailed to the buyer. */
  checkin_url: string;
}

/** One ticket with its buyer and participant (`events.tickets`): only paid tickets and free invitations. */
export interface EventsTicketsItem {
  /** The person who will use the ticket. */
  participant: EventParticipant;
  /** The person who bought it. */
  buyer: EventBuyer;
  /** The ticket: its ids, status, type and check-in state. */
  eticket: EventTicket;
  /** The lot (ticket category) the ticket belongs to. */
  lot: EventLot;
  /** The ETICKET product of the event. */
  product: ProductRef;
}

/** One page of `events.tickets`: `items` and `page_info` (with `total_results`). */
export type EventsTicketsPage = PageResponse<EventsTicketsItem>;

// ---------------------------------------------------------------------------------------------------
// Resource
// ---------------------------------------------------------------------------------------------------

// What each method sends, with its checks, is in events-requests.ts: loaded on the first call.
const requests = () => import("./events-requests");

/** Event tickets (`/events/api/v1/...`). An event id is the id of a product whose format is ETICKET. */
export class Events extends APIResource {
  /**
   * The event's dates and lots.
   *
   * @example
   * const { lots, start_event_date } = await hotmart.events.get(7673728);
   */
  get(eventId: number | string, options?: RequestOptions): APIPromise<EventInfo> {
    return this._request(async () => (await requests()).get(eventId), options);
  }

  /**
   * The event's tickets with buyer and participant (`/participants`). Filters: `buyer_email`,
   * `participant_email`, `last_update`, `id_lot`, `ticket_status`, `ticket_type`, `checkin_status`,
   * `id_eticket`, `ticket_qr_code`; paging: `max_results`, `page_token`, `select`.
   *
   * @example
   * for await (const t of hotmart.events.tickets(7673728, { checkin_status: "PENDING" })) console.log(t.participant.email);
   */
  tickets(
    eventId: number | string,
    params?: EventsTicketsParams,
    options?: RequestOptions,
  ): PagePromise<EventsTicketsItem> {
    return this._list(async () => (await requests()).TICKETS, params, options, eventId);
  }

  /** `tickets` as an async generator (hotmart-python's `*_autopaginate` naming): every ticket of every page, like `for await` over `tickets(...)`. */
  declare readonly ticketsAutopaginate: Autopaginate<Events["tickets"]>;
}

defineAutopaginate(Events, ["tickets"]);
