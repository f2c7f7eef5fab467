import { sql } from 'kysely';
import { isMediaError } from 'mediashelf/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaContext } from '../../../src/server/service/MediaService';
import { describeWithPostgres } from '../db/pgTestDatabase';
import { createServiceHarness, type HarnessDialect, type ServiceHarness } from './serviceHarness';
import { uploadText } from './serviceTestUtils';

type Outcome = 'linked' | 'deleted';

/** How one round ended, or why it is not one of the two allowed outcomes. */
function classify(
  link: PromiseSettledResult<unknown>,
  remove: PromiseSettledResult<unknown>,
  resourceId: string,
): Outcome | string {
  const codeOf = (result: PromiseRejectedResult) =>
    isMediaError(result.reason) ? result.reason.code : String(result.reason);
  if (link.status === 'fulfilled' && remove.status === 'rejected') {
    if (codeOf(remove) !== 'MEDIA_IN_USE') return `link won, delete rejected ${codeOf(remove)}`;
    const usage = (remove.reason as { details?: { usage?: { resourceId: string }[] } }).details?.usage ?? [];
    if (usage.length !== 1 || usage[0]?.resourceId !== resourceId) {
      return `MEDIA_IN_USE without the link in details.usage (${JSON.stringify(usage)})`;
    }
    return 'linked';
  }
  if (remove.status === 'fulfilled' && link.status === 'rejected') {
    return codeOf(link) === 'CONFLICT' ? 'deleted' : `delete won, link rejected ${codeOf(link)}`;
  }
  if (link.status === 'fulfilled') return 'BOTH succeeded';
  return `BOTH failed: link ${codeOf(link as PromiseRejectedResult)}, delete ${codeOf(remove as PromiseRejectedResult)}`;
}

/**
 * DESIGN §3 race rule: a link and a delete of the same file, started together, end in exactly
 * one of two ways, and the database never holds a file in the trash that is still linked.
 */
function raceSuite(dialect: HarnessDialect, rounds: number, concurrentRounds: number) {
  let harness: ServiceHarness;
  beforeAll(async () => {
    harness = await createServiceHarness(dialect, { bulk: { pollIntervalMs: 0 } });
  }, 120_000);
  afterAll(async () => harness?.close());

  it(`${rounds} rounds of linkMedia vs deleteMedia on a fresh file: exactly one wins each round`, async () => {
    const { service, database } = harness;
    const context: MediaContext = harness.newContext();
    const started = Date.now();
    const split: Record<Outcome, number> = { linked: 0, deleted: 0 };
    const anomalies: string[] = [];
    for (let first = 0; first < rounds; first += concurrentRounds) {
      const group = Array.from({ length: Math.min(concurrentRounds, rounds - first) }, (_, i) => first + i);
      const files = await Promise.all(
        group.map((round) => uploadText(service, context, `round ${round}`, `round-${round}.txt`)),
      );
      const settled = await Promise.all(
        group.map((round, i) => {
          const mediaId = files[i]!.id;
          const link = () =>
            service.linkMedia(context, { mediaId, resourceType: 'lesson', resourceId: `lesson-${round}` });
          const remove = () => service.deleteMedia(context, { id: mediaId });
          // Alternate which call is issued first, so neither side always has a head start.
          if (round % 2 === 0) {
            const linking = link();
            return Promise.allSettled([linking, remove()]);
          }
          const removing = remove();
          return Promise.allSettled([link(), removing]);
        }),
      );
      const state = new Map(
        (
          await database.db
            .selectFrom('media_files as f')
            .select((eb) => [
              'f.id',
              'f.status',
              'f.usage_count',
              eb
                .selectFrom('media_usage as u')
                .whereRef('u.media_id', '=', 'f.id')
                .select(eb.fn.countAll<number>().as('n'))
                .as('usage_rows'),
            ])
            .where(
              'f.id',
              'in',
              files.map((file) => file.id),
            )
            .execute()
        ).map((row) => [row.id, row]),
      );
      group.forEach((round, i) => {
        const [link, remove] = settled[i]!;
        const outcome = classify(link, remove, `lesson-${round}`);
        const row = state.get(files[i]!.id);
        const seen = `${row?.status}, ${row?.usage_rows} usage row(s), usage_count ${row?.usage_count}`;
        if (outcome === 'linked') {
          if (row?.status !== 'active' || Number(row.usage_rows) !== 1 || row.usage_count !== 1) {
            anomalies.push(`round ${round}: link won but the file is ${seen}`);
          } else split.linked += 1;
        } else if (outcome === 'deleted') {
          if (row?.status !== 'deleted' || Number(row.usage_rows) !== 0 || row.usage_count !== 0) {
            anomalies.push(`round ${round}: delete won but the file is ${seen}`);
          } else split.deleted += 1;
        } else anomalies.push(`round ${round}: ${outcome} (file ${seen})`);
      });
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.info(
      `[race ${dialect}] ${rounds} rounds in ${seconds} s: link won ${split.linked}, delete won ${split.deleted}`,
    );
    expect(anomalies).toEqual([]);
    expect(split.linked + split.deleted).toBe(rounds);

    // Over the whole tenant: no file in the trash is linked, and every counter matches its rows.
    const trashedButLinked = await sql<{ n: number }>`
      SELECT count(*)::integer AS n FROM media_files f JOIN media_usage u ON u.media_id = f.id
      WHERE f.tenant_id = ${context.tenantId} AND f.status = 'deleted'`.execute(database.db);
    expect(trashedButLinked.rows[0]!.n).toBe(0);
    const drifted = await sql<{ id: string }>`
      SELECT f.id FROM media_files f
      WHERE f.tenant_id = ${context.tenantId}
        AND f.usage_count <> (SELECT count(*) FROM media_usage u WHERE u.media_id = f.id)`.execute(
      database.db,
    );
    expect(drifted.rows).toEqual([]);
    const totals = await sql<{ files: number; deleted: number; usage: number }>`
      SELECT count(*)::integer AS files,
        count(*) FILTER (WHERE status = 'deleted')::integer AS deleted,
        (SELECT count(*)::integer FROM media_usage WHERE tenant_id = ${context.tenantId}) AS usage
      FROM media_files WHERE tenant_id = ${context.tenantId}`.execute(database.db);
    expect(totals.rows[0]).toEqual({ files: rounds, deleted: split.deleted, usage: split.linked });
    // The history agrees: one link entry per linked file, one delete entry per trashed file.
    const history = await database.db
      .selectFrom('media_file_history')
      .select(['operation', (eb) => eb.fn.countAll<number>().as('n')])
      .where('tenant_id', '=', context.tenantId)
      .where('operation', 'in', ['link', 'delete'])
      .groupBy('operation')
      .orderBy('operation')
      .execute();
    expect(history.map((row) => [row.operation, Number(row.n)])).toEqual(
      [
        ['delete', split.deleted],
        ['link', split.linked],
      ].filter(([, n]) => n !== 0),
    );
  }, 120_000);
}

describe('link vs delete race on PGlite', () => raceSuite('pglite', 50, 5));
describeWithPostgres('link vs delete race on PostgreSQL', () => raceSuite('postgres', 500, 8));
