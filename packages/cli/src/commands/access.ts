import { Command } from "commander";
import type { AccessCheckParams } from "hotmart";
import { type GlobalOptions, openSession } from "../config";
import { brasiliaDay } from "../dates";
import { err, type Io, out } from "../io";
import { parseNumber } from "../values";

export function accessCommand(program: Command, io: Io): void {
  const access = new Command("access")
    .description("does this person have access? (the SDK's access answer, with its reason)")
    .addHelpText("after", "\nExample:\n  $ hotmart access check aline.melo@example.com --product 6239978\n");
  access
    .command("check")
    .description(
      "check an e-mail's access to your product, from its subscriptions, purchases and Club membership",
    )
    .argument("<email>", "the buyer's or student's e-mail")
    .option("--product <id>", "numeric product id (default: any of your products)")
    .option("--subdomain <subdomain>", "also look the e-mail up in this Club")
    .addHelpText(
      "after",
      "\nThe exit code is 0 whether access is granted or not: read `access` in --json, or the first line.\n\nExamples:\n  $ hotmart access check aline.melo@example.com --product 6239978\n  $ hotmart access check caua.nogueira@example.com --subdomain my_subdomain --json | jq .access\n",
    )
    .action(async (email: string, opts: { product?: string; subdomain?: string }, cmd: Command) => {
      const globals = cmd.optsWithGlobals() as GlobalOptions;
      const params: AccessCheckParams = {};
      if (opts.product !== undefined) params.product_id = parseNumber("--product", opts.product);
      if (opts.subdomain !== undefined) params.subdomain = opts.subdomain;
      const session = await openSession(globals);
      try {
        const result = await session.client.access.check(email, params, { signal: io.signal });
        if (globals.json) {
          out(io, `${JSON.stringify(result, null, 2)}\n`);
          return;
        }
        out(io, `${result.access ? "ACCESS" : "NO ACCESS"}  ${email}  (${result.reason})\n`);
        out(io, `  ${result.explanation}\n`);
        if (result.product) out(io, `  product: ${result.product.name} (${result.product.id})\n`);
        if (result.until !== undefined) out(io, `  until: ${brasiliaDay(result.until)}\n`);
        if (result.subscription)
          out(io, `  subscription: ${result.subscription.subscriber_code} ${result.subscription.status}\n`);
        if (result.purchase)
          out(io, `  purchase: ${result.purchase.purchase.transaction} ${result.purchase.purchase.status}\n`);
        if (result.student) out(io, `  Club member: ${result.student.status}\n`);
        if (!io.stdout.isTTY) return;
        err(io, `(${result.calls} API call${result.calls === 1 ? "" : "s"}; --json for every field)`);
      } finally {
        await session.close();
      }
    });
  program.addCommand(access);
}
