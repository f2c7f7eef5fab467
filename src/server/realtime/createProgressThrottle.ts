import type { BulkOperation } from 'mediashelf/core';
import { createKeyedThrottle } from './createKeyedThrottle';
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

interface TenantProgress {
  tenantId: string;
  operation: BulkOperation;
}

/**
 * Limits the progress an instance publishes to one message per operation (of a tenant) every
 * `intervalMs`, the newest; a final state (completed, failed, cancelled) goes out at once and
 * later progress of that operation is ignored.
 */
export function createProgressThrottle(options: ProgressThrottleOptions): ProgressThrottle {
  const throttle = createKeyedThrottle<TenantProgress>({
    intervalMs: options.intervalMs,
    keyOf: ({ tenantId, operation }) => `${tenantId}\u0000${operation.id}`,
    isFinal: ({ operation }) => FINAL_OPERATION_STATUSES.has(operation.status),
    send: ({ tenantId, operation }) => options.send(tenantId, operation),
  });
  return {
    push: (tenantId, operation) => throttle.push({ tenantId, operation }),
    close: () => throttle.close(),
  };
}
