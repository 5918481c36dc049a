// Starts bench/sim-child.mjs (or another child server) and talks to it.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

export async function startChild(options, script = "./sim-child.mjs") {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), [JSON.stringify(options)], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const info = await new Promise((resolve, reject) => {
    child.once("message", resolve);
    child.once("exit", (code) => reject(new Error(`the simulator exited (${code})`)));
  });
  const ask = (what) =>
    new Promise((resolve) => {
      child.once("message", (m) => resolve(m[what]));
      child.send(what);
    });
  return {
    ...info,
    /** CPU time the child has used so far, in ms (Linux only; undefined elsewhere). */
    cpuMs: () => processCpuMs(child.pid),
    stats: () => ask("stats"),
    close: () => new Promise((resolve) => child.once("exit", resolve) && child.send("close")),
  };
}

/** Client options for a started child. */
export function clientOptions(sim, extra = {}) {
  return {
    clientId: sim.credentials.clientId,
    clientSecret: sim.credentials.clientSecret,
    baseURL: sim.url,
    authURL: sim.authURL,
    ...extra,
  };
}

/** Peak RSS sampler (MB). */
export function rssSampler(everyMs = 100) {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return Math.round(peak / 1048576);
    },
  };
}

export function loadLine() {
  return (
    // os.loadavg is 0s on some platforms; /proc/loadavg is what uptime prints.
    `load average ${globalThis.process?.platform === "linux" ? loadavgText() : "n/a"}`
  );
}

import { readFileSync } from "node:fs";

function loadavgText() {
  try {
    return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  } catch {
    return "n/a";
  }
}

function processCpuMs(pid) {
  try {
    // utime and stime, in clock ticks (100 a second on Linux).
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}
