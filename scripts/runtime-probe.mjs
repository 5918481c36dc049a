// Runs under Node, Bun and Deno (scripts/runtime-smoke.mjs starts it in each) and prints one JSON line:
// the result of the shared probe (scripts/runtime-probe-core.mjs), so the runtimes can be compared.
import { probe } from "./runtime-probe-core.mjs";

const env = (name) => globalThis.Deno?.env.get(name) ?? globalThis.process?.env[name];
console.log(JSON.stringify(await probe(env)));
