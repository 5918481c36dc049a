import { DAY, HOUR } from "../time";
import type { CheckinStatus } from "./enums";
import type { EventData, Lot, Person, Product, Sale, Ticket } from "./model";
import { type Faker, makePerson } from "./people";
import { type Rng, unique } from "./rng";

export interface EventInput {
  faker: Faker;
  rng: Rng;
  now: number;
  products: readonly Product[];
  salesByProduct: ReadonlyMap<number, readonly Sale[]>;
  /** Tickets per event. */
  participants: number;
  emails: Set<string>;
}

/** Sales whose ticket is listed: paid ones, and the refunded or charged-back tickets they became. */
const TICKETED = new Set(["APPROVED", "COMPLETE", "REFUNDED", "CHARGEBACK", "PARTIALLY_REFUNDED"]);

export function makeEvents(input: EventInput): EventData[] {
  const { rng } = input;
  const qrCodes = new Set<string>();
  let lotId = 900_001;
  let ticketId = 6_000_001;
  let participantId = 7_001;
  return input.products.map((product) => {
    const start = input.now + rng.int(-90, 120) * DAY + rng.int(8, 19) * HOUR;
    const lots: Lot[] = ["Lote 1", "Lote 2", "Lote VIP", "Cortesias"]
      .slice(rng.int(0, 1))
      .map((name) => ({ id: lotId++, name }));
    const paidLots = lots.filter((l) => l.name !== "Cortesias");
    const invites = lots.find((l) => l.name === "Cortesias") ?? (lots[0] as Lot);
    const event: EventData = {
      product,
      startDate: start,
      endDate: start + rng.int(4, 12) * HOUR,
      lots,
      tickets: [],
    };
    const past = start < input.now;
    const ticket = (
      buyer: Person,
      lot: Lot,
      sale: Sale | undefined,
      fixed: Ticket["fixedStatus"],
    ): Ticket => {
      const own = rng.chance(0.6);
      const person = own ? buyer : makePerson(input.faker, rng, participantId, input.emails);
      const checkin: CheckinStatus = past
        ? rng.weighted([
            ["CONCLUDED", 70],
            ["PARTIAL", 10],
            ["PENDING", 20],
          ])
        : rng.weighted([
            ["PENDING", 70],
            ["PARTIAL", 20],
            ["CONCLUDED", 10],
          ]);
      return {
        id: ticketId++,
        qrCode: unique(qrCodes, () => `1${rng.digits(17)}`),
        participant: {
          id: participantId++,
          name: person.name,
          email: person.email,
          document: person.document,
          phone: `${person.phoneDdd.replace("+", "")}${person.phone}`,
        },
        buyer,
        lot,
        sale,
        fixedStatus: fixed,
        checkinStatus: checkin,
        isBlocked: rng.chance(0.03),
        currentUpdate: Math.min(
          input.now,
          (sale?.approvedDate ?? input.now - rng.int(1, 60) * DAY) + rng.int(0, 5) * DAY,
        ),
      };
    };
    for (const sale of input.salesByProduct.get(product.id) ?? []) {
      if (event.tickets.length >= input.participants) break;
      if (!TICKETED.has(sale.status)) continue;
      const lot = rng.pick(paidLots.length > 0 ? paidLots : lots);
      for (let n = 0; n < Math.max(1, sale.ticketAmount) && event.tickets.length < input.participants; n++) {
        event.tickets.push(ticket(sale.buyer, lot, sale, rng.chance(0.02) ? "EXCLUDED" : undefined));
      }
    }
    // Free invitations fill the event up to its size.
    while (event.tickets.length < input.participants) {
      const guest = makePerson(input.faker, rng, participantId, input.emails);
      event.tickets.push(ticket(guest, invites, undefined, rng.chance(0.85) ? "INVITE" : "INVITE_CANCELED"));
    }
    product.event = event;
    return event;
  });
}

/** A paid ticket follows its sale, so a refund shows as a REFUNDED ticket. */
export function ticketStatus(ticket: Ticket): string {
  if (ticket.fixedStatus) return ticket.fixedStatus;
  switch (ticket.sale?.status) {
    case "REFUNDED":
    case "PARTIALLY_REFUNDED":
      return "REFUNDED";
    case "CHARGEBACK":
      return "CHARGEBACK";
    default:
      return "SOLD";
  }
}

export function ticketType(ticket: Ticket): "PAID" | "FREE" {
  return ticket.sale ? "PAID" : "FREE";
}
