import { useMutation } from '@tanstack/react-query';
import type { BulkOperation, MediaError, StartBulkOperationParams } from 'mediashelf/core';
import { useState } from 'react';
import { useMediaContext } from '../provider/useMediaContext';
import { useOperation } from '../queries/useOperation';

/** What {@link useBulkOperation} returns. */
export interface BulkOperationResult {
  /** Starts a job (one at a time per hook; starting another follows the new one). */
  start: (params: StartBulkOperationParams) => void;
  /** Like `start`, resolving with the job's first state. */
  startAsync: (params: StartBulkOperationParams) => Promise<BulkOperation>;
  /** Live state of the started job (events or polling), or null before one starts. */
  operation: BulkOperation | null;
  isStarting: boolean;
  /** The start request's error, else the progress query's. */
  error: MediaError | null;
  /** Forgets the job (e.g. when the progress bar is dismissed). */
  reset: () => void;
}

/**
 * Starts a bulk delete, restore or purge and follows it. The start reply seeds the operation's
 * cache entry, so the bar shows at once; later states come from the realtime bridge or from
 * polling (see {@link useOperation}). When the job ends, lists, analytics and the changed files
 * are refetched once.
 */
export function useBulkOperation(): BulkOperationResult {
  const { adapter, cache, queryClient } = useMediaContext();
  const [operationId, setOperationId] = useState<string | null>(null);
  const mutation = useMutation<BulkOperation, MediaError, StartBulkOperationParams>(
    {
      mutationFn: (params) => adapter.startBulkOperation(params),
      onSuccess: (operation) => {
        cache.writeOperation(operation);
        setOperationId(operation.id);
      },
    },
    queryClient,
  );
  const progress = useOperation(operationId);
  return {
    start: mutation.mutate,
    startAsync: mutation.mutateAsync,
    operation: progress.data ?? null,
    isStarting: mutation.isPending,
    error: mutation.error ?? progress.error,
    reset: () => {
      mutation.reset();
      setOperationId(null);
    },
  };
}
