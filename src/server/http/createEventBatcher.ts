import { type MediaEvent, PROGRESS_BATCH_MS } from 'mediashelf/core';
import { createKeyedThrottle } from '../realtime/createKeyedThrottle';
import { FINAL_OPERATION_STATUSES } from '../realtime/realtimeMessages';

/** Options of {@link createEventBatcher}. */
export interface EventBatcherOptions {
  /** Shortest interval between two events of one operation or one change kind (default 100 ms). */
  intervalMs?: number;
  /** Delivers an event to the connection. */
  send: (event: MediaEvent) => void;
}

/** Batches one connection's events; see {@link createEventBatcher}. */
export interface EventBatcher {
  /** Offers an event; it is sent now, merged into the pending one, or replaces it. */
  push(event: MediaEvent): void;
  /** Stops every timer and drops what is pending (the connection is gone). */
  close(): void;
}

function slotKey(event: MediaEvent): string {
  return event.type === 'operation.progress' ? `op:${event.operation.id}` : `changed:${event.change}`;
}

function merge(pending: MediaEvent, next: MediaEvent): MediaEvent {
  if (pending.type !== 'media.changed' || next.type !== 'media.changed') return next;
  return { type: 'media.changed', change: next.change, ids: [...new Set([...pending.ids, ...next.ids])] };
}

/**
 * Rate-limits the events of one connection: the first event of an operation (or of a change
 * kind) goes out at once, later ones within `intervalMs` wait for the end of the window, where
 * only the newest progress is sent and `media.changed` ids are merged per change kind. An
 * operation's final state (completed, failed, cancelled) is always sent, immediately, and drops
 * the progress it supersedes. Shared by the SSE route and the WebSocket server.
 */
export function createEventBatcher(options: EventBatcherOptions): EventBatcher {
  return createKeyedThrottle<MediaEvent>({
    intervalMs: options.intervalMs ?? PROGRESS_BATCH_MS,
    keyOf: slotKey,
    isFinal: (event) =>
      event.type === 'operation.progress' && FINAL_OPERATION_STATUSES.has(event.operation.status),
    merge,
    send: options.send,
  });
}
