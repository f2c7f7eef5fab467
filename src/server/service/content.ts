import { MediaError } from 'mediashelf/core';
import type { MediaContent, MediaContext, OpenContentParams } from './MediaService';
import { checkContext, checkId, findFile, type ServiceRuntime } from './ServiceRuntime';
import { toMediaFile } from './toMediaFile';

async function versionRow(runtime: ServiceRuntime, id: string, versionNumber: number) {
  const version = await runtime.db
    .selectFrom('media_file_versions')
    .selectAll()
    .where('media_id', '=', id)
    .where('version_number', '=', versionNumber)
    .executeTakeFirst();
  if (!version) {
    throw new MediaError('NOT_FOUND', `The file has no version ${versionNumber}`, {
      details: { id, versionNumber },
    });
  }
  return version;
}

/**
 * Opens the bytes of a file's current version, or of `version`, optionally a byte range, for an
 * authorised download. Files in the trash can still be read by their tenant (to preview before
 * restoring).
 */
export async function openContent(
  runtime: ServiceRuntime,
  context: MediaContext,
  params: OpenContentParams,
): Promise<MediaContent> {
  checkContext(context);
  const id = checkId(params?.id);
  const file = await findFile(runtime.db, context, id);
  const wanted = params.version ?? file.version;
  if (!Number.isSafeInteger(wanted) || wanted < 1) {
    throw new MediaError('VALIDATION_ERROR', 'version must be a positive integer', {
      details: { field: 'version' },
    });
  }
  const version = await versionRow(runtime, id, wanted);
  const opened = await runtime.storage.get(version.storage_key, params.range ? { range: params.range } : {});
  const content: MediaContent = {
    file: toMediaFile(file, runtime),
    versionNumber: wanted,
    fileType: version.file_type,
    body: opened.body,
    size: opened.size,
    contentLength: opened.contentLength,
    checksumSha256: version.checksum,
  };
  if (opened.range) content.range = opened.range;
  return content;
}

/**
 * A short-lived URL straight to storage for the current version (default 5 minutes), or null
 * when the storage driver cannot sign URLs.
 */
export async function signedContentUrl(
  runtime: ServiceRuntime,
  context: MediaContext,
  params: { id: string; expiresInSeconds?: number },
): Promise<string | null> {
  checkContext(context);
  const id = checkId(params?.id);
  // The file is looked up first: an id of another tenant is NOT_FOUND whatever the storage.
  const file = await findFile(runtime.db, context, id);
  if (!runtime.storage.signedUrl) return null;
  return runtime.storage.signedUrl(file.storage_key, {
    expiresInSeconds: params.expiresInSeconds ?? 300,
    fileName: file.file_name,
    contentType: file.file_type,
    disposition: 'inline',
  });
}
