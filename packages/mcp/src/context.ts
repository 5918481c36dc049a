import type { Hotmart } from "hotmart";
import type { ConfirmationStore } from "./confirm";
import type { WritePlan } from "./tools/writes";

/** What every tool shares: one SDK client per process (one quota, one token), and the write confirmations. */
export interface ToolContext {
  client: Hotmart;
  allowWrites: boolean;
  confirmations: ConfirmationStore<WritePlan>;
  /** Epoch ms; injected in tests. */
  now: () => number;
  /**
   * How long one Hotmart call may take (the client's `totalTimeout`): a tool asked while the quota is
   * paused for longer answers "quota exceeded, retry at ..." at once.
   */
  callBudgetMs: number;
}
