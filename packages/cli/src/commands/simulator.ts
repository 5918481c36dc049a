import type { Command } from "commander";
import type { GlobalOptions } from "../config";
import { err, type Io, out } from "../io";
import { listenProblem } from "../ports";
import { parseHttpUrl, parsePort, parseWholeNumber } from "../values";

export function simulatorCommand(program: Command, io: Io): void {
  program
    .command("simulator")
    .description("start the local Hotmart simulator and print the environment to point the SDK and CLI at it")
    .option("--port <port>", "port (0 picks a free one)", "8787")
    .option("--host <host>", "interface", "127.0.0.1")
    .option("--seed <n>", "dataset seed: the same seed gives the same data", "42")
    .option("--sales <n>", "number of sales in the dataset")
    .option("--latency <ms>", "added to every API answer", "0")
    .option("--no-rate-limit", "turn off the 500-a-minute quota")
    .option("--webhook <url>", "deliver the webhooks the simulator's writes cause to this URL")
    .addHelpText(
      "after",
      "\nExamples:\n  $ hotmart simulator\n  $ hotmart simulator > simulator.env &   # then, once it is up: . ./simulator.env (stdout holds only the export lines)\n  $ hotmart simulator --sales 20000 --latency 100 --webhook http://localhost:4242/\n\nStop with Ctrl-C (exit code 0).\n",
    )
    .action(
      async (
        opts: {
          port: string;
          host: string;
          seed: string;
          sales?: string;
          latency: string;
          rateLimit: boolean;
          webhook?: string;
        },
        cmd: Command,
      ) => {
        const json = (cmd.optsWithGlobals() as GlobalOptions).json;
        const { startSimulator } = await import("hotmart-simulator");
        const port = parsePort("--port", opts.port);
        const sim = await startSimulator({
          port,
          host: opts.host,
          seed: parseWholeNumber("--seed", opts.seed),
          latencyMs: parseWholeNumber("--latency", opts.latency),
          ...(opts.sales !== undefined ? { scale: { sales: parseWholeNumber("--sales", opts.sales) } } : {}),
          ...(opts.rateLimit ? {} : { rateLimit: false as const }),
          ...(opts.webhook !== undefined
            ? { webhooks: [{ url: parseHttpUrl("--webhook", opts.webhook) }] }
            : {}),
        }).catch((error: unknown) => {
          throw listenProblem(error, opts.host, port) ?? error;
        });
        if (json) out(io, `${JSON.stringify({ url: sim.url, env: sim.env })}\n`);
        else {
          err(
            io,
            `Hotmart simulator on ${sim.url} (seed ${sim.seed}: ${sim.data.sales.length} sales, ${sim.data.subscriptions.length} subscriptions).`,
          );
          err(
            io,
            "Point the SDK and this CLI at it (paste into your shell, or into .env without `export`):\n",
          );
          for (const [key, value] of Object.entries(sim.env)) out(io, `export ${key}=${value}\n`);
          err(io, `\nAdmin: ${sim.url}/__admin   Press Ctrl-C to stop.`);
        }
        await new Promise<void>((resolve) => {
          if (io.signal.aborted) resolve();
          io.signal.addEventListener("abort", () => resolve(), { once: true });
        });
        await sim.close();
        err(io, "Simulator stopped.");
      },
    );
}
