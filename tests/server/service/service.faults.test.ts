import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMediaService } from '../../../src/server/service/createMediaService';
import type { MediaContext, MediaService } from '../../../src/server/service/MediaService';
import { encodeTenantSegment } from '../../../src/server/storage';
import { describeWithPostgres } from '../db/pgTestDatabase';
import { COMMIT, type FaultyDatabase, openFaultyDatabase } from './dbFaults';
import { createFaultyStorage, type FaultyStorage, type PutFault } from './faultyStorage';
import type { HarnessDialect } from './serviceHarness';
import {
  ageIntents,
  contentOf,
  expectStorageMatchesRows,
  intents,
  rejection,
  streamOf,
  textBytes,
  uploadText,
  waitFor,
} from './serviceTestUtils';

/**
 * Storage and database failures at every step of upload, replace, purge and bulk purge. After
 * each case (and at most one `purgeExpired`, with the upload grace period made to pass where an
 * upload's compensation itself failed) the objects in storage are exactly the keys that
 * media_files ∪ media_file_versions reference: nothing orphaned, nothing lost.
 */
function faultSuite(dialect: HarnessDialect) {
  let db: FaultyDatabase;
  let storage: FaultyStorage;
  let service: MediaService;

  beforeAll(async () => {
    db = await openFaultyDatabase(dialect);
    storage = createFaultyStorage();
    service = createMediaService({
      db: db.database,
      storage,
      bulk: { batchSize: 2, leaseMs: 5_000, pollIntervalMs: 100 },
    });
  }, 120_000);

  afterAll(async () => {
    await service?.close();
    await db?.close();
  });

  afterEach(async () => {
    db.faults.heal();
    storage.heal();
    // The invariant holds after every case, for the whole database and the whole storage.
    await expectStorageMatchesRows(db.inspect, storage);
    storage.resetLog();
  });

  const newContext = (): MediaContext => ({ tenantId: `tenant-${randomUUID()}`, userId: 'user-1' });

  /** Objects of one tenant. */
  const tenantKeys = (context: MediaContext) =>
    storage.keys().filter((key) => key.startsWith(`${encodeTenantSegment(context.tenantId)}/`));

  const tenantFiles = (context: MediaContext) =>
    db.inspect
      .selectFrom('media_files')
      .select(['id', 'status', 'version', 'storage_key'])
      .where('tenant_id', '=', context.tenantId)
      .execute();

  /** Every armed fault struck (so the case tested what it says), then disarm. */
  const expectAllFired = () => {
    expect(storage.pendingFaults(), 'storage faults left unfired').toBe(0);
    expect(db.faults.pending(), 'database faults left unfired').toBe(0);
    db.faults.heal();
    storage.heal();
  };

  /** Lets the upload grace period pass, then runs the sweep once. */
  const sweepAfterGrace = async () => {
    await ageIntents(db.inspect, 7);
    return service.purgeExpired();
  };

  const threeChunks = () =>
    streamOf([textBytes('a'.repeat(100)), textBytes('b'.repeat(100)), textBytes('c')]);

  describe('upload', () => {
    const storageFaults: PutFault[] = ['beforeWrite', 'midBody', 'afterWrite'];
    for (const mode of storageFaults) {
      it(`put failing ${mode}: STORAGE_ERROR, no row, no object, no intent`, async () => {
        const context = newContext();
        storage.failNext('put', mode);
        await rejection(
          service.uploadMedia(context, { body: threeChunks(), fileName: 'a.txt', contentType: 'text/plain' }),
          'STORAGE_ERROR',
        );
        expectAllFired();
        expect(await tenantFiles(context)).toEqual([]);
        expect(tenantKeys(context)).toEqual([]);
        expect(await intents(db.inspect, context.tenantId)).toEqual([]);
        if (mode === 'afterWrite') {
          // The object was written, and the compensation removed it exactly once.
          expect(storage.stored).toHaveLength(1);
          expect(storage.deletions.get(storage.stored[0]!)).toBe(1);
        }
      });
    }

    const databaseSteps: [string, RegExp][] = [
      ['recording the upload intent', /^insert into "media_storage_intents"/],
      ['inserting the file row', /^insert into "media_files"/],
      ['inserting the first version', /^insert into "media_file_versions"/],
      ['recording the history entry', /^insert into "media_file_history"/],
    ];
    for (const [step, match] of databaseSteps) {
      it(`database failing at ${step}: INTERNAL, the written object is removed at once`, async () => {
        const context = newContext();
        db.faults.failNext(match);
        await rejection(uploadText(service, context, 'hello'), 'INTERNAL');
        expectAllFired();
        expect(await tenantFiles(context)).toEqual([]);
        expect(tenantKeys(context)).toEqual([]);
        expect(await intents(db.inspect, context.tenantId)).toEqual([]);
      });
    }

    it('the intent recorded but its reply lost: INTERNAL before any byte is stored; the sweep drops it', async () => {
      const context = newContext();
      db.faults.failNext(/^insert into "media_storage_intents"/, { when: 'after' });
      await rejection(uploadText(service, context, 'hello'), 'INTERNAL');
      expectAllFired();
      expect(storage.stored).toEqual([]);
      expect(await intents(db.inspect, context.tenantId)).toHaveLength(1);
      await sweepAfterGrace();
      expect(await intents(db.inspect, context.tenantId)).toEqual([]);
      expect(tenantKeys(context)).toEqual([]);
    });

    it('COMMIT refused: INTERNAL; its outcome unknown, the object waits for the sweep, which removes it', async () => {
      const context = newContext();
      db.faults.failNext(COMMIT);
      await rejection(uploadText(service, context, 'hello'), 'INTERNAL');
      expectAllFired();
      expect(await tenantFiles(context)).toEqual([]);
      expect(tenantKeys(context)).toHaveLength(1);
      // Within the grace period the sweep leaves a possibly running upload alone.
      await service.purgeExpired();
      expect(tenantKeys(context)).toHaveLength(1);
      const swept = await sweepAfterGrace();
      expect(swept.sweptObjects).toBeGreaterThanOrEqual(1);
      expect(tenantKeys(context)).toEqual([]);
      expect(await intents(db.inspect, context.tenantId)).toEqual([]);
    });

    it('COMMIT succeeded but its reply was lost: the upload resolves and keeps its object', async () => {
      const context = newContext();
      db.faults.failNext(COMMIT, { when: 'after' });
      const file = await uploadText(service, context, 'kept');
      expectAllFired();
      expect(file).toMatchObject({ fileName: 'notes.txt', version: 1, status: 'active' });
      expect(await contentOf(service, context, file.id)).toBe('kept');
      expect(await tenantFiles(context)).toHaveLength(1);
      expect(tenantKeys(context)).toHaveLength(1);
      expect(await intents(db.inspect, context.tenantId)).toEqual([]);
      expect(storage.deletions.size).toBe(0);
    });

    it('COMMIT reply lost and the database still down: INTERNAL, and the sweep keeps the committed object', async () => {
      const context = newContext();
      db.faults.failNext(COMMIT, { when: 'after' });
      db.faults.failNext(/from "media_file_versions"/);
      await rejection(uploadText(service, context, 'kept'), 'INTERNAL');
      expectAllFired();
      const [row] = await tenantFiles(context);
      expect(row).toBeDefined();
      await sweepAfterGrace();
      expect(tenantKeys(context)).toEqual([row!.storage_key]);
      expect(await contentOf(service, context, row!.id)).toBe('kept');
      expect(await intents(db.inspect, context.tenantId)).toEqual([]);
    });

    it('put fails after writing and the compensating delete fails too: the sweep removes the orphan', async () => {
      const context = newContext();
      storage.failNext('put', 'afterWrite');
      storage.failNext('deleteMany', 'all');
      await rejection(uploadText(service, context, 'orphan'), 'STORAGE_ERROR');
      expectAllFired();
      expect(tenantKeys(context)).toHaveLength(1);
      expect(await intents(db.inspect, context.tenantId)).toEqual([`upload:${tenantKeys(context)[0]}`]);
      await sweepAfterGrace();
      expect(tenantKeys(context)).toEqual([]);
      expect(await intents(db.inspect, context.tenantId)).toEqual([]);
    });

    it('the row insert fails and the compensating delete fails too: the sweep removes the orphan', async () => {
      const context = newContext();
      db.faults.failNext(/^insert into "media_files"/);
      storage.failNext('deleteMany', 'all');
      await rejection(uploadText(service, context, 'orphan'), 'INTERNAL');
      expectAllFired();
      expect(tenantKeys(context)).toHaveLength(1);
      await sweepAfterGrace();
      expect(tenantKeys(context)).toEqual([]);
    });
  });

  describe('replace', () => {
    /** A file at version 1 with content "one". */
    const original = async () => {
      const context = newContext();
      const file = await uploadText(service, context, 'one');
      return { context, file, key: tenantKeys(context)[0]! };
    };

    /** The failed replace changed nothing: version 1, content "one", only the original object. */
    const expectUnchanged = async (context: MediaContext, id: string, key: string) => {
      expect(await service.getMedia(context, { id })).toMatchObject({ version: 1, status: 'active' });
      expect(await contentOf(service, context, id)).toBe('one');
      expect(await service.listVersions(context, { id })).toHaveLength(1);
      expect(tenantKeys(context)).toEqual([key]);
    };

    for (const mode of ['beforeWrite', 'midBody', 'afterWrite'] as PutFault[]) {
      it(`put failing ${mode}: STORAGE_ERROR and the old version stays current`, async () => {
        const { context, file, key } = await original();
        storage.failNext('put', mode);
        await rejection(service.replaceMedia(context, { id: file.id, body: threeChunks() }), 'STORAGE_ERROR');
        expectAllFired();
        await expectUnchanged(context, file.id, key);
        expect(await intents(db.inspect, context.tenantId)).toEqual([]);
      });
    }

    const databaseSteps: [string, RegExp][] = [
      ['recording the upload intent', /^insert into "media_storage_intents"/],
      ['locking the file row', /^select .* from "media_files" .*for update$/],
      ['inserting the new version', /^insert into "media_file_versions"/],
      ['switching the file row', /^update "media_files"/],
      ['recording the history entry', /^insert into "media_file_history"/],
    ];
    for (const [step, match] of databaseSteps) {
      it(`database failing at ${step}: INTERNAL, the new object is removed at once`, async () => {
        const { context, file, key } = await original();
        db.faults.failNext(match);
        await rejection(service.replaceMedia(context, { id: file.id, body: textBytes('two') }), 'INTERNAL');
        expectAllFired();
        await expectUnchanged(context, file.id, key);
        expect(await intents(db.inspect, context.tenantId)).toEqual([]);
      });
    }

    it('COMMIT refused: INTERNAL, old version current; the sweep removes the new object', async () => {
      const { context, file, key } = await original();
      db.faults.failNext(COMMIT);
      await rejection(service.replaceMedia(context, { id: file.id, body: textBytes('two') }), 'INTERNAL');
      expectAllFired();
      expect(tenantKeys(context)).toHaveLength(2);
      await sweepAfterGrace();
      await expectUnchanged(context, file.id, key);
    });

    it('COMMIT reply lost: the replace resolves with version 2, both versions readable', async () => {
      const { context, file, key } = await original();
      db.faults.failNext(COMMIT, { when: 'after' });
      const replaced = await service.replaceMedia(context, { id: file.id, body: textBytes('two') });
      expectAllFired();
      expect(replaced.version).toBe(2);
      expect(await contentOf(service, context, file.id)).toBe('two');
      expect(await contentOf(service, context, file.id, 1)).toBe('one');
      expect(tenantKeys(context)).toHaveLength(2);
      expect(tenantKeys(context)).toContain(key);
    });

    it('put fails after writing and the compensating delete fails too: the sweep removes the orphan', async () => {
      const { context, file, key } = await original();
      storage.failNext('put', 'afterWrite');
      storage.failNext('deleteMany', 'all');
      await rejection(
        service.replaceMedia(context, { id: file.id, body: textBytes('two') }),
        'STORAGE_ERROR',
      );
      expectAllFired();
      expect(tenantKeys(context)).toHaveLength(2);
      await sweepAfterGrace();
      await expectUnchanged(context, file.id, key);
    });
  });

  describe('purge', () => {
    /** A file with two versions (two objects), in the trash. */
    const trashed = async () => {
      const context = newContext();
      const file = await uploadText(service, context, 'one');
      await service.replaceMedia(context, { id: file.id, body: textBytes('two') });
      await service.deleteMedia(context, { id: file.id });
      const keys = tenantKeys(context);
      expect(keys).toHaveLength(2);
      return { context, id: file.id, keys };
    };

    const rollbackSteps: [string, RegExp, 'before' | 'after'][] = [
      ['locking the file row', /^select .* from "media_files" .*for update$/, 'before'],
      ['deleting the rows', /^delete from "media_files"/, 'before'],
      ['recording the delete intents', /^insert into "media_storage_intents"/, 'before'],
      ['COMMIT (refused)', COMMIT, 'before'],
    ];
    for (const [step, match, when] of rollbackSteps) {
      it(`database failing at ${step}: INTERNAL, the file and both objects stay in the trash`, async () => {
        const { context, id, keys } = await trashed();
        db.faults.failNext(match, { when });
        await rejection(service.purgeMedia(context, { id }), 'INTERNAL');
        expectAllFired();
        expect(await service.getMedia(context, { id })).toMatchObject({ status: 'deleted', version: 2 });
        expect(tenantKeys(context)).toEqual(keys);
        expect(await contentOf(service, context, id, 1)).toBe('one');
        expect(await intents(db.inspect, context.tenantId)).toEqual([]);
        await service.purgeMedia(context, { id });
        expect(tenantKeys(context)).toEqual([]);
      });
    }

    it('COMMIT reply lost: INTERNAL, the rows are gone and the sweep removes both objects', async () => {
      const { context, id, keys } = await trashed();
      db.faults.failNext(COMMIT, { when: 'after' });
      await rejection(service.purgeMedia(context, { id }), 'INTERNAL');
      expectAllFired();
      await rejection(service.getMedia(context, { id }), 'NOT_FOUND');
      expect(tenantKeys(context)).toEqual(keys);
      const result = await service.purgeExpired();
      expect(result.sweptObjects).toBeGreaterThanOrEqual(2);
      expect(tenantKeys(context)).toEqual([]);
      for (const key of keys) expect(storage.deletions.get(key)).toBe(1);
    });

    for (const mode of ['all', 'partial'] as const) {
      it(`storage delete failing (${mode}) after the commit: the purge stands; the sweep finishes it`, async () => {
        const { context, id, keys } = await trashed();
        storage.failNext('deleteMany', mode);
        // The file is purged (its rows are gone for good); removing the objects is deferred work
        // recorded as delete intents, not a failure of the purge.
        await service.purgeMedia(context, { id });
        expectAllFired();
        await rejection(service.getMedia(context, { id }), 'NOT_FOUND');
        expect(tenantKeys(context)).toHaveLength(mode === 'all' ? 2 : 1);
        expect(await intents(db.inspect, context.tenantId)).toEqual(keys.map((key) => `delete:${key}`));
        await service.purgeExpired();
        expect(tenantKeys(context)).toEqual([]);
        expect(await intents(db.inspect, context.tenantId)).toEqual([]);
        for (const key of keys) expect(storage.deletions.get(key)).toBe(1);
      });
    }

    it('clearing the intents failing after the objects were deleted: the sweep drops the stale intents', async () => {
      const { context, id } = await trashed();
      db.faults.failNext(/^delete from "media_storage_intents"/);
      await service.purgeMedia(context, { id });
      expectAllFired();
      expect(tenantKeys(context)).toEqual([]);
      expect(await intents(db.inspect, context.tenantId)).toHaveLength(2);
      await service.purgeExpired();
      expect(await intents(db.inspect, context.tenantId)).toEqual([]);
    });
  });

  describe('bulk purge', () => {
    const trashedFiles = async (count: number) => {
      const context = newContext();
      const ids: string[] = [];
      for (let i = 0; i < count; i += 1) {
        const file = await uploadText(service, context, `file ${i}`, `f${i}.txt`);
        if (i % 2 === 0)
          await service.replaceMedia(context, { id: file.id, body: textBytes(`file ${i} v2`) });
        await service.deleteMedia(context, { id: file.id });
        ids.push(file.id);
      }
      return { context, ids };
    };

    const finished = (context: MediaContext, id: string) =>
      waitFor(async () => {
        const operation = await service.getOperation(context, { id });
        return operation.status === 'completed' || operation.status === 'failed' ? operation : undefined;
      });

    it('storage delete failing after a batch commits: every item succeeds once; the sweep removes the objects', async () => {
      const { context, ids } = await trashedFiles(5);
      const keys = tenantKeys(context);
      storage.failNext('deleteMany', 'all');
      const started = await service.startBulkOperation(context, { type: 'bulk-purge', ids });
      const operation = await finished(context, started.id);
      expectAllFired();
      expect(operation).toMatchObject({ status: 'completed', total: 5, processed: 5, failed: [] });
      expect([...operation.succeeded].sort()).toEqual([...ids].sort());
      expect(await service.listMedia(context, { status: 'deleted' })).toMatchObject({ items: [] });
      expect(tenantKeys(context).length).toBeGreaterThan(0);
      await service.purgeExpired();
      expect(tenantKeys(context)).toEqual([]);
      for (const key of keys) expect(storage.deletions.get(key)).toBe(1);
    });

    it('database failing inside a batch: the batch rolls back, the job resumes and purges each file once', async () => {
      const { context, ids } = await trashedFiles(5);
      const keys = tenantKeys(context);
      // The second file of the first batch: the first one's deletion rolls back with it.
      db.faults.failNext(/^delete from "media_files"/, { skip: 1 });
      const started = await service.startBulkOperation(context, { type: 'bulk-purge', ids });
      const operation = await finished(context, started.id);
      expectAllFired();
      expect(operation).toMatchObject({ status: 'completed', total: 5, processed: 5, failed: [] });
      expect([...operation.succeeded].sort()).toEqual([...ids].sort());
      expect(tenantKeys(context)).toEqual([]);
      for (const key of keys) expect(storage.deletions.get(key)).toBe(1);
      const row = await db.inspect
        .selectFrom('media_operations')
        .select(['attempts', 'error'])
        .where('id', '=', started.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ attempts: 2, error: null });
    });

    it("a batch's COMMIT reply lost: the job resumes, each file purged once; the sweep removes that batch's objects", async () => {
      const { context, ids } = await trashedFiles(5);
      const keys = tenantKeys(context);
      const started = await service.startBulkOperation(context, { type: 'bulk-purge', ids });
      // Armed after the start's own transaction: the next COMMIT is the first batch's.
      db.faults.failNext(COMMIT, { when: 'after' });
      const operation = await finished(context, started.id);
      expectAllFired();
      expect(operation).toMatchObject({ status: 'completed', total: 5, processed: 5, failed: [] });
      expect([...operation.succeeded].sort()).toEqual([...ids].sort());
      expect(operation.succeeded).toHaveLength(5);
      await service.purgeExpired();
      expect(tenantKeys(context)).toEqual([]);
      for (const key of keys) expect(storage.deletions.get(key)).toBe(1);
    });
  });

  describe('download', () => {
    it('storage get failing: STORAGE_ERROR, nothing changes, the next read works', async () => {
      const context = newContext();
      const file = await uploadText(service, context, 'readable');
      storage.failNext('get');
      await rejection(service.openContent(context, { id: file.id }), 'STORAGE_ERROR');
      expectAllFired();
      expect(await contentOf(service, context, file.id)).toBe('readable');
      expect(await service.getMedia(context, { id: file.id })).toEqual(file);
    });
  });
}

describe('media service faults on PGlite', () => faultSuite('pglite'));
describeWithPostgres('media service faults on PostgreSQL', () => faultSuite('postgres'));
