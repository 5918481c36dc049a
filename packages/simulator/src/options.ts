/** A `startSimulator` option (or CLI flag) with a value the simulator cannot use; `option` names it. */
export class SimulatorOptionError extends TypeError {
  readonly option: string;

  constructor(option: string, message: string) {
    super(`hotmart-simulator: option ${option} ${message}`);
    this.name = "SimulatorOptionError";
    this.option = option;
  }
}

type Check = (name: string, value: unknown) => void;

const integer =
  (min: number, max = Number.MAX_SAFE_INTEGER): Check =>
  (name, value) => {
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `${min}..${max}`;
      throw new SimulatorOptionError(
        name,
        `must be an integer ${range}, got ${JSON.stringify(value) ?? String(value)}`,
      );
    }
  };

const finite: Check = (name, value) => {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new SimulatorOptionError(
      name,
      `must be a finite number, got ${JSON.stringify(value) ?? String(value)}`,
    );
  }
};

const object: Check = (name, value) => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new SimulatorOptionError(name, `must be an object, got ${JSON.stringify(value) ?? String(value)}`);
  }
};

function check(options: Record<string, unknown>, name: string, rule: Check, prefix = ""): void {
  const value = options[name];
  if (value !== undefined) rule(`${prefix}${name}`, value);
}

/**
 * Refuses what the simulator would otherwise accept silently and turn into something else
 * (`seed: "abc"` used to become NaN data, `scale: { sales: -1 }` an empty dataset).
 */
export function validateOptions(options: Record<string, unknown>): void {
  object("options", options);
  check(options, "port", integer(0, 65_535));
  check(options, "seed", integer(0));
  check(options, "tokenTtlSeconds", integer(1));
  check(options, "latencyMs", integer(0));
  check(options, "now", finite);
  check(options, "requestLogLimit", integer(1));
  check(options, "requestLogBytes", integer(0));
  check(options, "maxBodyBytes", integer(1));
  if (options.host !== undefined && (typeof options.host !== "string" || options.host === "")) {
    throw new SimulatorOptionError(
      "host",
      `must be a host name or address, got ${JSON.stringify(options.host)}`,
    );
  }
  if (options.scale !== undefined) {
    object("scale", options.scale);
    const scale = options.scale as Record<string, unknown>;
    for (const key of Object.keys(scale)) {
      if (!["sales", "subscriptions", "products", "clubUsers", "participants"].includes(key)) {
        throw new SimulatorOptionError(
          `scale.${key}`,
          "is not a scale field (sales, subscriptions, products, clubUsers, participants)",
        );
      }
      check(scale, key, integer(0), "scale.");
    }
  }
  if (options.rateLimit !== undefined && options.rateLimit !== false) {
    object("rateLimit", options.rateLimit);
    const limit = options.rateLimit as Record<string, unknown>;
    check(limit, "limit", integer(1), "rateLimit.");
    check(limit, "windowMs", integer(1), "rateLimit.");
  }
  if (options.webhooks !== undefined) {
    if (!Array.isArray(options.webhooks))
      throw new SimulatorOptionError("webhooks", "must be a list of { url }");
    for (const [i, target] of options.webhooks.entries()) {
      const url = (target as { url?: unknown } | null)?.url;
      if (typeof url !== "string" || !URL.canParse(url)) {
        throw new SimulatorOptionError(`webhooks[${i}].url`, `must be a URL, got ${JSON.stringify(url)}`);
      }
    }
  }
}
