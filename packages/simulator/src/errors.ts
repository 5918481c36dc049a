/** Hotmart's error body (§5.1): every error carries the link to its docs page. */
export const ERROR_URI = "https://developers.hotmart.com/docs/pt-BR/start/http-response-codes/";

export interface ErrorBody {
  error: string;
  error_description: string;
  error_uri: string;
  [extra: string]: unknown;
}

/** The `error` code and message Hotmart uses for each status when nothing more specific applies (§5.2). */
export const STATUS_ERRORS: Record<number, readonly [code: string, description: string]> = {
  400: ["invalid_parameter", "The request is malformed."],
  401: ["unauthorized", "Full authentication is required to access this resource."],
  403: ["unauthorized_client", "The client is not authorized to access this resource."],
  404: ["not_found", "The requested resource was not found."],
  405: ["method_not_allowed", "Request method not supported."],
  408: ["request_timeout", "The request timed out."],
  409: ["conflict", "The request conflicts with the current state of the resource."],
  413: ["request_entity_too_large", "The request body is too large."],
  422: ["invalid_parameter", "The request could not be processed."],
  429: ["too_many_requests", "API rate limit exceeded."],
  500: ["internal_server_error", "An unexpected error occurred."],
  502: ["internal_server_error", "The request took longer than 30 seconds. Narrow the dates or add filters."],
  503: ["internal_server_error", "The API is unavailable. Try again later."],
  504: ["internal_server_error", "The gateway timed out."],
};

export function errorBody(code: string, description: string, extra: Record<string, unknown> = {}): ErrorBody {
  return { error: code, error_description: description, error_uri: ERROR_URI, ...extra };
}

export function defaultErrorBody(status: number): ErrorBody {
  const [code, description] = STATUS_ERRORS[status] ??
    (status >= 500 ? STATUS_ERRORS[500] : STATUS_ERRORS[400]) ?? [
      "internal_server_error",
      "An unexpected error occurred.",
    ];
  return errorBody(code, description);
}

/** Thrown by handlers; the router turns it into the Hotmart error response. */
export class ApiError extends Error {
  readonly status: number;
  readonly body: ErrorBody;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code?: string,
    description?: string,
    extra: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    const fallback = defaultErrorBody(status);
    const body = errorBody(code ?? fallback.error, description ?? fallback.error_description, extra);
    super(`${status} ${body.error}: ${body.error_description}`);
    this.name = "ApiError";
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

export const badParameter = (description: string) => new ApiError(400, "invalid_parameter", description);
export const badValue = (name: string, value: string, expected?: string) =>
  new ApiError(
    400,
    "invalid_value_parameter",
    `Invalid value '${value}' for parameter '${name}'${expected ? `: expected ${expected}` : ""}.`,
  );
export const notFound = (what: string) => new ApiError(404, "not_found", `${what} not found.`);
/** A product the account sells only as an affiliate: it exists, but belongs to another producer. */
export const notOwner = (what: string) =>
  new ApiError(
    403,
    "unauthorized_client",
    `${what} belongs to another producer: this client is not authorized to manage it.`,
  );
