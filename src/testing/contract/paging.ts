import type { MediaSort, SortOrder } from 'mediashelf/core';
import { describe, expect, it } from 'vitest';
import type { ContractContext } from './context';
import { expectMediaError, idsOf, listPages, sleep, UPLOAD_GAP_MS, upload, uploadInOrder } from './helpers';

// Sizes repeat on purpose: keyset paging must break ties so no file is skipped or repeated.
const PAGING_FILES = [
  { name: 'golf.txt', size: 40 },
  { name: 'delta.txt', size: 30 },
  { name: 'alpha.txt', size: 40 },
  { name: 'foxtrot.txt', size: 30 },
  { name: 'bravo.txt', size: 40 },
  { name: 'echo.txt', size: 50 },
  { name: 'charlie.txt', size: 30 },
];

/** Keyset paging: completeness, stability under inserts, and cursor validation. */
export function describePaging(ctx: ContractContext): void {
  describe('listMedia: keyset paging', () => {
    for (const sort of ['uploadDate', 'fileName', 'fileSize'] as MediaSort[]) {
      for (const order of ['asc', 'desc'] as SortOrder[]) {
        it(`pages through every file by ${sort} ${order} without duplicates or gaps`, async () => {
          const files = await uploadInOrder(ctx.adapter, PAGING_FILES);
          const whole = await ctx.adapter.listMedia({ sort, order, limit: 100 });
          const pages = await listPages(ctx.adapter, { sort, order, limit: 3 });
          expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
          const paged = idsOf(pages.flat());
          expect(paged).toEqual(idsOf(whole.items));
          expect(new Set(paged).size).toBe(files.length);
          expect([...paged].sort()).toEqual(idsOf(files).sort());
        });
      }
    }

    it('stays stable when a file is uploaded between pages (newest first)', async () => {
      const files = await uploadInOrder(ctx.adapter, PAGING_FILES.slice(0, 5));
      const first = await ctx.adapter.listMedia({ limit: 2 });
      await sleep(UPLOAD_GAP_MS);
      const added = await upload(ctx.adapter, { name: 'newcomer.txt' });
      const rest = await listPages(ctx.adapter, { limit: 2, cursor: first.nextCursor });
      const seen = [...idsOf(first.items), ...idsOf(rest.flat())];
      expect(seen).toEqual(idsOf(files).reverse());
      expect(seen).not.toContain(added.id);
    });

    it('stays stable when a file sorting before the cursor is uploaded between pages', async () => {
      const files = await uploadInOrder(ctx.adapter, PAGING_FILES.slice(0, 5));
      const first = await ctx.adapter.listMedia({ sort: 'fileName', order: 'asc', limit: 2 });
      const added = await upload(ctx.adapter, { name: 'aardvark.txt' });
      const rest = await listPages(ctx.adapter, {
        sort: 'fileName',
        order: 'asc',
        limit: 2,
        cursor: first.nextCursor,
      });
      const seen = [...idsOf(first.items), ...idsOf(rest.flat())];
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort()).toEqual(idsOf(files).sort());
      expect(seen).not.toContain(added.id);
    });

    it('rejects a cursor from another sort with VALIDATION_ERROR', async () => {
      await uploadInOrder(ctx.adapter, PAGING_FILES.slice(0, 3));
      const first = await ctx.adapter.listMedia({ sort: 'fileName', limit: 1 });
      expect(first.nextCursor).toEqual(expect.any(String));
      await expectMediaError(
        ctx.adapter.listMedia({ sort: 'fileSize', limit: 1, cursor: first.nextCursor }),
        'VALIDATION_ERROR',
      );
    });

    it('rejects a cursor from another search with VALIDATION_ERROR', async () => {
      await uploadInOrder(ctx.adapter, PAGING_FILES.slice(0, 3));
      const first = await ctx.adapter.listMedia({ search: 'a', limit: 1 });
      expect(first.nextCursor).toEqual(expect.any(String));
      await expectMediaError(
        ctx.adapter.listMedia({ search: 'l', limit: 1, cursor: first.nextCursor }),
        'VALIDATION_ERROR',
      );
    });

    it('rejects a cursor from the trash listing on the library with VALIDATION_ERROR', async () => {
      const files = await uploadInOrder(ctx.adapter, PAGING_FILES.slice(0, 3));
      for (const file of files) await ctx.adapter.deleteMedia({ id: file.id });
      await upload(ctx.adapter, { name: 'active.txt' });
      const trash = await ctx.adapter.listMedia({ status: 'deleted', limit: 1 });
      expect(trash.nextCursor).toEqual(expect.any(String));
      await expectMediaError(
        ctx.adapter.listMedia({ limit: 1, cursor: trash.nextCursor }),
        'VALIDATION_ERROR',
      );
    });

    it('rejects a malformed cursor with VALIDATION_ERROR', async () => {
      await upload(ctx.adapter);
      await expectMediaError(ctx.adapter.listMedia({ cursor: '%%% not a cursor %%%' }), 'VALIDATION_ERROR');
    });

    it('rejects a well-encoded but meaningless cursor with VALIDATION_ERROR', async () => {
      await upload(ctx.adapter);
      // base64url of "not-a-cursor": passes an encoding check, fails any content check.
      await expectMediaError(ctx.adapter.listMedia({ cursor: 'bm90LWEtY3Vyc29y' }), 'VALIDATION_ERROR');
    });
  });
}
