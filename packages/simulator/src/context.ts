import type { SimClock } from "./clock";
import type { Dataset } from "./data/dataset";
import type { Actions } from "./state";

/** What route handlers need: the data to read, the clock, and the actions that change state. */
export interface SimContext {
  data: Dataset;
  clock: SimClock;
  actions: Actions;
}
