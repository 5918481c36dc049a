import { HotmartError } from "hotmart";

/** Redis failed (unreachable, too slow, a script error). The message names the operation and the cause. */
export class HotmartRedisError extends HotmartError {
  override name = "HotmartRedisError";
}
