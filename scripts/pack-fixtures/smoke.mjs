// ESM consumer: `import` must load dist/*.js from the installed tarball.
import assert from "node:assert/strict";
import * as sdk from "hotmart";
import * as schemas from "hotmart/schemas";
import assertSdk from "./assert-sdk.cjs";

for (const [specifier, file] of [
  ["hotmart", "/node_modules/hotmart/dist/index.js"],
  ["hotmart/schemas", "/node_modules/hotmart/dist/schemas.js"],
]) {
  const resolved = new URL(import.meta.resolve(specifier)).pathname;
  assert.ok(resolved.endsWith(file), `import "${specifier}" resolved to ${resolved}, expected …${file}`);
}
await assertSdk(sdk, schemas, "esm");
