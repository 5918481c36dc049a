// The types of scripts/toolchains.mjs, for the TypeScript that imports it (vitest.config.ts).

/** Installs scripts/toolchains when it is missing or older than its lockfile; returns what it holds. */
export function ensureToolchains(): {
  /** The Node binaries, by major version. */
  node: { 22: string; 24: string };
  /** [name, path of the tsc JS entry], oldest first; each runs with the Node that runs the caller. */
  typescript: [name: string, tsc: string][];
};

/** TypeScript 7's flags on every run here: one checker thread. */
export const TYPESCRIPT7_FLAGS: string[];
