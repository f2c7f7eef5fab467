import { type ListMediaParams, normalizeListParams } from 'mediashelf/core';
import type { QueryValues } from './createHttpClient';

/**
 * The query string values of `GET /files`: only what the caller set (the server applies the
 * defaults), arrays comma-separated. Parameters are checked first, so an invalid one rejects
 * `VALIDATION_ERROR` without a round trip, exactly as the server would.
 */
export function buildListQuery(params: ListMediaParams = {}): QueryValues {
  normalizeListParams(params);
  const kind = params.kind;
  return {
    search: typeof params.search === 'string' && params.search.trim() !== '' ? params.search : undefined,
    kind: Array.isArray(kind) ? (kind.length > 0 ? kind : undefined) : kind,
    status: params.status,
    usage: params.usage,
    orphanAgeDays: params.orphanAgeDays,
    sort: params.sort,
    order: params.order,
    cursor: params.cursor || undefined,
    limit: params.limit,
    includeTotal: params.includeTotal ? true : undefined,
  };
}
