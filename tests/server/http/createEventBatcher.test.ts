import type { BulkOperation, MediaEvent } from 'mediashelf/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEventBatcher } from '../../../src/server/http';

function progress(id: string, processed: number, status: BulkOperation['status'] = 'processing'): MediaEvent {
  return {
    type: 'operation.progress',
    operation: {
      id,
      type: 'bulk-delete',
      status,
      total: 100,
      processed,
      percentage: processed,
      succeeded: [],
      failed: [],
      createdAt: new Date(0).toISOString(),
      finishedAt: null,
    },
  };
}

describe('createEventBatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends the first progress at once and only the newest one per window', () => {
    const sent: MediaEvent[] = [];
    const batcher = createEventBatcher({ intervalMs: 100, send: (event) => sent.push(event) });
    batcher.push(progress('a', 1));
    expect(sent).toHaveLength(1);
    for (let processed = 2; processed <= 9; processed++) batcher.push(progress('a', processed));
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(sent.map((event) => event.type === 'operation.progress' && event.operation.processed)).toEqual([
      1, 9,
    ]);
    vi.advanceTimersByTime(500);
    expect(sent).toHaveLength(2);
  });

  it('never sends more than one event per operation per interval', () => {
    const sentAt: number[] = [];
    const batcher = createEventBatcher({ intervalMs: 100, send: () => sentAt.push(Date.now()) });
    for (let step = 0; step < 1000; step++) {
      batcher.push(progress('a', step % 100));
      vi.advanceTimersByTime(1);
    }
    expect(sentAt.length).toBeLessThanOrEqual(11);
    for (let index = 1; index < sentAt.length; index++) {
      expect(sentAt[index]! - sentAt[index - 1]!).toBeGreaterThanOrEqual(100);
    }
  });

  it('keeps operations apart', () => {
    const sent: MediaEvent[] = [];
    const batcher = createEventBatcher({ send: (event) => sent.push(event) });
    batcher.push(progress('a', 1));
    batcher.push(progress('b', 1));
    expect(sent).toHaveLength(2);
  });

  it('always delivers the final state at once and drops what it supersedes and stragglers', () => {
    const sent: MediaEvent[] = [];
    const batcher = createEventBatcher({ intervalMs: 100, send: (event) => sent.push(event) });
    batcher.push(progress('a', 1));
    batcher.push(progress('a', 50));
    batcher.push(progress('a', 100, 'completed'));
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({ operation: { status: 'completed' } });
    batcher.push(progress('a', 99));
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(2);
    for (const status of ['failed', 'cancelled'] as const) {
      batcher.push(progress(status, 1));
      batcher.push(progress(status, 1, status));
    }
    expect(sent).toHaveLength(6);
  });

  it('merges media.changed ids per change kind within a window', () => {
    const sent: MediaEvent[] = [];
    const batcher = createEventBatcher({ intervalMs: 100, send: (event) => sent.push(event) });
    batcher.push({ type: 'media.changed', ids: ['1'], change: 'deleted' });
    batcher.push({ type: 'media.changed', ids: ['2', '3'], change: 'deleted' });
    batcher.push({ type: 'media.changed', ids: ['3', '4'], change: 'deleted' });
    batcher.push({ type: 'media.changed', ids: ['9'], change: 'created' });
    expect(sent).toEqual([
      { type: 'media.changed', ids: ['1'], change: 'deleted' },
      { type: 'media.changed', ids: ['9'], change: 'created' },
    ]);
    vi.advanceTimersByTime(100);
    expect(sent[2]).toEqual({ type: 'media.changed', ids: ['2', '3', '4'], change: 'deleted' });
  });

  it('sends nothing after close', () => {
    const send = vi.fn();
    const batcher = createEventBatcher({ send });
    batcher.push(progress('a', 1));
    batcher.push(progress('a', 2));
    batcher.close();
    batcher.push(progress('a', 3));
    vi.advanceTimersByTime(1000);
    expect(send).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
