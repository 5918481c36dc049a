import { describe, expect, it } from "vitest";
import { encodeQuery, queryString } from "../../src/internal/query";

/** What the pipeline sent before queryString: URLSearchParams, with `extra`'s keys replaced. */
function viaURLSearchParams(query: object, extra?: object): string {
  const params = encodeQuery(query);
  if (extra) {
    for (const key of Object.keys(extra)) params.delete(key);
    encodeQuery(extra, params);
  }
  return params.toString();
}

describe("queryString", () => {
  const tricky = [
    "plain",
    "Ana & Bia",
    "a+b=c?d#e/f",
    "!'()~*-._",
    "percent %20 and % alone",
    "ção, ñ, 日本",
    "emoji 🎉",
    " leading and trailing ",
    "tab\tnewline\n",
    "",
  ];

  it("writes byte for byte what URLSearchParams writes", () => {
    for (const value of tricky) {
      const query = { [value || "k"]: value, list: [value, 1, true, new Date(1717200000000)] };
      expect(queryString(query)).toBe(viaURLSearchParams(query));
    }
  });

  it("replaces the query's keys that extra names, extra's pairs last, as before", () => {
    const query = { a: 1, b: ["x", "y"], c: undefined, d: null, e: "keep" };
    const extra = { b: "z", c: "now", f: false, a: undefined };
    expect(queryString(query, extra)).toBe(viaURLSearchParams(query, extra));
    expect(queryString(query, extra)).toBe("e=keep&b=z&c=now&f=false");
  });

  it("writes a key with a lone surrogate as URLSearchParams does (values with one are refused)", () => {
    const query = { "bad\uD800key": "v" };
    expect(queryString(query)).toBe(viaURLSearchParams(query));
    expect(() => queryString({ k: "bad\uD800" })).toThrow(/lone UTF-16 surrogate/);
  });

  it("gives an empty string for no query", () => {
    expect(queryString(undefined)).toBe("");
    expect(queryString({ a: undefined })).toBe("");
  });
});
