import { describe, expect } from 'vitest';
import { createTestFile } from '../fixtures';
import type { ContractContext } from './context';
import { expectMediaError, idsOf, itUnless, upload } from './helpers';

/** uploadMedia refusals: aborts, size limit, refused types. Each leaves nothing behind. */
export function describeUploadLimits(ctx: ContractContext): void {
  const { abortUpload, maxFileSize, unsupportedType, checksMagicBytes } = ctx.capabilities;
  const withAbort = itUnless(abortUpload ? null : 'capabilities.abortUpload is false');
  const withMaxSize = itUnless(maxFileSize === null ? 'capabilities.maxFileSize not set' : null);
  const withUnsupported = itUnless(unsupportedType === null ? 'capabilities.unsupportedType not set' : null);
  const withMagic = itUnless(checksMagicBytes ? null : 'capabilities.checksMagicBytes is false');

  /** Ids of every file, active or trashed, to prove an upload left nothing behind. */
  const everything = async () => [
    ...idsOf((await ctx.adapter.listMedia({ limit: 200 })).items),
    ...idsOf((await ctx.adapter.listMedia({ status: 'deleted', limit: 200 })).items),
  ];

  describe('uploadMedia: refusals', () => {
    withAbort('rejects ABORTED when the signal has already fired, and keeps nothing', async () => {
      const existing = await upload(ctx.adapter, { name: 'existing.txt' });
      const controller = new AbortController();
      controller.abort();
      await expectMediaError(
        ctx.adapter.uploadMedia({ file: createTestFile({ name: 'never.txt' }), signal: controller.signal }),
        'ABORTED',
      );
      expect(await everything()).toEqual([existing.id]);
    });

    withAbort('rejects ABORTED when aborted during the upload, and keeps nothing', async () => {
      const existing = await upload(ctx.adapter, { name: 'existing.txt' });
      const controller = new AbortController();
      const file = createTestFile({ name: 'big.mp4', type: 'video/mp4', size: 2 * 1024 * 1024 });
      const uploading = ctx.adapter.uploadMedia({
        file,
        signal: controller.signal,
        // Abort at the first sign of progress: the upload has started and cannot have finished.
        onProgress: () => controller.abort(),
      });
      // Also abort on the next tick, for adapters that report progress only at the end.
      setTimeout(() => controller.abort(), 0);
      await expectMediaError(uploading, 'ABORTED');
      expect(await everything()).toEqual([existing.id]);
      expect((await ctx.adapter.getAnalytics()).totalFiles).toBe(1);
    });

    withMaxSize('rejects a file over maxFileSize with FILE_TOO_LARGE, and keeps nothing', async () => {
      const file = createTestFile({ name: 'huge.pdf', type: 'application/pdf', size: maxFileSize! + 1 });
      await expectMediaError(ctx.adapter.uploadMedia({ file }), 'FILE_TOO_LARGE');
      expect(await everything()).toEqual([]);
    });

    withMaxSize('accepts a file of exactly maxFileSize bytes', async () => {
      const file = createTestFile({ name: 'limit.pdf', type: 'application/pdf', size: maxFileSize! });
      const uploaded = await ctx.adapter.uploadMedia({ file });
      expect(uploaded.fileSize).toBe(maxFileSize);
    });

    withUnsupported('rejects a refused MIME type with UNSUPPORTED_TYPE, and keeps nothing', async () => {
      const file = createTestFile({ name: 'refused', type: unsupportedType! });
      await expectMediaError(ctx.adapter.uploadMedia({ file }), 'UNSUPPORTED_TYPE');
      expect(await everything()).toEqual([]);
    });

    withMagic('rejects content whose magic bytes contradict its type with UNSUPPORTED_TYPE', async () => {
      const pdfBytes = await createTestFile({ type: 'application/pdf', size: 128 }).arrayBuffer();
      const liar = new File([pdfBytes], 'not-really.png', { type: 'image/png' });
      await expectMediaError(ctx.adapter.uploadMedia({ file: liar }), 'UNSUPPORTED_TYPE');
      expect(await everything()).toEqual([]);
    });
  });
}
