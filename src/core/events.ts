import type { BulkOperation } from './types';

/** What happened to the files of a `media.changed` event. */
export type MediaChange =
  | 'created'
  | 'updated'
  | 'deleted'
  | 'restored'
  | 'purged'
  | 'replaced'
  | 'linked'
  | 'unlinked';

/**
 * The typed event map: every event an adapter or the server emits, by name. Transports emit
 * them, the hooks layer turns them into cache updates, components never read them directly.
 */
export interface MediaEventMap {
  /** A bulk operation advanced (batched, at most every 100 ms) or reached its final state. */
  'operation.progress': { operation: BulkOperation };
  /** Files were created, changed or removed. */
  'media.changed': { ids: string[]; change: MediaChange };
}

/** Event names. */
export type MediaEventType = keyof MediaEventMap;

/** One event: its `type` plus its payload. */
export type MediaEvent = {
  [K in MediaEventType]: { type: K } & MediaEventMap[K];
}[MediaEventType];

/** A small synchronous emitter of {@link MediaEvent}s; a failing listener does not stop the others. */
export interface MediaEventEmitter {
  emit(event: MediaEvent): void;
  subscribe(listener: (event: MediaEvent) => void): () => void;
  /** Number of current listeners. */
  readonly size: number;
}

/** Creates a {@link MediaEventEmitter}. */
export function createEventEmitter(onListenerError?: (error: unknown) => void): MediaEventEmitter {
  const listeners = new Set<(event: MediaEvent) => void>();
  return {
    emit(event) {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (error) {
          onListenerError?.(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    get size() {
      return listeners.size;
    },
  };
}
