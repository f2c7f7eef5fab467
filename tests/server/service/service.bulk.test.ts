import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  UnknownRow,
} from 'kysely';
import type { BulkOperation } from 'mediashelf/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMediaService } from '../../../src/server/service/createMediaService';
import type { MediaContext, MediaService } from '../../../src/server/service/MediaService';
import { describeWithPostgres } from '../db/pgTestDatabase';
import { createServiceHarness, type HarnessDialect, type ServiceHarness } from './serviceHarness';
import { mapConcurrently, sleep, uploadText, waitFor } from './serviceTestUtils';

/** Delays every query's result: a slow database (or a busy one), so a job takes a while. */
class SlowQueries implements KyselyPlugin {
  constructor(private readonly delayMs: number) {}
  transformQuery(args: PluginTransformQueryArgs) {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    await sleep(this.delayMs);
    return args.result;
  }
}

interface ProgressEvent {
  at: number;
  worker: 'A' | 'B';
  operation: BulkOperation;
}

const BULK = { batchSize: 10, leaseMs: 500, pollIntervalMs: 100 };
const FILES = 300;
const IN_USE_EVERY = 15;

function durableSuite(dialect: HarnessDialect) {
  let harness: ServiceHarness;
  beforeAll(async () => {
    // The harness's own service never polls, so only services A and B below run jobs.
    harness = await createServiceHarness(dialect, { bulk: { pollIntervalMs: 0 } });
  }, 120_000);
  afterAll(async () => harness?.close());

  const operationOf = (context: MediaContext, id: string) => harness.service.getOperation(context, { id });

  it(`a bulk-delete of ${FILES} files survives its service closing mid-way and is finished by another`, async () => {
    const { service } = harness;
    const context = harness.newContext();
    const files = await mapConcurrently(
      Array.from({ length: FILES }, (_, i) => i),
      dialect === 'postgres' ? 10 : 1,
      (i) => uploadText(service, context, `file ${i}`, `file-${i}.txt`),
    );
    const ids = files.map((file) => file.id);
    const inUse = ids.filter((_, i) => i % IN_USE_EVERY === 0);
    for (const mediaId of inUse) {
      await service.linkMedia(context, { mediaId, resourceType: 'lesson', resourceId: `lesson-${mediaId}` });
    }
    const free = ids.filter((id) => !inUse.includes(id));

    const progress: ProgressEvent[] = [];
    const record = (worker: 'A' | 'B', target: MediaService) =>
      target.subscribe(({ tenantId, event }) => {
        if (event.type === 'operation.progress' && tenantId === context.tenantId) {
          progress.push({ at: Date.now(), worker, operation: event.operation });
        }
      });

    // Service A: "process A", on a slow connection so that the job takes a while.
    const serviceA = createMediaService({
      db: harness.database.db.withPlugin(new SlowQueries(4)),
      storage: harness.storage,
      bulk: { ...BULK, workerId: 'worker-A' },
    });
    record('A', serviceA);
    const started = await serviceA.startBulkOperation(context, { type: 'bulk-delete', ids });
    expect(started).toMatchObject({ status: 'queued', total: FILES, processed: 0 });
    await waitFor(
      async () => ((await operationOf(context, started.id)).processed >= 100 ? true : undefined),
      30_000,
      5,
    );
    await serviceA.close();
    const atClose = await operationOf(context, started.id);
    expect(atClose.status).toBe('processing');
    expect(atClose.processed).toBeGreaterThanOrEqual(100);
    expect(atClose.processed).toBeLessThan(FILES);
    expect(atClose.processed % BULK.batchSize).toBe(0);
    // Nobody works on it now: A stopped after its batch and released its lease for the next worker.
    const released = await harness.database.db
      .selectFrom('media_operations')
      .select(['locked_by', 'locked_until'])
      .where('id', '=', started.id)
      .executeTakeFirstOrThrow();
    expect(released).toEqual({ locked_by: null, locked_until: null });
    await sleep(150);
    expect((await operationOf(context, started.id)).processed).toBe(atClose.processed);

    // Service B: "another process" (on PostgreSQL a second pool) claims it at its first poll.
    const serviceB = await harness.openAnother({ bulk: { ...BULK, workerId: 'worker-B' } });
    record('B', serviceB);
    const done = await waitFor(
      async () => {
        const operation = await operationOf(context, started.id);
        return operation.status === 'completed' ? operation : undefined;
      },
      30_000,
      25,
    );
    expect(done).toMatchObject({ status: 'completed', total: FILES, processed: FILES, percentage: 100 });
    expect([...done.succeeded].sort()).toEqual([...free].sort());
    expect(done.failed.map((item) => item.mediaId).sort()).toEqual([...inUse].sort());
    expect(new Set(done.failed.map((item) => item.code))).toEqual(new Set(['MEDIA_IN_USE']));

    const job = await harness.database.db
      .selectFrom('media_operations')
      .select(['attempts', 'locked_by', 'failed_count', 'finished_at'])
      .where('id', '=', started.id)
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ attempts: 2, locked_by: null, failed_count: inUse.length });
    expect(job.finished_at).not.toBeNull();

    // Each file deleted exactly once: one `delete` history entry per trashed file, none for the rest.
    const deletes = await harness.database.db
      .selectFrom('media_file_history')
      .select(['media_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('tenant_id', '=', context.tenantId)
      .where('operation', '=', 'delete')
      .groupBy('media_id')
      .execute();
    expect(deletes.map((row) => row.media_id).sort()).toEqual([...free].sort());
    expect(new Set(deletes.map((row) => Number(row.n)))).toEqual(new Set([1]));
    const statuses = await harness.database.db
      .selectFrom('media_files')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('tenant_id', '=', context.tenantId)
      .groupBy('status')
      .orderBy('status')
      .execute();
    expect(statuses.map((row) => [row.status, Number(row.n)])).toEqual([
      ['active', inUse.length],
      ['deleted', free.length],
    ]);

    // Both workers did part of the job, and reported it.
    const byA = progress.filter((event) => event.worker === 'A' && event.operation.status === 'processing');
    const byB = progress.filter((event) => event.worker === 'B');
    expect(byA.length).toBeGreaterThan(0);
    expect(byB.length).toBeGreaterThan(0);
    expect(Math.max(...byA.map((event) => event.operation.processed))).toBeLessThanOrEqual(atClose.processed);
    expect(Math.min(...byB.map((event) => event.operation.processed))).toBeGreaterThan(atClose.processed);

    // Progress is batched: at most one event per ~100 ms per worker (the margin absorbs the
    // jitter of the query each event reads; an unbatched worker emits every batch, ~10 ms apart).
    for (const events of [byA, byB.filter((event) => event.operation.status === 'processing')]) {
      for (let i = 1; i < events.length; i += 1) {
        expect(events[i]!.at - events[i - 1]!.at).toBeGreaterThanOrEqual(60);
      }
    }
    // The final state is emitted, last, with the whole outcome.
    const last = progress[progress.length - 1]!;
    expect(last.worker).toBe('B');
    expect(last.operation).toEqual(done);
    expect(progress.filter((event) => event.operation.status === 'completed')).toHaveLength(1);
    // Progress never goes backwards.
    const processed = progress.map((event) => event.operation.processed);
    expect(processed).toEqual([...processed].sort((a, b) => a - b));
  }, 90_000);
}

describe('durable bulk jobs on PGlite', () => durableSuite('pglite'));
describeWithPostgres('durable bulk jobs on PostgreSQL', () => durableSuite('postgres'));
