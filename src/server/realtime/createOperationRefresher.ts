import type { BulkOperation } from 'mediashelf/core';
import { FINAL_OPERATION_STATUSES, type OperationReference } from './realtimeMessages';

/** Options of {@link createOperationRefresher}. */
export interface OperationRefresherOptions {
  /** Reads an operation's current state (`service.getOperation` as a system caller). */
  read: (tenantId: string, operationId: string) => Promise<BulkOperation>;
  deliver: (tenantId: string, operation: BulkOperation) => void;
  onError: (error: unknown) => void;
  /**
   * When a reference announces a final state but the read still shows an earlier one (or fails),
   * the read is retried this many times, `retryDelayMs × attempt` apart. Default 5.
   */
  finalRetries?: number;
  /** Default 100 ms. */
  retryDelayMs?: number;
}

/** Turns operation references into delivered operations; see {@link createOperationRefresher}. */
export interface OperationRefresher {
  request(reference: OperationReference): void;
  /** Number of operations with a read in flight. */
  readonly active: number;
  /** Stops delivering and waits for the reads in flight. */
  close(): Promise<void>;
}

interface Refresh {
  again: boolean;
  wantFinal: boolean;
  running: Promise<void>;
}

const FINISHED_MEMORY = 1000;

/**
 * Re-reads operations announced by reference, coalesced: at most one read in flight per
 * operation; references arriving meanwhile cause one more read after it, never one each. The
 * final state is always delivered (a final reference is retried until the read shows it), and
 * references of an operation whose final state was delivered are ignored.
 */
export function createOperationRefresher(options: OperationRefresherOptions): OperationRefresher {
  const finalRetries = options.finalRetries ?? 5;
  const retryDelayMs = options.retryDelayMs ?? 100;
  const refreshes = new Map<string, Refresh>();
  const finished = new Set<string>();
  let closed = false;

  const remember = (key: string) => {
    finished.add(key);
    if (finished.size > FINISHED_MEMORY) finished.delete(finished.values().next().value!);
  };

  const run = async (key: string, reference: OperationReference, refresh: Refresh) => {
    let retries = 0;
    while (!closed) {
      refresh.again = false;
      let operation: BulkOperation | undefined;
      let failure: unknown;
      try {
        operation = await options.read(reference.tenantId, reference.operationId);
      } catch (error) {
        failure = error;
      }
      if (closed) return;
      const isFinal = operation !== undefined && FINAL_OPERATION_STATUSES.has(operation.status);
      if (operation !== undefined && (isFinal || !refresh.wantFinal || retries >= finalRetries)) {
        options.deliver(reference.tenantId, operation);
        if (isFinal) {
          remember(key);
          return;
        }
      } else if (failure !== undefined && (!refresh.wantFinal || retries >= finalRetries)) {
        options.onError(failure);
      }
      const retry = refresh.wantFinal && !isFinal && retries < finalRetries;
      if (retry) {
        retries += 1;
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs * retries));
        continue;
      }
      if (!refresh.again) return;
    }
  };

  return {
    request(reference) {
      if (closed) return;
      const key = `${reference.tenantId}\u0000${reference.operationId}`;
      if (finished.has(key)) return;
      const isFinal = FINAL_OPERATION_STATUSES.has(reference.status);
      const current = refreshes.get(key);
      if (current) {
        current.again = true;
        if (isFinal) current.wantFinal = true;
        return;
      }
      const refresh: Refresh = { again: false, wantFinal: isFinal, running: Promise.resolve() };
      refreshes.set(key, refresh);
      refresh.running = run(key, reference, refresh)
        .catch((error: unknown) => options.onError(error))
        .finally(() => refreshes.delete(key));
    },
    get active() {
      return refreshes.size;
    },
    async close() {
      closed = true;
      await Promise.allSettled([...refreshes.values()].map((refresh) => refresh.running));
    },
  };
}
