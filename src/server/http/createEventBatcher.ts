import { type MediaEvent, PROGRESS_BATCH_MS } from 'mediashelf/core';

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

interface Slot {
  pending: MediaEvent | null;
  timer: ReturnType<typeof setTimeout>;
}

const FINAL_STATUSES = new Set(['completed', 'failed', 'cancelled']);
// Enough to drop stragglers of recently finished operations without growing forever.
const FINISHED_MEMORY = 1000;

function slotKey(event: MediaEvent): string {
  return event.type === 'operation.progress' ? `op:${event.operation.id}` : `changed:${event.change}`;
}

function merge(pending: MediaEvent | null, next: MediaEvent): MediaEvent {
  if (pending === null || pending.type !== 'media.changed' || next.type !== 'media.changed') return next;
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
  const intervalMs = options.intervalMs ?? PROGRESS_BATCH_MS;
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
    const event = slot.pending;
    slot.pending = null;
    slot.timer = setTimeout(() => tick(key), intervalMs);
    options.send(event);
  };

  return {
    push(event) {
      if (closed) return;
      const key = slotKey(event);
      const slot = slots.get(key);
      if (event.type === 'operation.progress' && FINAL_STATUSES.has(event.operation.status)) {
        if (slot) clearTimeout(slot.timer);
        slots.delete(key);
        finished.add(key);
        if (finished.size > FINISHED_MEMORY) finished.delete(finished.values().next().value!);
        options.send(event);
        return;
      }
      // A progress event arriving after the final state would move a finished bar backwards.
      if (finished.has(key)) return;
      if (slot) {
        slot.pending = merge(slot.pending, event);
        return;
      }
      slots.set(key, { pending: null, timer: setTimeout(() => tick(key), intervalMs) });
      options.send(event);
    },
    close() {
      closed = true;
      for (const slot of slots.values()) clearTimeout(slot.timer);
      slots.clear();
    },
  };
}
