import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MediaContext, MediaService, TenantEvent } from '../../../src/server/service/MediaService';
import { describeWithPostgres } from '../db/pgTestDatabase';
import { createFaultyStorage, type FaultyStorage } from './faultyStorage';
import { createServiceHarness, type HarnessDialect, type ServiceHarness } from './serviceHarness';
import {
  contentOf,
  expectStorageMatchesRows,
  mapConcurrently,
  rejection,
  textBytes,
  uploadText,
} from './serviceTestUtils';

const DAY = 86_400_000;
const RETENTION_DAYS = 30;

/**
 * purgeExpired purges every tenant's trash older than the retention period. The tests of a file
 * share one database, so each test starts with an empty trash: afterEach moves the clock far
 * ahead and purges whatever a test left behind.
 */
function purgeSuite(dialect: HarnessDialect) {
  let harness: ServiceHarness;
  let storage: FaultyStorage;
  let now = new Date('2031-01-01T00:00:00.000Z');
  const clock = () => now;
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  const events: TenantEvent[] = [];

  beforeAll(async () => {
    storage = createFaultyStorage();
    harness = await createServiceHarness(dialect, {
      storage,
      clock,
      retentionDays: RETENTION_DAYS,
      bulk: { pollIntervalMs: 0 },
    });
    harness.service.subscribe((event) => events.push(event));
  }, 120_000);
  afterAll(async () => harness?.close());
  afterEach(async () => {
    advance(10_000 * DAY);
    await harness.service.purgeExpired();
    await expectStorageMatchesRows(harness.database.db, storage);
    storage.resetLog();
  });

  const keysOf = async (ids: string[]) =>
    (
      await harness.database.db
        .selectFrom('media_file_versions')
        .select('storage_key')
        .where('media_id', 'in', ids)
        .execute()
    ).map((row) => row.storage_key);

  const rowsLeft = async (ids: string[]) => {
    const db = harness.database.db;
    const count = async (
      table: 'media_files' | 'media_file_versions' | 'media_file_history' | 'media_usage',
    ) =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where(table === 'media_files' ? 'id' : 'media_id', 'in', ids)
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      files: await count('media_files'),
      versions: await count('media_file_versions'),
      history: await count('media_file_history'),
      usage: await count('media_usage'),
    };
  };

  const purgedIds = (from: number, context?: MediaContext) =>
    events
      .slice(from)
      .filter(({ tenantId }) => !context || tenantId === context.tenantId)
      .flatMap(({ event }) => (event.type === 'media.changed' && event.change === 'purged' ? event.ids : []));

  it('purges trash older than the retention period with its objects, keeps the rest, and is idempotent', async () => {
    const { service } = harness;
    const context = harness.newContext();
    const start = now.getTime();
    // Two files trashed now (one with two versions and a past link), one trashed 20 days later.
    const old1 = await uploadText(service, context, 'old one v1', 'old1.txt');
    await service.replaceMedia(context, { id: old1.id, body: textBytes('old one v2') });
    await service.linkMedia(context, { mediaId: old1.id, resourceType: 'course', resourceId: 'c' });
    await service.unlinkMedia(context, { mediaId: old1.id, resourceType: 'course', resourceId: 'c' });
    const old2 = await uploadText(service, context, 'old two', 'old2.txt');
    const recent = await uploadText(service, context, 'recent', 'recent.txt');
    const active = await uploadText(service, context, 'active', 'active.txt');
    const linked = await uploadText(service, context, 'linked', 'linked.txt');
    await service.linkMedia(context, { mediaId: linked.id, resourceType: 'course', resourceId: 'c' });
    await service.deleteMedia(context, { id: old1.id });
    await service.deleteMedia(context, { id: old2.id });
    advance(20 * DAY);
    await service.deleteMedia(context, { id: recent.id });
    const oldKeys = await keysOf([old1.id, old2.id]);
    expect(oldKeys).toHaveLength(3);
    const keptKeys = await keysOf([recent.id, active.id, linked.id]);

    // Exactly at the retention boundary nothing is due yet.
    now = new Date(start + RETENTION_DAYS * DAY);
    expect(await service.purgeExpired()).toEqual({ purged: 0, sweptObjects: 0 });
    expect(storage.deleteRequests).toEqual([]);

    now = new Date(start + RETENTION_DAYS * DAY + 1);
    const from = events.length;
    expect(await service.purgeExpired()).toEqual({ purged: 2, sweptObjects: 0 });
    expect(purgedIds(from, context).sort()).toEqual([old1.id, old2.id].sort());
    expect(await rowsLeft([old1.id, old2.id])).toEqual({ files: 0, versions: 0, history: 0, usage: 0 });
    await rejection(service.getMedia(context, { id: old1.id }), 'NOT_FOUND');
    // Every object of the purged files removed, each exactly once.
    expect([...storage.deleteRequests].sort()).toEqual([...oldKeys].sort());
    for (const key of oldKeys) expect(await storage.exists(key)).toBe(false);
    for (const key of keptKeys) expect(await storage.exists(key)).toBe(true);
    expect(await contentOf(service, context, recent.id)).toBe('recent');
    expect(await service.getMedia(context, { id: recent.id })).toMatchObject({ status: 'deleted' });
    expect(await service.getMedia(context, { id: active.id })).toMatchObject({ status: 'active' });
    expect(await service.getMedia(context, { id: linked.id })).toMatchObject({
      status: 'active',
      usageCount: 1,
    });

    // Running it again purges nothing more and touches no object.
    storage.resetLog();
    expect(await service.purgeExpired()).toEqual({ purged: 0, sweptObjects: 0 });
    expect(storage.deleteRequests).toEqual([]);

    // The recent one comes due 30 days after it was trashed.
    now = new Date(start + 20 * DAY + RETENTION_DAYS * DAY + 1);
    expect(await service.purgeExpired()).toEqual({ purged: 1, sweptObjects: 0 });
    await rejection(service.getMedia(context, { id: recent.id }), 'NOT_FOUND');
    expect((await service.listMedia(context, {})).items.map((file) => file.id).sort()).toEqual(
      [active.id, linked.id].sort(),
    );
    await expectStorageMatchesRows(harness.database.db, storage);
  });

  it('purges every tenant, in batches beyond one transaction (210 files, batches of 200)', async () => {
    const { service } = harness;
    const tenants = [harness.newContext(), harness.newContext()];
    const files = await mapConcurrently(
      Array.from({ length: 210 }, (_, i) => i),
      dialect === 'postgres' ? 10 : 4,
      async (i) => {
        const context = tenants[i % 2]!;
        const file = await uploadText(service, context, `file ${i}`, `f${i}.txt`);
        await service.deleteMedia(context, { id: file.id });
        return file.id;
      },
    );
    advance(RETENTION_DAYS * DAY + 1);
    const kept = await uploadText(service, tenants[0]!, 'kept');
    await service.deleteMedia(tenants[0]!, { id: kept.id });
    const from = events.length;
    expect(await service.purgeExpired()).toEqual({ purged: 210, sweptObjects: 0 });
    expect(purgedIds(from).sort()).toEqual([...files].sort());
    for (const context of tenants) {
      expect(new Set(purgedIds(from, context)).size).toBe(105);
    }
    expect(storage.deleteRequests).toHaveLength(210);
    expect(new Set(storage.deleteRequests).size).toBe(210);
    expect(await service.getMedia(tenants[0]!, { id: kept.id })).toMatchObject({ status: 'deleted' });
  }, 120_000);

  it('two concurrent purgeExpired runs purge each file exactly once', async () => {
    const { service } = harness;
    const other: MediaService = await harness.openAnother({ storage, clock, retentionDays: RETENTION_DAYS });
    const otherEvents: TenantEvent[] = [];
    other.subscribe((event) => otherEvents.push(event));
    const context = harness.newContext();
    const ids = await mapConcurrently(
      Array.from({ length: 320 }, (_, i) => i),
      dialect === 'postgres' ? 10 : 4,
      async (i) => {
        const file = await uploadText(service, context, `file ${i}`, `f${i}.txt`);
        await service.deleteMedia(context, { id: file.id });
        return file.id;
      },
    );
    const keys = await keysOf(ids);
    advance(RETENTION_DAYS * DAY + 1);
    const from = events.length;
    const [first, second] = await Promise.all([service.purgeExpired(), other.purgeExpired()]);
    console.info(`[purgeExpired ${dialect}] concurrent runs purged ${first.purged} + ${second.purged}`);
    expect(first.purged + second.purged).toBe(320);
    // Each file reported purged once, by exactly one of the two runs.
    const reported = [
      ...purgedIds(from, context),
      ...otherEvents.flatMap(({ event }) =>
        event.type === 'media.changed' && event.change === 'purged' ? event.ids : [],
      ),
    ];
    expect(reported).toHaveLength(320);
    expect(new Set(reported)).toEqual(new Set(ids));
    expect(await rowsLeft(ids)).toEqual({ files: 0, versions: 0, history: 0, usage: 0 });
    for (const key of keys) expect(await storage.exists(key)).toBe(false);
    // Deleting an object twice is harmless (a sweep may finish another run's batch), but every
    // object was asked to go, and nothing else was.
    expect(new Set(storage.deleteRequests)).toEqual(new Set(keys));
    expect(await Promise.all([service.purgeExpired(), other.purgeExpired()])).toEqual([
      { purged: 0, sweptObjects: 0 },
      { purged: 0, sweptObjects: 0 },
    ]);
  }, 120_000);
}

describe('purgeExpired on PGlite', () => purgeSuite('pglite'));
describeWithPostgres('purgeExpired on PostgreSQL', () => purgeSuite('postgres'));
