import { banner } from "./banner";
import { parseCliArgs, startFailureMessage, USAGE } from "./cli-args";
import { type Simulator, startSimulator } from "./simulator";

async function main(): Promise<void> {
  let config: ReturnType<typeof parseCliArgs>;
  try {
    config = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (config.help) {
    process.stdout.write(USAGE);
    return;
  }
  let sim: Simulator;
  try {
    sim = await startSimulator(config.options);
  } catch (error) {
    process.stderr.write(`${startFailureMessage(error, config.options)}\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`${banner(sim)}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: closing the simulator...\n`);
    void sim.close().then(() => process.exit(0));
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  process.stderr.write(`hotmart-simulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
