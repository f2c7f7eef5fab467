import { describe, expect, it } from 'vitest';
import type { ContractContext } from './context';
import { idsOf, namesOf, sleep, upload, uploadInOrder } from './helpers';

/** listMedia search, kind and usage filters, and totals. */
export function describeFilters(ctx: ContractContext): void {
  describe('listMedia: search', () => {
    it('matches case-insensitively anywhere in the name', async () => {
      const [intro] = await uploadInOrder(ctx.adapter, [
        { name: 'Lecture Intro.MP4', type: 'video/mp4' },
        { name: 'Outro.mp4', type: 'video/mp4' },
      ]);
      for (const search of ['lecture intro', 'INTRO', 'ture in', 'intro.mp4']) {
        const page = await ctx.adapter.listMedia({ search });
        expect(idsOf(page.items), `search ${JSON.stringify(search)}`).toEqual([intro!.id]);
      }
    });

    it('answers no files when nothing matches', async () => {
      await upload(ctx.adapter, { name: 'notes.txt' });
      const page = await ctx.adapter.listMedia({ search: 'zzz' });
      expect(page.items).toEqual([]);
      expect(page.nextCursor).toBeNull();
    });

    it('treats % literally', async () => {
      await uploadInOrder(ctx.adapter, [
        { name: '100% done.pdf', type: 'application/pdf' },
        { name: '1000 done.pdf', type: 'application/pdf' },
      ]);
      expect(namesOf((await ctx.adapter.listMedia({ search: '100%' })).items)).toEqual(['100% done.pdf']);
      expect(namesOf((await ctx.adapter.listMedia({ search: '%' })).items)).toEqual(['100% done.pdf']);
    });

    it('treats _ literally', async () => {
      await uploadInOrder(ctx.adapter, [{ name: 'a_b.txt' }, { name: 'axb.txt' }]);
      expect(namesOf((await ctx.adapter.listMedia({ search: 'a_b' })).items)).toEqual(['a_b.txt']);
    });

    it('treats \\ literally', async () => {
      await uploadInOrder(ctx.adapter, [{ name: 'back\\slash.txt' }, { name: 'backslash.txt' }]);
      expect(namesOf((await ctx.adapter.listMedia({ search: 'k\\s' })).items)).toEqual(['back\\slash.txt']);
      expect(namesOf((await ctx.adapter.listMedia({ search: 'k\\' })).items)).toEqual(['back\\slash.txt']);
    });

    it('searches the trash when listing the trash', async () => {
      const [report] = await uploadInOrder(ctx.adapter, [{ name: 'report.pdf' }, { name: 'other.pdf' }]);
      await ctx.adapter.deleteMedia({ id: report!.id });
      expect(idsOf((await ctx.adapter.listMedia({ status: 'deleted', search: 'REPORT' })).items)).toEqual([
        report!.id,
      ]);
      expect((await ctx.adapter.listMedia({ search: 'report' })).items).toEqual([]);
    });
  });

  describe('listMedia: kind filter', () => {
    it('filters by one kind', async () => {
      const [image] = await uploadInOrder(ctx.adapter, [
        { name: 'a.png', type: 'image/png' },
        { name: 'b.mp4', type: 'video/mp4' },
        { name: 'c.pdf', type: 'application/pdf' },
      ]);
      const page = await ctx.adapter.listMedia({ kind: 'image' });
      expect(idsOf(page.items)).toEqual([image!.id]);
      expect(page.items[0]!.kind).toBe('image');
    });

    it('filters by several kinds', async () => {
      await uploadInOrder(ctx.adapter, [
        { name: 'a.png', type: 'image/png' },
        { name: 'b.mp4', type: 'video/mp4' },
        { name: 'c.pdf', type: 'application/pdf' },
        { name: 'd.mp3', type: 'audio/mpeg' },
      ]);
      const page = await ctx.adapter.listMedia({ kind: ['video', 'audio'], sort: 'fileName', order: 'asc' });
      expect(namesOf(page.items)).toEqual(['b.mp4', 'd.mp3']);
    });

    it('answers no files for a kind nobody has', async () => {
      await upload(ctx.adapter, { name: 'a.png', type: 'image/png' });
      expect((await ctx.adapter.listMedia({ kind: 'audio' })).items).toEqual([]);
    });
  });

  describe('listMedia: usage filter', () => {
    const setup = async () => {
      const [used, unused] = await uploadInOrder(ctx.adapter, [{ name: 'used.txt' }, { name: 'unused.txt' }]);
      await ctx.adapter.linkMedia({ mediaId: used!.id, resourceType: 'lesson', resourceId: 'l-1' });
      // Orphaned means "uploaded more than N days ago": let the clock move past the upload.
      await sleep(20);
      return { used: used!, unused: unused! };
    };

    it("lists linked files with usage 'used'", async () => {
      const { used } = await setup();
      expect(idsOf((await ctx.adapter.listMedia({ usage: 'used' })).items)).toEqual([used.id]);
    });

    it("lists unlinked files with usage 'unused'", async () => {
      const { unused } = await setup();
      expect(idsOf((await ctx.adapter.listMedia({ usage: 'unused' })).items)).toEqual([unused.id]);
    });

    it('lists an unused file as orphaned with orphanAgeDays 0', async () => {
      const { unused } = await setup();
      const page = await ctx.adapter.listMedia({ usage: 'orphaned', orphanAgeDays: 0 });
      expect(idsOf(page.items)).toEqual([unused.id]);
    });

    it('does not list a just-uploaded file as orphaned with the default 30 days', async () => {
      await setup();
      expect((await ctx.adapter.listMedia({ usage: 'orphaned' })).items).toEqual([]);
      expect((await ctx.adapter.listMedia({ usage: 'orphaned', orphanAgeDays: 30 })).items).toEqual([]);
    });

    it('moves a file between used and unused as it is linked and unlinked', async () => {
      const { used } = await setup();
      await ctx.adapter.unlinkMedia({ mediaId: used.id, resourceType: 'lesson', resourceId: 'l-1' });
      expect((await ctx.adapter.listMedia({ usage: 'used' })).items).toEqual([]);
      expect((await ctx.adapter.listMedia({ usage: 'unused' })).items).toHaveLength(2);
    });
  });

  describe('listMedia: includeTotal', () => {
    it('counts every matching file, not just the page', async () => {
      await uploadInOrder(ctx.adapter, [
        { name: 'a.png', type: 'image/png' },
        { name: 'b.png', type: 'image/png' },
        { name: 'c.png', type: 'image/png' },
        { name: 'd.pdf', type: 'application/pdf' },
      ]);
      const all = await ctx.adapter.listMedia({ includeTotal: true, limit: 1 });
      expect(all.items).toHaveLength(1);
      expect(all.total).toBe(4);
      const images = await ctx.adapter.listMedia({ kind: 'image', includeTotal: true, limit: 2 });
      expect(images.total).toBe(3);
      const next = await ctx.adapter.listMedia({
        kind: 'image',
        includeTotal: true,
        limit: 2,
        cursor: images.nextCursor,
      });
      expect(next.items).toHaveLength(1);
      expect(next.total).toBe(3);
    });

    it('counts zero for an empty result', async () => {
      const page = await ctx.adapter.listMedia({ includeTotal: true });
      expect(page.total).toBe(0);
    });
  });
}
