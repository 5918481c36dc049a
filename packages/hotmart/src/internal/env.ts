/**
 * Why the runtime refused to read a variable, by name: Deno without --allow-env for it says so and how
 * to allow it. An error that says a variable is not set quotes this, as the variable may well be set.
 */
export const envRefusals: Record<string, string> = {};

/**
 * Reads an environment variable on any runtime without throwing: Node and Bun expose process.env,
 * Deno needs a permission (a denied read is treated as unset), Workers have no environment at all.
 */
export function readEnv(name: string): string | undefined {
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
  }
}

export function parseBooleanEnv(name: string, raw: string | undefined): boolean | undefined {
  if (raw === undefined) return undefined;
  const value = raw.toLowerCase();
  if (["1", "true", "yes", "on"].includes(value)) return true;
  if (["0", "false", "no", "off"].includes(value)) return false;
  throw new TypeError(`${name} must be true or false (got "${raw}")`);
}
