import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type MediaSort, type SortOrder } from 'mediashelf/core';
import { describe, expect, it } from 'vitest';
import type { ContractContext } from './context';
import { idsOf, itUnless, namesOf, upload, uploadInOrder, uploadMany } from './helpers';

// Upload order, names and sizes all disagree, so each sort gives a different order.
const SORT_FILES = [
  { name: 'bravo.txt', size: 300 },
  { name: 'alpha.txt', size: 100 },
  { name: 'charlie.txt', size: 200 },
];
const EXPECTED_ASC: Record<MediaSort, string[]> = {
  uploadDate: ['bravo.txt', 'alpha.txt', 'charlie.txt'],
  fileName: ['alpha.txt', 'bravo.txt', 'charlie.txt'],
  fileSize: ['alpha.txt', 'charlie.txt', 'bravo.txt'],
};

/** listMedia defaults, statuses, page sizes and every sort. */
export function describeListing(ctx: ContractContext): void {
  const large = itUnless(ctx.capabilities.largeListings ? null : 'capabilities.largeListings is false');

  describe('listMedia: defaults', () => {
    it('answers an empty page for an empty library', async () => {
      const page = await ctx.adapter.listMedia();
      expect(page.items).toEqual([]);
      expect(page.nextCursor).toBeNull();
    });

    it('lists active files newest upload first by default', async () => {
      const files = await uploadInOrder(ctx.adapter, SORT_FILES);
      const page = await ctx.adapter.listMedia();
      expect(idsOf(page.items)).toEqual(idsOf(files).reverse());
      expect(page.items.every((file) => file.status === 'active')).toBe(true);
      expect(page.nextCursor).toBeNull();
    });

    it('leaves files in the trash out by default', async () => {
      const [kept, trashed] = await uploadInOrder(ctx.adapter, [
        { name: 'kept.txt' },
        { name: 'trashed.txt' },
      ]);
      await ctx.adapter.deleteMedia({ id: trashed!.id });
      const page = await ctx.adapter.listMedia();
      expect(idsOf(page.items)).toEqual([kept!.id]);
    });

    it("lists only the trash with status 'deleted'", async () => {
      const [, trashed] = await uploadInOrder(ctx.adapter, [{ name: 'kept.txt' }, { name: 'trashed.txt' }]);
      await ctx.adapter.deleteMedia({ id: trashed!.id });
      const page = await ctx.adapter.listMedia({ status: 'deleted' });
      expect(idsOf(page.items)).toEqual([trashed!.id]);
      expect(page.items[0]!.status).toBe('deleted');
      const active = await ctx.adapter.listMedia({ status: 'active' });
      expect(active.items).toHaveLength(1);
    });

    it('honours a small limit and answers a cursor for the rest', async () => {
      const files = await uploadInOrder(ctx.adapter, SORT_FILES);
      const first = await ctx.adapter.listMedia({ limit: 2 });
      expect(idsOf(first.items)).toEqual([files[2]!.id, files[1]!.id]);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await ctx.adapter.listMedia({ limit: 2, cursor: first.nextCursor });
      expect(idsOf(second.items)).toEqual([files[0]!.id]);
      expect(second.nextCursor).toBeNull();
    });

    it('answers nextCursor null on a last page that is exactly full', async () => {
      await uploadInOrder(ctx.adapter, [
        { name: 'a.txt' },
        { name: 'b.txt' },
        { name: 'c.txt' },
        { name: 'd.txt' },
      ]);
      const first = await ctx.adapter.listMedia({ limit: 2 });
      const second = await ctx.adapter.listMedia({ limit: 2, cursor: first.nextCursor });
      expect(second.items).toHaveLength(2);
      expect(second.nextCursor).toBeNull();
    });

    large(
      `uses a page size of ${DEFAULT_PAGE_SIZE} when no limit is given`,
      async () => {
        await uploadMany(ctx.adapter, DEFAULT_PAGE_SIZE + 1);
        const first = await ctx.adapter.listMedia();
        expect(first.items).toHaveLength(DEFAULT_PAGE_SIZE);
        expect(first.nextCursor).toEqual(expect.any(String));
        const rest = await ctx.adapter.listMedia({ cursor: first.nextCursor });
        expect(rest.items).toHaveLength(1);
        expect(rest.nextCursor).toBeNull();
      },
      120_000,
    );

    large(
      `clamps a limit above ${MAX_PAGE_SIZE} to ${MAX_PAGE_SIZE}`,
      async () => {
        await uploadMany(ctx.adapter, MAX_PAGE_SIZE + 1);
        const first = await ctx.adapter.listMedia({ limit: 1000 });
        expect(first.items).toHaveLength(MAX_PAGE_SIZE);
        expect(first.nextCursor).toEqual(expect.any(String));
        const rest = await ctx.adapter.listMedia({ limit: 1000, cursor: first.nextCursor });
        expect(rest.items).toHaveLength(1);
        expect(rest.nextCursor).toBeNull();
      },
      120_000,
    );
  });

  describe('listMedia: sorting', () => {
    for (const sort of Object.keys(EXPECTED_ASC) as MediaSort[]) {
      for (const order of ['asc', 'desc'] as SortOrder[]) {
        it(`sorts by ${sort} ${order}`, async () => {
          await uploadInOrder(ctx.adapter, SORT_FILES);
          const page = await ctx.adapter.listMedia({ sort, order });
          const expected = order === 'asc' ? EXPECTED_ASC[sort] : [...EXPECTED_ASC[sort]].reverse();
          expect(namesOf(page.items)).toEqual(expected);
        });
      }
    }

    it('defaults order to desc when only sort is given', async () => {
      await uploadInOrder(ctx.adapter, SORT_FILES);
      const page = await ctx.adapter.listMedia({ sort: 'fileName' });
      expect(namesOf(page.items)).toEqual(['charlie.txt', 'bravo.txt', 'alpha.txt']);
    });

    it('sorts the trash like the library', async () => {
      const files = await uploadInOrder(ctx.adapter, SORT_FILES);
      for (const file of files) await ctx.adapter.deleteMedia({ id: file.id });
      const page = await ctx.adapter.listMedia({ status: 'deleted', sort: 'fileSize', order: 'asc' });
      expect(namesOf(page.items)).toEqual(EXPECTED_ASC.fileSize);
      await upload(ctx.adapter, { name: 'active.txt' });
      expect((await ctx.adapter.listMedia({ status: 'deleted' })).items).toHaveLength(3);
    });
  });
}
