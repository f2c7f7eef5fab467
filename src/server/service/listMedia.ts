import { type Expression, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import {
  decodeCursor,
  encodeCursor,
  type ListMediaParams,
  listCursorTag,
  MediaError,
  type MediaFile,
  type NormalizedListParams,
  normalizeListParams,
  type Page,
} from 'mediashelf/core';
import { containsPattern } from '../db/escapeLikePattern';
import type { MediaDatabase } from '../db/MediaDatabase';
import type { MediaContext } from './MediaService';
import type { ServiceRuntime } from './ServiceRuntime';
import { toMediaFile } from './toMediaFile';

type FileQuery = SelectQueryBuilder<MediaDatabase, 'media_files', object>;

const DAY_MS = 86_400_000;

// Each sort key is the expression its keyset index starts with, and a text form of it that
// round-trips exactly through a cursor (timestamps keep their microseconds).
const SORT_KEYS = {
  uploadDate: {
    value: sql<string>`upload_date`,
    cursor: sql<string>`to_char(upload_date AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    cast: (value: unknown) => sql`${value}::timestamptz`,
  },
  fileName: {
    value: sql<string>`lower(file_name)`,
    cursor: sql<string>`lower(file_name)`,
    cast: (value: unknown) => sql`${value}::text`,
  },
  fileSize: {
    value: sql<string>`file_size`,
    cursor: sql<string>`file_size::text`,
    cast: (value: unknown) => sql`${value}::bigint`,
  },
} as const;

// A run of 3 letters or digits: the term has at least one trigram pg_trgm can look up.
const HAS_TRIGRAM = /[\p{L}\p{N}]{3}/u;

/**
 * Case-insensitive "contains" on the file name.
 *
 * A term with a trigram is `lower(file_name) LIKE '%term%'`, which the trigram index serves; the
 * planner then picks, from the pattern's histogram estimate, between that index (every match
 * fetched, then the top page sorted: best for rare terms) and walking the sort index while
 * filtering (stops after one page: best for common terms).
 *
 * A shorter term has no trigram, and pg_trgm answers such a LIKE by reading the whole GIN index
 * and rechecking every row (seconds on a million files, far slower than a plain scan), so it is
 * written as `strpos`, which the index cannot serve: the planner walks the sort index and filters,
 * quick for a common term, a full walk for a rare one.
 */
function containsTerm(term: string): Expression<SqlBool> {
  if (HAS_TRIGRAM.test(term)) return sql<SqlBool>`lower(file_name) LIKE ${containsPattern(term)}`;
  return sql<SqlBool>`strpos(lower(file_name), ${term.toLowerCase()}) > 0`;
}

/** Applies the filters of normalised list parameters (everything but the cursor). */
export function applyListFilters(
  query: FileQuery,
  context: MediaContext,
  params: NormalizedListParams,
  now: Date,
) {
  let filtered = query.where('tenant_id', '=', context.tenantId).where('status', '=', params.status);
  if (params.search) filtered = filtered.where(containsTerm(params.search));
  if (params.kinds) filtered = filtered.where('kind', 'in', params.kinds);
  if (params.usage === 'used') filtered = filtered.where('usage_count', '>', 0);
  if (params.usage === 'unused' || params.usage === 'orphaned')
    filtered = filtered.where('usage_count', '=', 0);
  if (params.usage === 'orphaned') {
    filtered = filtered.where('upload_date', '<', new Date(now.getTime() - params.orphanAgeDays * DAY_MS));
  }
  return filtered;
}

/**
 * Lists files by keyset pagination: the cursor carries the last row's sort value and id, and the
 * next page starts strictly after that position, so pages stay stable while files are added and
 * every page is an index range scan (no OFFSET).
 */
export async function listMedia(
  runtime: ServiceRuntime,
  context: MediaContext,
  input: ListMediaParams = {},
): Promise<Page<MediaFile>> {
  const params = normalizeListParams(input);
  const tag = listCursorTag(params);
  const key = SORT_KEYS[params.sort];
  const now = runtime.clock();
  let query = applyListFilters(runtime.db.selectFrom('media_files'), context, params, now);
  if (params.cursor) {
    const position = decodeCursor(tag, params.cursor);
    const [value, id] = position;
    if (position.length !== 2 || typeof value !== 'string' || typeof id !== 'string') {
      throw new MediaError('VALIDATION_ERROR', 'cursor is malformed', { details: { field: 'cursor' } });
    }
    const after: Expression<SqlBool> =
      params.order === 'desc'
        ? sql<SqlBool>`(${key.value}, id) < (${key.cast(value)}, ${id}::uuid)`
        : sql<SqlBool>`(${key.value}, id) > (${key.cast(value)}, ${id}::uuid)`;
    query = query.where(after);
  }
  const direction = params.order === 'desc' ? sql`DESC` : sql`ASC`;
  const rows = await query
    .selectAll()
    .select(key.cursor.as('cursor_value'))
    .orderBy(sql`${key.value} ${direction}`)
    .orderBy(sql`id ${direction}`)
    .limit(params.limit + 1)
    .execute();
  const hasMore = rows.length > params.limit;
  const pageRows = hasMore ? rows.slice(0, params.limit) : rows;
  const last = pageRows[pageRows.length - 1];
  const page: Page<MediaFile> = {
    items: pageRows.map((row) => toMediaFile(row, runtime)),
    nextCursor: hasMore && last ? encodeCursor(tag, [last.cursor_value, last.id]) : null,
  };
  if (params.includeTotal) {
    const counted = await applyListFilters(runtime.db.selectFrom('media_files'), context, params, now)
      .select((eb) => eb.fn.countAll<string>().as('total'))
      .executeTakeFirstOrThrow();
    page.total = Number(counted.total);
  }
  return page;
}
