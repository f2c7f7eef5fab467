import { MAX_RESOURCE_FIELD_LENGTH } from 'mediashelf/core';
import { describe, expect, it } from 'vitest';
import type { ContractContext } from './context';
import { expectMediaError, sleep, upload } from './helpers';

const INVALID_LINKS: [string, { resourceType: string; resourceId: string }][] = [
  ['an empty resourceType', { resourceType: '', resourceId: 'l-1' }],
  ['a blank resourceType', { resourceType: '   ', resourceId: 'l-1' }],
  ['an empty resourceId', { resourceType: 'lesson', resourceId: '' }],
  ['a blank resourceId', { resourceType: 'lesson', resourceId: ' \t ' }],
  [
    `a resourceType over ${MAX_RESOURCE_FIELD_LENGTH} characters`,
    { resourceType: 't'.repeat(MAX_RESOURCE_FIELD_LENGTH + 1), resourceId: 'l-1' },
  ],
  [
    `a resourceId over ${MAX_RESOURCE_FIELD_LENGTH} characters`,
    { resourceType: 'lesson', resourceId: 'i'.repeat(MAX_RESOURCE_FIELD_LENGTH + 1) },
  ],
];

/** linkMedia, unlinkMedia, getUsage and usageCount. */
export function describeUsage(ctx: ContractContext): void {
  describe('linkMedia / unlinkMedia / getUsage', () => {
    it('links a file and answers the usage', async () => {
      const file = await upload(ctx.adapter);
      const usage = await ctx.adapter.linkMedia({
        mediaId: file.id,
        resourceType: 'lesson',
        resourceId: 'l-42',
        resourceTitle: 'Photosynthesis',
      });
      expect(usage).toMatchObject({
        id: expect.any(String),
        mediaId: file.id,
        resourceType: 'lesson',
        resourceId: 'l-42',
        resourceTitle: 'Photosynthesis',
      });
      expect(Number.isNaN(Date.parse(usage.linkedAt))).toBe(false);
      expect(await ctx.adapter.getUsage({ id: file.id })).toEqual([usage]);
    });

    it('answers no usage for a new file', async () => {
      const file = await upload(ctx.adapter);
      expect(await ctx.adapter.getUsage({ id: file.id })).toEqual([]);
    });

    it('lists links oldest first', async () => {
      const file = await upload(ctx.adapter);
      for (const resourceId of ['c-1', 'c-2', 'c-3']) {
        await ctx.adapter.linkMedia({ mediaId: file.id, resourceType: 'course', resourceId });
        await sleep(5);
      }
      const usage = await ctx.adapter.getUsage({ id: file.id });
      expect(usage.map((link) => link.resourceId)).toEqual(['c-1', 'c-2', 'c-3']);
    });

    it('is idempotent: linking twice answers the same usage and keeps one row', async () => {
      const file = await upload(ctx.adapter);
      const link = { mediaId: file.id, resourceType: 'chapter', resourceId: 'ch-1' };
      const first = await ctx.adapter.linkMedia(link);
      const second = await ctx.adapter.linkMedia(link);
      expect(second.id).toBe(first.id);
      expect(await ctx.adapter.getUsage({ id: file.id })).toHaveLength(1);
      expect((await ctx.adapter.getMedia({ id: file.id })).usageCount).toBe(1);
    });

    it('counts the same resource id under another resource type as another link', async () => {
      const file = await upload(ctx.adapter);
      await ctx.adapter.linkMedia({ mediaId: file.id, resourceType: 'course', resourceId: '1' });
      await ctx.adapter.linkMedia({ mediaId: file.id, resourceType: 'lesson', resourceId: '1' });
      expect(await ctx.adapter.getUsage({ id: file.id })).toHaveLength(2);
    });

    it('refuses to link a file in the trash with CONFLICT', async () => {
      const file = await upload(ctx.adapter);
      await ctx.adapter.deleteMedia({ id: file.id });
      await expectMediaError(
        ctx.adapter.linkMedia({ mediaId: file.id, resourceType: 'lesson', resourceId: 'l-1' }),
        'CONFLICT',
      );
      expect(await ctx.adapter.getUsage({ id: file.id })).toEqual([]);
    });

    for (const [what, link] of INVALID_LINKS) {
      it(`rejects ${what} with VALIDATION_ERROR`, async () => {
        const file = await upload(ctx.adapter);
        await expectMediaError(ctx.adapter.linkMedia({ mediaId: file.id, ...link }), 'VALIDATION_ERROR');
        expect(await ctx.adapter.getUsage({ id: file.id })).toEqual([]);
      });
    }

    it('unlinks a file', async () => {
      const file = await upload(ctx.adapter);
      await ctx.adapter.linkMedia({ mediaId: file.id, resourceType: 'course', resourceId: 'c-1' });
      await ctx.adapter.linkMedia({ mediaId: file.id, resourceType: 'course', resourceId: 'c-2' });
      await expect(
        ctx.adapter.unlinkMedia({ mediaId: file.id, resourceType: 'course', resourceId: 'c-1' }),
      ).resolves.toBeUndefined();
      const usage = await ctx.adapter.getUsage({ id: file.id });
      expect(usage.map((link) => link.resourceId)).toEqual(['c-2']);
    });

    it('resolves when unlinking a link that does not exist', async () => {
      const file = await upload(ctx.adapter);
      await ctx.adapter.linkMedia({ mediaId: file.id, resourceType: 'course', resourceId: 'c-1' });
      await expect(
        ctx.adapter.unlinkMedia({ mediaId: file.id, resourceType: 'course', resourceId: 'c-9' }),
      ).resolves.toBeUndefined();
      await ctx.adapter.unlinkMedia({ mediaId: file.id, resourceType: 'course', resourceId: 'c-1' });
      await expect(
        ctx.adapter.unlinkMedia({ mediaId: file.id, resourceType: 'course', resourceId: 'c-1' }),
      ).resolves.toBeUndefined();
      expect(await ctx.adapter.getUsage({ id: file.id })).toEqual([]);
    });

    it('keeps usageCount in getMedia and listMedia in step with the links', async () => {
      const file = await upload(ctx.adapter);
      const count = async () => ({
        get: (await ctx.adapter.getMedia({ id: file.id })).usageCount,
        list: (await ctx.adapter.listMedia()).items[0]!.usageCount,
      });
      await ctx.adapter.linkMedia({ mediaId: file.id, resourceType: 'course', resourceId: 'c-1' });
      await ctx.adapter.linkMedia({ mediaId: file.id, resourceType: 'lesson', resourceId: 'l-1' });
      expect(await count()).toEqual({ get: 2, list: 2 });
      await ctx.adapter.unlinkMedia({ mediaId: file.id, resourceType: 'course', resourceId: 'c-1' });
      expect(await count()).toEqual({ get: 1, list: 1 });
    });
  });
}
