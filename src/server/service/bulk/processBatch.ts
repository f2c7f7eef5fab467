import { sql } from 'kysely';
import { isMediaError, type MediaChange, MediaError } from 'mediashelf/core';
import { isUuid } from '../../db/isUuid';
import type { MediaOperationRow } from '../../db/MediaDatabase';
import { withTransaction } from '../../db/withTransaction';
import { applyTrashTransition } from '../fileStateChanges';
import type { MediaContext } from '../MediaService';
import { purgeRow } from '../purgeMedia';
import type { ServiceRuntime } from '../ServiceRuntime';
import { removeObjects } from '../storageIntents';

/** What one batch did. */
export interface BatchResult {
  /** Items handled in this batch; 0 when the job has no pending item left. */
  handled: number;
  changedIds: string[];
  /** False when another worker holds the job now (this worker's lease ran out). */
  leaseHeld: boolean;
}

const CHANGE_BY_TYPE: Record<MediaOperationRow['type'], MediaChange> = {
  'bulk-delete': 'deleted',
  'bulk-restore': 'restored',
  'bulk-purge': 'purged',
};

/** The `media.changed` kind of a bulk job's items. */
export const changeOf = (type: MediaOperationRow['type']) => CHANGE_BY_TYPE[type];

/**
 * Runs the next `batchSize` pending items of a job in one transaction: locks their files in id
 * order (so concurrent jobs cannot deadlock on each other), applies the same rules as the single
 * operations, records each item's outcome and the job's progress, and renews the lease. Item
 * failures (NOT_FOUND, MEDIA_IN_USE, CONFLICT) are recorded, not thrown.
 */
export async function processBatch(
  runtime: ServiceRuntime,
  operation: MediaOperationRow,
  workerId: string,
  batchSize: number,
  leaseMs: number,
): Promise<BatchResult> {
  const context: MediaContext = { tenantId: operation.tenant_id, userId: operation.actor_id ?? 'system' };
  const purgedKeys: string[] = [];
  const result = await withTransaction(runtime.db, async (trx) => {
    // A retried transaction starts over: forget the keys of the attempt that rolled back.
    purgedKeys.length = 0;
    const owned = await trx
      .updateTable('media_operations')
      .set({
        locked_until: sql<Date>`now() + ${`${leaseMs} milliseconds`}::interval`,
        updated_at: runtime.clock(),
      })
      .where('id', '=', operation.id)
      .where('locked_by', '=', workerId)
      .returning('id')
      .executeTakeFirst();
    if (!owned) return { handled: 0, changedIds: [], leaseHeld: false };
    const items = await trx
      .selectFrom('media_operation_items')
      .select(['position', 'media_id'])
      .where('operation_id', '=', operation.id)
      .where('state', '=', 'pending')
      .orderBy('position')
      .limit(batchSize)
      .execute();
    if (items.length === 0) return { handled: 0, changedIds: [], leaseHeld: true };
    const ids = items.map((item) => item.media_id).filter((id) => isUuid(id));
    const rows =
      ids.length === 0
        ? []
        : await trx
            .selectFrom('media_files')
            .selectAll()
            .where('id', 'in', ids)
            .where('tenant_id', '=', operation.tenant_id)
            .where('status', '<>', 'processing')
            .orderBy('id')
            .forUpdate()
            .execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    const outcomes: { position: number; code: string | null; message: string | null }[] = [];
    const changedIds: string[] = [];
    for (const item of items) {
      const row = byId.get(item.media_id);
      try {
        if (!row) throw new MediaError('NOT_FOUND', `No media file with id ${item.media_id}`);
        if (operation.type === 'bulk-purge')
          purgedKeys.push(...(await purgeRow(trx, operation.tenant_id, row)));
        else {
          const target = operation.type === 'bulk-delete' ? 'deleted' : 'active';
          await applyTrashTransition(trx, runtime, context, row, target);
        }
        outcomes.push({ position: item.position, code: null, message: null });
        changedIds.push(item.media_id);
      } catch (error) {
        if (!isMediaError(error)) throw error;
        outcomes.push({ position: item.position, code: error.code, message: error.message });
      }
    }
    const values = outcomes.map(
      (outcome) => sql`(${outcome.position}::integer, ${outcome.code}::text, ${outcome.message}::text)`,
    );
    await sql`UPDATE media_operation_items AS item
      SET state = CASE WHEN v.code IS NULL THEN 'succeeded' ELSE 'failed' END, code = v.code, message = v.message,
        updated_at = now()
      FROM (VALUES ${sql.join(values)}) AS v(position, code, message)
      WHERE item.operation_id = ${operation.id} AND item.position = v.position`.execute(trx);
    const failed = outcomes.filter((outcome) => outcome.code !== null).length;
    await trx
      .updateTable('media_operations')
      .set((eb) => ({
        processed: eb('processed', '+', outcomes.length),
        failed_count: eb('failed_count', '+', failed),
      }))
      .where('id', '=', operation.id)
      .execute();
    return { handled: items.length, changedIds, leaseHeld: true };
  });
  if (purgedKeys.length > 0) await removeObjects(runtime, purgedKeys);
  return result;
}
