#!/usr/bin/env node
// TypeScript 7's tsc (the native compiler in scripts/toolchains) on one thread, with the arguments it is
// given. It is the repository's type checker: the build's type check and declarations (scripts/build.mjs),
// `npm run typecheck`, and Vitest's type tests (vitest.config.ts, typecheck.checker, which passes tsc's
// own flags: --noEmit, --pretty false, --incremental, --tsBuildInfoFile, -p, and no way to add one).
//
// Why 7: over this repository it reports what 5.9 reports and writes the same declarations (the .d.ts
// differ only in the order of union members), for about a quarter of 5.9's CPU time, and CPU time is
// what bounds npm test on 2 cores. What ships is still compiled as a consumer would by 5.5, 5.9 and 7
// (scripts/typescript-consumers.mjs, scripts/check-package.mjs).
//
// One thread (TYPESCRIPT7_FLAGS): by default 7 checks with several, each resolving the shared types
// again, which on 2 cores beside other work is CPU time for nothing (3.1 against 1.8 CPU-s user for the
// same diagnostics). The native binary is started directly, as the package's own bin/tsc finds it: that
// script would stay alive as a second process under Node 20, which lacks process.execve.
import { spawnSync } from "node:child_process";
import { ensureToolchains, TYPESCRIPT7_FLAGS } from "./toolchains.mjs";

// Installed by `npm ci` (the root's postinstall); installed here when that was skipped.
ensureToolchains();
const { default: getExePath } = await import("./toolchains/node_modules/typescript7/lib/getExePath.js");
const result = spawnSync(getExePath(), [...process.argv.slice(2), ...TYPESCRIPT7_FLAGS], {
  stdio: "inherit",
});
if (result.error) throw result.error;
// Vitest reads the diagnostics from the output, and a failed run with none (a crash) from the exit code.
process.exit(result.status ?? 1);
