import type { Transaction } from 'kysely';
import { MediaError, resolveMimeType, throwIfAborted } from 'mediashelf/core';
import type { MediaDatabase, MediaFileRow } from '../db/MediaDatabase';
import { mapDatabaseError } from '../db/mapDatabaseError';
import { withTransaction } from '../db/withTransaction';
import { createStorageKey } from '../storage/createStorageKey';
import { inspectBody } from './inspectBody';
import type { MediaContext, ServiceUploadParams } from './MediaService';
import { isAccepted, type ServiceRuntime } from './ServiceRuntime';
import { forgetIntent, removeObjects } from './storageIntents';

/** A body written to storage, waiting for its database row. */
export interface IngestedObject {
  storageKey: string;
  fileSize: number;
  fileType: string;
  checksumSha256: string;
}

/**
 * Streams a body to storage under a fresh key, recording the key first as an upload intent so
 * that a crash between the storage write and the database commit leaves a record to clean up.
 * Checks size and type before and while streaming. Resolves once the object is complete.
 */
export async function writeObject(
  runtime: ServiceRuntime,
  context: MediaContext,
  params: Omit<ServiceUploadParams, 'fileName'>,
  nameForType: string,
  version: number,
): Promise<IngestedObject> {
  throwIfAborted(params.signal);
  const declaredType = resolveMimeType(params.contentType, nameForType);
  if (params.size !== undefined && params.size > runtime.maxFileSize) {
    throw tooLarge(runtime.maxFileSize);
  }
  if (!isAccepted(declaredType, runtime.acceptTypes) && declaredType !== 'application/octet-stream') {
    throw new MediaError('UNSUPPORTED_TYPE', `Files of type ${declaredType} are not accepted`, {
      details: { fileType: declaredType, accepted: runtime.acceptTypes },
    });
  }
  const storageKey = createStorageKey({ tenantId: context.tenantId, version, now: runtime.clock() });
  await runtime.db
    .insertInto('media_storage_intents')
    .values({ storage_key: storageKey, tenant_id: context.tenantId, reason: 'upload' })
    .execute()
    .catch((error) => {
      throw mapDatabaseError(error);
    });
  let fileType = declaredType;
  try {
    const body = inspectBody(params.body, {
      declaredType,
      acceptTypes: runtime.acceptTypes,
      onType: (type) => {
        fileType = type;
      },
      onProgress: params.onProgress,
      total: params.size,
    });
    const stored = await runtime.storage.put(storageKey, body, {
      contentType: declaredType,
      maxSize: runtime.maxFileSize,
      signal: params.signal,
    });
    // An abort that lands after the last byte still means "I do not want this file".
    throwIfAborted(params.signal);
    return { storageKey, fileSize: stored.size, fileType, checksumSha256: stored.sha256 };
  } catch (error) {
    await removeObjects(runtime, [storageKey]);
    throw error;
  }
}

/**
 * Commits an ingested object: runs `commit` (the database work) in a transaction, then clears the
 * upload intent. When the work fails before COMMIT, the transaction rolled back and the object is
 * removed at once. When the COMMIT itself fails, its outcome is unknown (the reply may have been
 * lost with the connection after the server committed): the object must not be deleted blindly.
 * `recover` reads whether the commit happened; if so its result stands, otherwise the object and
 * its intent stay for `sweepStorage`, which deletes the object only if no row references it.
 */
export async function commitObject<T>(
  runtime: ServiceRuntime,
  object: IngestedObject,
  commit: (trx: Transaction<MediaDatabase>) => Promise<T>,
  recover: () => Promise<T | undefined>,
): Promise<T> {
  let committing = false;
  let result: T;
  try {
    result = await withTransaction(runtime.db, async (trx) => {
      committing = false;
      const value = await commit(trx);
      committing = true;
      return value;
    });
  } catch (error) {
    if (!committing) {
      await removeObjects(runtime, [object.storageKey]);
      throw mapDatabaseError(error);
    }
    const recovered = await recover().catch(() => undefined);
    if (recovered === undefined) throw mapDatabaseError(error);
    result = recovered;
  }
  await forgetIntent(runtime, [object.storageKey]);
  return result;
}

/**
 * After a COMMIT of unknown outcome: the file row when the version holding `storageKey` was
 * committed, otherwise undefined.
 */
export async function committedFile(
  runtime: ServiceRuntime,
  context: MediaContext,
  id: string,
  storageKey: string,
): Promise<MediaFileRow | undefined> {
  const version = await runtime.db
    .selectFrom('media_file_versions')
    .select('media_id')
    .where('media_id', '=', id)
    .where('tenant_id', '=', context.tenantId)
    .where('storage_key', '=', storageKey)
    .executeTakeFirst();
  if (!version) return undefined;
  return runtime.db
    .selectFrom('media_files')
    .selectAll()
    .where('id', '=', id)
    .where('tenant_id', '=', context.tenantId)
    .executeTakeFirst();
}

function tooLarge(maxSize: number): MediaError {
  return new MediaError('FILE_TOO_LARGE', `The file is larger than the limit of ${maxSize} bytes`, {
    details: { maxSize },
  });
}
