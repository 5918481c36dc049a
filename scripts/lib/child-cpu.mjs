// CPU seconds (user + system) that the child processes of this process have used, as the kernel
// counts them when a child is reaped: its own time and that of every descendant it waited for. On a
// shared machine wall time mostly measures the wait for a core; CPU time is the work a stage costs.
// Linux only (/proc/self/stat); elsewhere `null`, and the callers print wall times alone.
import { readFileSync } from "node:fs";

// USER_HZ: 100 on every Linux architecture Node runs on (the kernel reports in these ticks).
const TICKS_PER_SECOND = 100;

/** CPU milliseconds of every reaped child so far, or null where /proc is not there. */
export function reapedChildrenCpuMs() {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 16 and 17 of stat(5) (cutime, cstime) are the 14th and 15th after the name.
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** CPU milliseconds of this process itself. */
export function ownCpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
