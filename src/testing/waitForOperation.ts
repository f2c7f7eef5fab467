import type { BulkOperation, BulkOperationStatus, MediaAdapter } from 'mediashelf/core';

/** Options of {@link waitForOperation}. */
export interface WaitForOperationOptions {
  /** Give up after this long; default 10 000 ms. */
  timeoutMs?: number;
  /** Pause between two `getOperation` calls; default 10 ms. */
  intervalMs?: number;
}

/** Statuses after which a bulk operation never changes again. */
export const FINAL_OPERATION_STATUSES: readonly BulkOperationStatus[] = ['completed', 'failed', 'cancelled'];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `adapter.getOperation` until the bulk operation reaches a final status (`completed`,
 * `failed` or `cancelled`) and resolves with that state. Rejects with a plain `Error` showing the
 * last state seen when `timeoutMs` passes first, so a stuck job fails the test instead of hanging it.
 */
export async function waitForOperation(
  adapter: MediaAdapter,
  id: string,
  options: WaitForOperationOptions = {},
): Promise<BulkOperation> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 10;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const operation = await adapter.getOperation({ id });
    if (FINAL_OPERATION_STATUSES.includes(operation.status)) return operation;
    if (Date.now() >= deadline) {
      throw new Error(
        `waitForOperation: operation ${id} did not finish within ${timeoutMs} ms; last state: ${JSON.stringify(operation)}`,
      );
    }
    await sleep(intervalMs);
  }
}
