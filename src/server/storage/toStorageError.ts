import { isAbortError, isMediaError, MediaError } from 'mediashelf/core';

/**
 * Wraps a failure of a storage backend: a `MediaError` passes through, an abort becomes
 * `ABORTED`, anything else `STORAGE_ERROR` with the original as `cause`.
 */
export function toStorageError(
  error: unknown,
  action: string,
  details?: Record<string, unknown>,
): MediaError {
  if (isMediaError(error)) return error;
  const options = details === undefined ? { cause: error } : { cause: error, details };
  if (isAbortError(error)) return new MediaError('ABORTED', `${action} was aborted`, options);
  const reason = error instanceof Error && error.message ? `: ${error.message}` : '';
  return new MediaError('STORAGE_ERROR', `${action} failed${reason}`, options);
}
