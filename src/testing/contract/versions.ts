import { describe, expect } from 'vitest';
import { createTestFile } from '../fixtures';
import type { ContractContext } from './context';
import { expectMediaError, itUnless, sleep, upload } from './helpers';

/** replaceMedia, listVersions and restoreVersion. */
export function describeVersions(ctx: ContractContext): void {
  const test = itUnless(ctx.capabilities.versions ? null : 'capabilities.versions is false');
  const withAbort = itUnless(
    !ctx.capabilities.versions
      ? 'capabilities.versions is false'
      : ctx.capabilities.abortUpload
        ? null
        : 'capabilities.abortUpload is false',
  );

  /** A PNG of 100 bytes replaced by a JPEG of 300 bytes: version 2 differs in size and type. */
  const replaced = async () => {
    const original = await upload(ctx.adapter, { name: 'diagram.png', type: 'image/png', size: 100 });
    await sleep(5);
    const file = await ctx.adapter.replaceMedia({
      id: original.id,
      file: createTestFile({ type: 'image/jpeg', size: 300 }),
    });
    return { original, file };
  };

  describe('versions', () => {
    test('a new file has one current version', async () => {
      const file = await upload(ctx.adapter, { type: 'image/png', size: 100 });
      const versions = await ctx.adapter.listVersions({ id: file.id });
      expect(versions).toHaveLength(1);
      expect(versions[0]).toMatchObject({
        versionNumber: 1,
        fileSize: 100,
        fileType: 'image/png',
        current: true,
      });
    });

    test('replace makes version 2 with the new size and type, same id and name', async () => {
      const { original, file } = await replaced();
      expect(file).toMatchObject({
        id: original.id,
        fileName: 'diagram.png',
        version: 2,
        fileSize: 300,
        fileType: 'image/jpeg',
        status: 'active',
      });
      expect(await ctx.adapter.getMedia({ id: original.id })).toMatchObject({ version: 2, fileSize: 300 });
    });

    test('replace keeps every usage link', async () => {
      const original = await upload(ctx.adapter, { type: 'image/png' });
      const link = await ctx.adapter.linkMedia({
        mediaId: original.id,
        resourceType: 'lesson',
        resourceId: 'l-1',
      });
      const file = await ctx.adapter.replaceMedia({
        id: original.id,
        file: createTestFile({ type: 'image/png' }),
      });
      expect(file.usageCount).toBe(1);
      expect(await ctx.adapter.getUsage({ id: original.id })).toEqual([link]);
    });

    test('listVersions answers newest first with exactly one current', async () => {
      const { original } = await replaced();
      const versions = await ctx.adapter.listVersions({ id: original.id });
      expect(versions.map((version) => version.versionNumber)).toEqual([2, 1]);
      expect(versions.filter((version) => version.current).map((version) => version.versionNumber)).toEqual([
        2,
      ]);
      expect(versions.map((version) => version.fileSize)).toEqual([300, 100]);
    });

    test("restoreVersion(1) makes version 3 with version 1's content", async () => {
      const { original } = await replaced();
      await sleep(5);
      const restored = await ctx.adapter.restoreVersion({ id: original.id, versionNumber: 1 });
      expect(restored).toMatchObject({ id: original.id, version: 3, fileSize: 100, fileType: 'image/png' });
      const versions = await ctx.adapter.listVersions({ id: original.id });
      expect(versions.map((version) => [version.versionNumber, version.fileSize, version.current])).toEqual([
        [3, 100, true],
        [2, 300, false],
        [1, 100, false],
      ]);
    });

    test('reports replace progress ending at (total, total)', async () => {
      const original = await upload(ctx.adapter, { type: 'video/mp4' });
      const file = createTestFile({ type: 'video/mp4', size: 256 * 1024 });
      const calls: [number, number][] = [];
      await ctx.adapter.replaceMedia({
        id: original.id,
        file,
        onProgress: (loaded, total) => calls.push([loaded, total]),
      });
      expect(calls.at(-1)).toEqual([file.size, file.size]);
      const loaded = calls.map(([value]) => value);
      expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
    });

    test('rejects an unknown version with NOT_FOUND', async () => {
      const { original } = await replaced();
      await expectMediaError(ctx.adapter.restoreVersion({ id: original.id, versionNumber: 99 }), 'NOT_FOUND');
      expect((await ctx.adapter.getMedia({ id: original.id })).version).toBe(2);
    });

    for (const versionNumber of [0, -1, 1.5]) {
      test(`rejects version number ${versionNumber} with VALIDATION_ERROR`, async () => {
        const { original } = await replaced();
        await expectMediaError(
          ctx.adapter.restoreVersion({ id: original.id, versionNumber }),
          'VALIDATION_ERROR',
        );
      });
    }

    test('refuses to replace a file in the trash with CONFLICT', async () => {
      const original = await upload(ctx.adapter, { type: 'image/png' });
      await ctx.adapter.deleteMedia({ id: original.id });
      await expectMediaError(
        ctx.adapter.replaceMedia({ id: original.id, file: createTestFile({ type: 'image/png' }) }),
        'CONFLICT',
      );
      expect((await ctx.adapter.getMedia({ id: original.id })).version).toBe(1);
    });

    withAbort('an aborted replace rejects ABORTED and keeps the current version', async () => {
      const original = await upload(ctx.adapter, { type: 'image/png', size: 100 });
      const controller = new AbortController();
      controller.abort();
      await expectMediaError(
        ctx.adapter.replaceMedia({
          id: original.id,
          file: createTestFile({ type: 'image/png', size: 500 }),
          signal: controller.signal,
        }),
        'ABORTED',
      );
      expect(await ctx.adapter.getMedia({ id: original.id })).toMatchObject({ version: 1, fileSize: 100 });
      expect(await ctx.adapter.listVersions({ id: original.id })).toHaveLength(1);
    });
  });
}
