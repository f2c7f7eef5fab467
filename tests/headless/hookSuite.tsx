import { act, renderHook, waitFor } from '@testing-library/react';
import type { MemoryAdapter } from 'mediashelf/adapters/memory';
import { isMediaError, type MediaAdapter } from 'mediashelf/core';
import {
  useBulkOperation,
  useDeleteMedia,
  useLinkMedia,
  useMediaFile,
  useMediaHistory,
  useMediaList,
  useMediaUsage,
  useMediaVersions,
  usePurgeMedia,
  useRenameMedia,
  useReplaceMedia,
  useRestoreMedia,
  useRestoreVersion,
  useStorageAnalytics,
  useUnlinkMedia,
  useUploadQueue,
} from 'mediashelf/headless';
import { createTestFile } from 'mediashelf/testing';
import { describe, expect, it } from 'vitest';
import { createTestQueryClient, type InstrumentedAdapter, instrument, providerWrapper } from './harness';

/** What a backend under test provides: the seeded memory store and the adapter the hooks use. */
export interface HookSuiteSetup {
  backend: MemoryAdapter;
  adapter: MediaAdapter;
}

const names = (items: { fileName: string }[]) => items.map((item) => item.fileName);

/** Every hook against one adapter (memory, or REST over MSW backed by memory). */
export function runHookSuite(name: string, setup: () => HookSuiteSetup) {
  const mount = () => {
    const { backend, adapter } = setup();
    const spy: InstrumentedAdapter = instrument(adapter);
    const queryClient = createTestQueryClient();
    const wrapper = providerWrapper({
      adapter: spy.adapter,
      queryClient,
      config: { realtimeCoalesceMs: 20 },
    });
    return { backend, spy, queryClient, wrapper };
  };

  describe(`headless hooks on ${name}`, () => {
    it('useMediaList pages through keyset cursors with a total', async () => {
      const { wrapper } = mount();
      const { result } = renderHook(() => useMediaList({ limit: 5 }), { wrapper });
      await waitFor(() => expect(result.current.items).toHaveLength(5));
      expect(result.current.total).toBe(15);
      expect(result.current.items[0]!.id).toBe('video-1');
      expect(result.current.hasNextPage).toBe(true);
      act(() => result.current.fetchNextPage());
      await waitFor(() => expect(result.current.items).toHaveLength(10));
      expect(new Set(result.current.ids).size).toBe(10);
    });

    it('useMediaList debounces the search: one request for a burst of keystrokes', async () => {
      const { wrapper, spy } = mount();
      const { result, rerender } = renderHook(({ search }) => useMediaList({ search }, { debounceMs: 80 }), {
        wrapper,
        initialProps: { search: '' },
      });
      await waitFor(() => expect(result.current.items.length).toBeGreaterThan(0));
      const before = spy.count('listMedia');
      for (const search of ['S', 'Sy', 'Syl', 'Sylla']) rerender({ search });
      expect(result.current.isDebouncing).toBe(true);
      await waitFor(() => expect(names(result.current.items)).toEqual(['Syllabus.pdf']));
      expect(spy.count('listMedia') - before).toBe(1);
    });

    it('useMediaList surfaces adapter errors as MediaError', async () => {
      const { wrapper, backend } = mount();
      backend.dispose();
      const { result } = renderHook(() => useMediaList(), { wrapper });
      await waitFor(() => expect(result.current.error).not.toBeNull());
      expect(isMediaError(result.current.error)).toBe(true);
      expect(result.current.error!.code).toBe('NETWORK_ERROR');
    });

    it('useMediaFile, useMediaUsage and useMediaVersions read one file', async () => {
      const { wrapper } = mount();
      const { result } = renderHook(
        () => ({
          file: useMediaFile('video-1'),
          usage: useMediaUsage('video-1'),
          versions: useMediaVersions('video-1'),
        }),
        { wrapper },
      );
      await waitFor(() => expect(result.current.versions.data).toBeDefined());
      await waitFor(() => expect(result.current.usage.data).toBeDefined());
      await waitFor(() => expect(result.current.file.data).toBeDefined());
      expect(result.current.file.data!.fileName).toBe('Lecture 01.mp4');
      expect(result.current.usage.data!.map((usage) => usage.resourceId)).toEqual(['bio-101']);
      expect(result.current.versions.data!.map((version) => version.versionNumber)).toEqual([2, 1]);
    });

    it('useMediaFile reports NOT_FOUND and stays idle without an id', async () => {
      const { wrapper, spy } = mount();
      const { result } = renderHook(() => ({ missing: useMediaFile('ghost'), idle: useMediaFile(null) }), {
        wrapper,
      });
      await waitFor(() => expect(result.current.missing.error?.code).toBe('NOT_FOUND'));
      expect(result.current.idle.fetchStatus).toBe('idle');
      expect(spy.count('getMedia')).toBe(1);
    });

    it('useMediaHistory is an infinite list, newest first', async () => {
      const { wrapper, backend } = mount();
      await backend.renameMedia({ id: 'doc-1', fileName: 'Syllabus v2.pdf' });
      const { result } = renderHook(() => useMediaHistory('doc-1', { limit: 1 }), { wrapper });
      await waitFor(() => expect(result.current.entries).toHaveLength(1));
      expect(result.current.entries[0]!.operation).toBe('rename');
      expect(result.current.hasNextPage).toBe(true);
      act(() => result.current.fetchNextPage());
      await waitFor(() => expect(result.current.entries).toHaveLength(2));
      expect(result.current.entries[1]!.operation).toBe('upload');
    });

    it('useStorageAnalytics passes orphanAgeDays into the key and the request', async () => {
      const { wrapper } = mount();
      const { result, rerender } = renderHook(({ days }) => useStorageAnalytics({ orphanAgeDays: days }), {
        wrapper,
        initialProps: { days: 30 },
      });
      await waitFor(() => expect(result.current.data).toBeDefined());
      expect(result.current.data).toMatchObject({
        totalFiles: 15,
        usedFiles: 1,
        orphanedFiles: 12,
        trashFiles: 1,
      });
      rerender({ days: 100 });
      await waitFor(() => expect(result.current.data?.orphanedFiles).toBe(0));
    });

    it('useRenameMedia is optimistic, keeps the server name and refetches no list', async () => {
      const { wrapper, spy } = mount();
      const { result } = renderHook(() => ({ list: useMediaList(), rename: useRenameMedia() }), { wrapper });
      await waitFor(() => expect(result.current.list.items.length).toBe(15));
      const lists = spy.count('listMedia');
      const release = spy.hold('renameMedia');
      act(() => result.current.rename.mutate({ id: 'image-1', fileName: '  Cell diagram (final).png ' }));
      await waitFor(() => expect(names(result.current.list.items)).toContain('Cell diagram (final).png'));
      release();
      await waitFor(() => expect(result.current.rename.isSuccess).toBe(true));
      await new Promise((resolve) => setTimeout(resolve, 80)); // longer than the realtime coalescing window
      expect(names(result.current.list.items)).toContain('Cell diagram (final).png');
      expect(spy.count('listMedia')).toBe(lists);
    });

    it('useRenameMedia rolls back when the server says VALIDATION_ERROR', async () => {
      const { wrapper, spy } = mount();
      const { result } = renderHook(() => ({ list: useMediaList(), rename: useRenameMedia() }), { wrapper });
      await waitFor(() => expect(result.current.list.items.length).toBe(15));
      const release = spy.hold('renameMedia');
      act(() => result.current.rename.mutate({ id: 'image-1', fileName: 'x'.repeat(300) }));
      await waitFor(() => expect(names(result.current.list.items)).toContain('x'.repeat(300)));
      release();
      await waitFor(() => expect(result.current.rename.error?.code).toBe('VALIDATION_ERROR'));
      expect(names(result.current.list.items)).toContain('Cell diagram.png');
    });

    it('useRenameMedia rolls back when the server says NOT_FOUND', async () => {
      const { wrapper, backend } = mount();
      const { result } = renderHook(
        () => ({ list: useMediaList(), file: useMediaFile('image-1'), rename: useRenameMedia() }),
        { wrapper },
      );
      await waitFor(() => expect(result.current.file.data).toBeDefined());
      await backend.deleteMedia({ id: 'image-1' });
      await backend.purgeMedia({ id: 'image-1' });
      act(() => result.current.rename.mutate({ id: 'image-1', fileName: 'Gone.png' }));
      await waitFor(() => expect(result.current.rename.error?.code).toBe('NOT_FOUND'));
      expect(result.current.file.data!.fileName).toBe('Cell diagram.png');
      expect(names(result.current.list.items)).not.toContain('Gone.png');
    });

    it('useDeleteMedia removes at once; MEDIA_IN_USE rolls back with the usage for the dialog', async () => {
      const { wrapper, spy } = mount();
      const { result } = renderHook(
        () => ({
          list: useMediaList(),
          trash: useMediaList({ status: 'deleted' }),
          remove: useDeleteMedia(),
        }),
        { wrapper },
      );
      await waitFor(() => expect(result.current.list.items.length).toBe(15));
      const release = spy.hold('deleteMedia');
      act(() => result.current.remove.mutate('video-1'));
      await waitFor(() => expect(result.current.list.ids).not.toContain('video-1'));
      release();
      await waitFor(() => expect(result.current.remove.isError).toBe(true));
      expect(result.current.list.ids).toContain('video-1');
      expect(result.current.remove.error!.code).toBe('MEDIA_IN_USE');
      expect(result.current.remove.inUseUsage!.map((usage) => usage.resourceTitle)).toEqual(['Biology 101']);

      act(() => result.current.remove.mutate('doc-1'));
      await waitFor(() => expect(result.current.trash.ids).toContain('doc-1'));
      expect(result.current.list.ids).not.toContain('doc-1');
      expect(result.current.remove.inUseUsage).toBeNull();
    });

    it('useRestoreMedia and usePurgeMedia move files out of the trash', async () => {
      const { wrapper } = mount();
      const { result } = renderHook(
        () => ({
          list: useMediaList(),
          trash: useMediaList({ status: 'deleted' }),
          restore: useRestoreMedia(),
          purge: usePurgeMedia(),
        }),
        { wrapper },
      );
      await waitFor(() => expect(result.current.trash.ids).toEqual(['trash-1']));
      act(() => result.current.restore.mutate('trash-1'));
      await waitFor(() => expect(result.current.list.ids).toContain('trash-1'));
      expect(result.current.trash.ids).toEqual([]);

      act(() => result.current.purge.mutate('trash-1'));
      await waitFor(() => expect(result.current.purge.error?.code).toBe('CONFLICT'));
      expect(result.current.list.ids).toContain('trash-1');
    });

    it('usePurgeMedia removes a trashed file everywhere', async () => {
      const { wrapper } = mount();
      const { result } = renderHook(
        () => ({ trash: useMediaList({ status: 'deleted' }), purge: usePurgeMedia() }),
        {
          wrapper,
        },
      );
      await waitFor(() => expect(result.current.trash.ids).toEqual(['trash-1']));
      act(() => result.current.purge.mutate('trash-1'));
      await waitFor(() => expect(result.current.trash.ids).toEqual([]));
      expect(result.current.trash.total).toBe(0);
    });

    it('useLinkMedia and useUnlinkMedia update usage and usageCount optimistically', async () => {
      const { wrapper, spy } = mount();
      const { result } = renderHook(
        () => ({
          list: useMediaList(),
          usage: useMediaUsage('image-1'),
          link: useLinkMedia(),
          unlink: useUnlinkMedia(),
        }),
        { wrapper },
      );
      await waitFor(() => expect(result.current.usage.data).toEqual([]));
      await waitFor(() => expect(result.current.list.items.length).toBe(15));
      const count = () => result.current.list.items.find((item) => item.id === 'image-1')!.usageCount;
      const release = spy.hold('linkMedia');
      const link = { mediaId: 'image-1', resourceType: 'lesson', resourceId: 'l-7', resourceTitle: 'Cells' };
      act(() => result.current.link.mutate(link));
      await waitFor(() => expect(count()).toBe(1));
      expect(result.current.usage.data![0]!.id).toMatch(/^optimistic:/);
      release();
      await waitFor(() => expect(result.current.link.isSuccess).toBe(true));
      expect(result.current.usage.data![0]!.id).not.toMatch(/^optimistic:/);
      expect(count()).toBe(1);

      act(() =>
        result.current.unlink.mutate({ mediaId: 'image-1', resourceType: 'lesson', resourceId: 'l-7' }),
      );
      await waitFor(() => expect(result.current.unlink.isSuccess).toBe(true));
      expect(result.current.usage.data).toEqual([]);
      expect(count()).toBe(0);
    });

    it('useLinkMedia rolls back when the server refuses (CONFLICT for a trashed file)', async () => {
      const { wrapper, spy } = mount();
      const { result } = renderHook(() => ({ usage: useMediaUsage('trash-1'), link: useLinkMedia() }), {
        wrapper,
      });
      await waitFor(() => expect(result.current.usage.data).toEqual([]));
      const release = spy.hold('linkMedia');
      act(() =>
        result.current.link.mutate({ mediaId: 'trash-1', resourceType: 'course', resourceId: 'c-1' }),
      );
      await waitFor(() => expect(result.current.usage.data).toHaveLength(1));
      release();
      await waitFor(() => expect(result.current.link.error?.code).toBe('CONFLICT'));
      expect(result.current.usage.data).toEqual([]);
    });

    it('useReplaceMedia reports progress, makes a new version, and can be aborted', async () => {
      const { wrapper, spy, backend } = mount();
      const { result } = renderHook(
        () => ({
          file: useMediaFile('doc-1'),
          versions: useMediaVersions('doc-1'),
          replace: useReplaceMedia(),
        }),
        { wrapper },
      );
      await waitFor(() => expect(result.current.versions.data).toHaveLength(1));
      const file = createTestFile({ name: 'Syllabus.pdf', type: 'application/pdf', size: 4096 });
      act(() => result.current.replace.mutate({ id: 'doc-1', file }));
      await waitFor(() => expect(result.current.replace.isSuccess).toBe(true));
      expect(result.current.file.data).toMatchObject({ version: 2, fileSize: 4096 });
      await waitFor(() => expect(result.current.versions.data).toHaveLength(2));

      const release = spy.hold('replaceMedia');
      act(() => result.current.replace.mutate({ id: 'doc-1', file }));
      await waitFor(() => expect(result.current.replace.progress).toBe(0));
      act(() => result.current.replace.abort());
      release();
      await waitFor(() => expect(result.current.replace.error?.code).toBe('ABORTED'));
      expect(result.current.replace.progress).toBeNull();
      expect((await backend.getMedia({ id: 'doc-1' })).version).toBe(2);
    });

    it('useRestoreVersion makes a new current version', async () => {
      const { wrapper } = mount();
      const { result } = renderHook(
        () => ({ versions: useMediaVersions('video-1'), restore: useRestoreVersion() }),
        {
          wrapper,
        },
      );
      await waitFor(() => expect(result.current.versions.data).toHaveLength(2));
      act(() => result.current.restore.mutate({ id: 'video-1', versionNumber: 1 }));
      await waitFor(() => expect(result.current.versions.data).toHaveLength(3));
      expect(result.current.versions.data![0]).toMatchObject({ versionNumber: 3, current: true });
      act(() => result.current.restore.mutate({ id: 'video-1', versionNumber: 9 }));
      await waitFor(() => expect(result.current.restore.error?.code).toBe('NOT_FOUND'));
    });

    it('useBulkOperation follows the job to the end and refreshes lists and analytics', async () => {
      const { wrapper } = mount();
      const { result } = renderHook(
        () => ({ list: useMediaList(), analytics: useStorageAnalytics(), bulk: useBulkOperation() }),
        { wrapper },
      );
      await waitFor(() => expect(result.current.analytics.data?.totalFiles).toBe(15));
      await waitFor(() => expect(result.current.list.items.length).toBe(15));
      act(() => result.current.bulk.start({ type: 'bulk-delete', ids: ['note-01', 'note-02', 'video-1'] }));
      await waitFor(() => expect(result.current.bulk.operation?.status).toBe('completed'), {
        timeout: 15_000,
      });
      expect(result.current.bulk.operation!.succeeded.sort()).toEqual(['note-01', 'note-02']);
      expect(result.current.bulk.operation!.failed.map((failure) => failure.code)).toEqual(['MEDIA_IN_USE']);
      await waitFor(() => expect(result.current.list.ids).not.toContain('note-01'));
      await waitFor(() => expect(result.current.analytics.data?.totalFiles).toBe(13));
    });

    it('useUploadQueue uploads, validates, shows new files at once and maps client keys to ids', async () => {
      const { wrapper, backend } = mount();
      const { result } = renderHook(
        () => ({
          list: useMediaList(),
          queue: useUploadQueue({ maxSize: 10_000, accept: ['image/*', '.pdf'] }),
        }),
        { wrapper },
      );
      await waitFor(() => expect(result.current.list.items.length).toBe(15));
      const files = [
        createTestFile({ name: 'Mitosis.png', type: 'image/png', size: 2048 }),
        createTestFile({ name: 'Huge.png', type: 'image/png', size: 20_000 }),
        createTestFile({ name: 'Script.txt', type: 'text/plain' }),
      ];
      let keys: string[] = [];
      act(() => {
        keys = result.current.queue.enqueue(files);
      });
      const queue = result.current.queue.queue;
      expect(queue.getItem(keys[1]!)!.error!.message).toBe(
        '"Huge.png" is too large: files can be at most 10 kB.',
      );
      expect(queue.getItem(keys[2]!)!.error!.code).toBe('UNSUPPORTED_TYPE');
      await waitFor(() => expect(queue.getItem(keys[0]!)!.status).toBe('done'));
      const serverId = queue.getItem(keys[0]!)!.serverId!;
      expect(result.current.list.items[0]).toMatchObject({ id: serverId, fileName: 'Mitosis.png' });
      expect(result.current.list.total).toBe(16);
      expect(result.current.queue.keys).toEqual(keys);
      expect((await backend.listMedia({ includeTotal: true })).total).toBe(16);
    });

    it('useUploadQueue cancels an upload in flight and nothing is stored', async () => {
      const { wrapper, spy, backend } = mount();
      const { result } = renderHook(() => useUploadQueue(), { wrapper });
      const release = spy.hold('uploadMedia');
      let key = '';
      act(() => {
        key = result.current.enqueue([
          createTestFile({ name: 'Draft.png', type: 'image/png', size: 1024 }),
        ])[0]!;
      });
      await waitFor(() => expect(result.current.queue.getItem(key)!.status).toBe('uploading'));
      act(() => result.current.cancel(key));
      expect(result.current.queue.getItem(key)!.status).toBe('cancelled');
      release();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(result.current.queue.getItem(key)!.status).toBe('cancelled');
      expect((await backend.listMedia({ includeTotal: true })).total).toBe(15);

      act(() => result.current.retry(key));
      await waitFor(() => expect(result.current.queue.getItem(key)!.status).toBe('done'));
      expect((await backend.listMedia({ includeTotal: true })).total).toBe(16);
    });
  });
}
