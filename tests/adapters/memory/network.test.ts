import { createMemoryAdapter } from 'mediashelf/adapters/memory';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectCode, recordEvents, textFile } from './helpers';

/** A seeded generator that replays the same sequence. */
function sequence(values: number[]) {
  let index = 0;
  return vi.fn(() => {
    const value = values[index % values.length]!;
    index += 1;
    return value;
  });
}

describe('memory adapter: simulated network', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits the fixed latency before resolving', async () => {
    vi.useFakeTimers();
    const adapter = createMemoryAdapter({ latency: 200 });
    let settled = false;
    const pending = adapter.listMedia().then((page) => {
      settled = true;
      return page;
    });
    await vi.advanceTimersByTimeAsync(199);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBe(true);
    await expect(pending).resolves.toMatchObject({ items: [], nextCursor: null });
  });

  it('draws latency from the range with the injected random source', async () => {
    vi.useFakeTimers();
    const random = sequence([0.5]);
    const adapter = createMemoryAdapter({ latency: { min: 100, max: 300 }, random });
    let settled = false;
    void adapter.getAnalytics().then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(199);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBe(true);
    expect(random).toHaveBeenCalledTimes(1);
  });

  it('settles asynchronously even without latency', async () => {
    const adapter = createMemoryAdapter();
    let settled = false;
    const pending = adapter.listMedia().then(() => {
      settled = true;
    });
    expect(settled).toBe(false);
    await pending;
    expect(settled).toBe(true);
  });

  it('fails exactly the calls whose random draw is below failRate', async () => {
    const adapter = createMemoryAdapter({ failRate: 0.5, random: sequence([0.1, 0.9, 0.49, 0.5]) });
    const outcomes: string[] = [];
    for (let call = 0; call < 8; call++) {
      outcomes.push(
        await adapter.listMedia().then(
          () => 'ok',
          (error: { code: string }) => error.code,
        ),
      );
    }
    expect(outcomes).toEqual([
      'NETWORK_ERROR',
      'ok',
      'NETWORK_ERROR',
      'ok',
      'NETWORK_ERROR',
      'ok',
      'NETWORK_ERROR',
      'ok',
    ]);
  });

  it('replays the same failures for the same random sequence', async () => {
    const run = async () => {
      let state = 42;
      const random = () => {
        state = (state * 16807) % 2147483647;
        return state / 2147483647;
      };
      const adapter = createMemoryAdapter({ failRate: 0.3, random });
      const results: boolean[] = [];
      for (let call = 0; call < 40; call++) {
        results.push(
          await adapter.getAnalytics().then(
            () => true,
            () => false,
          ),
        );
      }
      return results;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first).toContain(true);
    expect(first).toContain(false);
  });

  it('fails before changing anything', async () => {
    const adapter = createMemoryAdapter({ failRate: 1 });
    const events = recordEvents(adapter);
    const onProgress = vi.fn();
    const error = await expectCode(
      adapter.uploadMedia({ file: textFile('a.txt'), onProgress }),
      'NETWORK_ERROR',
    );
    expect(error.details).toEqual({ simulated: true });
    expect(onProgress).not.toHaveBeenCalled();
    expect(events).toEqual([]);
    await expectCode(adapter.startBulkOperation({ type: 'bulk-delete', ids: ['x'] }), 'NETWORK_ERROR');
  });

  it('fails a rename without renaming', async () => {
    let fail = false;
    const adapter = createMemoryAdapter({ failRate: 0.5, random: () => (fail ? 0 : 1) });
    const file = await adapter.uploadMedia({ file: textFile('before.txt') });
    fail = true;
    await expectCode(adapter.renameMedia({ id: file.id, fileName: 'after.txt' }), 'NETWORK_ERROR');
    fail = false;
    expect((await adapter.getMedia({ id: file.id })).fileName).toBe('before.txt');
    expect((await adapter.getHistory({ id: file.id })).items.map((entry) => entry.operation)).toEqual([
      'upload',
    ]);
  });

  it('rejects ABORTED when the signal fires during the latency, and with an already aborted signal', async () => {
    vi.useFakeTimers();
    const adapter = createMemoryAdapter({ latency: 1000 });
    const controller = new AbortController();
    const pending = adapter.listMedia({ signal: controller.signal });
    const assertion = expectCode(pending, 'ABORTED');
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    await assertion;
    await expectCode(adapter.getMedia({ id: 'x', signal: AbortSignal.abort() }), 'ABORTED');
  });

  it('rejects calls waiting on latency and every later call after dispose()', async () => {
    vi.useFakeTimers();
    const adapter = createMemoryAdapter({ latency: 500 });
    const pending = expectCode(adapter.listMedia(), 'NETWORK_ERROR');
    adapter.dispose();
    await pending;
    await expectCode(adapter.getAnalytics(), 'NETWORK_ERROR');
    adapter.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('refuses invalid network options at creation', () => {
    expect(() => createMemoryAdapter({ failRate: 2 })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_ERROR' }),
    );
    expect(() => createMemoryAdapter({ latency: -1 })).toThrow(/latency/);
    expect(() => createMemoryAdapter({ latency: { min: 10, max: 5 } })).toThrow(/latency/);
    expect(() => createMemoryAdapter({ bulkBatchSize: 0 })).toThrow(/bulkBatchSize/);
    expect(() => createMemoryAdapter({ maxFileSize: -3 })).toThrow(/maxFileSize/);
  });
});
