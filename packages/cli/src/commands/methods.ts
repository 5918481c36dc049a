import { Command, InvalidArgumentError, Option } from "commander";
import type { Hotmart, PagePromise } from "hotmart";
import { type GlobalOptions, openSession, refuseSampleWrite } from "../config";
import { edgeOf } from "../dates";
import { usageError } from "../exit";
import { confirmWrite, err, type Io, out } from "../io";
import { commandName, kebab, METHODS, type MethodSpec, type ParamSpec } from "../methods";
import { outputMode, renderList, renderRecord } from "../output";
import { parseNumber, parseValue } from "../values";

type AnyMethod = (...args: unknown[]) => unknown;

const PAGE_FLAGS: ParamSpec[] = [
  { name: "max_results", type: "number", description: "page size (Hotmart caps it per endpoint)" },
  { name: "page_token", type: "string", description: "resume from this cursor (printed after a page)" },
  { name: "select", type: "string", description: "comma-separated dot paths to keep in each item" },
];

/** How the date flags read a day: as Hotmart's panel counts it, not in UTC. */
const DATES_HELP = `
Dates: YYYY-MM-DD is a whole day in Brasília time, as Hotmart's panel counts it: an --end-* flag takes
its last millisecond (23:59:59.999), any other date flag its first (00:00). An ISO date-time without
an offset is Brasília time too; with Z or an offset, or as epoch ms, it is that instant.`;

function flagOf(param: ParamSpec): Option {
  const flag = `--${kebab(param.name)}`;
  const values = param.values ? ` (${param.values.join(", ")})` : "";
  const option =
    param.type === "boolean"
      ? new Option(`${flag} [bool]`, `${param.description}${values}`)
      : new Option(
          `${flag} <${param.type === "list" || param.type === "numbers" ? "a,b" : param.type}>`,
          `${param.description}${values}`,
        );
  // A list flag given again adds its values, as Hotmart's own repeated key does (status=A&status=B);
  // commander's default kept the last one only and dropped the others without a word.
  if (param.type === "list" || param.type === "numbers")
    option.argParser((value: string, previous: string | undefined) =>
      previous === undefined ? value : `${previous},${value}`,
    );
  // Any other flag is one value, as its filter takes one (a repeated transaction_status is
  // undocumented): kept silently, the last would stand for all and the output would read as complete.
  else if (param.type !== "boolean")
    option.argParser((value: string, previous: string | undefined) => {
      if (previous !== undefined)
        throw new InvalidArgumentError(
          `${flag} takes one value, given twice ("${previous}", "${value}"): run the command once per value`,
        );
      return value;
    });
  if (param.required) option.makeOptionMandatory();
  return option;
}

/** Reads each param's flag from commander's options into the SDK's params object. */
export function paramsFrom(
  specs: readonly ParamSpec[],
  options: Record<string, unknown>,
): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const spec of specs) {
    const option = flagOf(spec);
    const raw = options[option.attributeName()];
    if (raw === undefined) continue;
    const flag = `--${kebab(spec.name)}`;
    params[spec.name] = parseValue(flag, spec.type, raw as string | boolean, spec.values, edgeOf(spec.name));
  }
  return params;
}

function argsFrom(spec: MethodSpec, raw: unknown[]): unknown[] {
  return spec.args.map((arg, i) => {
    const value = raw[i];
    if (arg.type === "number") return parseNumber(arg.name, String(value));
    return value;
  });
}

function describeWrite(spec: MethodSpec, args: unknown[]): string {
  const shown = args.map((a) => (Array.isArray(a) ? a.join(" ") : String(a))).join(" ");
  return `\`hotmart ${spec.resource} ${commandName(spec)}${shown ? ` ${shown}` : ""}\` (${spec.summary.toLowerCase()})`;
}

