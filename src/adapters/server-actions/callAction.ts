import { isAbortError, isMediaError, MediaError, throwIfAborted, unwrapEnvelope } from 'mediashelf/core';

/**
 * Runs a server action and unwraps its envelope. A throwing action (the framework could not
 * reach the server) is `NETWORK_ERROR`; an abort is `ABORTED`.
 */
export async function invokeAction<T>(name: string, run: () => Promise<unknown>): Promise<T> {
  let result: unknown;
  try {
    result = await run();
  } catch (error) {
    if (isMediaError(error)) throw error;
    if (isAbortError(error)) throw new MediaError('ABORTED', `${name} was aborted`, { cause: error });
    const reason = error instanceof Error && error.message ? `: ${error.message}` : '';
    throw new MediaError('NETWORK_ERROR', `The ${name} server action failed${reason}`, { cause: error });
  }
  return unwrapEnvelope<T>(result);
}

/**
 * Settles like `promise`, or rejects `ABORTED` as soon as `signal` fires. A server action cannot
 * be cancelled once sent, so this only stops the caller waiting; the server finishes on its own.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () =>
      reject(new MediaError('ABORTED', 'The operation was aborted', { cause: signal.reason }));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** {@link invokeAction} unless `signal` has fired, racing the signal. */
export async function callAction<T>(
  name: string,
  run: () => Promise<unknown>,
  signal?: AbortSignal,
): Promise<T> {
  throwIfAborted(signal);
  return raceAbort(invokeAction<T>(name, run), signal);
}

/** A copy of `value` without its undefined properties, for a smaller serialised payload. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
