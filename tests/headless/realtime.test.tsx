// @vitest-environment jsdom
import { QueryClient } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import { type BulkOperation, createMediaQueryKeys, type MediaEvent } from 'mediashelf/core';
import { MediaCache, MediaRealtimeBridge, useMediaList, useOperation } from 'mediashelf/headless';
import { createTestAdapter } from 'mediashelf/testing';
import { describe, expect, it, vi } from 'vitest';
import { createBackend, createTestQueryClient, instrument, providerWrapper } from './harness';

const operation = (overrides: Partial<BulkOperation>): BulkOperation => ({
  id: 'op-1',
  type: 'bulk-delete',
  status: 'processing',
  total: 10,
  processed: 0,
  percentage: 0,
  succeeded: [],
  failed: [],
  createdAt: '2025-01-01T00:00:00.000Z',
  finishedAt: null,
  ...overrides,
});

describe('realtime bridge', () => {
  it('a rename through another handle on the same memory store updates the cached list', async () => {
    const backend = createBackend();
    const wrapper = providerWrapper({ adapter: backend, queryClient: createTestQueryClient() });
    const { result } = renderHook(() => useMediaList(), { wrapper });
    await waitFor(() => expect(result.current.items.length).toBe(15));
    // `backend` is the raw handle; the provider holds a validating wrapper around it.
    await backend.renameMedia({ id: 'doc-1', fileName: 'Course outline.pdf' });
    await waitFor(() =>
      expect(result.current.items.find((item) => item.id === 'doc-1')!.fileName).toBe('Course outline.pdf'),
    );
  });

  it('coalesces a burst of 100 change events into one list refetch', async () => {
    const backend = createBackend();
    const spy = instrument(backend);
    const wrapper = providerWrapper({
      adapter: spy.adapter,
      queryClient: createTestQueryClient(),
      config: { realtimeCoalesceMs: 50 },
    });
    const { result } = renderHook(() => useMediaList(), { wrapper });
    await waitFor(() => expect(result.current.items.length).toBe(15));
    const before = spy.count('listMedia');
    for (let index = 0; index < 100; index++) {
      await backend.renameMedia({ id: 'note-01', fileName: `Notes rev ${index}.txt` });
    }
    await waitFor(() =>
      expect(result.current.items.map((item) => item.fileName)).toContain('Notes rev 99.txt'),
    );
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(spy.count('listMedia') - before).toBe(1);
  });

  it('never moves operation progress backwards and settles a final state once', () => {
    const queryClient = new QueryClient();
    const keys = createMediaQueryKeys('t');
    const cache = new MediaCache(queryClient, keys);
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    const listeners: ((event: MediaEvent) => void)[] = [];
    const adapter = createTestAdapter({
      capabilities: { realtime: true },
      subscribe: (listener) => {
        listeners.push(listener);
        return () => listeners.splice(listeners.indexOf(listener), 1);
      },
    });
    const bridge = new MediaRealtimeBridge({ adapter, cache });
    const stop = bridge.start();
    const emit = (event: MediaEvent) => {
      for (const listener of listeners) listener(event);
    };
    emit({ type: 'operation.progress', operation: operation({ processed: 6, percentage: 60 }) });
    emit({ type: 'operation.progress', operation: operation({ processed: 3, percentage: 30 }) });
    expect(queryClient.getQueryData<BulkOperation>(keys.operation('op-1'))!.processed).toBe(6);
    const final = operation({ status: 'completed', processed: 10, percentage: 100, succeeded: ['a'] });
    emit({ type: 'operation.progress', operation: final });
    emit({ type: 'operation.progress', operation: operation({ processed: 9 }) });
    emit({ type: 'operation.progress', operation: final });
    expect(queryClient.getQueryData<BulkOperation>(keys.operation('op-1'))!.status).toBe('completed');
    const listInvalidations = invalidate.mock.calls.filter(([filters]) => filters?.queryKey?.[2] === 'list');
    expect(listInvalidations).toHaveLength(1);
    stop();
    expect(listeners).toHaveLength(0);
  });

  it('is not started for adapters without realtime', () => {
    const subscribe = vi.fn(() => () => {});
    const adapter = createTestAdapter({ capabilities: { realtime: false }, subscribe });
    new MediaRealtimeBridge({
      adapter,
      cache: new MediaCache(new QueryClient(), createMediaQueryKeys()),
    }).start();
    expect(subscribe).not.toHaveBeenCalled();
  });
});

describe('useOperation without realtime', () => {
  it('polls with backoff until a final status, then refreshes lists once', async () => {
    let polls = 0;
    const listMedia = vi.fn(async () => ({ items: [], nextCursor: null }));
    const times: number[] = [];
    const adapter = createTestAdapter({
      getOperation: async () => {
        times.push(Date.now());
        polls++;
        return polls < 4
          ? operation({ processed: polls * 2 })
          : operation({ status: 'completed', processed: 10, percentage: 100 });
      },
      listMedia: listMedia,
    });
    const wrapper = providerWrapper({ adapter, queryClient: createTestQueryClient() });
    const { result } = renderHook(() => ({ op: useOperation('op-1'), list: useMediaList() }), { wrapper });
    await waitFor(() => expect(result.current.op.data?.status).toBe('completed'), { timeout: 15_000 });
    const gaps = times.slice(1).map((time, index) => time - times[index]!);
    // 500, 1000, 2000 ms (timers may fire a little late, never early).
    expect(gaps[0]).toBeGreaterThanOrEqual(480);
    expect(gaps[1]).toBeGreaterThanOrEqual(980);
    expect(gaps[2]).toBeGreaterThanOrEqual(1980);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(polls).toBe(4);
    // The first load, then exactly one refetch when the operation finished.
    await waitFor(() => expect(listMedia).toHaveBeenCalledTimes(2));
  }, 25_000);
});
