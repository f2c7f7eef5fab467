import type { MediaHistoryEntry } from 'mediashelf/core';
import { describe, expect, it } from 'vitest';
import { createTestFile } from '../fixtures';
import type { ContractContext } from './context';
import { expectMediaError, idsOf, itUnless, sleep, upload } from './helpers';

// History is ordered by time; a short pause keeps consecutive operations apart.
const STEP_MS = 5;

/** getHistory: what is recorded, in which order, and paging. */
export function describeHistory(ctx: ContractContext): void {
  const withVersions = itUnless(ctx.capabilities.versions ? null : 'capabilities.versions is false');

  /** Runs the lifecycle operations every adapter supports on one file. */
  const busyFile = async () => {
    const file = await upload(ctx.adapter, { name: 'history.pdf' });
    const steps = [
      () => ctx.adapter.renameMedia({ id: file.id, fileName: 'renamed.pdf' }),
      () => ctx.adapter.deleteMedia({ id: file.id }),
      () => ctx.adapter.restoreMedia({ id: file.id }),
      () => ctx.adapter.linkMedia({ mediaId: file.id, resourceType: 'lesson', resourceId: 'l-1' }),
      () => ctx.adapter.unlinkMedia({ mediaId: file.id, resourceType: 'lesson', resourceId: 'l-1' }),
    ];
    for (const step of steps) {
      await sleep(STEP_MS);
      await step();
    }
    return file;
  };

  const operations = (entries: MediaHistoryEntry[]) => entries.map((entry) => entry.operation);

  describe('getHistory', () => {
    it('records the upload of a new file', async () => {
      const file = await upload(ctx.adapter);
      const page = await ctx.adapter.getHistory({ id: file.id });
      expect(operations(page.items)).toEqual(['upload']);
      expect(page.items[0]).toMatchObject({ id: expect.any(String), mediaId: file.id });
      expect(page.nextCursor).toBeNull();
    });

    it('records rename, delete, restore, link and unlink, newest first', async () => {
      const file = await busyFile();
      const page = await ctx.adapter.getHistory({ id: file.id });
      expect(operations(page.items)).toEqual(['unlink', 'link', 'restore', 'delete', 'rename', 'upload']);
      expect(page.items.every((entry) => entry.mediaId === file.id)).toBe(true);
      const times = page.items.map((entry) => Date.parse(entry.timestamp));
      expect(times.every((time) => !Number.isNaN(time))).toBe(true);
      expect(times).toEqual([...times].sort((a, b) => b - a));
    });

    it('does not record refused operations', async () => {
      const file = await upload(ctx.adapter);
      await expectMediaError(ctx.adapter.renameMedia({ id: file.id, fileName: ' ' }), 'VALIDATION_ERROR');
      await expectMediaError(ctx.adapter.restoreMedia({ id: file.id }), 'CONFLICT');
      expect(operations((await ctx.adapter.getHistory({ id: file.id })).items)).toEqual(['upload']);
    });

    it('pages with a cursor without duplicates or gaps', async () => {
      const file = await busyFile();
      const whole = await ctx.adapter.getHistory({ id: file.id });
      const pages: MediaHistoryEntry[][] = [];
      let cursor: string | null = null;
      do {
        const page = await ctx.adapter.getHistory({ id: file.id, limit: 4, cursor });
        pages.push(page.items);
        cursor = page.nextCursor;
      } while (cursor !== null && pages.length < 10);
      expect(pages.map((page) => page.length)).toEqual([4, 2]);
      expect(idsOf(pages.flat())).toEqual(idsOf(whole.items));
    });

    it('keeps the history of a file in the trash readable', async () => {
      const file = await upload(ctx.adapter);
      await ctx.adapter.deleteMedia({ id: file.id });
      expect(operations((await ctx.adapter.getHistory({ id: file.id })).items)).toEqual(['delete', 'upload']);
    });

    it('rejects limit 0 with VALIDATION_ERROR', async () => {
      const file = await upload(ctx.adapter);
      await expectMediaError(ctx.adapter.getHistory({ id: file.id, limit: 0 }), 'VALIDATION_ERROR');
    });

    withVersions('records replace and version_restore, newest first', async () => {
      const file = await upload(ctx.adapter, { name: 'v.png', type: 'image/png' });
      await sleep(STEP_MS);
      await ctx.adapter.replaceMedia({ id: file.id, file: createTestFile({ type: 'image/png', size: 200 }) });
      await sleep(STEP_MS);
      await ctx.adapter.restoreVersion({ id: file.id, versionNumber: 1 });
      const page = await ctx.adapter.getHistory({ id: file.id });
      expect(operations(page.items)).toEqual(['version_restore', 'replace', 'upload']);
    });
  });
}
