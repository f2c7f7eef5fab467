/** Options of {@link createKeyedThrottle}. */
export interface KeyedThrottleOptions<T> {
  /** Shortest interval between two items sent under one key. */
  intervalMs: number;
  /** Items under one key share a window (an operation, a change kind, ...). */
  keyOf: (item: T) => string;
  /** A final item is sent at once, drops what it supersedes, and closes its key for good. */
  isFinal: (item: T) => boolean;
  /** Folds an item into the one waiting for the end of the window (default: the newer wins). */
  merge?: (pending: T, next: T) => T;
  send: (item: T) => void;
}

/** Rate-limits items per key; see {@link createKeyedThrottle}. */
export interface KeyedThrottle<T> {
  /** Offers an item: sent now, folded into the waiting one, or dropped after its key's final item. */
  push(item: T): void;
  /** Stops every timer; items still waiting are dropped (final items never wait). */
  close(): void;
}

interface Slot<T> {
  pending: T | null;
  timer: ReturnType<typeof setTimeout>;
}

// Enough to drop stragglers of recently finished keys without growing forever.
const FINISHED_MEMORY = 1000;

/**
 * One item per key every `intervalMs`: the first goes out at once, later ones within the window
 * wait for its end, where only the merged (by default newest) one is sent. A final item is sent
 * at once; items arriving under its key afterwards are dropped, because a progress bar must never
 * move backwards. The single throttle behind the per-connection batching of the SSE and WebSocket
 * endpoints and the per-instance publishing of the realtime hub.
 */
export function createKeyedThrottle<T>(options: KeyedThrottleOptions<T>): KeyedThrottle<T> {
  const { intervalMs, keyOf, isFinal, send } = options;
  const merge = options.merge ?? ((_pending: T, next: T) => next);
  const slots = new Map<string, Slot<T>>();
  const finished = new Set<string>();
  let closed = false;

  const tick = (key: string) => {
    const slot = slots.get(key);
    if (!slot || closed) return;
    if (slot.pending === null) {
      slots.delete(key);
      return;
    }
    const item = slot.pending;
    slot.pending = null;
    slot.timer = setTimeout(() => tick(key), intervalMs);
    send(item);
  };

  return {
    push(item) {
      if (closed) return;
      const key = keyOf(item);
      const slot = slots.get(key);
      if (isFinal(item)) {
        if (slot) clearTimeout(slot.timer);
        slots.delete(key);
        finished.add(key);
        if (finished.size > FINISHED_MEMORY) finished.delete(finished.values().next().value!);
        send(item);
        return;
      }
      if (finished.has(key)) return;
      if (slot) {
        slot.pending = slot.pending === null ? item : merge(slot.pending, item);
        return;
      }
      slots.set(key, { pending: null, timer: setTimeout(() => tick(key), intervalMs) });
      send(item);
    },
    close() {
      closed = true;
      for (const slot of slots.values()) clearTimeout(slot.timer);
      slots.clear();
    },
  };
}
