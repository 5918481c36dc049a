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
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  HotmartError,
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
export { type IterateOptions, Page, type PageInfo, PagePromise, type PageResponse } from "./core/pagination";
export {
  APIResource,
  type Autopaginate,
  autopaginate,
  defineAutopaginate,
  defineList,
  type FilterKinds,
  type ListDefinition,
  type PageParams,
} from "./core/resource";
export type {
  DateParam,
  EpochMs,
  ExtraQuery,
  HttpMethod,
  OpenEnum,
  QueryValue,
  RequestOptions,
  RetryInfo,
  SchemaName,
  ValidateMode,
} from "./core/types";
export * from "./export";
export { MemoryTokenStore, type StoredToken, type TokenStore } from "./internal/auth";
export type { Logger, LogLevel } from "./internal/log";
export type { FilterKind } from "./internal/params";
export { path } from "./internal/path";
export type { RateLimitOptions } from "./internal/rate-limit";
export type { SchemaRegistry, ValidationIssue } from "./internal/validate";
export * from "./resources";
export * from "./webhooks";
