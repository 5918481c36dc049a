import { HotmartInputError } from "../core/errors";

/**
 * Tagged template for request paths: every interpolated id is percent-encoded, so an id can never
 * change the route (`a/b`, `?x`, `#y` stay inside their segment), and empty, `.` and `..` ids are
 * refused before any request is sent.
 *
 *   path`/payments/api/v1/sales/${transaction}/refund`
 */
export function path(strings: TemplateStringsArray, ...ids: ReadonlyArray<string | number>): string {
  let out = strings[0] ?? "";
  ids.forEach((id, i) => {
    out += encodeId(id, strings, i) + (strings[i + 1] ?? "");
  });
  return out;
}

function encodeId(id: unknown, strings: TemplateStringsArray, index: number): string {
  const where = strings.reduce(
    (acc, s, i) => acc + (i === 0 ? s : (i - 1 === index ? "{id}" : "{…}") + s),
    "",
  );
  if (typeof id === "number") {
    if (!Number.isSafeInteger(id) || id < 0) {
      throw new HotmartInputError(`The id in ${where} must be a non-negative whole number (got ${id})`);
    }
    return String(id);
  }
  if (typeof id !== "string") {
    throw new HotmartInputError(`The id in ${where} must be a string or a number (got ${typeof id})`);
  }
  const trimmed = id.trim();
  if (trimmed === "") {
    throw new HotmartInputError(`The id in ${where} is empty: pass the code or id Hotmart gave you`);
  }
  if (trimmed === "." || trimmed === "..") {
    throw new HotmartInputError(
      `The id in ${where} cannot be "${trimmed}": it would change the request path`,
    );
  }
  try {
    return encodeURIComponent(trimmed);
  } catch {
    // A lone UTF-16 surrogate (half of an emoji, a string cut in the wrong place) has no UTF-8 form.
    throw new HotmartInputError(
      `The id in ${where} is not valid text (it holds a lone UTF-16 surrogate) and cannot be sent`,
    );
  }
}
