// A hotmart-simulator in a child process, so the benchmark's RSS is the client's alone.
// Options come as JSON in argv[2]; the child answers IPC messages: "stats" and "close".
import { startSimulator } from "hotmart-simulator";

const options = JSON.parse(process.argv[2] ?? "{}");
const sim = await startSimulator({ port: 0, ...options });
process.send?.({ type: "ready", url: sim.url, authURL: sim.authURL, credentials: sim.credentials });
process.on("message", async (message) => {
  if (message === "stats") process.send?.({ type: "stats", stats: sim.stats() });
  if (message === "close") {
    await sim.close();
    process.exit(0);
  }
});
