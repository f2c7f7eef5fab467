import { createMemoryAdapter } from 'mediashelf/adapters/memory';
import type { MediaHistoryEntry } from 'mediashelf/core';
import { describe, expect, it } from 'vitest';
import { expectCode, manualClock, recordEvents, textFile } from './helpers';

describe('memory adapter: clock and history', () => {
  it('takes every timestamp from the injected clock', async () => {
    const time = manualClock('2025-03-01T10:00:00.000Z');
    const adapter = createMemoryAdapter({ clock: time.clock, actorId: 'teacher-7' });
    const file = await adapter.uploadMedia({ file: textFile('a.txt') });
    expect(file).toMatchObject({
      uploadDate: '2025-03-01T10:00:00.000Z',
      createdAt: '2025-03-01T10:00:00.000Z',
      updatedAt: '2025-03-01T10:00:00.000Z',
    });
    time.advance(60_000);
    const renamed = await adapter.renameMedia({ id: file.id, fileName: 'b.txt' });
    expect(renamed.updatedAt).toBe('2025-03-01T10:01:00.000Z');
    time.advance(60_000);
    const usage = await adapter.linkMedia({ mediaId: file.id, resourceType: 'course', resourceId: 'c1' });
    expect(usage.linkedAt).toBe('2025-03-01T10:02:00.000Z');
    // Links change usageCount, not updatedAt.
    expect((await adapter.getMedia({ id: file.id })).updatedAt).toBe('2025-03-01T10:01:00.000Z');
    await adapter.unlinkMedia({ mediaId: file.id, resourceType: 'course', resourceId: 'c1' });
    time.advance(60_000);
    const deleted = await adapter.deleteMedia({ id: file.id });
    expect(deleted.deletedAt).toBe('2025-03-01T10:03:00.000Z');
    const history = (await adapter.getHistory({ id: file.id })).items;
    expect(history.map((entry) => [entry.operation, entry.timestamp, entry.actorId])).toEqual([
      ['delete', '2025-03-01T10:03:00.000Z', 'teacher-7'],
      ['unlink', '2025-03-01T10:02:00.000Z', 'teacher-7'],
      ['link', '2025-03-01T10:02:00.000Z', 'teacher-7'],
      ['rename', '2025-03-01T10:01:00.000Z', 'teacher-7'],
      ['upload', '2025-03-01T10:00:00.000Z', 'teacher-7'],
    ]);
    expect(history[3]!.data).toEqual({ from: 'a.txt', to: 'b.txt' });
  });

  it('keeps history newest first and pages it by cursor when the clock is frozen', async () => {
    const adapter = createMemoryAdapter({ clock: () => new Date('2025-01-01T00:00:00.000Z') });
    const file = await adapter.uploadMedia({ file: textFile('v0.txt') });
    for (let index = 1; index <= 6; index++) {
      await adapter.renameMedia({ id: file.id, fileName: `v${index}.txt` });
    }
    await adapter.linkMedia({ mediaId: file.id, resourceType: 'lesson', resourceId: 'l1' });
    const entries: MediaHistoryEntry[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await adapter.getHistory({ id: file.id, limit: 3, cursor });
      entries.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
      // An entry added mid-way must not shift later pages.
      if (pages === 1) await adapter.renameMedia({ id: file.id, fileName: 'late.txt' });
    } while (cursor !== null);
    expect(pages).toBe(3);
    expect(entries.map((entry) => (entry.operation === 'rename' ? entry.data.to : entry.operation))).toEqual([
      'link',
      'v6.txt',
      'v5.txt',
      'v4.txt',
      'v3.txt',
      'v2.txt',
      'v1.txt',
      'upload',
    ]);
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(8);
    const other = await adapter.uploadMedia({ file: textFile('x.txt') });
    const first = await adapter.getHistory({ id: file.id, limit: 1 });
    await expectCode(adapter.getHistory({ id: other.id, cursor: first.nextCursor }), 'VALIDATION_ERROR');
    await expectCode(adapter.getHistory({ id: file.id, limit: 0 }), 'VALIDATION_ERROR');
    expect((await adapter.getHistory({ id: file.id, limit: 500 })).items).toHaveLength(9);
  });

  it('computes orphaned files against the clock at call time', async () => {
    const time = manualClock('2025-01-01T00:00:00.000Z');
    const adapter = createMemoryAdapter({ clock: time.clock });
    const file = await adapter.uploadMedia({ file: textFile('a.txt', 100) });
    expect((await adapter.getAnalytics()).orphanedFiles).toBe(0);
    time.advance(31 * 86_400_000);
    expect(await adapter.getAnalytics()).toMatchObject({ orphanedFiles: 1, orphanedSize: 100 });
    expect((await adapter.getAnalytics({ orphanAgeDays: 40 })).orphanedFiles).toBe(0);
    expect((await adapter.listMedia({ usage: 'orphaned' })).items.map((item) => item.id)).toEqual([file.id]);
    await expectCode(adapter.getAnalytics({ orphanAgeDays: -1 }), 'VALIDATION_ERROR');
  });
});

