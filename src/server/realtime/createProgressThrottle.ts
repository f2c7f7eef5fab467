import type { BulkOperation } from 'mediashelf/core';
import { FINAL_OPERATION_STATUSES } from './realtimeMessages';

/** Options of {@link createProgressThrottle}. */
export interface ProgressThrottleOptions {
  /** Shortest interval between two progress messages of one operation. */
  intervalMs: number;
  send: (tenantId: string, operation: BulkOperation) => void;
}

/** Rate-limits progress per operation; see {@link createProgressThrottle}. */
export interface ProgressThrottle {
  push(tenantId: string, operation: BulkOperation): void;
  /** Stops every timer; progress still waiting is dropped (final states are never waiting). */
  close(): void;
}

interface Slot {
  pending: { tenantId: string; operation: BulkOperation } | null;
  timer: ReturnType<typeof setTimeout>;
}

// Enough to drop stragglers of recently finished operations without growing forever.
const FINISHED_MEMORY = 1000;

/**
 * Limits the progress an instance publishes to one message per operation every `intervalMs`:
 * the first goes out at once, later ones within the window wait for its end, where only the
 * newest is sent. A final state (completed, failed, cancelled) is sent at once and drops the
 * progress it supersedes; progress of a finished operation is ignored.
 */
export function createProgressThrottle(options: ProgressThrottleOptions): ProgressThrottle {
  const slots = new Map<string, Slot>();
  const finished = new Set<string>();
  let closed = false;

  const tick = (key: string) => {
    const slot = slots.get(key);
    if (!slot || closed) return;
    if (slot.pending === null) {
      slots.delete(key);
      return;
    }
    const { tenantId, operation } = slot.pending;
    slot.pending = null;
    slot.timer = setTimeout(() => tick(key), options.intervalMs);
    options.send(tenantId, operation);
  };

  return {
    push(tenantId, operation) {
      if (closed) return;
      const key = `${tenantId}\u0000${operation.id}`;
      const slot = slots.get(key);
      if (FINAL_OPERATION_STATUSES.has(operation.status)) {
        if (slot) clearTimeout(slot.timer);
        slots.delete(key);
        finished.add(key);
        if (finished.size > FINISHED_MEMORY) finished.delete(finished.values().next().value!);
        options.send(tenantId, operation);
        return;
      }
      if (finished.has(key)) return;
      if (slot) {
        slot.pending = { tenantId, operation };
        return;
      }
      slots.set(key, { pending: null, timer: setTimeout(() => tick(key), options.intervalMs) });
      options.send(tenantId, operation);
    },
    close() {
      closed = true;
      for (const slot of slots.values()) clearTimeout(slot.timer);
      slots.clear();
    },
  };
}
