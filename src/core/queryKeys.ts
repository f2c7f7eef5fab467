import { normalizeListParams } from './listParams';
import type { ListMediaParams } from './MediaAdapter';

/** Filters as they appear in a list query key: defaults filled, no cursor or signal. */
export type MediaListKeyFilters = Omit<ReturnType<typeof normalizeListParams>, 'cursor' | 'limit'>;

/**
 * Builds the TanStack Query keys of one media library. Every key starts with
 * `['mediashelf', scope]`, so two libraries on one QueryClient (different adapters) never share
 * entries, and invalidating a prefix (`keys.all`, `keys.lists()`) reaches exactly what it names.
 */
export function createMediaQueryKeys(scope = 'default') {
  const all = ['mediashelf', scope] as const;
  const keys = {
    all,
    lists: () => [...all, 'list'] as const,
    /** A list key; equal filters (after defaults) give equal keys. */
    list: (params: ListMediaParams = {}) => {
      const { cursor: _cursor, limit: _limit, ...filters } = normalizeListParams(params);
      return [...all, 'list', filters as MediaListKeyFilters] as const;
    },
    files: () => [...all, 'file'] as const,
    file: (id: string) => [...all, 'file', id] as const,
    history: (id: string) => [...all, 'file', id, 'history'] as const,
    usage: (id: string) => [...all, 'file', id, 'usage'] as const,
    versions: (id: string) => [...all, 'file', id, 'versions'] as const,
    analytics: (orphanAgeDays?: number) =>
      [...all, 'analytics', { orphanAgeDays: orphanAgeDays ?? null }] as const,
    operations: () => [...all, 'operation'] as const,
    operation: (id: string) => [...all, 'operation', id] as const,
  };
  return keys;
}

/** Query keys of a library built by {@link createMediaQueryKeys}. */
export type MediaQueryKeys = ReturnType<typeof createMediaQueryKeys>;

/** Keys of the default scope. */
export const mediaKeys: MediaQueryKeys = createMediaQueryKeys();
