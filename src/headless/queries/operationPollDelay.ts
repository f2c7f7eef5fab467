/** First polling delay of an operation without realtime events. */
export const OPERATION_POLL_INITIAL_MS = 500;
/** Longest polling delay. */
export const OPERATION_POLL_MAX_MS = 5_000;

/**
 * Delay before poll number `attempt + 1` (attempt 1 = after the first answer): 500 ms doubling
 * to 5 s. Short jobs finish with few requests and long ones cost one request per 5 s.
 */
export function operationPollDelay(attempt: number): number {
  const exponent = Math.max(0, attempt - 1);
  return Math.min(OPERATION_POLL_INITIAL_MS * 2 ** exponent, OPERATION_POLL_MAX_MS);
}
