import { randomUUID } from 'node:crypto';
import { kindOf, MediaError, type MediaFile, sanitizeFileName, stripUnsafeCharacters } from 'mediashelf/core';
import { commitObject, committedFile, writeObject } from './ingest';
import type { MediaContext, ServiceReplaceParams, ServiceUploadParams } from './MediaService';
import { checkContext, checkId, findFile, recordHistory, type ServiceRuntime } from './ServiceRuntime';
import { toMediaFile } from './toMediaFile';
import { insertVersion, switchToNewVersion } from './versionRows';

function uploadName(fileName: unknown): string {
  if (typeof fileName !== 'string') {
    throw new MediaError('VALIDATION_ERROR', 'fileName must be a string', { details: { field: 'fileName' } });
  }
  if (stripUnsafeCharacters(fileName) === '') {
    throw new MediaError('VALIDATION_ERROR', 'fileName must not be empty', {
      details: { field: 'fileName' },
    });
  }
  return sanitizeFileName(fileName);
}

/**
 * Uploads a new file: streams the body to storage (hashing and counting, checking its type),
 * then commits the row, its first version and the history entry in one transaction. When any
 * step fails nothing is left: neither a row nor an object.
 */
export async function uploadMedia(
  runtime: ServiceRuntime,
  context: MediaContext,
  params: ServiceUploadParams,
): Promise<MediaFile> {
  checkContext(context);
  const fileName = uploadName(params.fileName);
  const object = await writeObject(runtime, context, params, fileName, 1);
  const id = randomUUID();
  const row = await commitObject(
    runtime,
    object,
    async (trx) => {
      const now = runtime.clock();
      const inserted = await trx
        .insertInto('media_files')
        .values({
          id,
          tenant_id: context.tenantId,
          owner_id: context.userId,
          file_name: fileName,
          original_file_name: fileName,
          file_size: object.fileSize,
          file_type: object.fileType,
          kind: kindOf(object.fileType),
          storage_key: object.storageKey,
          checksum_sha256: object.checksumSha256,
          upload_date: now,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await insertVersion(
        trx,
        context,
        id,
        1,
        {
          storageKey: object.storageKey,
          fileSize: object.fileSize,
          fileType: object.fileType,
          checksum: object.checksumSha256,
        },
        now,
      );
      await recordHistory(trx, runtime, context, id, 'upload', {
        fileName,
        fileSize: object.fileSize,
        fileType: object.fileType,
      });
      return inserted;
    },
    () => committedFile(runtime, context, id, object.storageKey),
  );
  runtime.emit(context.tenantId, { type: 'media.changed', ids: [id], change: 'created' });
  return toMediaFile(row, runtime);
}

/**
 * Replaces a file's content as a new version under a new storage key, then switches the row in
 * one transaction: readers see the old version or the new one, never a half-written file, and
 * the id and every usage link stay. A file in the trash is `CONFLICT`.
 */
export async function replaceMedia(
  runtime: ServiceRuntime,
  context: MediaContext,
  params: ServiceReplaceParams,
): Promise<MediaFile> {
  checkContext(context);
  const id = checkId(params.id);
  const before = await findFile(runtime.db, context, id);
  if (before.status !== 'active') throw inTrash(id, 'replaced');
  const object = await writeObject(runtime, context, params, before.file_name, before.version + 1);
  const row = await commitObject(
    runtime,
    object,
    async (trx) => {
      const current = await findFile(trx, context, id, 'update');
      if (current.status !== 'active') throw inTrash(id, 'replaced');
      const version = current.version + 1;
      const now = runtime.clock();
      const updated = await switchToNewVersion(
        trx,
        context,
        id,
        version,
        {
          storageKey: object.storageKey,
          fileSize: object.fileSize,
          fileType: object.fileType,
          checksum: object.checksumSha256,
        },
        now,
      );
      await recordHistory(trx, runtime, context, id, 'replace', {
        version,
        previousVersion: current.version,
        fileSize: object.fileSize,
        fileType: object.fileType,
      });
      return updated;
    },
    () => committedFile(runtime, context, id, object.storageKey),
  );
  runtime.emit(context.tenantId, { type: 'media.changed', ids: [id], change: 'replaced' });
  return toMediaFile(row, runtime);
}

/** The `CONFLICT` of an operation that needs an active file. */
export function inTrash(id: string, verb: string): MediaError {
  return new MediaError('CONFLICT', `The file is in the trash and cannot be ${verb}; restore it first`, {
    details: { id, status: 'deleted' },
  });
}
