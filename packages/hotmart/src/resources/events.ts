import type { PagePromise, PageResponse } from "../core/pagination";
import { APIResource, autopaginate, type PageParams } from "../core/resource";
import type { DateParam, EpochMs, OpenEnum, RequestOptions } from "../core/types";
import { path } from "../internal/path";
import type { ExtraParams, ProductRef } from "./common";
import type { CheckinStatus, TicketStatus, TicketType } from "./enums";
import { checkId, checkPage, guardPage } from "./validate";

// ---------------------------------------------------------------------------------------------------
// Params
// ---------------------------------------------------------------------------------------------------

export interface EventsTicketsParams extends PageParams, ExtraParams {
  buyer_email?: string | undefined;
  participant_email?: string | undefined;
  /** The ticket's last update (epoch ms or a Date). */
  last_update?: DateParam | undefined;
  /** A lot id from `events.get` (lots double as ticket categories). */
  id_lot?: number | undefined;
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

export interface EventLot {
  /** The `id_lot` filter of `events.tickets`. */
  id: number;
  name: string;
}

/** An event (an ETICKET product) and its lots (`events.get`). */
export interface EventInfo {
  product: ProductRef;
  start_event_date: EpochMs;
  end_event_date: EpochMs;
  /** Lots double as ticket categories. */
  lots: EventLot[];
}

/** The person who will use the ticket. */
export interface EventParticipant {
  id: number;
  name: string;
  email: string;
  /** CPF, RG or another document. */
  document: string;
  /** The docs' example sends a JSON number. */
  phone: number | string;
}

export interface EventBuyer {
  ucode: string;
  name: string;
  email: string;
}

export interface EventTicket {
  id: number;
  ticket_qr_code: string;
  current_update: EpochMs;
  checkin_status: CheckinStatus;
  is_blocked: boolean;
  ticket_status: TicketStatus;
  ticket_type: TicketType;
  /** Check-in link e-mailed to the buyer. */
  checkin_url: string;
}

/** One ticket with its buyer and participant (`events.tickets`): only paid tickets and free invitations. */
export interface EventsTicketsItem {
  participant: EventParticipant;
  buyer: EventBuyer;
  eticket: EventTicket;
  lot: EventLot;
  product: ProductRef;
}

export type EventsTicketsPage = PageResponse<EventsTicketsItem>;

// ---------------------------------------------------------------------------------------------------
// Resource
// ---------------------------------------------------------------------------------------------------

const EVENT_ID = "the event id: the numeric id of the ETICKET product, e.g. 2345678";

/** Event tickets (`/events/api/v1/...`). An event id is the id of a product whose format is ETICKET. */
export class Events extends APIResource {
  /** The event's dates and lots. */
  async get(eventId: number | string, options?: RequestOptions): Promise<EventInfo> {
    checkId("eventId", eventId, EVENT_ID);
    return this._request(
      { method: "GET", path: path`/events/api/v1/${eventId}/info`, schema: "EventInfo" },
      options,
    );
  }

  /** The event's tickets with buyer and participant (`/participants`). */
  tickets(
    eventId: number | string,
    params?: EventsTicketsParams,
    options?: RequestOptions,
  ): PagePromise<EventsTicketsItem> {
    return guardPage(() => {
      checkId("eventId", eventId, EVENT_ID);
      return this._list<EventsTicketsItem>(
        path`/events/api/v1/${eventId}/participants`,
        checkPage(params),
        options,
        "EventsTicketsPage",
      );
    });
  }

  readonly ticketsAutopaginate = autopaginate(this.tickets.bind(this));
}
