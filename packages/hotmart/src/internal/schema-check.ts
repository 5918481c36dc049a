import { HotmartError, type HotmartErrorOptions, ResponseValidationError } from "../core/errors";
import type { ValidateMode } from "../core/types";
import type { Log } from "./log";

/** One way a response differs from its schema, as {@link ResponseValidationError.issues} lists it. */
export interface ValidationIssue {
  /** Where in the body: keys and array indexes, e.g. `["items", 0, "buyer", "email"]`; `[]` is the root. */
  path: ReadonlyArray<PropertyKey>;
  /** What the schema expected there, in zod's words. */
  message: string;
}

/** What `hotmart/schemas` exports as `registry`: response schemas looked up by the names resources use. */
export interface SchemaRegistry {
  /** undefined when no schema has that name; otherwise the issues (empty when the body matches). */
  check(name: string, body: unknown): ValidationIssue[] | undefined;
}

let loading: Promise<SchemaRegistry> | undefined;

/**
 * The schemas are loaded on first use, by package self-reference, so the core stays free of zod:
 * only users who turn validation on need zod installed. Every failure to load (zod missing, the module
 * not found, or a module without a usable registry) becomes one HotmartError, and the next call tries
 * again.
 */
function loadRegistry(): Promise<SchemaRegistry> {
  loading ??= importRegistry().catch((cause: unknown) => {
    loading = undefined;
    // zod missing, or one older than the schemas use (exactOptional is zod 4.3, ZodPreprocess 4.5),
    // or a bundled runtime that cannot import a module at run time (a Next.js edge route: "A dynamic
    // import callback was not specified", with zod installed): the root cause's message says which,
    // and the message names both ways out, since only the second helps in a bundle.
    let root = cause;
    while (root instanceof Error && root.cause instanceof Error) root = root.cause;
    const why = root instanceof Error ? ` (${root.message})` : "";
    throw new HotmartError(
      `validate: "warn" and "strict" could not load hotmart/schemas${why}. They need zod 4.5 or later: run \`npm install zod@^4.5\`. Where the SDK is bundled (Next.js edge routes, Workers), pass the schemas: \`import { registry } from "hotmart/schemas"\`, then \`new Hotmart({ validate, schemas: registry })\``,
      { cause },
    );
  });
  return loading;
}

/**
 * Held in a variable so that bundlers (esbuild, webpack, Vite: Workers, Next.js) do not follow it and
 * pull zod into every bundle, or fail where zod is not installed. Bundled apps that validate pass
 * `schemas` (the registry from hotmart/schemas) to the client instead.
 */
const SCHEMAS_MODULE = "hotmart/schemas";

async function importRegistry(): Promise<SchemaRegistry> {
  const module: unknown = await import(/* webpackIgnore: true */ /* @vite-ignore */ SCHEMAS_MODULE);
  const registry = (module as { registry?: Partial<SchemaRegistry> } | undefined)?.registry;
  if (typeof registry?.check !== "function") throw new TypeError("hotmart/schemas has no response registry");
  return registry as SchemaRegistry;
}

export async function validateBody(
  body: unknown,
  schema: string,
  mode: Exclude<ValidateMode, "off">,
  log: Log,
  provided?: SchemaRegistry,
  errorOptions: HotmartErrorOptions = {},
): Promise<void> {
  const issues = (provided ?? (await loadRegistry())).check(schema, body);
  if (issues === undefined) {
    log.debug(`no schema named ${schema}; response not validated`);
    return;
  }
  if (issues.length === 0) return;
  const summary = issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : "";
  const message = `The response does not match the ${schema} schema: ${summary}${more}`;
  if (mode === "strict") throw new ResponseValidationError(message, { ...errorOptions, issues, body });
  log.requested(message, { issues: issues.slice(0, 20) });
}
