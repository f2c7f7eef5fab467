import { createMemoryAdapter, type MemorySeedFile } from 'mediashelf/adapters/memory';
import type { ListMediaParams, MediaAdapter, MediaFile } from 'mediashelf/core';
import { describe, expect, it } from 'vitest';
import { expectCode, textFile } from './helpers';

const NOW = '2025-06-01T12:00:00.000Z';
const clock = () => new Date(NOW);

async function listAll(adapter: MediaAdapter, params: ListMediaParams): Promise<MediaFile[]> {
  const items: MediaFile[] = [];
  let cursor: string | null = null;
  do {
    const page = await adapter.listMedia({ ...params, cursor });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return items;
}

function seedFiles(names: string[], extra: Partial<MemorySeedFile> = {}): MemorySeedFile[] {
  return names.map((fileName, index) => ({
    fileName,
    fileSize: 100 + index,
    uploadDate: new Date(Date.parse(NOW) - (index + 1) * 60_000).toISOString(),
    ...extra,
  }));
}

describe('memory adapter: listing', () => {
  it('matches %, _ and \\ literally in search', async () => {
    const adapter = createMemoryAdapter({
      clock,
      seed: seedFiles([
        '100% done.pdf',
        '100 percent.pdf',
        'a_b.txt',
        'axb.txt',
        'back\\slash.txt',
        'backslash.txt',
      ]),
    });
    const names = async (search: string) =>
      (await adapter.listMedia({ search, sort: 'fileName', order: 'asc' })).items.map(
        (file) => file.fileName,
      );
    expect(await names('%')).toEqual(['100% done.pdf']);
    expect(await names('0% d')).toEqual(['100% done.pdf']);
    expect(await names('_')).toEqual(['a_b.txt']);
    expect(await names('a_b')).toEqual(['a_b.txt']);
    expect(await names('\\')).toEqual(['back\\slash.txt']);
    expect(await names('.TXT')).toEqual(['a_b.txt', 'axb.txt', 'back\\slash.txt', 'backslash.txt']);
    expect(await names('   ')).toHaveLength(6);
  });

  it('sorts names case-insensitively by code unit and breaks ties by id in the order direction', async () => {
    const adapter = createMemoryAdapter({
      clock,
      seed: [
        { id: 'b', fileName: 'Same.txt' },
        { id: 'a', fileName: 'same.txt' },
        { id: 'c', fileName: 'apple.txt' },
        { id: 'd', fileName: 'Zebra.txt' },
        { id: 'e', fileName: 'Émile.txt' },
      ],
    });
    const ids = async (order: 'asc' | 'desc') =>
      (await adapter.listMedia({ sort: 'fileName', order })).items.map((file) => file.id);
    expect(await ids('asc')).toEqual(['c', 'a', 'b', 'd', 'e']);
    expect(await ids('desc')).toEqual(['e', 'd', 'b', 'a', 'c']);
  });

  it('sorts by size and upload date, and filters kinds given singly or as an array', async () => {
    const adapter = createMemoryAdapter({
      clock,
      seed: [
        { id: 'v', fileName: 'v.mp4', fileSize: 30, uploadDate: '2025-01-03T00:00:00.000Z' },
        { id: 'i', fileName: 'i.png', fileSize: 10, uploadDate: '2025-01-01T00:00:00.000Z' },
        { id: 'd', fileName: 'd.pdf', fileSize: 20, uploadDate: '2025-01-02T00:00:00.000Z' },
      ],
    });
    const ids = async (params: ListMediaParams) =>
      (await adapter.listMedia(params)).items.map((file) => file.id);
    expect(await ids({})).toEqual(['v', 'd', 'i']);
    expect(await ids({ order: 'asc' })).toEqual(['i', 'd', 'v']);
    expect(await ids({ sort: 'fileSize', order: 'asc' })).toEqual(['i', 'd', 'v']);
    expect(await ids({ kind: 'image' })).toEqual(['i']);
    expect(await ids({ kind: ['video', 'document'], sort: 'fileSize' })).toEqual(['v', 'd']);
    expect(await ids({ kind: [] })).toEqual(['v', 'd', 'i']);
    await expectCode(adapter.listMedia({ kind: 'movie' as 'video' }), 'VALIDATION_ERROR');
  });

  it('keeps pages stable while files are uploaded between them', async () => {
    let tick = Date.parse(NOW);
    const adapter = createMemoryAdapter({
      clock: () => new Date(tick),
      seed: Array.from({ length: 25 }, (_, index) => ({
        fileName: `file-${String(index).padStart(2, '0')}.txt`,
        fileSize: index % 5,
        uploadDate: new Date(Date.parse(NOW) - (index % 7) * 1000).toISOString(),
      })),
    });
    for (const params of [
      { sort: 'uploadDate', order: 'desc' },
      { sort: 'uploadDate', order: 'asc' },
      { sort: 'fileSize', order: 'desc' },
      { sort: 'fileName', order: 'asc' },
    ] as const) {
      const before = (await adapter.listMedia({ ...params, limit: 200 })).items.map((file) => file.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await adapter.listMedia({ ...params, limit: 4, cursor });
        seen.push(...page.items.map((file) => file.id));
        cursor = page.nextCursor;
        tick += 1;
        // New files that sort before, among and after the ones already listed.
        await adapter.uploadMedia({ file: textFile(`file-${seen.length}-new.txt`, seen.length % 5) });
        await adapter.uploadMedia({ file: textFile('aaa.txt', 0) });
      } while (cursor !== null);
      const preExisting = seen.filter((id) => before.includes(id));
      expect(new Set(seen).size).toBe(seen.length);
      expect(preExisting).toEqual(before);
    }
  });

  it('refuses a cursor from another query shape or a tampered one', async () => {
    const adapter = createMemoryAdapter({ clock, seed: seedFiles(['a.txt', 'b.txt', 'c.txt']) });
    const page = await adapter.listMedia({ limit: 1 });
    expect(page.nextCursor).not.toBeNull();
    await expectCode(
      adapter.listMedia({ limit: 1, cursor: page.nextCursor, sort: 'fileName' }),
      'VALIDATION_ERROR',
    );
    await expectCode(adapter.listMedia({ cursor: 'not a cursor!' }), 'VALIDATION_ERROR');
    const forged = Buffer.from(
      JSON.stringify([JSON.parse(Buffer.from(page.nextCursor!, 'base64url').toString())[0], 'x', 1]),
    ).toString('base64url');
    await expectCode(adapter.listMedia({ cursor: forged }), 'VALIDATION_ERROR');
  });

  it('fills total only when asked and clamps the limit to 200', async () => {
    const adapter = createMemoryAdapter({
      clock,
      seed: Array.from({ length: 230 }, (_, index) => ({ fileName: `f${index}.txt`, fileSize: index })),
    });
    const plain = await adapter.listMedia();
    expect(plain.items).toHaveLength(50);
    expect(plain).not.toHaveProperty('total');
    const big = await adapter.listMedia({ limit: 1000, includeTotal: true });
    expect(big.items).toHaveLength(200);
    expect(big.total).toBe(230);
    const rest = await adapter.listMedia({ limit: 1000, cursor: big.nextCursor });
    expect(rest.items).toHaveLength(30);
    expect(rest.nextCursor).toBeNull();
    await expectCode(adapter.listMedia({ limit: 0 }), 'VALIDATION_ERROR');
  });

  it('filters usage: used, unused and orphaned relative to the clock and orphanAgeDays', async () => {
    const day = 86_400_000;
    const at = (days: number) => new Date(Date.parse(NOW) - days * day).toISOString();
    const adapter = createMemoryAdapter({
      clock,
      seed: [
        {
          id: 'used-old',
          fileName: 'a',
          uploadDate: at(90),
          usage: [{ resourceType: 'course', resourceId: 'c1' }],
        },
        { id: 'unused-old', fileName: 'b', uploadDate: at(31) },
        { id: 'unused-30', fileName: 'c', uploadDate: at(30) },
        { id: 'unused-new', fileName: 'd', uploadDate: at(2) },
        { id: 'trash-old', fileName: 'e', uploadDate: at(100), status: 'deleted' },
      ],
    });
    const ids = async (params: ListMediaParams) =>
      (await adapter.listMedia({ ...params, sort: 'fileName', order: 'asc' })).items.map((file) => file.id);
    expect(await ids({ usage: 'used' })).toEqual(['used-old']);
    expect(await ids({ usage: 'unused' })).toEqual(['unused-old', 'unused-30', 'unused-new']);
    expect(await ids({ usage: 'orphaned' })).toEqual(['unused-old']);
    expect(await ids({ usage: 'orphaned', orphanAgeDays: 1 })).toEqual([
      'unused-old',
      'unused-30',
      'unused-new',
    ]);
    expect(await ids({ status: 'deleted' })).toEqual(['trash-old']);
  });

  it('lists 10,000 files page by page in order and returns copies', async () => {
    const adapter = createMemoryAdapter({
      clock,
      seed: Array.from({ length: 10_000 }, (_, index) => ({
        fileName: `Lecture ${index}.mp4`,
        fileSize: (index * 7919) % 10_007,
        uploadDate: new Date(Date.parse(NOW) - index * 1000).toISOString(),
      })),
    });
    const all = await listAll(adapter, { sort: 'fileSize', order: 'desc', limit: 200 });
    expect(all).toHaveLength(10_000);
    expect(new Set(all.map((file) => file.id)).size).toBe(10_000);
    for (let index = 1; index < all.length; index++) {
      expect(all[index - 1]!.fileSize).toBeGreaterThanOrEqual(all[index]!.fileSize);
    }
    const searched = await adapter.listMedia({ search: 'lecture 999', includeTotal: true });
    expect(searched.total).toBe(11);

    const first = all[0]!;
    first.fileName = 'mutated';
    expect((await adapter.getMedia({ id: first.id })).fileName).not.toBe('mutated');
  });
});
