import { MEDIA_KINDS } from 'mediashelf/core';
import { describe, expect, it } from 'vitest';
import type { ContractContext } from './context';
import { expectMediaError, sleep, uploadInOrder } from './helpers';

const zeroByKind = () => Object.fromEntries(MEDIA_KINDS.map((kind) => [kind, { count: 0, size: 0 }]));

/** getAnalytics with known numbers. */
export function describeAnalytics(ctx: ContractContext): void {
  /**
   * Two images (100 + 200 bytes, the first linked), a video (400), a PDF in the trash (800) and
   * a purged text file, which must count nowhere.
   */
  const library = async () => {
    const [png, jpeg, mp4, pdf, text] = await uploadInOrder(ctx.adapter, [
      { name: 'a.png', type: 'image/png', size: 100 },
      { name: 'b.jpg', type: 'image/jpeg', size: 200 },
      { name: 'c.mp4', type: 'video/mp4', size: 400 },
      { name: 'd.pdf', type: 'application/pdf', size: 800 },
      { name: 'e.txt', type: 'text/plain', size: 1600 },
    ]);
    await ctx.adapter.linkMedia({ mediaId: png!.id, resourceType: 'course', resourceId: 'c-1' });
    await ctx.adapter.deleteMedia({ id: pdf!.id });
    await ctx.adapter.deleteMedia({ id: text!.id });
    await ctx.adapter.purgeMedia({ id: text!.id });
    // Orphaned means "uploaded more than N days ago": let the clock move past the uploads.
    await sleep(20);
    return { png: png!, jpeg: jpeg!, mp4: mp4! };
  };

  describe('getAnalytics', () => {
    it('answers zeros for an empty library', async () => {
      expect(await ctx.adapter.getAnalytics()).toEqual({
        totalFiles: 0,
        usedFiles: 0,
        unusedFiles: 0,
        totalSize: 0,
        orphanedFiles: 0,
        orphanedSize: 0,
        trashFiles: 0,
        trashSize: 0,
        byKind: zeroByKind(),
      });
    });

    it('counts files, usage, sizes, trash and kinds', async () => {
      await library();
      const analytics = await ctx.adapter.getAnalytics();
      expect(analytics).toEqual({
        totalFiles: 3,
        usedFiles: 1,
        unusedFiles: 2,
        totalSize: 700,
        orphanedFiles: 0,
        orphanedSize: 0,
        trashFiles: 1,
        trashSize: 800,
        byKind: { ...zeroByKind(), image: { count: 2, size: 300 }, video: { count: 1, size: 400 } },
      });
    });

    it('counts unused files as orphaned with orphanAgeDays 0', async () => {
      await library();
      const analytics = await ctx.adapter.getAnalytics({ orphanAgeDays: 0 });
      expect(analytics.orphanedFiles).toBe(2);
      expect(analytics.orphanedSize).toBe(600);
    });

    it('follows links and restores', async () => {
      const { jpeg } = await library();
      await ctx.adapter.linkMedia({ mediaId: jpeg.id, resourceType: 'lesson', resourceId: 'l-1' });
      const trashed = (await ctx.adapter.listMedia({ status: 'deleted' })).items[0]!;
      await ctx.adapter.restoreMedia({ id: trashed.id });
      const analytics = await ctx.adapter.getAnalytics({ orphanAgeDays: 0 });
      expect(analytics).toMatchObject({
        totalFiles: 4,
        usedFiles: 2,
        unusedFiles: 2,
        totalSize: 1500,
        orphanedFiles: 2,
        orphanedSize: 1200,
        trashFiles: 0,
        trashSize: 0,
      });
      expect(analytics.byKind.document).toEqual({ count: 1, size: 800 });
    });

    it('rejects a negative orphanAgeDays with VALIDATION_ERROR', async () => {
      await expectMediaError(ctx.adapter.getAnalytics({ orphanAgeDays: -1 }), 'VALIDATION_ERROR');
    });
  });
}
