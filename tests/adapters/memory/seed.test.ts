import { createHash } from 'node:crypto';
import {
  createMemoryAdapter,
  createSeedFiles,
  type MemorySeedFile,
  SEED_REFERENCE_DATE,
} from 'mediashelf/adapters/memory';
import { describe, expect, it } from 'vitest';
import { expectCode } from './helpers';

const NOW = '2025-06-01T12:00:00.000Z';
const clock = () => new Date(NOW);

describe('memory adapter: seed', () => {
  it('loads real and synthetic content with dates, status, links and versions', async () => {
    const adapter = createMemoryAdapter({
      clock,
      objectUrls: false,
      seed: [
        {
          id: 'syllabus',
          fileName: 'Syllabus.txt',
          content: 'Welcome to Biology 101',
          uploadDate: new Date('2025-01-01T00:00:00.000Z'),
          usage: [
            { resourceType: 'course', resourceId: 'bio-101', resourceTitle: 'Biology 101' },
            { resourceType: 'lesson', resourceId: 'l1', linkedAt: '2025-02-01T00:00:00.000Z' },
          ],
        },
        { fileName: 'lecture.mp4', fileSize: 5_000_000, uploadDate: '2025-03-01T00:00:00.000Z', versions: 3 },
        {
          fileName: 'old.png',
          fileSize: 10,
          uploadDate: '2024-05-01T00:00:00.000Z',
          status: 'deleted',
          deletedAt: '2025-05-01T00:00:00.000Z',
        },
      ],
    });
    const syllabus = await adapter.getMedia({ id: 'syllabus' });
    expect(syllabus).toMatchObject({
      fileName: 'Syllabus.txt',
      originalFileName: 'Syllabus.txt',
      fileSize: 22,
      fileType: 'text/plain',
      kind: 'document',
      status: 'active',
      usageCount: 2,
      version: 1,
      uploadDate: '2025-01-01T00:00:00.000Z',
      createdAt: '2025-01-01T00:00:00.000Z',
      deletedAt: null,
      url: 'memory://syllabus/v1',
    });
    const content = await adapter.getContent({ id: 'syllabus' });
    expect(await content.blob!.text()).toBe('Welcome to Biology 101');
    expect(content.checksumSha256).toBe(createHash('sha256').update('Welcome to Biology 101').digest('hex'));
    const usage = await adapter.getUsage({ id: 'syllabus' });
    expect(usage.map((link) => [link.resourceType, link.linkedAt])).toEqual([
      ['course', '2025-01-01T00:01:00.000Z'],
      ['lesson', '2025-02-01T00:00:00.000Z'],
    ]);
    expect((await adapter.getHistory({ id: 'syllabus' })).items.map((entry) => entry.operation)).toEqual([
      'link',
      'link',
      'upload',
    ]);

    const lecture = (await adapter.listMedia({ kind: 'video' })).items[0]!;
    expect(lecture).toMatchObject({
      id: 'media-000001',
      version: 3,
      fileSize: 5_000_000,
      url: 'memory://media-000001/v3',
    });
    const versions = await adapter.listVersions({ id: lecture.id });
    expect(versions.map((version) => [version.versionNumber, version.current])).toEqual([
      [3, true],
      [2, false],
      [1, false],
    ]);
    const content2 = await adapter.getContent({ id: lecture.id });
    expect(content2).toMatchObject({
      blob: null,
      checksumSha256: null,
      fileSize: 5_000_000,
      fileType: 'video/mp4',
    });
    const history = (await adapter.getHistory({ id: lecture.id })).items;
    expect(history.map((entry) => entry.operation)).toEqual(['replace', 'replace', 'upload']);
    expect(Date.parse(history[0]!.timestamp)).toBeLessThanOrEqual(Date.parse(NOW));

    const trash = await adapter.listMedia({ status: 'deleted' });
    expect(trash.items.map((file) => [file.fileName, file.deletedAt])).toEqual([
      ['old.png', '2025-05-01T00:00:00.000Z'],
    ]);
  });

  it('rejects inconsistent seed data with VALIDATION_ERROR', () => {
    const bad: [MemorySeedFile[], RegExp][] = [
      [[{ fileName: 'a', status: 'deleted', usage: [{ resourceType: 'course', resourceId: '1' }] }], /usage/],
      [
        [
          { id: 'x', fileName: 'a' },
          { id: 'x', fileName: 'b' },
        ],
        /taken/,
      ],
      [[{ fileName: 'a', uploadDate: 'yesterday' }], /uploadDate/],
      [[{ fileName: 'a', versions: 0 }], /versions/],
      [[{ fileName: 'a', fileSize: -1 }], /fileSize/],
      [
        [
          {
            fileName: 'a',
            usage: [
              { resourceType: 'course', resourceId: '1' },
              { resourceType: ' course ', resourceId: '1' },
            ],
          },
        ],
        /twice/,
      ],
      [[{ fileName: 'a', usage: [{ resourceType: '', resourceId: '1' }] }], /resourceType/],
    ];
    for (const [seed, message] of bad) {
      expect(() => createMemoryAdapter({ seed })).toThrow(message);
      expect(() => createMemoryAdapter({ seed })).toThrow(
        expect.objectContaining({ code: 'VALIDATION_ERROR' }),
      );
    }
  });

  it('reset() returns to the initial seed, or loads another one', async () => {
    const adapter = createMemoryAdapter({ clock, seed: [{ id: 'keep', fileName: 'keep.txt' }] });
    await adapter.renameMedia({ id: 'keep', fileName: 'renamed.txt' });
    await adapter.uploadMedia({ file: new Blob(['x']), fileName: 'new.txt' });
    adapter.reset();
    const page = await adapter.listMedia({ includeTotal: true });
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ id: 'keep', fileName: 'keep.txt' });
    expect((await adapter.getHistory({ id: 'keep' })).items).toHaveLength(1);

    adapter.reset([{ fileName: 'other.txt' }, { fileName: 'third.txt' }]);
    expect(
      (await adapter.listMedia({ sort: 'fileName', order: 'asc' })).items.map((file) => file.id),
    ).toEqual(['media-000001', 'media-000002']);
    await expectCode(adapter.getMedia({ id: 'keep' }), 'NOT_FOUND');
  });
});