describe('memory adapter: adapter-specific rules', () => {
  it('refuses to rename a file in the trash; a rename to the same name records nothing', async () => {
    const adapter = createMemoryAdapter();
    const file = await adapter.uploadMedia({ file: textFile('a.txt') });
    const events = recordEvents(adapter);
    expect(await adapter.renameMedia({ id: file.id, fileName: '  a.txt\u202e ' })).toEqual(file);
    expect(events).toEqual([]);
    await adapter.deleteMedia({ id: file.id });
    const error = await expectCode(adapter.renameMedia({ id: file.id, fileName: 'b.txt' }), 'CONFLICT');
    expect(error.details).toMatchObject({ id: file.id, status: 'deleted' });
    await expectCode(adapter.renameMedia({ id: file.id, fileName: ' ' }), 'VALIDATION_ERROR');
    await expectCode(adapter.renameMedia({ id: 'nope', fileName: 'b.txt' }), 'NOT_FOUND');
  });

  it('trims link fields, keeps the first title on a repeated link and validates lengths', async () => {
    const adapter = createMemoryAdapter();
    const file = await adapter.uploadMedia({ file: textFile('a.txt') });
    const events = recordEvents(adapter);
    const first = await adapter.linkMedia({
      mediaId: file.id,
      resourceType: ' course ',
      resourceId: ' bio-101 ',
      resourceTitle: ' Biology ',
    });
    expect(first).toMatchObject({ resourceType: 'course', resourceId: 'bio-101', resourceTitle: 'Biology' });
    const again = await adapter.linkMedia({
      mediaId: file.id,
      resourceType: 'course',
      resourceId: 'bio-101',
      resourceTitle: 'Renamed course',
    });
    expect(again).toEqual(first);
    expect(events).toEqual([{ type: 'media.changed', ids: [file.id], change: 'linked' }]);
    const untitled = await adapter.linkMedia({
      mediaId: file.id,
      resourceType: 'lesson',
      resourceId: 'l1',
      resourceTitle: '  ',
    });
    expect(untitled).not.toHaveProperty('resourceTitle');
    await expectCode(
      adapter.linkMedia({ mediaId: file.id, resourceType: 'course', resourceId: 'x'.repeat(256) }),
      'VALIDATION_ERROR',
    );
    await expectCode(
      adapter.linkMedia({
        mediaId: file.id,
        resourceType: 'course',
        resourceId: '1',
        resourceTitle: 'x'.repeat(256),
      }),
      'VALIDATION_ERROR',
    );
    await expectCode(
      adapter.linkMedia({ mediaId: file.id, resourceType: '  ', resourceId: '1' }),
      'VALIDATION_ERROR',
    );
    expect(
      await adapter.linkMedia({ mediaId: file.id, resourceType: 'course', resourceId: 'y'.repeat(255) }),
    ).toMatchObject({
      resourceId: 'y'.repeat(255),
    });
    await adapter.unlinkMedia({ mediaId: file.id, resourceType: ' course ', resourceId: 'bio-101 ' });
    expect((await adapter.getUsage({ id: file.id })).map((link) => link.resourceId)).toEqual([
      'l1',
      'y'.repeat(255),
    ]);
  });

  it('reports MEDIA_IN_USE with copies of the links, and changes nothing', async () => {
    const adapter = createMemoryAdapter();
    const file = await adapter.uploadMedia({ file: textFile('a.txt') });
    const link = await adapter.linkMedia({ mediaId: file.id, resourceType: 'course', resourceId: 'c1' });
    const error = await expectCode(adapter.deleteMedia({ id: file.id }), 'MEDIA_IN_USE');
    expect(error.details).toEqual({ id: file.id, usage: [link] });
    (error.details!.usage as { resourceId: string }[])[0]!.resourceId = 'tampered';
    expect((await adapter.getUsage({ id: file.id }))[0]!.resourceId).toBe('c1');
    expect((await adapter.getMedia({ id: file.id })).status).toBe('active');
  });

  it('refuses replace and restoreVersion of a file in the trash', async () => {
    const adapter = createMemoryAdapter();
    const file = await adapter.uploadMedia({ file: textFile('a.txt') });
    await adapter.replaceMedia({ id: file.id, file: textFile('b.txt', 3) });
    await adapter.deleteMedia({ id: file.id });
    await expectCode(adapter.replaceMedia({ id: file.id, file: textFile('c.txt') }), 'CONFLICT');
    await expectCode(adapter.restoreVersion({ id: file.id, versionNumber: 1 }), 'CONFLICT');
    expect((await adapter.listVersions({ id: file.id })).map((version) => version.versionNumber)).toEqual([
      2, 1,
    ]);
  });

  it('validates ids on every method', async () => {
    const adapter = createMemoryAdapter();
    const calls: (() => Promise<unknown>)[] = [
      () => adapter.getMedia({ id: '' }),
      () => adapter.getMedia({ id: 42 as unknown as string }),
      () => adapter.getMedia(undefined as never),
      () => adapter.renameMedia({ id: ' ', fileName: 'a' }),
      () => adapter.deleteMedia({ id: '' }),
      () => adapter.restoreMedia({ id: '' }),
      () => adapter.purgeMedia({ id: '' }),
      () => adapter.getHistory({ id: '' }),
      () => adapter.getUsage({ id: '' }),
      () => adapter.linkMedia({ mediaId: '', resourceType: 'a', resourceId: 'b' }),
      () => adapter.unlinkMedia({ mediaId: '', resourceType: 'a', resourceId: 'b' }),
      () => adapter.replaceMedia({ id: '', file: new Blob([]) }),
      () => adapter.listVersions({ id: '' }),
      () => adapter.restoreVersion({ id: '', versionNumber: 1 }),
      () => adapter.getOperation({ id: '' }),
      () => adapter.getContent({ id: '' }),
    ];
    for (const call of calls) await expectCode(call(), 'VALIDATION_ERROR');
  });

  it('emits media.changed for every kind of mutation', async () => {
    const adapter = createMemoryAdapter();
    const events = recordEvents(adapter);
    const file = await adapter.uploadMedia({ file: textFile('a.txt') });
    await adapter.renameMedia({ id: file.id, fileName: 'b.txt' });
    await adapter.linkMedia({ mediaId: file.id, resourceType: 'course', resourceId: '1' });
    await adapter.unlinkMedia({ mediaId: file.id, resourceType: 'course', resourceId: '1' });
    await adapter.unlinkMedia({ mediaId: file.id, resourceType: 'course', resourceId: '1' });
    await adapter.replaceMedia({ id: file.id, file: textFile('c.txt') });
    await adapter.restoreVersion({ id: file.id, versionNumber: 1 });
    await adapter.deleteMedia({ id: file.id });
    await adapter.restoreMedia({ id: file.id });
    await adapter.deleteMedia({ id: file.id });
    await adapter.purgeMedia({ id: file.id });
    expect(events.map((event) => (event.type === 'media.changed' ? event.change : event.type))).toEqual([
      'created',
      'updated',
      'linked',
      'unlinked',
      'replaced',
      'replaced',
      'deleted',
      'restored',
      'deleted',
      'purged',
    ]);
    expect(events.every((event) => event.type === 'media.changed' && event.ids[0] === file.id)).toBe(true);
  });

  it('stops delivering to an unsubscribed listener and survives a throwing one', async () => {
    const adapter = createMemoryAdapter();
    const received: string[] = [];
    const unsubscribe = adapter.subscribe((event) => received.push(event.type));
    const errors: unknown[] = [];
    const originalError = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      adapter.subscribe(() => {
        throw new Error('listener bug');
      });
      await adapter.uploadMedia({ file: textFile('a.txt') });
      unsubscribe();
      await adapter.uploadMedia({ file: textFile('b.txt') });
    } finally {
      console.error = originalError;
    }
    expect(received).toEqual(['media.changed']);
    expect(errors).toHaveLength(2);
    expect(adapter.capabilities).toEqual({ realtime: true, resumableUpload: false, versions: true });
  });
});
