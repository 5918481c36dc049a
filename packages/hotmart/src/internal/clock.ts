/**
 * Epoch ms on a clock that never jumps: the wall clock as it read when the SDK loaded, advanced by the
 * monotonic clock since. What the SDK measures as a length of time (a call's total timeout, the rate
 * limiter's windows and pauses) counts on it: NTP stepping the wall clock back an hour must not hold
 * every request of the client for that hour, nor a step forward fail a call at once as past its
 * timeout. What names a wall-clock instant (a token's expiry, an HTTP date, an epoch `RateLimit-Reset`)
 * still reads `Date.now()`.
 */
const ORIGIN = Date.now() - performance.now();

export function monotonicNow(): number {
  return ORIGIN + performance.now();
}
