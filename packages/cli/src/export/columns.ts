/**
 * CSV columns from the SDK's response schemas (hotmart/schemas): every field of an item, nested objects
 * flattened by dot path, in schema order. They depend on the API as documented, never on which records
 * happen to come first, so a file's header is the same every run. Arrays stay one JSON cell.
 */
import { usageError } from "../exit";
import { DOCUMENTED_COLUMNS } from "./documented-columns";

/** The CLI's names for the exportable lists, and the SDK export resource and page schema of each. */
export const EXPORTS = {
  sales: { resource: "sales.history", schema: "SalesHistoryPage" },
  "sales-participants": { resource: "sales.participants", schema: "SalesParticipantsPage" },
  "sales-commissions": { resource: "sales.commissions", schema: "SalesCommissionsPage" },
  "sales-price-details": { resource: "sales.priceDetails", schema: "SalesPriceDetailsPage" },
  "sales-summary": { resource: "sales.summary", schema: "SalesSummaryPage" },
  subscriptions: { resource: "subscriptions.list", schema: "SubscriptionsListPage" },
  "subscriptions-summary": { resource: "subscriptions.summary", schema: "SubscriptionsSummaryPage" },
  "subscription-transactions": {
    resource: "subscriptions.transactions",
    schema: "SubscriptionsTransactionsPage",
  },
  "event-tickets": { resource: "events.tickets", schema: "EventsTicketsPage" },
} as const;

export type ExportName = keyof typeof EXPORTS;
export type ExportResourceName = (typeof EXPORTS)[ExportName]["resource"];

/** Accepts the CLI name (`sales`) or the SDK's (`sales.history`). */
export function exportNameOf(input: string): ExportName | undefined {
  if (Object.hasOwn(EXPORTS, input)) return input as ExportName;
  for (const [name, spec] of Object.entries(EXPORTS)) if (spec.resource === input) return name as ExportName;
  return undefined;
}

interface ZodLike {
  _zod?: {
    def?: {
      type?: string;
      innerType?: ZodLike;
      in?: ZodLike;
      getter?: () => ZodLike;
      shape?: Record<string, ZodLike>;
      element?: ZodLike;
    };
  };
}

const WRAPPERS = new Set(["optional", "nullable", "default", "catch", "readonly", "nonoptional", "prefault"]);

function unwrap(schema: ZodLike | undefined): ZodLike | undefined {
  let current = schema;
  for (let i = 0; i < 20 && current; i++) {
    const def = current._zod?.def;
    if (def?.type && WRAPPERS.has(def.type)) current = def.innerType;
    else if (def?.type === "pipe") current = def.in;
    else if (def?.type === "lazy" && def.getter) current = def.getter();
    else break;
  }
  return current;
}

function walk(schema: ZodLike | undefined, prefix: string, out: string[]): void {
  const s = unwrap(schema);
  const shape = s?._zod?.def?.type === "object" ? s._zod.def.shape : undefined;
  if (!shape || (prefix && Object.keys(shape).length === 0)) {
    out.push(prefix);
    return;
  }
  for (const [key, child] of Object.entries(shape)) walk(child, prefix ? `${prefix}.${key}` : key, out);
}

/**
 * The documented columns of an export, in order: DOCUMENTED_COLUMNS, which the unit tests keep equal to
 * what the schemas give (columnsFromSchemas). An export reads the table rather than the schemas: loaded,
 * they would hold 4.6 MB of heap for the whole export, and add a tenth of a second to its start.
 */
export function columnsFor(name: ExportName): readonly string[] {
  return DOCUMENTED_COLUMNS[name];
}

/** The documented columns of an export, walked from the SDK's response schemas (and zod). */
export async function columnsFromSchemas(name: ExportName): Promise<string[]> {
  const { responseSchemas } = await import("hotmart/schemas");
  const page = unwrap((responseSchemas as unknown as Record<string, ZodLike>)[EXPORTS[name].schema]);
  const items = unwrap(page?._zod?.def?.shape?.items);
  const element = items?._zod?.def?.element;
  const out: string[] = [];
  walk(element, "", out);
  return out.filter((c) => c !== "");
}

/**
 * The columns `--columns` asks for, each checked against the documented ones: a misspelled path would
 * otherwise be an empty column in every row of a file that looks complete. A column may also name an
 * object that holds documented columns (`purchase.price`: one JSON cell), or `_status` when records
 * carry it. A name that is none of these is a usage error (exit 2), with a suggestion.
 */
export function chooseColumns(
  name: ExportName,
  list: string,
  documented: readonly string[],
  withStatus: boolean,
): string[] {
  const chosen = list
    .split(",")
    .map((c) => c.trim())
    .filter(Boolean);
  const known = (c: string) =>
    documented.includes(c) ||
    documented.some((d) => d.startsWith(`${c}.`)) ||
    (withStatus && c === "_status");
  for (const column of chosen) {
    if (known(column)) continue;
    const lower = column.toLowerCase();
    const guesses = documented.filter(
      (d) => d.toLowerCase() === lower || d.toLowerCase().endsWith(`.${lower}`),
    );
    const hint = guesses.length > 0 ? ` did you mean ${guesses.slice(0, 3).join(" or ")}?` : "";
    const status = column === "_status" ? " (_status is there only with --status)" : "";
    throw usageError(
      `--columns: "${column}" is not a column of ${name}${status};${hint} \`hotmart export ${name} --list-columns\` lists them`,
    );
  }
  if (chosen.length === 0) throw usageError("--columns: name at least one column");
  return chosen;
}
