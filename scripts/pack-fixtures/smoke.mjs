// ESM consumer: `import` must load the installed tarball's ESM builds. Node resolves the "node" condition
// (dist/node: bundled, one file per entry and a chunk per module loaded on first use); bundlers for the
// browser and workers get the per-module files (dist/*.js), loaded here by path: both must be the SDK.
import assert from "node:assert/strict";
import * as sdk from "hotmart";
import * as schemas from "hotmart/schemas";
import assertSdk from "./assert-sdk.cjs";

for (const [specifier, file] of [
  ["hotmart", "/node_modules/hotmart/dist/node/index.js"],
  ["hotmart/schemas", "/node_modules/hotmart/dist/node/schemas.js"],
]) {
  const resolved = new URL(import.meta.resolve(specifier)).pathname;
  assert.ok(resolved.endsWith(file), `import "${specifier}" resolved to ${resolved}, expected …${file}`);
}
await assertSdk(sdk, schemas, "esm (node)");

const dist = new URL("./node_modules/hotmart/dist/", import.meta.url);
const perModule = await import(new URL("index.js", dist).href);
const perModuleSchemas = await import(new URL("schemas.js", dist).href);
assert.deepEqual(
  Object.keys(perModule).sort(),
  Object.keys(sdk).sort(),
  "both ESM builds export the same names",
);
assert.deepEqual(
  Object.keys(perModuleSchemas).sort(),
  Object.keys(schemas).sort(),
  "both ESM builds of hotmart/schemas export the same names",
);
await assertSdk(perModule, perModuleSchemas, "esm (per-module, for bundlers)");
