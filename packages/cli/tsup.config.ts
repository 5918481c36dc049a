import { defineConfig } from "tsup";

// JavaScript only: the .d.ts come from scripts/build.mjs (one tsc run for every package).
export default defineConfig([
  {
    // The method table and helpers, for tools built on them (an MCP server, scripts); `hotmart-cli/dates`,
    // the CLI's reading and showing of dates, alone: the MCP server shares it without loading the CLI.
    entry: { index: "src/index.ts", dates: "src/dates.ts" },
    format: ["esm"],
    clean: false, // the build script empties dist first: two builds share it
    sourcemap: true,
    target: "node20",
    platform: "node",
  },
  {
    entry: { cli: "src/cli.ts" },
    format: ["esm"],
    clean: false,
    sourcemap: true,
    target: "node20",
    platform: "node",
    // hotmart and hotmart-simulator stay external (dependencies): the CLI is a thin layer over them.
    banner: { js: "#!/usr/bin/env node" },
    // What only some commands use (the export's progress bar and CSV writer) is a chunk of its own,
    // loaded by the command that needs it: every other command starts without it.
    splitting: true,
  },
]);
