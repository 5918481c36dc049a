import { availableParallelism, loadavg } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";

/**
 * Share-of-quota and idle-gap figures measured in real time depend on the process getting a core when
 * a timer fires. On a machine loaded past its cores they measure the scheduler, not the limiter, so
 * the tests that print them judge them only when this process was served on time. Correctness (no call
 * rejected, nothing over the limit, no herd) is asserted whatever the load, and the same figures are
 * asserted deterministically in virtual time (test/core/rate-limit.test.ts).
 */
export function watchMachine(): { starved(): string | undefined } {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  return {
    /** Why timing figures cannot be judged now, or undefined when the process ran on time. */
    starved() {
      delay.disable();
      const p99 = delay.percentile(99) / 1e6;
      const load = loadavg()[0] ?? 0;
      const cores = availableParallelism();
      if (p99 > 100 || load > 2 * cores) {
        return `event-loop delay p99 ${p99.toFixed(0)} ms, load ${load.toFixed(1)} on ${cores} cores`;
      }
      return undefined;
    },
  };
}
