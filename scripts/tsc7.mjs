#!/usr/bin/env node
// TypeScript 7's tsc (scripts/toolchains) on one thread, with the arguments it is given: Vitest's type
// tests run through it (vitest.config.ts, typecheck.checker), which passes tsc's own flags (--noEmit,
// --pretty false, --incremental, --tsBuildInfoFile, -p) and no way to add one. By default TypeScript 7
// checks with several threads, each resolving the shared types again: on 2 cores, beside Vitest's
// workers, that is CPU time for nothing (3.1 against 1.8 CPU-s user for the same diagnostics).
// The native binary is started directly, as the package's own bin/tsc finds it: that script stays
// alive as a second process under Node 20, which lacks process.execve.
import { spawnSync } from "node:child_process";
import getExePath from "./toolchains/node_modules/typescript7/lib/getExePath.js";

const result = spawnSync(getExePath(), [...process.argv.slice(2), "--singleThreaded"], { stdio: "inherit" });
if (result.error) throw result.error;
// Vitest reads the diagnostics from the output, and a failed run with none (a crash) from the exit code.
process.exit(result.status ?? 1);
