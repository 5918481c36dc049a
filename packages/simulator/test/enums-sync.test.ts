import { PURCHASE_STATUS_FILTER_VALUES, PURCHASE_STATUS_VALUES } from "hotmart";
import {
  PURCHASE_STATUS_FILTERS,
  PURCHASE_STATUSES,
  SUBSCRIPTION_PURCHASE_STATUSES,
} from "hotmart-simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api, SALES } from "./helpers";

const sorted = (values: readonly string[]) => [...new Set(values)].sort();

/** Issue 9 item 13: the values a filter accepts and the values a field holds are two lists, kept in step. */
describe("Purchase status lists: SDK and simulator agree", () => {
  it("the filter values are the same list in both", () => {
    expect(sorted(PURCHASE_STATUS_FILTER_VALUES)).toEqual(sorted(PURCHASE_STATUS_FILTERS));
    expect(PURCHASE_STATUS_FILTER_VALUES).not.toContain("DELAYED");
  });

  it("the field values are every status the simulator can report", () => {
    expect(sorted(PURCHASE_STATUS_VALUES)).toEqual(
      sorted([...PURCHASE_STATUSES, ...SUBSCRIPTION_PURCHASE_STATUSES]),
    );
    for (const value of PURCHASE_STATUS_FILTER_VALUES) expect(PURCHASE_STATUS_VALUES).toContain(value);
  });

  describe("on the wire", () => {
    let api: Api;
    beforeAll(async () => {
      api = await Api.start({ seed: 2, scale: { sales: 40 } });
    });
    afterAll(() => api.close());

    it("accepts every filter value and refuses DELAYED", async () => {
      for (const status of PURCHASE_STATUS_FILTER_VALUES) {
        expect((await api.get(`${SALES}/history`, { transaction_status: status })).status, status).toBe(200);
      }
      expect((await api.get(`${SALES}/history`, { transaction_status: "DELAYED" })).status).toBe(400);
    });
  });
});
