import {
  type BulkOperation,
  createEventEmitter,
  isMediaError,
  type MediaEvent,
  type MediaEventListener,
} from 'mediashelf/core';
import type { RealtimeTransportKind } from '../RestAdapterOptions';
import { backoffDelay } from './backoffDelay';
import { createOperationPoller } from './createOperationPoller';
import type { OperationTracker } from './createOperationTracker';
import type { OpenTransport, TransportConnection } from './RealtimeTransport';

/** A transport the hub may use, in order of preference. */
export interface TransportCandidate {
  kind: Exclude<RealtimeTransportKind, 'poll'>;
  open: OpenTransport;
}

/** Options of {@link createRealtimeHub}. */
export interface RealtimeHubOptions {
  /** Tried in order until one opens; polling follows them when `fallbackToPolling`. */
  candidates: TransportCandidate[];
  /** Poll when no candidate opens (or when there are none). */
  fallbackToPolling: boolean;
  tracker: OperationTracker;
  fetchOperation: (id: string) => Promise<BulkOperation>;
  initialDelayMs: number;
  maxDelayMs: number;
  pollIntervalMs: number;
  /** Longest wait of {@link RealtimeHub.settled}. */
  settleTimeoutMs: number;
}

/** The adapter's one shared realtime connection and its listeners. */
export interface RealtimeHub {
  subscribe(listener: MediaEventListener): () => void;
  /** A state learnt outside the connection (start, getOperation): recorded, and emitted if news. */
  offer(operation: BulkOperation): void;
  /**
   * Resolves once the first connection of a subscription has opened or failed (at most
   * `settleTimeoutMs`), at once otherwise; changes made after it are seen by the server's
   * event stream.
   */
  settled(): Promise<void>;
  readonly transport: RealtimeTransportKind | null;
  /** Closes the connection and drops every listener. */
  close(): void;
}

/**
 * Creates the realtime hub: ONE connection opened lazily for the first listener and closed after
 * the last; preference order with fallback on failure to open; reconnects with exponential
 * backoff and jitter; while it polls for want of a transport, it keeps retrying them with the
 * same backoff and stops polling when one opens; after every (re)connection it re-fetches each
 * operation not yet final and emits what changed, so a dropped connection loses no progress and
 * the final state always arrives.
 */
export function createRealtimeHub(options: RealtimeHubOptions): RealtimeHub {
  const { tracker } = options;
  const emitter = createEventEmitter((error) => console.error('[mediashelf] event listener failed', error));
  let session = 0;
  let connection: TransportConnection | null = null;
  let token: object = {};
  let active: RealtimeTransportKind | null = null;
  let candidate = 0;
  let attempt = 0;
  let opened = false;
  let polling = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let connecting: { promise: Promise<void>; resolve: () => void } | null = null;

  const deliver = (operation: BulkOperation): boolean => {
    const news = tracker.offer(operation);
    if (news && emitter.size > 0) emitter.emit({ type: 'operation.progress', operation });
    return news;
  };
  const poller = createOperationPoller({
    pending: () => tracker.pending(),
    fetchOperation: options.fetchOperation,
    deliver,
    forget: (id) => tracker.forget(id),
    intervalMs: options.pollIntervalMs,
    maxDelayMs: options.maxDelayMs,
  });
  const settle = () => {
    connecting?.resolve();
    connecting = null;
  };
  const resume = (current: number) => {
    for (const id of tracker.pending()) {
      options.fetchOperation(id).then(
        (operation) => {
          if (current === session) deliver(operation);
        },
        (error: unknown) => {
          if (isMediaError(error, 'NOT_FOUND')) tracker.forget(id);
        },
      );
    }
  };
  const scheduleReconnect = (current: number) => {
    const delay = backoffDelay(attempt++, options.initialDelayMs, options.maxDelayMs);
    retry = setTimeout(() => {
      if (current === session) connect(current);
    }, delay);
  };
  const onEvent = (event: MediaEvent) => {
    if (event.type === 'operation.progress') deliver(event.operation);
    else emitter.emit(event);
  };

  function connect(current: number): void {
    const next = options.candidates[candidate];
    if (!next) {
      active = 'poll';
      settle();
      if (!polling) {
        polling = true;
        poller.start();
      }
      // Poll, but keep trying the preferred transports with backoff: a server that was down
      // when the page loaded must not leave it polling (and blind to media.changed) for good.
      if (options.candidates.length > 0) {
        candidate = 0;
        scheduleReconnect(current);
      }
      return;
    }
    const mine = {};
    token = mine;
    const closed = () => {
      if (mine !== token || current !== session) return;
      token = {};
      connection = null;
      active = polling ? 'poll' : null;
      const canFallBack = candidate < options.candidates.length - 1 || options.fallbackToPolling;
      if (!opened && canFallBack) {
        candidate++;
        connect(current);
        return;
      }
      settle();
      scheduleReconnect(current);
    };
    let handle: TransportConnection;
    try {
      handle = next.open({
        onOpen: () => {
          if (mine !== token || current !== session) return;
          active = next.kind;
          opened = true;
          attempt = 0;
          if (polling) {
            polling = false;
            poller.stop();
          }
          settle();
          resume(current);
        },
        onEvent: (event) => {
          if (mine === token && current === session) onEvent(event);
        },
        onClose: closed,
      });
    } catch {
      closed();
      return;
    }
    if (mine === token) connection = handle;
    else handle.close();
  }

  const start = () => {
    session++;
    candidate = 0;
    attempt = 0;
    opened = false;
    let resolve!: () => void;
    const promise = new Promise<void>((done) => {
      resolve = done;
    });
    connecting = { promise, resolve };
    connect(session);
  };
  const stop = () => {
    session++;
    token = {};
    clearTimeout(retry);
    connection?.close();
    connection = null;
    active = null;
    polling = false;
    poller.stop();
    settle();
  };
  const listeners = new Map<MediaEventListener, () => void>();

  return {
    subscribe(listener) {
      // The same function subscribed twice is two subscriptions; wrap it so each is its own.
      const own: MediaEventListener = (event) => listener(event);
      const remove = emitter.subscribe(own);
      let done = false;
      const unsubscribe = () => {
        if (done) return;
        done = true;
        remove();
        listeners.delete(own);
        if (emitter.size === 0) stop();
      };
      listeners.set(own, unsubscribe);
      if (emitter.size === 1) start();
      return unsubscribe;
    },
    offer(operation) {
      deliver(operation);
      if (active === 'poll') poller.wake();
    },
    settled() {
      const pending = connecting;
      if (!pending) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.settleTimeoutMs);
        void pending.promise.then(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    get transport() {
      return active;
    },
    close() {
      for (const unsubscribe of [...listeners.values()]) unsubscribe();
      stop();
    },
  };
}
