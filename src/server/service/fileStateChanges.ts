import type { Transaction } from 'kysely';
import {
  type MediaChange,
  MediaError,
  type MediaFile,
  type MediaHistoryOperation,
  type RenameMediaParams,
  validateNewFileName,
} from 'mediashelf/core';
import type { MediaDatabase, MediaFileRow } from '../db/MediaDatabase';
import { mapDatabaseError } from '../db/mapDatabaseError';
import { withTransaction } from '../db/withTransaction';
import type { MediaContext } from './MediaService';
import { checkContext, checkId, findFile, recordHistory, type ServiceRuntime } from './ServiceRuntime';
import { toMediaFile, toMediaUsage } from './toMediaFile';
import { inTrash } from './uploadMedia';

/** One state change of a locked file row, inside its transaction. */
type Change = (trx: Transaction<MediaDatabase>, row: MediaFileRow) => Promise<MediaFileRow>;

async function changeFile(
  runtime: ServiceRuntime,
  context: MediaContext,
  rawId: unknown,
  change: MediaChange,
  apply: Change,
): Promise<MediaFile> {
  checkContext(context);
  const id = checkId(rawId);
  const row = await withTransaction(runtime.db, async (trx) =>
    apply(trx, await findFile(trx, context, id, 'update')),
  ).catch((error) => {
    throw mapDatabaseError(error);
  });
  runtime.emit(context.tenantId, { type: 'media.changed', ids: [id], change });
  return toMediaFile(row, runtime);
}

/**
 * Applies a trash transition to a row locked `FOR UPDATE`, re-checking usage under that lock so
 * a concurrent link cannot slip in between check and update (DESIGN.md §3 race rule). Shared by
 * the single operations and the bulk worker.
 */
export async function applyTrashTransition(
  trx: Transaction<MediaDatabase>,
  runtime: ServiceRuntime,
  context: MediaContext,
  row: MediaFileRow,
  target: 'deleted' | 'active',
): Promise<MediaFileRow> {
  if (target === 'deleted') {
    if (row.status !== 'active') {
      throw new MediaError('CONFLICT', 'The file is already in the trash', {
        details: { id: row.id, status: row.status },
      });
    }
    const usage = await trx
      .selectFrom('media_usage')
      .selectAll()
      .where('media_id', '=', row.id)
      .orderBy('linked_at')
      .execute();
    if (usage.length > 0) {
      throw new MediaError(
        'MEDIA_IN_USE',
        `The file is used in ${usage.length} place${usage.length === 1 ? '' : 's'}`,
        {
          details: { usage: usage.map(toMediaUsage) },
        },
      );
    }
  } else if (row.status !== 'deleted') {
    throw new MediaError('CONFLICT', 'The file is not in the trash', {
      details: { id: row.id, status: row.status },
    });
  }
  const now = runtime.clock();
  const updated = await trx
    .updateTable('media_files')
    .set({ status: target, deleted_at: target === 'deleted' ? now : null, updated_at: now })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const operation: MediaHistoryOperation = target === 'deleted' ? 'delete' : 'restore';
  await recordHistory(trx, runtime, context, row.id, operation);
  return updated;
}

/** Renames an active file (a file in the trash is `CONFLICT`). */
export function renameMedia(runtime: ServiceRuntime, context: MediaContext, params: RenameMediaParams) {
  const fileName = validateNewFileName(params?.fileName);
  return changeFile(runtime, context, params?.id, 'updated', async (trx, row) => {
    if (row.status !== 'active') throw inTrash(row.id, 'renamed');
    if (row.file_name === fileName) return row;
    const updated = await trx
      .updateTable('media_files')
      .set({ file_name: fileName, updated_at: runtime.clock() })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordHistory(trx, runtime, context, row.id, 'rename', { from: row.file_name, to: fileName });
    return updated;
  });
}

/** Moves a file to the trash; `MEDIA_IN_USE` with `details.usage` while it is linked. */
export function deleteMedia(runtime: ServiceRuntime, context: MediaContext, params: { id: string }) {
  return changeFile(runtime, context, params?.id, 'deleted', (trx, row) =>
    applyTrashTransition(trx, runtime, context, row, 'deleted'),
  );
}

/** Brings a file back from the trash. */
export function restoreMedia(runtime: ServiceRuntime, context: MediaContext, params: { id: string }) {
  return changeFile(runtime, context, params?.id, 'restored', (trx, row) =>
    applyTrashTransition(trx, runtime, context, row, 'active'),
  );
}
