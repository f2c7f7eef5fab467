import {
  decodeCursor,
  encodeCursor,
  type GetHistoryParams,
  MediaError,
  type MediaHistoryEntry,
  normalizePageSize,
  type Page,
} from 'mediashelf/core';
import type { MediaContext } from './MediaService';
import { checkContext, checkId, findFile, type ServiceRuntime } from './ServiceRuntime';
import { toHistoryEntry } from './toMediaFile';

const CURSOR_TAG = 'history';

/** A file's history, newest first, by keyset cursor on the entries' sequence number. */
export async function getHistory(
  runtime: ServiceRuntime,
  context: MediaContext,
  params: GetHistoryParams,
): Promise<Page<MediaHistoryEntry>> {
  checkContext(context);
  const id = checkId(params?.id);
  const limit = normalizePageSize(params.limit);
  await findFile(runtime.db, context, id);
  let query = runtime.db
    .selectFrom('media_file_history')
    .selectAll()
    .where('media_id', '=', id)
    .where('tenant_id', '=', context.tenantId);
  if (params.cursor) {
    const [mediaId, seq] = decodeCursor(CURSOR_TAG, params.cursor);
    if (mediaId !== id || typeof seq !== 'string' || !/^\d+$/.test(seq)) {
      throw new MediaError('VALIDATION_ERROR', 'cursor does not belong to this file', {
        details: { field: 'cursor' },
      });
    }
    query = query.where('seq', '<', Number(seq));
  }
  const rows = await query
    .orderBy('seq', 'desc')
    .limit(limit + 1)
    .execute();
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return {
    items: page.map(toHistoryEntry),
    nextCursor: hasMore && last ? encodeCursor(CURSOR_TAG, [id, String(last.seq)]) : null,
  };
}
