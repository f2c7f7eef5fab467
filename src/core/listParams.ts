import { DEFAULT_ORPHAN_AGE_DAYS, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './constants';
import type { ListMediaParams, MediaSort, SortOrder, UsageFilter } from './MediaAdapter';
import { MediaError } from './MediaError';
import { MEDIA_KINDS, type MediaKind } from './types';

/** {@link ListMediaParams} with every default applied and every value checked. */
export interface NormalizedListParams {
  search: string | null;
  kinds: MediaKind[] | null;
  status: 'active' | 'deleted';
  usage: UsageFilter | null;
  orphanAgeDays: number;
  sort: MediaSort;
  order: SortOrder;
  cursor: string | null;
  limit: number;
  includeTotal: boolean;
}

const SORTS: readonly MediaSort[] = ['uploadDate', 'fileName', 'fileSize'];
const ORDERS: readonly SortOrder[] = ['asc', 'desc'];
const USAGES: readonly UsageFilter[] = ['used', 'unused', 'orphaned'];

function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new MediaError(
    'VALIDATION_ERROR',
    `${field} must be one of ${allowed.join(', ')}; received ${String(value)}`,
    {
      details: { field },
    },
  );
}

/**
 * Checks list parameters and fills the contract's defaults (status `active`, sort `uploadDate`,
 * order `desc`, limit 50, at most 200). Invalid values reject `VALIDATION_ERROR` naming the field.
 * A blank search counts as no search.
 */
export function normalizeListParams(params: ListMediaParams = {}): NormalizedListParams {
  const { search, kind, limit, orphanAgeDays } = params;
  if (search !== undefined && search !== null && typeof search !== 'string') {
    throw new MediaError('VALIDATION_ERROR', 'search must be a string', { details: { field: 'search' } });
  }
  let kinds: MediaKind[] | null = null;
  if (kind !== undefined && kind !== null) {
    const list = Array.isArray(kind) ? kind : [kind];
    for (const value of list) oneOf('kind', value, MEDIA_KINDS, 'other');
    kinds = list.length > 0 ? [...new Set(list)].sort() : null;
  }
  let pageSize = DEFAULT_PAGE_SIZE;
  if (limit !== undefined && limit !== null) {
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
      throw new MediaError('VALIDATION_ERROR', 'limit must be a positive integer', {
        details: { field: 'limit' },
      });
    }
    pageSize = Math.min(limit, MAX_PAGE_SIZE);
  }
  return {
    search: typeof search === 'string' && search.trim() !== '' ? search.trim() : null,
    kinds,
    status: oneOf('status', params.status, ['active', 'deleted'] as const, 'active'),
    usage:
      params.usage === undefined || params.usage === null
        ? null
        : oneOf('usage', params.usage, USAGES, 'used'),
    orphanAgeDays: normalizeOrphanAgeDays(orphanAgeDays),
    sort: oneOf('sort', params.sort, SORTS, 'uploadDate'),
    order: oneOf('order', params.order, ORDERS, 'desc'),
    cursor: typeof params.cursor === 'string' && params.cursor !== '' ? params.cursor : null,
    limit: pageSize,
    includeTotal: params.includeTotal === true,
  };
}

/** Checks an `orphanAgeDays` value (a finite number >= 0), defaulting to 30. */
export function normalizeOrphanAgeDays(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_ORPHAN_AGE_DAYS;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new MediaError('VALIDATION_ERROR', 'orphanAgeDays must be a number >= 0', {
      details: { field: 'orphanAgeDays' },
    });
  }
  return value;
}

/** Checks a page size for history pages (default 50, at most 200). */
export function normalizePageSize(limit: unknown): number {
  if (limit === undefined || limit === null) return DEFAULT_PAGE_SIZE;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
    throw new MediaError('VALIDATION_ERROR', 'limit must be a positive integer', {
      details: { field: 'limit' },
    });
  }
  return Math.min(limit, MAX_PAGE_SIZE);
}

/**
 * A short tag naming the query shape of normalised list parameters (everything but cursor and
 * limit). Cursors carry it, so a cursor from another filter or sort is refused.
 */
export function listCursorTag(params: NormalizedListParams): string {
  const shape = JSON.stringify([
    params.search,
    params.kinds,
    params.status,
    params.usage,
    params.usage === 'orphaned' ? params.orphanAgeDays : null,
    params.sort,
    params.order,
  ]);
  // FNV-1a: stable across runtimes, enough to tell query shapes apart.
  let hash = 0x811c9dc5;
  for (let index = 0; index < shape.length; index++) {
    hash ^= shape.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
