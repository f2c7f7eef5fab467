import type { Transaction } from 'kysely';
import { kindOf } from 'mediashelf/core';
import type { MediaDatabase, MediaFileRow } from '../db/MediaDatabase';
import type { MediaContext } from './MediaService';

/** The stored content of one version. */
export interface VersionContent {
  storageKey: string;
  fileSize: number;
  fileType: string;
  checksum: string | null;
}

/** Records version `versionNumber` of a file. */
export async function insertVersion(
  trx: Transaction<MediaDatabase>,
  context: MediaContext,
  mediaId: string,
  versionNumber: number,
  content: VersionContent,
  at: Date,
): Promise<void> {
  await trx
    .insertInto('media_file_versions')
    .values({
      media_id: mediaId,
      tenant_id: context.tenantId,
      version_number: versionNumber,
      storage_key: content.storageKey,
      file_size: content.fileSize,
      file_type: content.fileType,
      checksum: content.checksum,
      replaced_at: at,
    })
    .execute();
}

/**
 * Records a new version and makes it the file's current one in the same transaction (replace and
 * version restore): readers see the old version or the new one, never a mix.
 */
export async function switchToNewVersion(
  trx: Transaction<MediaDatabase>,
  context: MediaContext,
  mediaId: string,
  versionNumber: number,
  content: VersionContent,
  at: Date,
): Promise<MediaFileRow> {
  await insertVersion(trx, context, mediaId, versionNumber, content, at);
  return trx
    .updateTable('media_files')
    .set({
      version: versionNumber,
      storage_key: content.storageKey,
      file_size: content.fileSize,
      file_type: content.fileType,
      kind: kindOf(content.fileType),
      checksum_sha256: content.checksum,
      updated_at: at,
    })
    .where('id', '=', mediaId)
    .returningAll()
    .executeTakeFirstOrThrow();
}
