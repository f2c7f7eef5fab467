import { HTTP_STATUS_BY_CODE, isMediaError, MEDIA_ERROR_CODES, type MediaAdapter } from 'mediashelf/core';
import { describe, expect, it } from 'vitest';
import { createTestFile } from '../fixtures';
import type { ContractContext } from './context';
import { expectMediaError, itUnless, upload } from './helpers';

// Every method that takes an id, called with one nobody issued.
const UNKNOWN_ID_CALLS: [string, (adapter: MediaAdapter, id: string) => Promise<unknown>][] = [
  ['getMedia', (adapter, id) => adapter.getMedia({ id })],
  ['renameMedia', (adapter, id) => adapter.renameMedia({ id, fileName: 'x.txt' })],
  ['deleteMedia', (adapter, id) => adapter.deleteMedia({ id })],
  ['restoreMedia', (adapter, id) => adapter.restoreMedia({ id })],
  ['purgeMedia', (adapter, id) => adapter.purgeMedia({ id })],
  ['getHistory', (adapter, id) => adapter.getHistory({ id })],
  ['getUsage', (adapter, id) => adapter.getUsage({ id })],
  [
    'linkMedia',
    (adapter, id) => adapter.linkMedia({ mediaId: id, resourceType: 'lesson', resourceId: 'l-1' }),
  ],
  ['getOperation', (adapter, id) => adapter.getOperation({ id })],
];
const UNKNOWN_ID_VERSION_CALLS: [string, (adapter: MediaAdapter, id: string) => Promise<unknown>][] = [
  ['replaceMedia', (adapter, id) => adapter.replaceMedia({ id, file: createTestFile() })],
  ['listVersions', (adapter, id) => adapter.listVersions({ id })],
  ['restoreVersion', (adapter, id) => adapter.restoreVersion({ id, versionNumber: 1 })],
];

/** NOT_FOUND for every id-taking method, and the shape of the errors themselves. */
export function describeErrors(ctx: ContractContext): void {
  const withVersions = itUnless(ctx.capabilities.versions ? null : 'capabilities.versions is false');

  describe('errors', () => {
    for (const [method, call] of UNKNOWN_ID_CALLS) {
      it(`${method} rejects an unknown id with NOT_FOUND`, async () => {
        await upload(ctx.adapter);
        await expectMediaError(call(ctx.adapter, ctx.unknownId), 'NOT_FOUND');
      });
    }
    for (const [method, call] of UNKNOWN_ID_VERSION_CALLS) {
      withVersions(`${method} rejects an unknown id with NOT_FOUND`, async () => {
        await upload(ctx.adapter);
        await expectMediaError(call(ctx.adapter, ctx.unknownId), 'NOT_FOUND');
      });
    }

    it('rejects with a real Error carrying a known code, a message and a matching status', async () => {
      const error = await expectMediaError(ctx.adapter.getMedia({ id: ctx.unknownId }), 'NOT_FOUND');
      expect(error).toBeInstanceOf(Error);
      expect(isMediaError(error)).toBe(true);
      expect(MEDIA_ERROR_CODES).toContain(error.code);
      expect(error.message.length).toBeGreaterThan(0);
      expect(error.status).toBe(HTTP_STATUS_BY_CODE.NOT_FOUND);
    });

    it('rejects rather than throwing synchronously', async () => {
      let promise: Promise<unknown> | undefined;
      expect(() => {
        promise = ctx.adapter.getMedia({ id: ctx.unknownId });
      }).not.toThrow();
      await expectMediaError(promise!, 'NOT_FOUND');
    });

    it('keeps working after an error', async () => {
      await expectMediaError(ctx.adapter.getMedia({ id: ctx.unknownId }), 'NOT_FOUND');
      const file = await ctx.adapter.uploadMedia({ file: createTestFile({ name: 'after.txt' }) });
      expect((await ctx.adapter.getMedia({ id: file.id })).fileName).toBe('after.txt');
    });
  });
}
