import { MediaError, throwIfAborted } from 'mediashelf/core';
import type { MemoryLatency } from './MemoryAdapterOptions';

/** Settings of {@link createNetworkSimulator}. */
export interface NetworkSimulatorOptions {
  latency: MemoryLatency;
  failRate: number;
  random: () => number;
}

/** Wraps every adapter call in simulated latency and failures. */
export interface NetworkSimulator {
  /**
   * Runs `work` after the latency, unless the simulated network fails (`NETWORK_ERROR`) or the
   * signal aborts (`ABORTED`) first; either way `work` has not run, so nothing changed.
   */
  call<T>(signal: AbortSignal | undefined, work: () => T | Promise<T>): Promise<T>;
  /** Rejects every waiting call and every later one with `NETWORK_ERROR`. */
  dispose(): void;
  readonly disposed: boolean;
}

/** Checks the simulator options; a bad value is a programming error, reported at creation. */
export function validateNetworkOptions(options: NetworkSimulatorOptions): void {
  const { latency, failRate } = options;
  const validMs = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value >= 0;
  const latencyOk =
    typeof latency === 'number'
      ? validMs(latency)
      : typeof latency === 'object' &&
        latency !== null &&
        validMs(latency.min) &&
        validMs(latency.max) &&
        latency.min <= latency.max;
  if (!latencyOk) {
    throw new MediaError('VALIDATION_ERROR', 'latency must be ms >= 0 or { min, max } with min <= max', {
      details: { field: 'latency' },
    });
  }
  if (typeof failRate !== 'number' || !(failRate >= 0 && failRate <= 1)) {
    throw new MediaError('VALIDATION_ERROR', 'failRate must be a number from 0 to 1', {
      details: { field: 'failRate' },
    });
  }
}

function disposedError(): MediaError {
  return new MediaError('NETWORK_ERROR', 'The memory adapter was disposed');
}

/** Creates a {@link NetworkSimulator}. */
export function createNetworkSimulator(options: NetworkSimulatorOptions): NetworkSimulator {
  validateNetworkOptions(options);
  const { latency, failRate, random } = options;
  const pending = new Set<(error: MediaError) => void>();
  let disposed = false;

  const drawLatency = (): number =>
    typeof latency === 'number' ? latency : latency.min + random() * (latency.max - latency.min);

  const wait = (ms: number, signal: AbortSignal | undefined) =>
    new Promise<void>((resolve, reject) => {
      const finish = (error?: MediaError) => {
        clearTimeout(timer);
        pending.delete(finish);
        signal?.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve();
      };
      const onAbort = () =>
        finish(new MediaError('ABORTED', 'The operation was aborted', { cause: signal?.reason }));
      const timer = setTimeout(() => finish(), ms);
      pending.add(finish);
      signal?.addEventListener('abort', onAbort, { once: true });
    });

  return {
    async call(signal, work) {
      if (disposed) throw disposedError();
      throwIfAborted(signal);
      // Draw in a fixed order (failure, then latency) so a seeded `random` replays exactly.
      const fails = failRate > 0 && random() < failRate;
      const delay = drawLatency();
      // Even without latency every call settles asynchronously, like a real transport.
      if (delay > 0) await wait(delay, signal);
      else await Promise.resolve();
      if (disposed) throw disposedError();
      throwIfAborted(signal);
      if (fails) {
        throw new MediaError('NETWORK_ERROR', 'Simulated network failure', { details: { simulated: true } });
      }
      return work();
    },
    dispose() {
      disposed = true;
      for (const finish of [...pending]) finish(disposedError());
    },
    get disposed() {
      return disposed;
    },
  };
}
