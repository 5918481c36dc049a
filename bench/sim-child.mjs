// A hotmart-simulator in a child process, so the benchmark's RSS is the client's alone.
// Options come as JSON in argv[2]; the child answers IPC messages: "stats", "heap" and "close".
import { startSimulator } from "hotmart-simulator";

const options = JSON.parse(process.argv[2] ?? "{}");
const sim = await startSimulator({ port: 0, ...options });
process.send?.({ type: "ready", url: sim.url, authURL: sim.authURL, credentials: sim.credentials });
process.on("message", async (message) => {
  if (message === "stats") process.send?.({ type: "stats", stats: sim.stats() });
  if (message === "heap") {
    // After a full GC when the child runs with --expose-gc (bench/soak.mjs starts it so).
    globalThis.gc?.();
    const log = sim.requestLog.length;
    process.send?.({ type: "heap", heap: { heapUsed: process.memoryUsage().heapUsed, log } });
  }
  if (message === "close") {
    await sim.close();
    process.exit(0);
  }
});
