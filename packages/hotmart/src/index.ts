export {
  AUTH_URL,
  type ClientOptions,
  type CloneOptions,
  Hotmart,
  PRODUCTION_URL,
  SANDBOX_URL,
} from "./client";
export { APIPromise, type RateLimitInfo, type WithResponse } from "./core/api-promise";
export {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  type APIErrorInit,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  HotmartError,
  type HotmartErrorOptions,
  HotmartInputError,
  InternalServerError,
  NotFoundError,
  PaginationError,
  PermissionDeniedError,
  RateLimitError,
  ResponseParseError,
  ResponseValidationError,
  UnprocessableEntityError,
} from "./core/errors";
export {
  type IterateOptions,
  Page,
  type PageFetcher,
  type PageInfo,
  PagePromise,
  type PageResponse,
} from "./core/pagination";
export type { RateLimiter, RateLimitSnapshot } from "./core/rate-limiter";
export {
  APIResource,
  type Autopaginate,
  autopaginate,
  defineAutopaginate,
  defineList,
  type FilterKinds,
  type ListDefinition,
  type PageParams,
  type ResourceRequest,
} from "./core/resource";
export {
  type DateParam,
  type EpochMs,
  type ExtraQuery,
  HTTP_METHODS,
  type HttpMethod,
  type OpenEnum,
  type QueryValue,
  type RequestOptions,
  type RetryInfo,
  type SchemaName,
  VALIDATE_MODES,
  type ValidateMode,
} from "./core/types";
export * from "./export";
export { MemoryTokenStore, type StoredToken, type TokenStore } from "./internal/auth";
export type { Logger, LogLevel } from "./internal/log";
export type { FilterKind } from "./internal/params";
export { path } from "./internal/path";
export { MemoryRateLimiter, type RateLimitOptions } from "./internal/rate-limit";
export type { SchemaRegistry, ValidationIssue } from "./internal/schema-check";
export * from "./resources";
export * from "./webhooks";
