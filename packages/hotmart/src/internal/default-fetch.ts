/**
 * Which fetch a client uses when it is given none. On Node: node-fetch.ts, node:http behind fetch's
 * shape (half the CPU per request of Node's own fetch). Everywhere else (Bun, Deno, Workers, browsers),
 * and on Node when the global fetch was replaced after the SDK loaded (a test's stub, msw), the global
 * fetch, looked up at each request so a later stub is seen.
 *
 * Small on purpose: this is all a bundle carries up front; the Node transport is a chunk of its own,
 * imported on the first request, and only where `process.getBuiltinModule` (Node 20.16 and later) gives
 * the builtins, so bundlers never see `node:http`.
 */
import { honouringSignal } from "./http";

type Fetch = typeof fetch;

const g = globalThis as {
  process?: { versions?: { node?: string; bun?: string }; getBuiltinModule?: (id: string) => unknown };
  Deno?: unknown;
  fetch?: Fetch;
};
/** The global fetch as the SDK found it: while it is still this one, nobody has stubbed it. */
const GLOBAL_AT_LOAD = g.fetch;
/** The Node transport once loaded, or its loading: one for every client of the process. */
let node: Fetch | Promise<Fetch> | undefined;

/** The fetch a client given none uses, or undefined when this runtime has no way to send. */
export function defaultFetch(): Fetch | undefined {
  const p = g.process;
  // Bun and Deno say they are Node too; Workers with nodejs_compat may. Their fetch is their own, and fast.
  if (
    !p?.versions?.node ||
    p.versions.bun ||
    g.Deno ||
    !p.getBuiltinModule ||
    globalThis.navigator?.userAgent === "Cloudflare-Workers"
  ) {
    return g.fetch && ((input, init) => (g.fetch as Fetch)(input, init));
  }
  const builtin = p.getBuiltinModule.bind(p);
  return (input, init) => {
    // A global fetch replaced since the SDK loaded is the app's choice (a stub, msw): use it, held to
    // the call's signal as an app's own fetch is (a stub may ignore it).
    if (g.fetch !== GLOBAL_AT_LOAD && g.fetch) return honouringSignal(g.fetch)(input, init);
    node ??= import("./node-fetch").then((m) => (node = m.createNodeFetch(builtin)));
    return typeof node === "function" ? node(input, init) : node.then((f) => f(input, init));
  };
}
