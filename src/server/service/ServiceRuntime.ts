import type { Kysely, Transaction } from 'kysely';
import { MediaError, type MediaEvent, type MediaHistoryOperation } from 'mediashelf/core';
import { isUuid } from '../db/isUuid';
import type { MediaDatabase, MediaFileRow } from '../db/MediaDatabase';
import type { StorageDriver } from '../storage/StorageDriver';
import type { MediaContext } from './MediaService';

/** Limits the service enforces on uploads and replacements. */
export interface MediaServiceLimits {
  /** Largest file in bytes (default 5 GiB). */
  maxFileSize?: number;
  /** Accepted MIME patterns such as `video/*` or `application/pdf`; everything when omitted. */
  acceptTypes?: string[];
}

/** What every part of the service shares. Internal: built by `createMediaService`. */
export interface ServiceRuntime {
  db: Kysely<MediaDatabase>;
  storage: StorageDriver;
  clock: () => Date;
  maxFileSize: number;
  acceptTypes: string[] | null;
  retentionDays: number;
  /** URL of a version's content, as returned in `MediaFile.url` and `MediaVersion.url`. */
  contentUrl: (file: { id: string; version: number }) => string;
  emit: (tenantId: string, event: MediaEvent) => void;
}

/** A database handle: the service's Kysely or a transaction of it. */
export type Db = Kysely<MediaDatabase> | Transaction<MediaDatabase>;

/** Checks the caller context; a missing tenant or user is a programming error of the host. */
export function checkContext(context: MediaContext): void {
  if (!context || typeof context.tenantId !== 'string' || context.tenantId === '') {
    throw new MediaError('UNAUTHENTICATED', 'A tenant id is required');
  }
  if (typeof context.userId !== 'string' || context.userId === '') {
    throw new MediaError('UNAUTHENTICATED', 'A user id is required');
  }
}

/**
 * Checks a media id: not a string is `VALIDATION_ERROR`; a string that is not a UUID cannot
 * name any file, so it is `NOT_FOUND` without asking the database.
 */
export function checkId(id: unknown, field = 'id'): string {
  if (typeof id !== 'string' || id.trim() === '') {
    throw new MediaError('VALIDATION_ERROR', `${field} must be a non-empty string`, { details: { field } });
  }
  if (!isUuid(id)) throw notFound(id);
  return id.toLowerCase();
}

/** The `NOT_FOUND` error of a file id. */
export function notFound(id: string): MediaError {
  return new MediaError('NOT_FOUND', `No media file with id ${id}`, { details: { id } });
}

/**
 * Reads a file of the caller's tenant, optionally locking its row (`update` for state changes,
 * `noKeyUpdate` for links, which must not block foreign-key checks). `NOT_FOUND` when absent.
 */
export async function findFile(
  db: Db,
  context: MediaContext,
  id: string,
  lock?: 'update' | 'noKeyUpdate',
): Promise<MediaFileRow> {
  let query = db
    .selectFrom('media_files')
    .selectAll()
    .where('id', '=', id)
    .where('tenant_id', '=', context.tenantId)
    .where('status', '<>', 'processing');
  if (lock === 'update') query = query.forUpdate();
  if (lock === 'noKeyUpdate') query = query.forNoKeyUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound(id);
  return row;
}

/** Appends a history entry in the caller's transaction. */
export async function recordHistory(
  db: Db,
  runtime: ServiceRuntime,
  context: MediaContext,
  mediaId: string,
  operation: MediaHistoryOperation,
  data: Record<string, unknown> = {},
): Promise<void> {
  await db
    .insertInto('media_file_history')
    .values({
      media_id: mediaId,
      tenant_id: context.tenantId,
      actor_id: context.userId,
      operation,
      operation_data: data,
      timestamp: runtime.clock(),
    })
    .execute();
}

/** Whether a MIME type matches one of the accepted patterns (`image/*`, `application/pdf`). */
export function isAccepted(fileType: string, acceptTypes: string[] | null): boolean {
  if (!acceptTypes) return true;
  return acceptTypes.some((pattern) =>
    pattern.endsWith('/*') ? fileType.startsWith(pattern.slice(0, -1)) : fileType === pattern,
  );
}
