import type { Transaction } from 'kysely';
import { MediaError } from 'mediashelf/core';
import type { MediaDatabase, MediaFileRow } from '../db/MediaDatabase';
import { mapDatabaseError } from '../db/mapDatabaseError';
import { withTransaction } from '../db/withTransaction';
import type { MediaContext } from './MediaService';
import { checkContext, checkId, findFile, type ServiceRuntime } from './ServiceRuntime';
import { recordDeleteIntents, removeObjects } from './storageIntents';

/**
 * Deletes a trashed file's rows (versions, usage and history cascade) and records its storage
 * keys as delete intents in the same transaction. Answers the keys; the caller removes the
 * objects after the commit, and `sweepStorage` retries whatever storage refuses.
 */
export async function purgeRow(
  trx: Transaction<MediaDatabase>,
  tenantId: string,
  row: MediaFileRow,
): Promise<string[]> {
  if (row.status !== 'deleted') {
    throw new MediaError('CONFLICT', 'Only files in the trash can be purged; move it to the trash first', {
      details: { id: row.id, status: row.status },
    });
  }
  const versions = await trx
    .selectFrom('media_file_versions')
    .select('storage_key')
    .where('media_id', '=', row.id)
    .execute();
  const keys = [...new Set([row.storage_key, ...versions.map((version) => version.storage_key)])];
  await trx.deleteFrom('media_files').where('id', '=', row.id).execute();
  await recordDeleteIntents(trx, tenantId, keys);
  return keys;
}

/** Removes a file from the trash for good: rows first, then its objects. */
export async function purgeMedia(
  runtime: ServiceRuntime,
  context: MediaContext,
  params: { id: string },
): Promise<void> {
  checkContext(context);
  const id = checkId(params?.id);
  const keys = await withTransaction(runtime.db, async (trx) =>
    purgeRow(trx, context.tenantId, await findFile(trx, context, id, 'update')),
  ).catch((error) => {
    throw mapDatabaseError(error);
  });
  await removeObjects(runtime, keys);
  runtime.emit(context.tenantId, { type: 'media.changed', ids: [id], change: 'purged' });
}
