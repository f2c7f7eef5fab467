import {
  type LinkMediaParams,
  MAX_RESOURCE_FIELD_LENGTH,
  MediaError,
  type MediaUsage,
  stripUnsafeCharacters,
  type UnlinkMediaParams,
} from 'mediashelf/core';
import { mapDatabaseError } from '../db/mapDatabaseError';
import { withTransaction } from '../db/withTransaction';
import type { MediaContext } from './MediaService';
import { checkContext, checkId, findFile, recordHistory, type ServiceRuntime } from './ServiceRuntime';
import { toMediaUsage } from './toMediaFile';

const MAX_TITLE_LENGTH = 1000;

function resourceField(value: unknown, field: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') {
    throw new MediaError('VALIDATION_ERROR', `${field} must be a non-empty string`, { details: { field } });
  }
  if (text.length > MAX_RESOURCE_FIELD_LENGTH) {
    throw new MediaError(
      'VALIDATION_ERROR',
      `${field} must be at most ${MAX_RESOURCE_FIELD_LENGTH} characters`,
      {
        details: { field },
      },
    );
  }
  return text;
}

function resourceTitle(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    throw new MediaError('VALIDATION_ERROR', 'resourceTitle must be a string', {
      details: { field: 'resourceTitle' },
    });
  }
  const title = stripUnsafeCharacters(value);
  return title === '' ? null : title.slice(0, MAX_TITLE_LENGTH);
}

/** Where a file is used, oldest link first. */
export async function getUsage(
  runtime: ServiceRuntime,
  context: MediaContext,
  params: { id: string },
): Promise<MediaUsage[]> {
  checkContext(context);
  const id = checkId(params?.id);
  await findFile(runtime.db, context, id);
  const rows = await runtime.db
    .selectFrom('media_usage')
    .selectAll()
    .where('media_id', '=', id)
    .where('tenant_id', '=', context.tenantId)
    .orderBy('linked_at')
    .orderBy('id')
    .execute();
  return rows.map(toMediaUsage);
}

/**
 * Links a file to a resource. The file row is locked (`FOR NO KEY UPDATE`) and must be active, so
 * a concurrent delete either sees this link or happened first and this link fails `CONFLICT`.
 * Repeating a link resolves with the existing usage.
 */
export async function linkMedia(
  runtime: ServiceRuntime,
  context: MediaContext,
  params: LinkMediaParams,
): Promise<MediaUsage> {
  checkContext(context);
  const id = checkId(params?.mediaId, 'mediaId');
  const resourceType = resourceField(params.resourceType, 'resourceType');
  const resourceId = resourceField(params.resourceId, 'resourceId');
  const title = resourceTitle(params.resourceTitle);
  const { usage, created } = await withTransaction(runtime.db, async (trx) => {
    const file = await findFile(trx, context, id, 'noKeyUpdate');
    if (file.status !== 'active') {
      throw new MediaError('CONFLICT', 'A file in the trash cannot be linked; restore it first', {
        details: { id, status: file.status },
      });
    }
    const inserted = await trx
      .insertInto('media_usage')
      .values({
        media_id: id,
        tenant_id: context.tenantId,
        resource_type: resourceType,
        resource_id: resourceId,
        resource_title: title,
        linked_at: runtime.clock(),
      })
      .onConflict((conflict) => conflict.columns(['media_id', 'resource_type', 'resource_id']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!inserted) {
      const existing = await trx
        .selectFrom('media_usage')
        .selectAll()
        .where('media_id', '=', id)
        .where('resource_type', '=', resourceType)
        .where('resource_id', '=', resourceId)
        .executeTakeFirstOrThrow();
      return { usage: existing, created: false };
    }
    await recordHistory(trx, runtime, context, id, 'link', {
      resourceType,
      resourceId,
      resourceTitle: title,
    });
    return { usage: inserted, created: true };
  }).catch((error) => {
    throw mapDatabaseError(error);
  });
  if (created) runtime.emit(context.tenantId, { type: 'media.changed', ids: [id], change: 'linked' });
  return toMediaUsage(usage);
}

/** Removes a link; removing one that does not exist resolves (unknown files are `NOT_FOUND`). */
export async function unlinkMedia(
  runtime: ServiceRuntime,
  context: MediaContext,
  params: UnlinkMediaParams,
): Promise<void> {
  checkContext(context);
  const id = checkId(params?.mediaId, 'mediaId');
  const resourceType = resourceField(params.resourceType, 'resourceType');
  const resourceId = resourceField(params.resourceId, 'resourceId');
  const removed = await withTransaction(runtime.db, async (trx) => {
    await findFile(trx, context, id, 'noKeyUpdate');
    const deleted = await trx
      .deleteFrom('media_usage')
      .where('media_id', '=', id)
      .where('resource_type', '=', resourceType)
      .where('resource_id', '=', resourceId)
      .returning('id')
      .executeTakeFirst();
    if (deleted) await recordHistory(trx, runtime, context, id, 'unlink', { resourceType, resourceId });
    return Boolean(deleted);
  }).catch((error) => {
    throw mapDatabaseError(error);
  });
  if (removed) runtime.emit(context.tenantId, { type: 'media.changed', ids: [id], change: 'unlinked' });
}
