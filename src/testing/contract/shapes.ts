import { type MediaAdapterMethod, validateAdapterResult } from 'mediashelf/core';
import { describe, expect, it } from 'vitest';
import { createTestFile } from '../fixtures';
import { waitForOperation } from '../waitForOperation';
import type { ContractContext } from './context';
import { itUnless, upload } from './helpers';

// validateAdapterResult throws INTERNAL naming the first wrong field; surfacing that message is
// far more useful than a deep-equality diff.
const check = (method: MediaAdapterMethod, value: unknown) =>
  expect(() => validateAdapterResult(method, value)).not.toThrow();

/** Every method resolves with the shape the contract declares. */
export function describeShapes(ctx: ContractContext): void {
  const withVersions = itUnless(ctx.capabilities.versions ? null : 'capabilities.versions is false');

  describe('result shapes', () => {
    it('file methods resolve with MediaFile objects', async () => {
      const file = await upload(ctx.adapter, { name: 'shape.png', type: 'image/png' });
      check('uploadMedia', file);
      check('getMedia', await ctx.adapter.getMedia({ id: file.id }));
      check('renameMedia', await ctx.adapter.renameMedia({ id: file.id, fileName: 'shaped.png' }));
      check('deleteMedia', await ctx.adapter.deleteMedia({ id: file.id }));
      check('restoreMedia', await ctx.adapter.restoreMedia({ id: file.id }));
      await ctx.adapter.deleteMedia({ id: file.id });
      check('purgeMedia', await ctx.adapter.purgeMedia({ id: file.id }));
    });

    it('pages, usage and history have the contract shape', async () => {
      const file = await upload(ctx.adapter);
      check('listMedia', await ctx.adapter.listMedia({ includeTotal: true }));
      check(
        'linkMedia',
        await ctx.adapter.linkMedia({ mediaId: file.id, resourceType: 'course', resourceId: '1' }),
      );
      check('getUsage', await ctx.adapter.getUsage({ id: file.id }));
      check(
        'unlinkMedia',
        await ctx.adapter.unlinkMedia({ mediaId: file.id, resourceType: 'course', resourceId: '1' }),
      );
      check('getHistory', await ctx.adapter.getHistory({ id: file.id }));
    });

    it('analytics and operations have the contract shape', async () => {
      const file = await upload(ctx.adapter);
      check('getAnalytics', await ctx.adapter.getAnalytics());
      const started = await ctx.adapter.startBulkOperation({ type: 'bulk-delete', ids: [file.id] });
      check('startBulkOperation', started);
      check('getOperation', await waitForOperation(ctx.adapter, started.id, { timeoutMs: ctx.timeoutMs }));
    });

    withVersions('version methods have the contract shape', async () => {
      const file = await upload(ctx.adapter, { type: 'image/png' });
      check(
        'replaceMedia',
        await ctx.adapter.replaceMedia({ id: file.id, file: createTestFile({ type: 'image/png' }) }),
      );
      check('listVersions', await ctx.adapter.listVersions({ id: file.id }));
      check('restoreVersion', await ctx.adapter.restoreVersion({ id: file.id, versionNumber: 1 }));
    });

    it('declares its capabilities as booleans', () => {
      const { realtime, resumableUpload, versions } = ctx.adapter.capabilities;
      expect([typeof realtime, typeof resumableUpload, typeof versions]).toEqual([
        'boolean',
        'boolean',
        'boolean',
      ]);
      if (realtime) expect(typeof ctx.adapter.subscribe).toBe('function');
    });
  });
}
