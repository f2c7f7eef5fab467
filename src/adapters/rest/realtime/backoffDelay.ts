/** Default first reconnect delay. */
export const DEFAULT_INITIAL_DELAY_MS = 500;
/** Default largest reconnect delay. */
export const DEFAULT_MAX_DELAY_MS = 30_000;

/**
 * Delay before retry number `attempt` (0-based): exponential, capped, with "equal jitter" (half
 * fixed, half random) so that many clients dropped at once do not reconnect in lockstep.
 */
export function backoffDelay(
  attempt: number,
  initialDelayMs = DEFAULT_INITIAL_DELAY_MS,
  maxDelayMs = DEFAULT_MAX_DELAY_MS,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
