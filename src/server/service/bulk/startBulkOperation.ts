import {
  type BulkOperation,
  type BulkOperationType,
  MAX_BULK_IDS,
  MediaError,
  type StartBulkOperationParams,
} from 'mediashelf/core';
import { mapDatabaseError } from '../../db/mapDatabaseError';
import { withTransaction } from '../../db/withTransaction';
import type { MediaContext } from '../MediaService';
import { checkContext, checkId, type ServiceRuntime } from '../ServiceRuntime';
import { readOperation } from './readOperation';

const TYPES: readonly BulkOperationType[] = ['bulk-delete', 'bulk-restore', 'bulk-purge'];
const INSERT_CHUNK = 1000;

function checkIds(ids: unknown): string[] {
  if (!Array.isArray(ids) || ids.length === 0) {
    throw new MediaError('VALIDATION_ERROR', 'ids must be a non-empty array of ids', {
      details: { field: 'ids' },
    });
  }
  if (ids.length > MAX_BULK_IDS) {
    throw new MediaError('VALIDATION_ERROR', `ids may hold at most ${MAX_BULK_IDS} ids`, {
      details: { field: 'ids' },
    });
  }
  for (const id of ids) {
    if (typeof id !== 'string' || id.trim() === '' || id.length > 255) {
      throw new MediaError(
        'VALIDATION_ERROR',
        'every id must be a non-empty string of at most 255 characters',
        {
          details: { field: 'ids' },
        },
      );
    }
  }
  // UUIDs in any case name one file; other strings are kept as given and fail NOT_FOUND later.
  return [...new Set((ids as string[]).map((id) => (/^[0-9a-f-]{36}$/i.test(id) ? id.toLowerCase() : id)))];
}

/**
 * Records a bulk job durably (the operation and one row per distinct id) and hands it to the
 * worker; answers at once with the queued operation. Progress comes through `getOperation` and
 * `operation.progress` events.
 */
export async function startBulkOperation(
  runtime: ServiceRuntime,
  context: MediaContext,
  params: StartBulkOperationParams,
  wake: () => void,
): Promise<BulkOperation> {
  checkContext(context);
  if (!TYPES.includes(params?.type)) {
    throw new MediaError('VALIDATION_ERROR', `type must be one of ${TYPES.join(', ')}`, {
      details: { field: 'type' },
    });
  }
  const ids = checkIds(params.ids);
  const operation = await withTransaction(runtime.db, async (trx) => {
    const now = runtime.clock();
    const row = await trx
      .insertInto('media_operations')
      .values({
        tenant_id: context.tenantId,
        actor_id: context.userId,
        type: params.type,
        total: ids.length,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    for (let start = 0; start < ids.length; start += INSERT_CHUNK) {
      await trx
        .insertInto('media_operation_items')
        .values(
          ids.slice(start, start + INSERT_CHUNK).map((mediaId, index) => ({
            operation_id: row.id,
            position: start + index,
            tenant_id: context.tenantId,
            media_id: mediaId,
          })),
        )
        .execute();
    }
    return readOperation(trx, row);
  }).catch((error) => {
    throw mapDatabaseError(error);
  });
  runtime.emit(context.tenantId, { type: 'operation.progress', operation });
  wake();
  return operation;
}

/** The current state of a bulk job of the caller's tenant. */
export async function getOperation(
  runtime: ServiceRuntime,
  context: MediaContext,
  params: { id: string },
): Promise<BulkOperation> {
  checkContext(context);
  const id = checkId(params?.id);
  const row = await runtime.db
    .selectFrom('media_operations')
    .selectAll()
    .where('id', '=', id)
    .where('tenant_id', '=', context.tenantId)
    .executeTakeFirst();
  if (!row) throw new MediaError('NOT_FOUND', `No operation with id ${id}`, { details: { id } });
  return readOperation(runtime.db, row);
}
