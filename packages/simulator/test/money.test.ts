import { PINNED_NOW } from "hotmart-simulator";
import { describe, expect, it } from "vitest";
import { Api, type Json, SALES } from "./helpers";

const NEGOTIATE = "/payments/api/v1/installments/negotiate";
const cents = (value: number) => Math.round(value * 100);

/**
 * Every money breakdown the sales reports give adds up to the cent, for every sale of several
 * datasets: the parts of `hotmart_fee`, the commissions of a sale, its price details, and the
 * account's commissions the summary totals. Seed 47 holds Smart Installment instalments whose fee is
 * capped at their base; each dataset also gets a negotiated charge of 50 cents, less than the fee's
 * fixed part.
 */
describe("Money breakdowns add up to the cent", () => {
  it.each([1, 2, 42, 47])("in every sale of seed %i", async (seed) => {
    const api = await Api.start({ seed, now: PINNED_NOW, rateLimit: false });
    try {
      const sub = api.sim.data.subscriptions.find(
        (s) => !s.magic && s.status !== "INACTIVE" && s.recurrences.some((r) => r.status === "NOT_PAID"),
      );
      if (!sub) throw new Error(`seed ${seed} has no overdue subscription`);
      const last = sub.recurrences.filter((r) => r.status === "NOT_PAID").at(-1)?.number;
      const negotiated = await api.post(NEGOTIATE, {
        subscription_id: sub.id,
        recurrences: [last],
        payment_type: "PIX",
        discount: { type: "CUSTOM", value: Math.round((sub.plan.price - 0.5) * 100) / 100 },
      });
      expect(negotiated.status).toBe(200);

      const problems: string[] = [];
      let capped = 0;
      let checked = 0;
      const statuses = [...new Set(api.sim.data.sales.map((s) => s.status))];
      for (const status of statuses) {
        const query = { transaction_status: status, max_results: 500 };
        const [history, commissions, details, summary] = await Promise.all([
          api.walk(`${SALES}/history`, query),
          api.walk(`${SALES}/commissions`, query),
          api.walk(`${SALES}/price/details`, query),
          api.walk(`${SALES}/summary`, query),
        ]);
        const byTx = <T extends { transaction: string }>(items: T[]) =>
          new Map(items.map((item) => [item.transaction, item]));
        const commissionsOf = byTx(commissions.items as { transaction: string; commissions: Json[] }[]);
        const detailsOf = byTx(details.items as { transaction: string } & Json[]);
        const account = new Map<string, number>();
        for (const item of history.items as Json[]) {
          const { transaction, hotmart_fee: fee, price, commission_as: role } = item.purchase;
          const bad = (what: string) => problems.push(`${status} ${transaction}: ${what}`);
          checked++;
          if (fee.base > 0 && cents(fee.total) === cents(fee.base)) capped++;
          if (Math.round(fee.base * fee.percentage + fee.fixed * 100) !== cents(fee.total))
            bad(`hotmart_fee ${fee.base} × ${fee.percentage} % + ${fee.fixed} is not its total ${fee.total}`);
          if (fee.total > fee.base || fee.fixed < 0) bad(`hotmart_fee ${JSON.stringify(fee)}`);

          const entries = commissionsOf.get(transaction)?.commissions ?? [];
          const sum = entries.reduce((n: number, e: Json) => n + cents(e.commission.value), 0);
          if (sum !== cents(fee.base)) bad(`commissions add up to ${sum / 100}, not the base ${fee.base}`);
          const marketplace = entries.find((e: Json) => e.source === "MARKETPLACE")?.commission.value;
          if (marketplace !== fee.total)
            bad(`MARKETPLACE ${marketplace} is not hotmart_fee.total ${fee.total}`);
          const own = entries.find((e: Json) => e.source === role)?.commission.value ?? 0;
          account.set(fee.currency_code, (account.get(fee.currency_code) ?? 0) + cents(own));

          const d = detailsOf.get(transaction) as Json;
          if (cents(d.base.value) + cents(d.vat.value) + cents(d.fee.value) !== cents(d.total.value))
            bad(`price details ${d.base.value} + ${d.vat.value} + ${d.fee.value} is not ${d.total.value}`);
          if (d.total.value !== price.value || d.base.value !== fee.base)
            bad(
              `price details ${d.base.value}/${d.total.value} differ from the history's ${fee.base}/${price.value}`,
            );
        }
        const totals = Object.fromEntries(
          (summary.items as Json[]).map((row) => [
            row.total_value.currency_code,
            cents(row.total_value.value),
          ]),
        );
        expect(totals, `summary of ${status}`).toEqual(Object.fromEntries(account));
      }
      expect(problems).toEqual([]);
      expect(checked).toBe(api.sim.data.sales.length);
      if (seed === 47) expect(capped).toBeGreaterThan(1);
      else expect(capped).toBeGreaterThanOrEqual(1);
    } finally {
      await api.close();
    }
  });
});
