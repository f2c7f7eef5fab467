import { QueryClient } from '@tanstack/react-query';
import { isMediaError, type MediaErrorCode } from 'mediashelf/core';
import { LIST_STALE_TIME_MS } from './MediaConfig';

// Only errors that a second attempt can cure are retried; a 404 or a validation error never is.
const TRANSIENT: ReadonlySet<MediaErrorCode> = new Set([
  'NETWORK_ERROR',
  'RATE_LIMITED',
  'STORAGE_ERROR',
  'INTERNAL',
]);
const MAX_RETRIES = 2;

/** Whether a failed query should be tried again: transient codes only, at most twice. */
export function shouldRetryMediaQuery(failureCount: number, error: unknown): boolean {
  if (failureCount >= MAX_RETRIES) return false;
  return !isMediaError(error) || TRANSIENT.has(error.code);
}

/**
 * The QueryClient a {@link MediaProvider} creates when the host passes none: lists fresh for 2
 * minutes (hooks set analytics' 5 minutes themselves, so a host client gets them too), retries
 * only for transient errors, mutations never retried (they are not all idempotent).
 */
export function createMediaQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: LIST_STALE_TIME_MS, retry: shouldRetryMediaQuery },
      mutations: { retry: false },
    },
  });
}
