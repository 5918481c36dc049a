/**
 * Runs `fn` with the environment as Deno shows it to a script run without --allow-env for `names`: the
 * variables are set, but reading one throws Deno's NotCapable error (its message, word for word, from
 * Deno 2.9: `deno run --allow-net` reading process.env.HOTMART_CLIENT_ID). Node's process.env is put
 * back afterwards, whatever `fn` does.
 */
export function withEnvRefused<T>(names: readonly string[], values: Record<string, string>, fn: () => T): T {
  const real = process.env;
  process.env = new Proxy(
    { ...real, ...values },
    {
      get(target, name) {
        if (typeof name === "string" && names.includes(name)) {
          const error = new Error(`Requires env access to "${name}", run again with the --allow-env flag`);
          error.name = "NotCapable";
          throw error;
        }
        return Reflect.get(target, name);
      },
    },
  );
  try {
    return fn();
  } finally {
    process.env = real;
  }
}
