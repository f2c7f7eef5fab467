import type { BulkOperation, BulkOperationStatus } from 'mediashelf/core';

const FINAL: ReadonlySet<BulkOperationStatus> = new Set(['completed', 'failed', 'cancelled']);

/** Whether an operation reached a status it never leaves. */
export function isFinalOperation(operation: BulkOperation | undefined | null): boolean {
  return operation !== undefined && operation !== null && FINAL.has(operation.status);
}

/**
 * The later of two states of one operation. Events, polls and the start reply can arrive out of
 * order (a poll answered after a newer event); progress must never move backwards, and a final
 * state is never replaced by a non-final one.
 */
export function mergeOperationProgress(
  current: BulkOperation | undefined,
  incoming: BulkOperation,
): BulkOperation {
  if (!current || current.id !== incoming.id) return incoming;
  if (isFinalOperation(current)) return isFinalOperation(incoming) ? incoming : current;
  if (isFinalOperation(incoming)) return incoming;
  return incoming.processed >= current.processed ? incoming : current;
}
