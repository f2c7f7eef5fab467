import type { BulkOperation } from 'mediashelf/core';
import type { MediaOperationRow } from '../../db/MediaDatabase';
import type { Db } from '../ServiceRuntime';

/** A `media_operations` row and its finished items as the contract's {@link BulkOperation}. */
export async function readOperation(db: Db, row: MediaOperationRow): Promise<BulkOperation> {
  const items = await db
    .selectFrom('media_operation_items')
    .select(['media_id', 'state', 'code', 'message'])
    .where('operation_id', '=', row.id)
    .where('state', '<>', 'pending')
    .orderBy('position')
    .execute();
  const operation: BulkOperation = {
    id: row.id,
    type: row.type,
    status: row.status,
    total: row.total,
    processed: row.processed,
    percentage: row.total === 0 ? 100 : Math.floor((row.processed * 100) / row.total),
    succeeded: [],
    failed: [],
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  };
  for (const item of items) {
    if (item.state === 'succeeded') operation.succeeded.push(item.media_id);
    else
      operation.failed.push({
        mediaId: item.media_id,
        code: item.code ?? 'INTERNAL',
        message: item.message ?? '',
      });
  }
  return operation;
}
