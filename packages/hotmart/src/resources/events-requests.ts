/**
 * What each method of `client.events` sends: its path, its params and their checks. Imported on the
 * first call of one of its methods (events.ts), so an app loads it only when it uses events.
 */
import { defineList } from "../core/list-definition";
import type { ResourceRequest } from "../core/resource";
import { path } from "../internal/path";
import type { EventsTicketsItem, EventsTicketsParams } from "./events";
import { checkId, isRecord } from "./input-checks";

const EVENT_ID = "the event id: the numeric id of the ETICKET product, e.g. 2345678";

export const TICKETS = defineList<EventsTicketsParams, EventsTicketsItem, [eventId: number | string]>({
  call: "events.tickets",
  path: (eventId) => {
    checkId("eventId", eventId, EVENT_ID, true);
    return path`/events/api/v1/${eventId}/participants`;
  },
  schema: "EventsTicketsPage",
  stringMeans: "buyer_email",
  filters: {
    buyer_email: "value",
    participant_email: "value",
    last_update: "date",
    id_lot: "value",
    ticket_status: "enum",
    ticket_type: "enum",
    checkin_status: "enum",
    id_eticket: "value",
    ticket_qr_code: "value",
  },
});

/** The request of `events.get(eventId)`, once its arguments pass their checks. */
export function get(eventId: number | string): ResourceRequest {
  checkId("eventId", eventId, EVENT_ID, true);
  return {
    call: "events.get",
    method: "GET",
    path: path`/events/api/v1/${eventId}/info`,
    schema: "EventInfo",
    accept: isRecord,
  };
}
