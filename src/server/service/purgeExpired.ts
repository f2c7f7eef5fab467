import { withTransaction } from '../db/withTransaction';
import type { PurgeExpiredResult } from './MediaService';
import { purgeRow } from './purgeMedia';
import type { ServiceRuntime } from './ServiceRuntime';
import { removeObjects, sweepStorage } from './storageIntents';

const DAY_MS = 86_400_000;
const BATCH = 200;

/**
 * Purges every file (of every tenant) that has been in the trash longer than the retention
 * period, in batches that skip rows another purge holds, then finishes interrupted storage work.
 * Running it twice, or in two processes at once, purges each file exactly once.
 */
export async function purgeExpired(runtime: ServiceRuntime): Promise<PurgeExpiredResult> {
  const cutoff = new Date(runtime.clock().getTime() - runtime.retentionDays * DAY_MS);
  let purged = 0;
  for (;;) {
    const { ids, keys } = await withTransaction(runtime.db, async (trx) => {
      const rows = await trx
        .selectFrom('media_files')
        .selectAll()
        .where('status', '=', 'deleted')
        .where('deleted_at', '<', cutoff)
        .orderBy('id')
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
        .execute();
      const batchKeys: string[] = [];
      for (const row of rows) batchKeys.push(...(await purgeRow(trx, row.tenant_id, row)));
      return { ids: rows.map((row) => ({ id: row.id, tenantId: row.tenant_id })), keys: batchKeys };
    });
    if (ids.length === 0) break;
    purged += ids.length;
    await removeObjects(runtime, keys);
    const byTenant = new Map<string, string[]>();
    for (const { id, tenantId } of ids) byTenant.set(tenantId, [...(byTenant.get(tenantId) ?? []), id]);
    for (const [tenantId, tenantIds] of byTenant) {
      runtime.emit(tenantId, { type: 'media.changed', ids: tenantIds, change: 'purged' });
    }
  }
  // Old finished jobs are history nobody reads; keep them as long as the trash.
  await runtime.db.deleteFrom('media_operations').where('finished_at', '<', cutoff).execute();
  const sweptObjects = await sweepStorage(runtime);
  return { purged, sweptObjects };
}
