import { HotmartInputError } from "../core/errors";
import type { RequestOptions } from "../core/types";
import { show } from "./show";

/** Every key of RequestOptions; `satisfies` keeps this list and the type in step. */
const OPTION_KEYS = {
  signal: true,
  timeout: true,
  totalTimeout: true,
  maxRetries: true,
  headers: true,
  query: true,
  validate: true,
  onRetry: true,
} as const satisfies Record<keyof RequestOptions, true>;

/**
 * The per-request options: an object or nothing. A boolean or string here is almost always a params
 * value given in the wrong place (`cancel(codes, true)` meaning `{ send_mail: true }`).
 */
export function checkOptions(call: string, options: unknown): void {
  if (options === undefined || options === null) return;
  if (typeof options !== "object" || Array.isArray(options)) {
    throw new HotmartInputError(
      `${call}: the last argument is the request options ({ signal, timeout, maxRetries, headers, query, validate }), ` +
        `not ${show(options)}; parameters go in the params object before it`,
    );
  }
  for (const key of Object.keys(options)) {
    if (!Object.hasOwn(OPTION_KEYS, key)) {
      throw new HotmartInputError(
        `${call}: "${key}" is not a request option (${Object.keys(OPTION_KEYS).join(", ")}); ` +
          "parameters go in the params object before the options",
      );
    }
  }
  const query = (options as RequestOptions).query;
  if (query !== undefined && (typeof query !== "object" || query === null || Array.isArray(query))) {
    throw new HotmartInputError(
      `${call}: options.query must be an object of extra query parameters (got ${show(query)})`,
    );
  }
}
