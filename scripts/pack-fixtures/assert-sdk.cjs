// Runtime assertions shared by smoke.mjs and smoke.cjs. They run in a scratch project against the
// installed tarball, so they see exactly what npm users get (the ESM build or the CJS build).
const assert = require("node:assert/strict");

const EXPORTED_CLASSES = ["Hotmart", "HotmartError", "HotmartInputError", "APIError", "PagePromise"];

module.exports = function assertSdk(sdk, schemas, label) {
  for (const name of EXPORTED_CLASSES) {
    assert.equal(typeof sdk[name], "function", `${label}: hotmart exports ${name}`);
  }
  assert.ok(sdk.APIError.prototype instanceof sdk.HotmartError, `${label}: APIError extends HotmartError`);
  assert.equal(typeof schemas, "object", `${label}: hotmart/schemas loads`);

  const client = new sdk.Hotmart({ clientId: "id", clientSecret: "secret" });
  assert.ok(client instanceof sdk.Hotmart, `${label}: new Hotmart({ clientId, clientSecret }) constructs`);

  // The parent strips HOTMART_* from the environment, so this must fail with the exported class.
  assert.throws(
    () => new sdk.Hotmart(),
    (error) =>
      error instanceof sdk.HotmartInputError &&
      error instanceof sdk.HotmartError &&
      error.message.includes("HOTMART_CLIENT_ID"),
    `${label}: new Hotmart() without credentials throws a HotmartInputError naming HOTMART_CLIENT_ID`,
  );

  // The parts loaded on first use (the access decision, the coupon checks, the export engine) load from
  // this build too: an invalid e-mail and a bad discount are refused by the loaded checks; an aborted
  // export is stopped by the loaded engine.
  return (async () => {
    await assert.rejects(
      client.access.check("not-an-e-mail"),
      (error) => error instanceof sdk.HotmartInputError && error.message.includes("e-mail"),
      `${label}: access.check loads and refuses an invalid e-mail`,
    );
    await assert.rejects(
      client.coupons.create(1234567, "WELCOME10", { discount: 10 }),
      (error) => error instanceof sdk.HotmartInputError && error.message.includes("0.10"),
      `${label}: coupons.create loads its checks and refuses a percentage given as a whole number`,
    );
    const run = client.export.run("sales.history", { signal: AbortSignal.abort() });
    await assert.rejects(
      (async () => {
        for await (const _ of run) break;
      })(),
      (error) => error instanceof sdk.APIUserAbortError,
      `${label}: an export loads its engine and stops on an aborted signal`,
    );
    await client.close();

    // Response validation imports hotmart/schemas by its own name (the package resolving itself) on
    // first use: from this build, with zod installed, a body off its schema is refused.
    const json = (body) =>
      new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });
    const offSchema = async (url) =>
      String(url).includes("/security/oauth/token")
        ? json({ access_token: "smoke-token", token_type: "bearer", expires_in: 3600 })
        : json({ items: [{ purchase: "not an object" }], page_info: { results_per_page: 10 } });
    const strict = new sdk.Hotmart({
      clientId: "id",
      clientSecret: "secret",
      fetch: offSchema,
      validate: "strict",
    });
    await assert.rejects(
      strict.sales.history(),
      (error) => error instanceof sdk.ResponseValidationError && error.message.includes("SalesHistoryPage"),
      `${label}: validate: "strict" loads hotmart/schemas and refuses a body off its schema`,
    );
    await strict.close();
  })();
};
