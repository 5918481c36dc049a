// `npm run typecheck`: TypeScript 7's tsc (scripts/toolchains.mjs says why 7) with the arguments given,
// e.g. `node scripts/tsc.mjs -p tsconfig.json --noEmit`. Exits with the compiler's code.
import { spawnSync } from "node:child_process";
import { TYPESCRIPT7_FLAGS, typescript7 } from "./toolchains.mjs";

const result = spawnSync(process.execPath, [typescript7(), ...TYPESCRIPT7_FLAGS, ...process.argv.slice(2)], {
  stdio: "inherit",
});
process.exit(result.status ?? 1);
