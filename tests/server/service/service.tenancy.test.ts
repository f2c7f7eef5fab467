import { randomUUID } from 'node:crypto';
import type { BulkOperation, BulkOperationType, MediaEvent, MediaFile } from 'mediashelf/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceAdapter } from '../../../src/server/service/createServiceAdapter';
import type { MediaContext, MediaService, TenantEvent } from '../../../src/server/service/MediaService';
import { describeWithPostgres } from '../db/pgTestDatabase';
import { createFaultyStorage, type FaultyStorage } from './faultyStorage';
import { createServiceHarness, type HarnessDialect, type ServiceHarness } from './serviceHarness';
import { contentOf, rejection, textBytes, uploadText, waitFor } from './serviceTestUtils';

/** Tenant A's library: a linked file with two versions, an unlinked one, one in the trash, a job. */
interface Library {
  context: MediaContext;
  used: MediaFile;
  plain: MediaFile;
  trashed: MediaFile;
  operation: BulkOperation;
}

function tenancySuite(dialect: HarnessDialect) {
  let harness: ServiceHarness;
  let service: MediaService;
  let storage: FaultyStorage;
  const events: TenantEvent[] = [];

  beforeAll(async () => {
    // A storage that signs URLs, so signedContentUrl really answers for the owner.
    storage = createFaultyStorage({ signedUrls: true });
    harness = await createServiceHarness(dialect, { storage, bulk: { batchSize: 5, pollIntervalMs: 0 } });
    service = harness.service;
    service.subscribe((event) => events.push(event));
  }, 120_000);
  afterAll(async () => harness?.close());

  const finished = (context: MediaContext, id: string) =>
    waitFor(async () => {
      const operation = await service.getOperation(context, { id });
      return operation.status === 'completed' ? operation : undefined;
    });

  async function library(): Promise<Library> {
    const context = harness.newContext();
    const used = await uploadText(service, context, 'secret one', 'secret-used.txt');
    await service.replaceMedia(context, { id: used.id, body: textBytes('secret two') });
    await service.linkMedia(context, { mediaId: used.id, resourceType: 'course', resourceId: 'c-1' });
    const plain = await uploadText(service, context, 'secret plain', 'secret-plain.txt');
    const trashed = await uploadText(service, context, 'secret trash', 'secret-trash.txt');
    await service.deleteMedia(context, { id: trashed.id });
    const started = await service.startBulkOperation(context, { type: 'bulk-delete', ids: [randomUUID()] });
    const operation = await finished(context, started.id);
    return {
      context,
      used: await service.getMedia(context, { id: used.id }),
      plain,
      trashed: await service.getMedia(context, { id: trashed.id }),
      operation,
    };
  }

  /** Everything tenant A can observe about its library, and every stored object. */
  async function observe(lib: Library) {
    const { context } = lib;
    const ids = [lib.used.id, lib.plain.id, lib.trashed.id];
    return {
      files: await Promise.all(ids.map((id) => service.getMedia(context, { id }))),
      history: await Promise.all(ids.map((id) => service.getHistory(context, { id, limit: 200 }))),
      usage: await Promise.all(ids.map((id) => service.getUsage(context, { id }))),
      versions: await Promise.all(ids.map((id) => service.listVersions(context, { id }))),
      content: [
        await contentOf(service, context, lib.used.id),
        await contentOf(service, context, lib.used.id, 1),
      ],
      operation: await service.getOperation(context, { id: lib.operation.id }),
      active: await service.listMedia(context, {}),
      trash: await service.listMedia(context, { status: 'deleted' }),
      objects: storage.keys(),
    };
  }

  it('every id-taking method answers NOT_FOUND for another tenant and changes nothing', async () => {
    const lib = await library();
    const other = harness.newContext();
    const before = await observe(lib);
    expect(before.content).toEqual(['secret two', 'secret one']);
    expect(await service.signedContentUrl(lib.context, { id: lib.used.id })).toMatch(/^https:\/\/storage/);

    const { used, plain, trashed, operation } = lib;
    const attempts: [string, () => Promise<unknown>][] = [
      ['getMedia', () => service.getMedia(other, { id: used.id })],
      ['renameMedia', () => service.renameMedia(other, { id: used.id, fileName: 'pwned.txt' })],
      // Not MEDIA_IN_USE: that would reveal the file exists and is linked.
      ['deleteMedia (linked)', () => service.deleteMedia(other, { id: used.id })],
      ['deleteMedia', () => service.deleteMedia(other, { id: plain.id })],
      ['restoreMedia', () => service.restoreMedia(other, { id: trashed.id })],
      ['purgeMedia', () => service.purgeMedia(other, { id: trashed.id })],
      // Not CONFLICT: an active file of another tenant must not look like "not in the trash".
      ['purgeMedia (active)', () => service.purgeMedia(other, { id: plain.id })],
      ['getHistory', () => service.getHistory(other, { id: used.id })],
      ['getUsage', () => service.getUsage(other, { id: used.id })],
      [
        'linkMedia',
        () => service.linkMedia(other, { mediaId: plain.id, resourceType: 'course', resourceId: 'x' }),
      ],
      [
        'linkMedia (trashed)',
        () => service.linkMedia(other, { mediaId: trashed.id, resourceType: 'course', resourceId: 'x' }),
      ],
      [
        'unlinkMedia',
        () => service.unlinkMedia(other, { mediaId: used.id, resourceType: 'course', resourceId: 'c-1' }),
      ],
      ['replaceMedia', () => service.replaceMedia(other, { id: used.id, body: textBytes('overwritten') })],
      ['listVersions', () => service.listVersions(other, { id: used.id })],
      ['restoreVersion', () => service.restoreVersion(other, { id: used.id, versionNumber: 1 })],
      ['getOperation', () => service.getOperation(other, { id: operation.id })],
      ['openContent', () => service.openContent(other, { id: used.id })],
      ['openContent (version)', () => service.openContent(other, { id: used.id, version: 1 })],
      ['openContent (trashed)', () => service.openContent(other, { id: trashed.id })],
      ['signedContentUrl', () => service.signedContentUrl(other, { id: used.id })],
    ];
    const answers: Record<string, string> = {};
    for (const [name, attempt] of attempts) {
      answers[name] = await attempt().then(
        () => 'resolved',
        (error) => (error as { code?: string }).code ?? String(error),
      );
    }
    expect(answers).toEqual(Object.fromEntries(attempts.map(([name]) => [name, 'NOT_FOUND'])));
    expect(await observe(lib)).toEqual(before);
  });

  it('signedContentUrl answers NOT_FOUND for another tenant on a storage that cannot sign URLs', async () => {
    const lib = await library();
    const unsigned = await harness.openAnother({ storage: harness.storage });
    expect(await unsigned.signedContentUrl(lib.context, { id: lib.used.id })).toBeNull();
    await rejection(unsigned.signedContentUrl(harness.newContext(), { id: lib.used.id }), 'NOT_FOUND');
    await unsigned.close();
  });

  it("listMedia and getAnalytics of tenant B never see tenant A's files", async () => {
    const lib = await library();
    const other = harness.newContext();
    await uploadText(service, other, 'mine', 'secret-mine.txt');
    const ownIds = new Set([lib.used.id, lib.plain.id, lib.trashed.id]);
    for (const params of [
      {},
      { status: 'deleted' as const },
      { search: 'secret' },
      { usage: 'used' as const },
      { usage: 'unused' as const },
      { kind: 'document' as const },
      { sort: 'fileName' as const, order: 'asc' as const },
      { sort: 'fileSize' as const },
    ]) {
      const page = await service.listMedia(other, params);
      expect(
        page.items.filter((file) => ownIds.has(file.id)),
        JSON.stringify(params),
      ).toEqual([]);
    }
    expect((await service.listMedia(other, { search: 'secret' })).items.map((f) => f.fileName)).toEqual([
      'secret-mine.txt',
    ]);
    expect((await service.listMedia(lib.context, { search: 'secret' })).items).toHaveLength(2);

    const mine = await service.getAnalytics(other);
    expect(mine).toMatchObject({ totalFiles: 1, usedFiles: 0, unusedFiles: 1, trashFiles: 0, trashSize: 0 });
    expect(mine.totalSize).toBe(4);
    const theirs = await service.getAnalytics(lib.context);
    expect(theirs).toMatchObject({ totalFiles: 2, usedFiles: 1, unusedFiles: 1, trashFiles: 1 });
    const empty = await service.getAnalytics(harness.newContext());
    expect(empty).toMatchObject({ totalFiles: 0, totalSize: 0, trashFiles: 0, orphanedFiles: 0 });
  });

  it("a bulk operation of tenant B over tenant A's ids fails every item NOT_FOUND", async () => {
    const lib = await library();
    const other = harness.newContext();
    const before = await observe(lib);
    const ids = [lib.used.id, lib.plain.id, lib.trashed.id];
    const types: BulkOperationType[] = ['bulk-delete', 'bulk-restore', 'bulk-purge'];
    for (const type of types) {
      const started = await service.startBulkOperation(other, { type, ids });
      const operation = await finished(other, started.id);
      expect(operation).toMatchObject({ type, status: 'completed', total: 3, processed: 3, succeeded: [] });
      expect(operation.failed.map(({ mediaId, code }) => ({ mediaId, code }))).toEqual(
        ids.map((mediaId) => ({ mediaId, code: 'NOT_FOUND' })),
      );
      // And tenant A cannot read tenant B's job either.
      await rejection(service.getOperation(lib.context, { id: started.id }), 'NOT_FOUND');
    }
    expect(await observe(lib)).toEqual(before);
  });

  it("events of tenant A are tagged with tenant A only, and B's subscribers never receive them", async () => {
    const a = harness.newContext();
    const b = harness.newContext();
    const seenByB: MediaEvent[] = [];
    const seenByA: MediaEvent[] = [];
    const stopB = createServiceAdapter(service, b).subscribe!((event) => seenByB.push(event));
    const stopA = createServiceAdapter(service, a).subscribe!((event) => seenByA.push(event));
    const first = events.length;

    const file = await uploadText(service, a, 'a1');
    const other = await uploadText(service, a, 'a2');
    await service.renameMedia(a, { id: file.id, fileName: 'renamed.txt' });
    await service.linkMedia(a, { mediaId: file.id, resourceType: 'lesson', resourceId: 'l1' });
    await service.unlinkMedia(a, { mediaId: file.id, resourceType: 'lesson', resourceId: 'l1' });
    await service.replaceMedia(a, { id: file.id, body: textBytes('a1 v2') });
    await service.restoreVersion(a, { id: file.id, versionNumber: 1 });
    await service.deleteMedia(a, { id: file.id });
    await service.restoreMedia(a, { id: file.id });
    const started = await service.startBulkOperation(a, { type: 'bulk-delete', ids: [file.id, other.id] });
    await finished(a, started.id);
    await service.purgeMedia(a, { id: file.id });
    await waitFor(() =>
      seenByA.some((e) => e.type === 'media.changed' && e.change === 'purged') ? true : undefined,
    );
    stopA();
    stopB();

    const mine = events.slice(first);
    const aIds = new Set([file.id, other.id]);
    const touchesA = (event: MediaEvent) =>
      event.type === 'media.changed'
        ? event.ids.some((id) => aIds.has(id))
        : event.operation.id === started.id;
    expect(mine.filter(({ event }) => touchesA(event)).length).toBeGreaterThanOrEqual(12);
    expect(mine.filter(({ event }) => touchesA(event)).map(({ tenantId }) => tenantId)).toEqual(
      mine.filter(({ event }) => touchesA(event)).map(() => a.tenantId),
    );
    expect(mine.filter(({ tenantId }) => tenantId === a.tenantId).every(({ event }) => touchesA(event))).toBe(
      true,
    );
    expect(seenByB).toEqual([]);
    expect(seenByA.map((event) => (event.type === 'media.changed' ? event.change : event.type))).toEqual(
      expect.arrayContaining([
        'created',
        'updated',
        'linked',
        'unlinked',
        'replaced',
        'deleted',
        'restored',
        'operation.progress',
        'purged',
      ]),
    );
  });
}

describe('tenant isolation on PGlite', () => tenancySuite('pglite'));
describeWithPostgres('tenant isolation on PostgreSQL', () => tenancySuite('postgres'));
