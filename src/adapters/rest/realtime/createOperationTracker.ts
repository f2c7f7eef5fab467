import type { BulkOperation, BulkOperationStatus } from 'mediashelf/core';

const FINAL: readonly BulkOperationStatus[] = ['completed', 'failed', 'cancelled'];
// Final states are kept only to drop late duplicates; old ones are forgotten beyond this many.
const MAX_FINISHED = 500;

/** Whether an operation will never change again. */
export const isFinalOperation = (operation: BulkOperation) => FINAL.includes(operation.status);

/**
 * What the adapter knows about bulk operations, from every source (start, getOperation, events,
 * polls): which are still running (to resume or poll them) and which state listeners last got,
 * so they only ever see an operation move forward and its final state exactly once.
 */
export interface OperationTracker {
  /**
   * Offers a state. Answers true when it is news for listeners: first seen, further along, or
   * newly final. Stale and duplicate states answer false.
   */
  offer(operation: BulkOperation): boolean;
  /** Ids of operations whose final state has not been seen yet. */
  pending(): string[];
  /** Forgets an operation (the server no longer knows it). */
  forget(id: string): void;
}

/** Creates an {@link OperationTracker}. */
export function createOperationTracker(): OperationTracker {
  const latest = new Map<string, BulkOperation>();
  const finished: string[] = [];
  return {
    offer(operation) {
      const previous = latest.get(operation.id);
      if (previous) {
        if (isFinalOperation(previous)) return false;
        if (operation.processed < previous.processed) return false;
        if (operation.processed === previous.processed && operation.status === previous.status) return false;
      }
      latest.set(operation.id, operation);
      if (isFinalOperation(operation)) {
        finished.push(operation.id);
        if (finished.length > MAX_FINISHED) latest.delete(finished.shift()!);
      }
      return true;
    },
    pending: () =>
      [...latest.values()].filter((operation) => !isFinalOperation(operation)).map((op) => op.id),
    forget(id) {
      latest.delete(id);
    },
  };
}
