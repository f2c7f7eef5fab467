import { createMemoryAdapter, type MemorySeedFile } from 'mediashelf/adapters/memory';
import { type BulkOperation, MAX_BULK_IDS, type MediaEvent, PROGRESS_BATCH_MS } from 'mediashelf/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectCode, recordEvents } from './helpers';

function seed(
  count: number,
  extra: (index: number) => Partial<MemorySeedFile> = () => ({}),
): MemorySeedFile[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `f${String(index).padStart(4, '0')}`,
    fileName: `file ${index}.pdf`,
    fileSize: 1000,
    ...extra(index),
  }));
}

const progressOf = (events: MediaEvent[]) =>
  events.flatMap((event) => (event.type === 'operation.progress' ? [event.operation] : []));

describe('memory adapter: bulk operations', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('returns queued at once and progresses in timer steps without blocking', async () => {
    vi.useFakeTimers();
    const adapter = createMemoryAdapter({ seed: seed(100), bulkBatchSize: 10, bulkItemDelayMs: 5 });
    const ids = Array.from({ length: 100 }, (_, index) => `f${String(index).padStart(4, '0')}`);
    const started = await adapter.startBulkOperation({ type: 'bulk-delete', ids });
    expect(started).toMatchObject({
      status: 'queued',
      total: 100,
      processed: 0,
      percentage: 0,
      finishedAt: null,
    });
    await vi.advanceTimersByTimeAsync(50);
    const midway = await adapter.getOperation({ id: started.id });
    expect(midway).toMatchObject({ status: 'processing', processed: 10, percentage: 10 });
    await vi.advanceTimersByTimeAsync(200);
    const midway2 = await adapter.getOperation({ id: started.id });
    expect(midway2.processed).toBe(50);
    await vi.advanceTimersByTimeAsync(1000);
    const done = await adapter.getOperation({ id: started.id });
    expect(done).toMatchObject({ status: 'completed', processed: 100, percentage: 100, failed: [] });
    expect(done.succeeded).toEqual(ids);
    expect(done.finishedAt).not.toBeNull();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('batches progress events to one per 100 ms and always sends the final state', async () => {
    vi.useFakeTimers();
    const adapter = createMemoryAdapter({ seed: seed(200), bulkBatchSize: 4, bulkItemDelayMs: 3 });
    const events = recordEvents(adapter);
    const times: number[] = [];
    adapter.subscribe((event) => {
      if (event.type === 'operation.progress') times.push(Date.now());
    });
    const operation = await adapter.startBulkOperation({
      type: 'bulk-delete',
      ids: seed(200).map((file) => file.id!),
    });
    // 50 steps of 12 ms: 600 ms of work.
    await vi.advanceTimersByTimeAsync(2000);
    const progress = progressOf(events);
    const final = progress[progress.length - 1]!;
    expect(final).toMatchObject({ id: operation.id, status: 'completed', processed: 200, percentage: 100 });
    expect(progress.filter((state) => state.status === 'completed')).toHaveLength(1);
    // One event per 100 ms window (plus the final one): far fewer than the 50 steps.
    expect(progress.length).toBeGreaterThanOrEqual(6);
    expect(progress.length).toBeLessThanOrEqual(8);
    for (let index = 1; index < times.length - 1; index++) {
      expect(times[index]! - times[index - 1]!).toBeGreaterThanOrEqual(PROGRESS_BATCH_MS);
    }
    const processed = progress.map((state) => state.processed);
    expect([...processed].sort((a, b) => a - b)).toEqual(processed);
    // Changes are announced per step, not per item.
    const changed = events.filter((event) => event.type === 'media.changed');
    expect(changed).toHaveLength(50);
    expect(changed[0]).toEqual({
      type: 'media.changed',
      ids: ['f0000', 'f0001', 'f0002', 'f0003'],
      change: 'deleted',
    });
  });

  it('sends the final state even when it follows the previous event within 100 ms', async () => {
    vi.useFakeTimers();
    const adapter = createMemoryAdapter({ seed: seed(3), bulkBatchSize: 1 });
    const events = recordEvents(adapter);
    await adapter.startBulkOperation({ type: 'bulk-delete', ids: ['f0000', 'f0001', 'f0002'] });
    await vi.advanceTimersByTimeAsync(10);
    const progress = progressOf(events);
    expect(progress.map((state) => [state.status, state.processed])).toEqual([
      ['processing', 1],
      ['completed', 3],
    ]);
  });

  it('records per-item failures and still completes', async () => {
    const adapter = createMemoryAdapter({
      seed: seed(4, (index) =>
        index === 1
          ? { usage: [{ resourceType: 'course', resourceId: 'bio-101' }] }
          : index === 2
            ? { status: 'deleted' }
            : {},
      ),
    });
    const events = recordEvents(adapter);
    const operation = await adapter.startBulkOperation({
      type: 'bulk-delete',
      ids: ['f0000', 'f0001', 'f0002', 'missing', 'f0000', 'f0003'],
    });
    expect(operation.total).toBe(5);
    const final = await new Promise<BulkOperation>((resolve) => {
      adapter.subscribe((event) => {
        if (event.type === 'operation.progress' && event.operation.status === 'completed')
          resolve(event.operation);
      });
    });
    expect(final.succeeded).toEqual(['f0000', 'f0003']);
    expect(final.failed.map((item) => [item.mediaId, item.code])).toEqual([
      ['f0001', 'MEDIA_IN_USE'],
      ['f0002', 'CONFLICT'],
      ['missing', 'NOT_FOUND'],
    ]);
    expect(await adapter.getOperation({ id: operation.id })).toEqual(final);
    expect((await adapter.getMedia({ id: 'f0001' })).status).toBe('active');
    const history = await adapter.getHistory({ id: 'f0000' });
    expect(history.items[0]).toMatchObject({ operation: 'delete', data: { operationId: operation.id } });
    expect(events.some((event) => event.type === 'media.changed' && event.ids.includes('f0001'))).toBe(false);
  });

  it('restores and purges with the single-method rules', async () => {
    const adapter = createMemoryAdapter({
      seed: seed(3, (index) => (index < 2 ? { status: 'deleted' } : {})),
    });
    const restore = await adapter.startBulkOperation({ type: 'bulk-restore', ids: ['f0000', 'f0002'] });
    await vi.waitFor(async () =>
      expect((await adapter.getOperation({ id: restore.id })).status).toBe('completed'),
    );
    const restored = await adapter.getOperation({ id: restore.id });
    expect(restored.succeeded).toEqual(['f0000']);
    expect(restored.failed).toEqual([expect.objectContaining({ mediaId: 'f0002', code: 'CONFLICT' })]);

    const purge = await adapter.startBulkOperation({ type: 'bulk-purge', ids: ['f0000', 'f0001'] });
    await vi.waitFor(async () =>
      expect((await adapter.getOperation({ id: purge.id })).status).toBe('completed'),
    );
    const purged = await adapter.getOperation({ id: purge.id });
    expect(purged.succeeded).toEqual(['f0001']);
    expect(purged.failed.map((item) => item.code)).toEqual(['CONFLICT']);
    await expectCode(adapter.getMedia({ id: 'f0001' }), 'NOT_FOUND');
  });

  it('returns copies of the operation state', async () => {
    vi.useFakeTimers();
    const adapter = createMemoryAdapter({ seed: seed(2) });
    const operation = await adapter.startBulkOperation({ type: 'bulk-delete', ids: ['f0000'] });
    operation.succeeded.push('forged');
    operation.status = 'failed';
    const current = await adapter.getOperation({ id: operation.id });
    expect(current.succeeded).toEqual([]);
    expect(current.status).toBe('queued');
  });

  it('validates type and ids', async () => {
    const adapter = createMemoryAdapter({ seed: seed(1) });
    const start = (params: unknown) => adapter.startBulkOperation(params as never);
    await expectCode(start({ type: 'bulk-rename', ids: ['f0000'] }), 'VALIDATION_ERROR');
    await expectCode(start({ type: 'constructor', ids: ['f0000'] }), 'VALIDATION_ERROR');
    await expectCode(start({ type: 'bulk-delete', ids: [] }), 'VALIDATION_ERROR');
    await expectCode(start({ type: 'bulk-delete', ids: 'f0000' }), 'VALIDATION_ERROR');
    await expectCode(start({ type: 'bulk-delete', ids: ['f0000', 7] }), 'VALIDATION_ERROR');
    await expectCode(start({ type: 'bulk-delete', ids: [''] }), 'VALIDATION_ERROR');
    await expectCode(
      start({
        type: 'bulk-delete',
        ids: Array.from({ length: MAX_BULK_IDS + 1 }, (_, index) => `x${index}`),
      }),
      'VALIDATION_ERROR',
    );
    await expectCode(adapter.getOperation({ id: 'operation-999' }), 'NOT_FOUND');
    await expectCode(adapter.getOperation({ id: '' }), 'VALIDATION_ERROR');
  });

  it('dispose() cancels running jobs and stops their timers', async () => {
    vi.useFakeTimers();
    const adapter = createMemoryAdapter({ seed: seed(50), bulkBatchSize: 5, bulkItemDelayMs: 10 });
    const events = recordEvents(adapter);
    await adapter.startBulkOperation({ type: 'bulk-delete', ids: seed(50).map((file) => file.id!) });
    await vi.advanceTimersByTimeAsync(120);
    const count = events.length;
    expect(count).toBeGreaterThan(0);
    adapter.dispose();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(5000);
    expect(events).toHaveLength(count);
  });

  it('reset() forgets jobs and their timers', async () => {
    vi.useFakeTimers();
    const adapter = createMemoryAdapter({ seed: seed(10), bulkItemDelayMs: 10 });
    const operation = await adapter.startBulkOperation({ type: 'bulk-delete', ids: ['f0000'] });
    adapter.reset();
    expect(vi.getTimerCount()).toBe(0);
    await expectCode(adapter.getOperation({ id: operation.id }), 'NOT_FOUND');
    expect((await adapter.getMedia({ id: 'f0000' })).status).toBe('active');
  });
});
