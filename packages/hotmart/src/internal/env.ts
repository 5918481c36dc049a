import { HotmartInputError } from "../core/errors";

/**
 * Why the runtime refused to read a variable, by name: Deno without --allow-env for it says so and how
 * to allow it. An error that says a variable is not set quotes this, as the variable may well be set.
 */
export const envRefusals: Record<string, string> = {};

/**
 * Reads an environment variable on any runtime: Node and Bun expose process.env, Deno needs a permission,
 * Workers have no environment at all. A denied read is treated as unset, except for a variable that
 * chooses where requests go (`option`, the one that overrides it): unset means production Hotmart, and a
 * user who asked for the sandbox must not be sent there silently. That read throws, saying what to do.
 */
export function readEnv(name: string, option?: string): string | undefined {
  const g = globalThis as {
    process?: { env?: Record<string, string | undefined> };
    Deno?: { env?: { get(name: string): string | undefined } };
  };
  try {
    const value = (g.process?.env?.[name] ?? g.Deno?.env?.get(name))?.trim();
    // Readable now (a permission granted since, or a runtime that never refused): no refusal to quote.
    delete envRefusals[name];
    return value === "" ? undefined : value;
  } catch (error) {
    envRefusals[name] = ` (${(error as Error).message})`;
    // Deno's refusal names the variable and the flag ("Requires env access to "X", run again with the
    // --allow-env flag"); what else can be done follows it.
    if (option)
      throw new HotmartInputError(`${name}${envRefusals[name]}, or pass ${option} to new Hotmart({ ... })`);
  }
}

export function parseBooleanEnv(name: string, raw: string | undefined): boolean | undefined {
  if (raw === undefined) return undefined;
  const value = raw.toLowerCase();
  if (["1", "true", "yes", "on"].includes(value)) return true;
  if (["0", "false", "no", "off"].includes(value)) return false;
  throw new HotmartInputError(`${name} must be true or false (got "${raw}")`);
}
