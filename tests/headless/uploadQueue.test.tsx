// @vitest-environment jsdom
import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import { MediaError, type MediaFile } from 'mediashelf/core';
import {
  defaultMediaLabels,
  matchesAccept,
  UploadQueue,
  useUploadQueue,
  useUploadQueueItem,
  useUploadQueueSummary,
  validateUpload,
} from 'mediashelf/headless';
import { memo } from 'react';
import { describe, expect, it } from 'vitest';
import { createBackend, createTestQueryClient, providerWrapper } from './harness';

interface Pending {
  resolve: (file: MediaFile) => void;
  reject: (error: unknown) => void;
  progress: (loaded: number, total: number) => void;
  signal: AbortSignal;
  name: string;
}

/** A queue whose uploads the test finishes by hand. */
function scriptedQueue(concurrency = 2) {
  const running: Pending[] = [];
  let keyCount = 0;
  const queue = new UploadQueue({
    concurrency,
    createKey: () => `k${++keyCount}`,
    upload: (_file, name, { onProgress, signal }) =>
      new Promise<MediaFile>((resolve, reject) => {
        running.push({ resolve, reject, progress: onProgress, signal, name });
        signal.addEventListener('abort', () => reject(new MediaError('ABORTED', 'aborted')));
      }),
  });
  return { queue, running };
}

const media = (id: string) => ({ id }) as MediaFile;
const tick = () => new Promise<void>((resolve) => queueMicrotask(resolve));
const blob = (name: string, size = 10) => new File([new Uint8Array(size)], name, { type: 'text/plain' });

describe('UploadQueue (no React)', () => {
  it('runs `concurrency` uploads at once, in order, and tracks overall progress', async () => {
    const { queue, running } = scriptedQueue(2);
    const keys = queue.enqueue([blob('a', 100), blob('b', 100), blob('c', 200)]);
    expect(keys).toEqual(['k1', 'k2', 'k3']);
    expect(running.map((run) => run.name)).toEqual(['a', 'b']);
    expect(queue.getItem('k3')!.status).toBe('queued');
    running[0]!.progress(50, 100);
    expect(queue.getSummary()).toMatchObject({ loaded: 50, size: 400, uploading: 2, queued: 1 });
    running[0]!.resolve(media('m-a'));
    await tick();
    await tick();
    expect(queue.getItem('k1')).toMatchObject({ status: 'done', serverId: 'm-a', progress: 1 });
    expect(running.map((run) => run.name)).toEqual(['a', 'b', 'c']);
    expect(queue.getSummary().progress).toBeCloseTo(100 / 400);
  });

  it('cancels queued and running uploads, retries them, removes and clears finished', async () => {
    const { queue, running } = scriptedQueue(1);
    queue.enqueue([blob('a'), blob('b')]);
    queue.cancel('k2');
    expect(queue.getItem('k2')!.status).toBe('cancelled');
    queue.cancel('k1');
    expect(running[0]!.signal.aborted).toBe(true);
    expect(queue.getItem('k1')!.status).toBe('cancelled');
    await tick();
    expect(queue.getItem('k1')!.status).toBe('cancelled');
    queue.retry('k1');
    expect(queue.getItem('k1')!.status).toBe('uploading');
    running[1]!.reject(new MediaError('NETWORK_ERROR', 'offline'));
    await tick();
    expect(queue.getItem('k1')!.error).toEqual({
      code: 'NETWORK_ERROR',
      message: 'offline',
      retryable: true,
    });
    queue.retry('k1');
    running[2]!.resolve(media('m1'));
    await tick();
    queue.clearFinished();
    expect(queue.getKeys()).toEqual([]);
    expect(queue.getSummary().total).toBe(0);
  });

  it('batches notifications: 10,000 files cause one queue notification', async () => {
    const { queue } = scriptedQueue(3);
    let notified = 0;
    queue.subscribe(() => notified++);
    const files = Array.from({ length: 10_000 }, (_, index) => blob(`f${index}`));
    queue.enqueue(files);
    expect(notified).toBe(0);
    await tick();
    expect(notified).toBe(1);
    expect(queue.getKeys()).toHaveLength(10_000);
    expect(queue.getSummary()).toMatchObject({ total: 10_000, uploading: 3, queued: 9_997 });
  });

  it('validates size and type with labelled messages', () => {
    const labels = defaultMediaLabels;
    expect(validateUpload(blob('big.txt', 2_000_000), { maxSize: 1_000_000 }, labels, 'en-US')).toEqual({
      code: 'FILE_TOO_LARGE',
      message: '"big.txt" is too large: files can be at most 1 MB.',
      retryable: false,
    });
    expect(validateUpload(blob('notes.txt'), { accept: ['video'] }, labels)?.message).toBe(
      '"notes.txt" cannot be uploaded: text/plain is not accepted here.',
    );
    expect(matchesAccept({ name: 'a.PDF', type: '' }, ['.pdf'])).toBe(true);
    expect(matchesAccept({ name: 'a.png', type: 'image/png' }, ['image/*'])).toBe(true);
    expect(matchesAccept({ name: 'a.mp4', type: 'video/mp4' }, ['document', 'audio/*'])).toBe(false);
  });
});

describe('useUploadQueue rendering', () => {
  it('re-renders only the row whose item changed', async () => {
    const backend = createBackend({ uploadChunkSize: 64 });
    const wrapper = providerWrapper({ adapter: backend, queryClient: createTestQueryClient() });
    const renders = new Map<string, number>();
    const Row = memo(function Row({ queue, id }: { queue: UploadQueue; id: string }) {
      const item = useUploadQueueItem(queue, id);
      renders.set(id, (renders.get(id) ?? 0) + 1);
      return <li>{`${item?.fileName}:${item?.status}`}</li>;
    });
    function Summary({ queue }: { queue: UploadQueue }) {
      const summary = useUploadQueueSummary(queue);
      return <p>{`${summary.done}/${summary.total}`}</p>;
    }
    let listRenders = 0;
    function Tray() {
      const { queue, keys, enqueue } = useUploadQueue({ concurrency: 1 });
      listRenders++;
      return (
        <>
          <button
            type="button"
            onClick={() => enqueue(Array.from({ length: 50 }, (_, i) => blob(`f${i}.txt`, 256)))}
          >
            add
          </button>
          <Summary queue={queue} />
          <ul>
            {keys.map((key) => (
              <Row key={key} queue={queue} id={key} />
            ))}
          </ul>
        </>
      );
    }
    render(<Tray />, { wrapper });
    act(() => screen.getByText('add').click());
    await waitFor(() => expect(screen.getByText('50/50')).toBeTruthy(), { timeout: 15_000 });
    // The tray rendered once for mount and once for the new keys, never for progress.
    expect(listRenders).toBe(2);
    // Each row: first render, then a handful of its own changes (uploading, progress, done).
    const counts = [...renders.values()];
    expect(counts).toHaveLength(50);
    expect(Math.max(...counts)).toBeLessThanOrEqual(8);
  });

  it('is thin over the class: the hook exposes the same queue across renders', () => {
    const wrapper = providerWrapper({ adapter: createBackend(), queryClient: createTestQueryClient() });
    const { result, rerender } = renderHook(() => useUploadQueue(), { wrapper });
    const first = result.current.queue;
    rerender();
    expect(result.current.queue).toBe(first);
  });
});
