import type { MediaUsage } from 'mediashelf/core';
import { describe, expect, it } from 'vitest';
import type { ContractContext } from './context';
import { expectMediaError, idsOf, upload } from './helpers';

/** deleteMedia, restoreMedia and purgeMedia: the trash and its rules. */
export function describeLifecycle(ctx: ContractContext): void {
  describe('deleteMedia', () => {
    it('moves a file to the trash', async () => {
      const file = await upload(ctx.adapter, { name: 'old.pdf' });
      const deleted = await ctx.adapter.deleteMedia({ id: file.id });
      expect(deleted).toMatchObject({ id: file.id, status: 'deleted', deletedAt: expect.any(String) });
      expect(Number.isNaN(Date.parse(deleted.deletedAt!))).toBe(false);
      expect((await ctx.adapter.getMedia({ id: file.id })).status).toBe('deleted');
      expect((await ctx.adapter.listMedia()).items).toEqual([]);
      expect(idsOf((await ctx.adapter.listMedia({ status: 'deleted' })).items)).toEqual([file.id]);
    });

    it('refuses a linked file with MEDIA_IN_USE listing every link in details.usage', async () => {
      const file = await upload(ctx.adapter, { name: 'intro.mp4' });
      await ctx.adapter.linkMedia({ mediaId: file.id, resourceType: 'course', resourceId: 'c-1' });
      await ctx.adapter.linkMedia({ mediaId: file.id, resourceType: 'lesson', resourceId: 'l-7' });
      const error = await expectMediaError(ctx.adapter.deleteMedia({ id: file.id }), 'MEDIA_IN_USE');
      const usage = error.details?.usage as MediaUsage[] | undefined;
      expect(Array.isArray(usage)).toBe(true);
      expect(usage!.map((link) => `${link.resourceType}/${link.resourceId}`).sort()).toEqual([
        'course/c-1',
        'lesson/l-7',
      ]);
      expect(usage!.every((link) => link.mediaId === file.id)).toBe(true);
      expect((await ctx.adapter.getMedia({ id: file.id })).status).toBe('active');
    });

    it('deletes a file once its last link is removed', async () => {
      const file = await upload(ctx.adapter);
      await ctx.adapter.linkMedia({ mediaId: file.id, resourceType: 'course', resourceId: 'c-1' });
      await ctx.adapter.unlinkMedia({ mediaId: file.id, resourceType: 'course', resourceId: 'c-1' });
      expect((await ctx.adapter.deleteMedia({ id: file.id })).status).toBe('deleted');
    });

    it('refuses a file already in the trash with CONFLICT', async () => {
      const file = await upload(ctx.adapter);
      await ctx.adapter.deleteMedia({ id: file.id });
      await expectMediaError(ctx.adapter.deleteMedia({ id: file.id }), 'CONFLICT');
    });
  });

  describe('restoreMedia', () => {
    it('brings a file back from the trash', async () => {
      const file = await upload(ctx.adapter);
      await ctx.adapter.deleteMedia({ id: file.id });
      const restored = await ctx.adapter.restoreMedia({ id: file.id });
      expect(restored).toMatchObject({ id: file.id, status: 'active', deletedAt: null });
      expect(idsOf((await ctx.adapter.listMedia()).items)).toEqual([file.id]);
      expect((await ctx.adapter.listMedia({ status: 'deleted' })).items).toEqual([]);
    });

    it('refuses an active file with CONFLICT', async () => {
      const file = await upload(ctx.adapter);
      await expectMediaError(ctx.adapter.restoreMedia({ id: file.id }), 'CONFLICT');
    });
  });

  describe('purgeMedia', () => {
    it('removes a file in the trash for good', async () => {
      const file = await upload(ctx.adapter);
      await ctx.adapter.deleteMedia({ id: file.id });
      await expect(ctx.adapter.purgeMedia({ id: file.id })).resolves.toBeUndefined();
      await expectMediaError(ctx.adapter.getMedia({ id: file.id }), 'NOT_FOUND');
      expect((await ctx.adapter.listMedia({ status: 'deleted' })).items).toEqual([]);
    });

    it('refuses an active file with CONFLICT and keeps it', async () => {
      const file = await upload(ctx.adapter);
      await expectMediaError(ctx.adapter.purgeMedia({ id: file.id }), 'CONFLICT');
      expect((await ctx.adapter.getMedia({ id: file.id })).status).toBe('active');
    });

    it('answers NOT_FOUND for a second purge and a restore after purging', async () => {
      const file = await upload(ctx.adapter);
      await ctx.adapter.deleteMedia({ id: file.id });
      await ctx.adapter.purgeMedia({ id: file.id });
      await expectMediaError(ctx.adapter.purgeMedia({ id: file.id }), 'NOT_FOUND');
      await expectMediaError(ctx.adapter.restoreMedia({ id: file.id }), 'NOT_FOUND');
    });
  });
}
