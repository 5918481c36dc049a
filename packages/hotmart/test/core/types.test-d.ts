import type {
  APIError,
  APIPromise,
  AuthenticationError,
  ClientOptions,
  Hotmart,
  HotmartError,
  OpenEnum,
  Page,
  PageInfo,
  PagePromise,
  PermissionDeniedError,
  RequestOptions,
  TokenStore,
} from "hotmart";
import { describe, expectTypeOf, it } from "vitest";

describe("public types of the core", () => {
  it("a PagePromise awaits to a Page and iterates items", () => {
    type Item = { n: number };
    expectTypeOf<Awaited<PagePromise<Item>>>().toEqualTypeOf<Page<Item>>();
    expectTypeOf<PagePromise<Item>>().toMatchTypeOf<AsyncIterable<Item>>();
    expectTypeOf<ReturnType<PagePromise<Item>["pages"]>>().toMatchTypeOf<AsyncIterable<Page<Item>>>();
    expectTypeOf<Page<Item>["items"]>().toEqualTypeOf<Item[]>();
    expectTypeOf<Page<Item>["page_info"]>().toEqualTypeOf<PageInfo>();
    expectTypeOf<PageInfo["next_page_token"]>().toEqualTypeOf<string | null | undefined>();
  });

  it("open enums accept documented and unknown values", () => {
    type Status = OpenEnum<"ACTIVE" | "INACTIVE">;
    expectTypeOf<"ACTIVE">().toMatchTypeOf<Status>();
    expectTypeOf<"SOMETHING_NEW">().toMatchTypeOf<Status>();
  });

  it("the error hierarchy nests as documented", () => {
    expectTypeOf<PermissionDeniedError>().toMatchTypeOf<AuthenticationError>();
    expectTypeOf<AuthenticationError>().toMatchTypeOf<APIError>();
    expectTypeOf<APIError>().toMatchTypeOf<HotmartError>();
    expectTypeOf<APIError["status"]>().toEqualTypeOf<number>();
    expectTypeOf<APIError["error"]>().toEqualTypeOf<string | undefined>();
  });

  it("options and the raw request are typed", () => {
    expectTypeOf<ClientOptions["rateLimit"]>().toEqualTypeOf<
      { requestsPerMinute?: number; windowMs?: number } | false | undefined
    >();
    expectTypeOf<ClientOptions["validate"]>().toEqualTypeOf<"off" | "warn" | "strict" | undefined>();
    expectTypeOf<RequestOptions["signal"]>().toEqualTypeOf<AbortSignal | undefined>();
    expectTypeOf<Hotmart["request"]>().returns.toEqualTypeOf<APIPromise<unknown>>();
    expectTypeOf<Hotmart["request"]>().returns.toExtend<Promise<unknown>>();
    expectTypeOf<TokenStore["get"]>().parameter(0).toEqualTypeOf<string>();
    // @ts-expect-error: an unknown HTTP method is a type error
    void ((c: Hotmart) => c.request("TRACE", "/x"));
  });
});
