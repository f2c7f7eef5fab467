import { MediaError, type MediaFile, type MediaVersion, type RestoreVersionParams } from 'mediashelf/core';
import { mapDatabaseError } from '../db/mapDatabaseError';
import { withTransaction } from '../db/withTransaction';
import type { MediaContext } from './MediaService';
import { checkContext, checkId, findFile, recordHistory, type ServiceRuntime } from './ServiceRuntime';
import { toMediaFile } from './toMediaFile';
import { inTrash } from './uploadMedia';
import { switchToNewVersion } from './versionRows';

/** Versions of a file, newest first; exactly one is `current`. */
export async function listVersions(
  runtime: ServiceRuntime,
  context: MediaContext,
  params: { id: string },
): Promise<MediaVersion[]> {
  checkContext(context);
  const id = checkId(params?.id);
  const file = await findFile(runtime.db, context, id);
  const rows = await runtime.db
    .selectFrom('media_file_versions')
    .selectAll()
    .where('media_id', '=', id)
    .where('tenant_id', '=', context.tenantId)
    .orderBy('version_number', 'desc')
    .execute();
  return rows.map((row) => ({
    versionNumber: row.version_number,
    fileSize: Number(row.file_size),
    fileType: row.file_type,
    replacedAt: new Date(row.replaced_at).toISOString(),
    url: runtime.contentUrl({ id, version: row.version_number }),
    current: row.version_number === file.version,
  }));
}

/**
 * Makes a new current version (n + 1) with the content of version `versionNumber`, reusing its
 * stored object; history stays linear. An unknown version is `NOT_FOUND`.
 */
export async function restoreVersion(
  runtime: ServiceRuntime,
  context: MediaContext,
  params: RestoreVersionParams,
): Promise<MediaFile> {
  checkContext(context);
  const id = checkId(params?.id);
  const wanted = params.versionNumber;
  if (typeof wanted !== 'number' || !Number.isSafeInteger(wanted) || wanted < 1) {
    throw new MediaError('VALIDATION_ERROR', 'versionNumber must be a positive integer', {
      details: { field: 'versionNumber' },
    });
  }
  const row = await withTransaction(runtime.db, async (trx) => {
    const file = await findFile(trx, context, id, 'update');
    if (file.status !== 'active') throw inTrash(id, 'changed');
    const source = await trx
      .selectFrom('media_file_versions')
      .selectAll()
      .where('media_id', '=', id)
      .where('version_number', '=', wanted)
      .executeTakeFirst();
    if (!source) {
      throw new MediaError('NOT_FOUND', `The file has no version ${wanted}`, {
        details: { id, versionNumber: wanted },
      });
    }
    const version = file.version + 1;
    const now = runtime.clock();
    // The restored version reuses version k's object: media_files.storage_key stays unique per file.
    const updated = await switchToNewVersion(
      trx,
      context,
      id,
      version,
      {
        storageKey: source.storage_key,
        fileSize: source.file_size,
        fileType: source.file_type,
        checksum: source.checksum,
      },
      now,
    );
    await recordHistory(trx, runtime, context, id, 'version_restore', { from: wanted, version });
    return updated;
  }).catch((error) => {
    throw mapDatabaseError(error);
  });
  runtime.emit(context.tenantId, { type: 'media.changed', ids: [id], change: 'replaced' });
  return toMediaFile(row, runtime);
}
