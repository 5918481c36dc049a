// Starts bench/sim-child.mjs (or another child server) and talks to it.
import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export async function startChild(options, script = "./sim-child.mjs", execArgv = process.execArgv) {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), [JSON.stringify(options)], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    execArgv,
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
    heap: () => ask("heap"),
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

/**
 * The baseline of the memory figures: sales fetched the way a script without the SDK would fetch them in
 * parallel: `workers` loops over `workers * 4` equal slices of [from, to], each walking its slice's
 * pages of 500 with fetch + JSON.parse and handing each page's records to `onItems` (awaited: a loop that
 * writes to a file waits there). No limiter, no retries: an error status throws.
 */
export async function plainSalesWalk({
  baseURL,
  token,
  from,
  to,
  workers = 16,
  onItems,
  list = { path: "/payments/api/v1/sales/history", fromParam: "start_date", toParam: "end_date" },
}) {
  const parts = workers * 4;
  const slices = Array.from({ length: parts }, (_, i) => [
    from + Math.floor(((to - from + 1) * i) / parts),
    from + Math.floor(((to - from + 1) * (i + 1)) / parts) - 1,
  ]);
  async function worker() {
    for (let slice = slices.shift(); slice; slice = slices.shift()) {
      let pageToken;
      do {
        const url = new URL(`${baseURL}${list.path}`);
        url.searchParams.set(list.fromParam, String(slice[0]));
        url.searchParams.set(list.toParam, String(slice[1]));
        url.searchParams.set("max_results", "500");
        if (pageToken) url.searchParams.set("page_token", pageToken);
        const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
        const page = JSON.parse(await response.text());
        if (!response.ok) throw new Error(`baseline walk: HTTP ${response.status}`);
        await onItems(page.items);
        pageToken = page.page_info?.next_page_token;
      } while (pageToken);
    }
  }
  await Promise.all(Array.from({ length: workers }, worker));
}

/**
 * Peak RSS sampler (MB). On Linux the figure is also checked against the kernel's own high-water mark
 * (VmHWM in /proc/self/status), which a spike shorter than the sampling period cannot slip past; both
 * cover the process's whole life, so a bench that wants a clean figure runs in a fresh process.
 */
export function rssSampler(everyMs = 100) {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss, kernelPeakRss() ?? 0);
      return Math.round(peak / 1048576);
    },
  };
}

/** VmHWM in bytes, or undefined where /proc is not there. */
function kernelPeakRss() {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

export function loadLine() {
  return (
    // os.loadavg is 0s on some platforms; /proc/loadavg is what uptime prints.
    `load average ${globalThis.process?.platform === "linux" ? loadavgText() : "n/a"}`
  );
}

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
