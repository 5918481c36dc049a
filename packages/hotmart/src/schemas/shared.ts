/**
 * Building blocks of the response schemas: the helpers that make a zod schema infer exactly the public
 * TypeScript type, and the shapes several resources share (money, product refs, the page envelope).
 *
 * Three rules keep `z.infer<typeof XSchema>` identical to the public type `X` (checked at compile time in
 * test/schemas/agreement.test-d.ts):
 *
 * - Objects are `loose`: unknown keys are kept at runtime (Hotmart adds fields), but the inferred type
 *   has no `[key: string]: unknown` index signature, like the public interfaces.
 * - Optional fields use `.exactOptional()`: the key may be absent, but when present it has the type
 *   (`field?: T`, not `field?: T | undefined`), matching `exactOptionalPropertyTypes`. JSON has no
 *   `undefined`, so nothing real is refused by this.
 * - Enums are open (`openEnum`): any string passes, and the type keeps the documented literals.
 */
import { z } from "zod";

/**
 * Any string, typed `string & {}` so that a union with literals keeps them (`"A" | (string & {})` does
 * not collapse to `string`). `z.string()` is assignable to it as is: no cast involved.
 */
const anyString: z.ZodType<string & {}> = z.string();
/** Any number, typed `number & {}` for the same reason. */
const anyNumber: z.ZodType<number & {}> = z.number();

/** What a value is, in zod's words ("null", "array", "number", ...). */
function received(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "array";
  return typeof input;
}

/** A union's message when every member failed: say what was expected instead of zod's "Invalid input". */
function expected(what: string) {
  return (issue: { input?: unknown }) => `Invalid input: expected ${what}, received ${received(issue.input)}`;
}

/**
 * An open enum (docs/api-notes.md §10): accepts any string, and `z.infer` gives the documented values plus
 * `(string & {})`, exactly `OpenEnum<...>` of core/types.ts. The values stay introspectable
 * (`schema.options[0].options`, and as an `enum` in a JSON Schema).
 */
export function openEnum<const Values extends readonly [string, ...string[]]>(values: Values) {
  return z.union([z.enum(values), anyString], { error: expected("string") });
}

/** An open enum of numbers: the documented values plus `(number & {})`, like `OpenNumberEnum`. */
export function openNumberEnum<const Values extends readonly [number, ...number[]]>(values: Values) {
  return z.union([z.literal(values), anyNumber], { error: expected("number") });
}

/**
 * `z.looseObject` at runtime (unknown keys are kept by `parse`), typed as `z.object`: TypeScript object
 * types are open already, and the `[key: string]: unknown` index signature zod would add makes the public
 * interfaces (which have none) unassignable to the inferred type. The cast changes only that signature.
 */
export function loose<const Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  return z.looseObject(shape) as unknown as z.ZodObject<Shape, z.core.$strip>;
}

/** A union of two member types whose failure message names both. */
export function either<A extends z.ZodType, B extends z.ZodType>(a: A, b: B, what: string) {
  return z.union([a, b], { error: expected(what) });
}

export const str = z.string();
export const num = z.number();
export const bool = z.boolean();
export const optStr = str.exactOptional();
export const optNum = num.exactOptional();
export const optBool = bool.exactOptional();

// ---------------------------------------------------------------------------------------------------
// Shared shapes (resources/common.ts, core/pagination.ts)
// ---------------------------------------------------------------------------------------------------

/** `{ value, currency_code }`: money in sales, subscriptions and products (§1.4). */
export const MoneySchema = loose({ value: num, currency_code: str });

/** `{ id, name }` of a product. */
export const ProductRefSchema = loose({ id: num, name: str });

/** Hotmart's cursor envelope (§3): every field may be missing; the tokens may be `null`. */
export const PageInfoSchema = loose({
  total_results: optNum,
  next_page_token: str.nullable().exactOptional(),
  prev_page_token: str.nullable().exactOptional(),
  results_per_page: optNum,
});

/**
 * The type of a page schema. Annotating each `XPageSchema` with it keeps the published declarations
 * short: the item type is named (`PageSchema<typeof XItemSchema>`) instead of written out again.
 */
export type PageSchema<Item extends z.ZodType> = z.ZodObject<
  { items: z.ZodArray<Item>; page_info: typeof PageInfoSchema },
  z.core.$strip
>;

/** `{ items: Item[], page_info }`, the body of every paginated endpoint. */
export function page<Item extends z.ZodType>(item: Item): PageSchema<Item> {
  return loose({ items: z.array(item), page_info: PageInfoSchema });
}
