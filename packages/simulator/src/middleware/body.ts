import type { MiddlewareHandler } from "hono";
import { readBody } from "../body";
import { ApiError } from "../errors";
import { type AppEnv, errorResponse } from "../http";

/** Reads the body once, for the log and the routes; past `maxBytes` it answers 413 instead. */
export function bodyLimit(maxBytes: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const read = await readBody(c.req.raw, maxBytes);
    c.set("bodyText", read.ok ? read.text : "");
    if (read.ok) return next();
    const error = new ApiError(
      413,
      "request_entity_too_large",
      `The request body is larger than ${maxBytes} bytes.`,
    );
    // No "Connection: close": Node would then destroy the socket as soon as the answer is written, and
    // the reset the client's next bytes get would throw the answer away (readBody drains instead).
    c.res = errorResponse(error);
  };
}
