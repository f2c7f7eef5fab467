import { isAbortError, isMediaError, MediaError } from 'mediashelf/core';

/**
 * Maps a failed `fetch` (or body read) to the contract: an abort is `ABORTED`, a MediaError
 * passes through, anything else means the server was not reached: `NETWORK_ERROR`.
 */
export function toRequestError(error: unknown, request: string, signal?: AbortSignal): MediaError {
  if (isMediaError(error)) return error;
  if (signal?.aborted || isAbortError(error)) {
    return new MediaError('ABORTED', `${request} was aborted`, { cause: error });
  }
  const reason = error instanceof Error && error.message ? `: ${error.message}` : '';
  return new MediaError('NETWORK_ERROR', `${request} could not reach the server${reason}`, { cause: error });
}
