import { sql } from 'kysely';
import {
  type GetAnalyticsParams,
  MEDIA_KINDS,
  type MediaKind,
  normalizeOrphanAgeDays,
  type StorageAnalytics,
} from 'mediashelf/core';
import type { MediaContext } from './MediaService';
import { checkContext, type ServiceRuntime } from './ServiceRuntime';

const DAY_MS = 86_400_000;

/**
 * Storage figures from `media_stats_daily` (kept by a trigger): totals, used and unused, trash and
 * by kind come from the summary rows (one per status, kind, used and upload day: ~16k for a
 * million files over 3 years, read in one pass); orphaned files add whole days before the cut-off
 * day from the same pass and the cut-off day's own files exactly, through the unused-files index.
 */
export async function getAnalytics(
  runtime: ServiceRuntime,
  context: MediaContext,
  params: GetAnalyticsParams = {},
): Promise<StorageAnalytics> {
  checkContext(context);
  const orphanAgeDays = normalizeOrphanAgeDays(params?.orphanAgeDays);
  const cutoff = new Date(runtime.clock().getTime() - orphanAgeDays * DAY_MS);
  const cutoffDay = cutoff.toISOString().slice(0, 10);
  const orphanedDay = sql<boolean>`status = 'active' AND NOT used AND upload_day < ${cutoffDay}::date`;
  // Two statements at once: the summary rows (whole days before the cut-off day counted as
  // orphaned in the same pass), and the cut-off day's own unused files.
  const [groups, orphanedEdge] = await Promise.all([
    runtime.db
      .selectFrom('media_stats_daily')
      .select(['status', 'kind', 'used'])
      .select((eb) => [
        eb.fn.sum<string>('file_count').as('count'),
        eb.fn.sum<string>('total_size').as('size'),
        sql<string>`sum(file_count) FILTER (WHERE ${orphanedDay})`.as('orphaned_count'),
        sql<string>`sum(total_size) FILTER (WHERE ${orphanedDay})`.as('orphaned_size'),
      ])
      .where('tenant_id', '=', context.tenantId)
      .groupBy(['status', 'kind', 'used'])
      .execute(),
    runtime.db
      .selectFrom('media_files')
      .select((eb) => [eb.fn.countAll<string>().as('count'), eb.fn.sum<string>('file_size').as('size')])
      .where('tenant_id', '=', context.tenantId)
      .where('status', '=', 'active')
      .where('usage_count', '=', 0)
      .where('upload_date', '>=', new Date(`${cutoffDay}T00:00:00.000Z`))
      .where('upload_date', '<', cutoff)
      .executeTakeFirst(),
  ]);
  const byKind = Object.fromEntries(
    MEDIA_KINDS.map((kind) => [kind, { count: 0, size: 0 }]),
  ) as StorageAnalytics['byKind'];
  const figures: StorageAnalytics = {
    totalFiles: 0,
    usedFiles: 0,
    unusedFiles: 0,
    totalSize: 0,
    orphanedFiles: Number(orphanedEdge?.count ?? 0),
    orphanedSize: Number(orphanedEdge?.size ?? 0),
    trashFiles: 0,
    trashSize: 0,
    byKind,
  };
  for (const group of groups) {
    const count = Number(group.count);
    const size = Number(group.size);
    figures.orphanedFiles += Number(group.orphaned_count ?? 0);
    figures.orphanedSize += Number(group.orphaned_size ?? 0);
    if (group.status === 'deleted') {
      figures.trashFiles += count;
      figures.trashSize += size;
      continue;
    }
    figures.totalFiles += count;
    figures.totalSize += size;
    if (group.used) figures.usedFiles += count;
    else figures.unusedFiles += count;
    const kind = byKind[group.kind as MediaKind];
    kind.count += count;
    kind.size += size;
  }
  return figures;
}