describe('createSeedFiles', () => {
  it('is deterministic for a seed and varies with it', () => {
    expect(createSeedFiles(50)).toEqual(createSeedFiles(50));
    expect(createSeedFiles(50, { seed: 7 })).not.toEqual(createSeedFiles(50));
    expect(createSeedFiles(0)).toEqual([]);
    expect(() => createSeedFiles(-1)).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR' }));
    expect(() => createSeedFiles(3, { now: 'soon' })).toThrow(/now/);
  });

  it('produces a realistic mix that an adapter accepts', async () => {
    const files = createSeedFiles(300);
    const adapter = createMemoryAdapter({ seed: files, clock: () => new Date(SEED_REFERENCE_DATE) });
    const analytics = await adapter.getAnalytics();
    expect(analytics.totalFiles + analytics.trashFiles).toBe(300);
    expect(analytics.trashFiles).toBeGreaterThan(5);
    expect(analytics.usedFiles).toBeGreaterThan(80);
    expect(analytics.unusedFiles).toBeGreaterThan(40);
    expect(analytics.orphanedFiles).toBeGreaterThan(10);
    expect(analytics.orphanedFiles).toBeLessThan(analytics.unusedFiles);
    for (const kind of ['video', 'image', 'audio', 'document', 'other'] as const) {
      expect(analytics.byKind[kind].count, kind).toBeGreaterThan(0);
    }
    const videos = files.filter((file) => file.fileType?.startsWith('video/'));
    expect(Math.min(...videos.map((file) => file.fileSize!))).toBeGreaterThanOrEqual(20 * 1024 * 1024);
    expect(files.some((file) => (file.versions ?? 1) > 1)).toBe(true);
    expect(files.some((file) => file.usage?.some((link) => link.resourceType === 'lesson'))).toBe(true);
    const dates = files.map((file) => String(file.uploadDate));
    expect([...dates].sort()).toEqual(dates);
    expect(dates.every((date) => date < SEED_REFERENCE_DATE)).toBe(true);
  });

  it('dates files relative to `now`', () => {
    const now = '2030-01-01T00:00:00.000Z';
    const files = createSeedFiles(20, { now, trashRatio: 1 });
    expect(
      files.every((file) => String(file.uploadDate) < now && String(file.uploadDate) > '2027-12-01'),
    ).toBe(true);
    expect(files.every((file) => file.status === 'deleted' && file.usage === undefined)).toBe(true);
  });
});