/** Runs one table row against a client; exported for tests and for tools built on the table. */
export async function runMethod(
  client: Hotmart,
  spec: MethodSpec,
  args: unknown[],
  params: Record<string, unknown> | undefined,
  flags: { all?: boolean; limit?: number; json?: boolean; columns?: readonly string[] },
  io: Io,
): Promise<void> {
  const resource = client[spec.resource] as unknown as Record<string, AnyMethod>;
  const fn = resource[spec.method];
  if (typeof fn !== "function") throw new Error(`The SDK has no ${spec.resource}.${spec.method}`);
  const call = () =>
    fn.call(resource, ...args, ...(spec.params ? [params ?? {}] : []), { signal: io.signal });
  const mode = outputMode(flags.json, io.stdout);
  const width = io.stdout.columns || 120;
  if (spec.kind === "list") {
    const promise = call() as PagePromise<unknown>;
    const items: unknown[] = [];
    if (flags.all || flags.limit !== undefined) {
      for await (const item of promise) {
        items.push(item);
        if (flags.limit !== undefined && items.length >= flags.limit) break;
      }
    } else {
      const page = await promise;
      items.push(...page.items);
      const next = page.page_info?.next_page_token;
      if (next) err(io, `More results: add --page-token ${next} for the next page, or --all for every page.`);
    }
    out(
      io,
      renderList(items, mode, width, mode === "table" ? (flags.columns ?? spec.columns) : flags.columns),
    );
    return;
  }
  const result = await call();
  if (result === undefined) {
    if (mode === "json") out(io, `${JSON.stringify({ ok: true })}\n`);
    else err(io, "Done.");
    return;
  }
  out(io, Array.isArray(result) ? renderList(result, mode, width) : renderRecord(result, mode));
}

function buildCommand(spec: MethodSpec, io: Io): Command {
  const cmd = new Command(commandName(spec)).description(spec.summary);
  for (const arg of spec.args) {
    cmd.argument(arg.type === "list" ? `<${arg.name}...>` : `<${arg.name}>`, arg.description);
  }
  for (const param of spec.params ?? []) cmd.addOption(flagOf(param));
  if (spec.kind === "list") {
    for (const param of PAGE_FLAGS) cmd.addOption(flagOf(param));
    cmd.option("--all", "walk every page");
    cmd.option("--limit <n>", "stop after n items (walks pages as needed)");
    cmd.option("--columns <a,b>", "columns to show, as dot paths (e.g. buyer.email,purchase.status)");
  }
  if (spec.kind === "write") cmd.option("-y, --yes", "do it without asking");
  if (spec.params?.some((p) => p.type === "date")) cmd.addHelpText("after", DATES_HELP);
  cmd.addHelpText("after", `\nExample:\n  $ ${spec.example}\n`);
  cmd.action(async (...received: unknown[]) => {
    const self = received[received.length - 1] as Command;
    const options = self.optsWithGlobals() as GlobalOptions & Record<string, unknown>;
    const args = argsFrom(spec, received.slice(0, spec.args.length));
    const specs = spec.kind === "list" ? [...(spec.params ?? []), ...PAGE_FLAGS] : (spec.params ?? []);
    const params = spec.params ? paramsFrom(specs, options) : undefined;
    const limit = options.limit === undefined ? undefined : parseNumber("--limit", String(options.limit));
    if (limit !== undefined && !(Number.isInteger(limit) && limit > 0))
      throw usageError("--limit must be a whole number above 0");
    if (spec.kind === "write") {
      refuseSampleWrite(options, Boolean(io.stdin.isTTY && io.stderr.isTTY));
      await confirmWrite(io, describeWrite(spec, args), options.yes);
    }
    const session = await openSession(options);
    try {
      const flags: { all?: boolean; limit?: number; json?: boolean; columns?: readonly string[] } = {};
      if (options.all) flags.all = true;
      if (limit !== undefined) flags.limit = limit;
      if (options.json) flags.json = true;
      if (typeof options.columns === "string")
        flags.columns = options.columns.split(",").map((c) => c.trim());
      await runMethod(session.client, spec, args, params, flags, io);
    } finally {
      await session.close();
    }
  });
  return cmd;
}

const RESOURCE_HELP: Record<MethodSpec["resource"], string> = {
  sales: "sales history, summary, participants, commissions, price details, refunds",
  subscriptions: "subscriptions, their charges, cancel, reactivate, billing day",
  products: "products, offers and plans",
  coupons: "list, create and delete coupons",
  club: "Members Area (Club): modules, pages, students, progress",
  events: "events and their tickets",
  negotiation: "negotiate overdue subscription charges",
};

/** One command group per resource, one subcommand per table row. */
export function methodCommands(io: Io): Command[] {
  const groups = new Map<string, Command>();
  for (const spec of METHODS) {
    let group = groups.get(spec.resource);
    if (!group) {
      group = new Command(spec.resource).description(RESOURCE_HELP[spec.resource]);
      const examples = METHODS.filter((m) => m.resource === spec.resource)
        .slice(0, 4)
        .map((m) => `  $ ${m.example}`)
        .join("\n");
      group.addHelpText(
        "after",
        `\nExamples:\n${examples}\n\nRun \`hotmart ${spec.resource} <command> --help\` for its flags and an example.\n`,
      );
      groups.set(spec.resource, group);
    }
    group.addCommand(buildCommand(spec, io));
  }
  return [...groups.values()];
}
