import { type BulkOperation, isMediaError } from 'mediashelf/core';
import { backoffDelay } from './backoffDelay';

/** Polls unfinished operations while it runs. */
export interface OperationPoller {
  start(): void;
  /** Polls now, e.g. right after an operation was started. */
  wake(): void;
  stop(): void;
}

// An operation whose state stops changing is asked about less often, up to this factor.
const MAX_QUIET_FACTOR = 5;

/**
 * Polls `GET /operations/:id` for every operation not yet final, every `intervalMs`. Quiet rounds
 * (no change) stretch the interval up to 5x; failing rounds back off exponentially up to
 * `maxDelayMs`; any change snaps back to `intervalMs`. Operations the server no longer knows are
 * forgotten.
 */
export function createOperationPoller(options: {
  pending: () => string[];
  fetchOperation: (id: string) => Promise<BulkOperation>;
  /** Answers whether the state was news. */
  deliver: (operation: BulkOperation) => boolean;
  forget: (id: string) => void;
  intervalMs: number;
  maxDelayMs: number;
}): OperationPoller {
  let running = false;
  let inFlight = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let quiet = 0;

  const schedule = (delay: number) => {
    clearTimeout(timer);
    if (running) timer = setTimeout(() => void tick(), delay);
  };
  const tick = async () => {
    if (!running || inFlight) return;
    const ids = options.pending();
    if (ids.length === 0) return schedule(options.intervalMs);
    inFlight = true;
    let failed = false;
    let changed = false;
    await Promise.all(
      ids.map(async (id) => {
        try {
          if (options.deliver(await options.fetchOperation(id))) changed = true;
        } catch (error) {
          if (isMediaError(error, 'NOT_FOUND')) options.forget(id);
          else failed = true;
        }
      }),
    );
    inFlight = false;
    failures = failed ? failures + 1 : 0;
    quiet = changed ? 0 : quiet + 1;
    schedule(
      failed
        ? backoffDelay(failures - 1, options.intervalMs, options.maxDelayMs)
        : options.intervalMs * Math.min(1.5 ** quiet, MAX_QUIET_FACTOR),
    );
  };

  return {
    start() {
      if (running) return;
      running = true;
      failures = 0;
      quiet = 0;
      void tick();
    },
    wake() {
      if (!running || inFlight) return;
      quiet = 0;
      clearTimeout(timer);
      void tick();
    },
    stop() {
      running = false;
      clearTimeout(timer);
    },
  };
}
