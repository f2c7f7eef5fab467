import type { BulkOperationType, StartBulkOperationParams } from 'mediashelf/core';
import { describe, expect, it } from 'vitest';
import { waitForOperation } from '../waitForOperation';
import type { ContractContext } from './context';
import { expectMediaError, upload } from './helpers';

/** startBulkOperation and getOperation. */
export function describeBulk(ctx: ContractContext): void {
  const uploadSome = async (count: number) => {
    const files = [];
    for (let index = 0; index < count; index++)
      files.push(await upload(ctx.adapter, { name: `f${index}.txt` }));
    return files;
  };
  const run = async (type: BulkOperationType, ids: string[]) => {
    const started = await ctx.adapter.startBulkOperation({ type, ids });
    return {
      started,
      finished: await waitForOperation(ctx.adapter, started.id, { timeoutMs: ctx.timeoutMs }),
    };
  };
  const failures = (failed: { mediaId: string; code: string }[]) =>
    Object.fromEntries(failed.map((failure) => [failure.mediaId, failure.code]));

  describe('bulk operations', () => {
    it('starts an operation with its type, total and a live status', async () => {
      const files = await uploadSome(2);
      const started = await ctx.adapter.startBulkOperation({
        type: 'bulk-delete',
        ids: files.map((f) => f.id),
      });
      expect(started).toMatchObject({ id: expect.any(String), type: 'bulk-delete', total: 2 });
      expect(['queued', 'processing', 'completed']).toContain(started.status);
      expect(started.processed).toBeLessThanOrEqual(started.total);
      await waitForOperation(ctx.adapter, started.id, { timeoutMs: ctx.timeoutMs });
    });

    it('bulk-delete moves every file to the trash and completes at 100 %', async () => {
      const files = await uploadSome(3);
      const ids = files.map((file) => file.id);
      const { finished } = await run('bulk-delete', ids);
      expect(finished).toMatchObject({
        status: 'completed',
        total: 3,
        processed: 3,
        percentage: 100,
        failed: [],
      });
      expect([...finished.succeeded].sort()).toEqual([...ids].sort());
      for (const id of ids) expect((await ctx.adapter.getMedia({ id })).status).toBe('deleted');
    });

    it('completes with unknown and in-use files in failed and the others done', async () => {
      const [a, b, linked] = await uploadSome(3);
      await ctx.adapter.linkMedia({ mediaId: linked!.id, resourceType: 'course', resourceId: 'c-1' });
      const { finished } = await run('bulk-delete', [a!.id, ctx.unknownId, linked!.id, b!.id]);
      expect(finished).toMatchObject({ status: 'completed', total: 4, processed: 4, percentage: 100 });
      expect([...finished.succeeded].sort()).toEqual([a!.id, b!.id].sort());
      expect(failures(finished.failed)).toEqual({
        [ctx.unknownId]: 'NOT_FOUND',
        [linked!.id]: 'MEDIA_IN_USE',
      });
      expect(finished.failed.every((failure) => typeof failure.message === 'string')).toBe(true);
      expect((await ctx.adapter.getMedia({ id: linked!.id })).status).toBe('active');
      expect((await ctx.adapter.getMedia({ id: a!.id })).status).toBe('deleted');
    });

    it('ignores duplicate ids', async () => {
      const [a, b] = await uploadSome(2);
      const { started, finished } = await run('bulk-delete', [a!.id, a!.id, b!.id, a!.id]);
      expect(started.total).toBe(2);
      expect(finished).toMatchObject({ status: 'completed', total: 2, processed: 2, failed: [] });
      expect([...finished.succeeded].sort()).toEqual([a!.id, b!.id].sort());
    });

    it('rejects an empty id list with VALIDATION_ERROR', async () => {
      await expectMediaError(
        ctx.adapter.startBulkOperation({ type: 'bulk-delete', ids: [] }),
        'VALIDATION_ERROR',
      );
    });

    it('rejects an unknown operation type with VALIDATION_ERROR', async () => {
      const [file] = await uploadSome(1);
      const params = { type: 'bulk-explode', ids: [file!.id] } as unknown as StartBulkOperationParams;
      await expectMediaError(ctx.adapter.startBulkOperation(params), 'VALIDATION_ERROR');
      expect((await ctx.adapter.getMedia({ id: file!.id })).status).toBe('active');
    });

    it('bulk-restore restores trashed files and fails active ones with CONFLICT', async () => {
      const [a, b, active] = await uploadSome(3);
      await ctx.adapter.deleteMedia({ id: a!.id });
      await ctx.adapter.deleteMedia({ id: b!.id });
      const { finished } = await run('bulk-restore', [a!.id, b!.id, active!.id]);
      expect(finished).toMatchObject({ status: 'completed', total: 3, processed: 3, percentage: 100 });
      expect([...finished.succeeded].sort()).toEqual([a!.id, b!.id].sort());
      expect(failures(finished.failed)).toEqual({ [active!.id]: 'CONFLICT' });
      expect((await ctx.adapter.listMedia()).items).toHaveLength(3);
    });

    it('bulk-purge removes only files in the trash', async () => {
      const [trashed, active] = await uploadSome(2);
      await ctx.adapter.deleteMedia({ id: trashed!.id });
      const { finished } = await run('bulk-purge', [trashed!.id, active!.id]);
      expect(finished).toMatchObject({ status: 'completed', total: 2, processed: 2, percentage: 100 });
      expect(finished.succeeded).toEqual([trashed!.id]);
      expect(failures(finished.failed)).toEqual({ [active!.id]: 'CONFLICT' });
      await expectMediaError(ctx.adapter.getMedia({ id: trashed!.id }), 'NOT_FOUND');
      expect((await ctx.adapter.getMedia({ id: active!.id })).status).toBe('active');
    });

    it('reaches processed == total and 100 % for a larger operation, and stays there', async () => {
      const files = await uploadSome(25);
      const { started, finished } = await run(
        'bulk-delete',
        files.map((file) => file.id),
      );
      expect(finished).toMatchObject({ status: 'completed', total: 25, processed: 25, percentage: 100 });
      expect(finished.succeeded).toHaveLength(25);
      expect(await ctx.adapter.getOperation({ id: started.id })).toEqual(finished);
      expect((await ctx.adapter.getAnalytics()).trashFiles).toBe(25);
    });
  });
}
