// CJS consumer: `require` must load dist/*.cjs from the installed tarball.
const assert = require("node:assert/strict");
const assertSdk = require("./assert-sdk.cjs");

for (const [specifier, file] of [
  ["hotmart", "/node_modules/hotmart/dist/index.cjs"],
  ["hotmart/schemas", "/node_modules/hotmart/dist/schemas.cjs"],
]) {
  const resolved = require.resolve(specifier).replaceAll("\\", "/");
  assert.ok(resolved.endsWith(file), `require("${specifier}") resolved to ${resolved}, expected …${file}`);
}
assertSdk(require("hotmart"), require("hotmart/schemas"), "cjs").catch((error) => {
  console.error(error);
  process.exit(1);
});
