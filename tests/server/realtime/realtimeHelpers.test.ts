import type { BulkOperation } from 'mediashelf/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createOperationRefresher } from '../../../src/server/realtime/createOperationRefresher';
import { createProgressThrottle } from '../../../src/server/realtime/createProgressThrottle';
import type { OperationReference } from '../../../src/server/realtime/realtimeMessages';
import { operationOf } from './realtimeTestKit';

function step(operation: BulkOperation, processed: number, status: BulkOperation['status'] = 'processing') {
  return { ...operation, processed, status };
}

describe('createProgressThrottle', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('publishes at most one progress per operation and interval, the newest, and the final at once', () => {
    const sent: Array<[string, number, string]> = [];
    const throttle = createProgressThrottle({
      intervalMs: 100,
      send: (tenantId, operation) => sent.push([tenantId, operation.processed, operation.status]),
    });
    const operation = operationOf(0);
    for (let processed = 1; processed <= 100; processed += 1) {
      throttle.push('t', step(operation, processed));
      vi.advanceTimersByTime(10);
    }
    // 1 s of progress every 10 ms: ~10 messages, the first at once.
    expect(sent.length).toBeGreaterThanOrEqual(9);
    expect(sent.length).toBeLessThanOrEqual(11);
    expect(sent[0]).toEqual(['t', 1, 'processing']);
    throttle.push('t', step(operation, 100, 'completed'));
    expect(sent.at(-1)).toEqual(['t', 100, 'completed']);
    const count = sent.length;
    // A straggler after the final state is dropped, and nothing was left pending.
    throttle.push('t', step(operation, 99));
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(count);
    throttle.close();
  });

  it('throttles operations (and tenants) independently', () => {
    const sent: string[] = [];
    const throttle = createProgressThrottle({
      intervalMs: 100,
      send: (tenantId, operation) => sent.push(`${tenantId}:${operation.id}:${operation.processed}`),
    });
    const a = operationOf(0);
    const b = operationOf(0);
    throttle.push('t1', step(a, 1));
    throttle.push('t1', step(b, 1));
    throttle.push('t2', step(a, 1));
    throttle.push('t1', step(a, 2));
    throttle.push('t1', step(a, 3));
    expect(sent).toEqual([`t1:${a.id}:1`, `t1:${b.id}:1`, `t2:${a.id}:1`]);
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([`t1:${a.id}:1`, `t1:${b.id}:1`, `t2:${a.id}:1`, `t1:${a.id}:3`]);
    throttle.close();
    throttle.push('t1', step(a, 4));
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(4);
  });
});

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function referenceOf(operation: BulkOperation, tenantId = 't'): OperationReference {
  return {
    operationId: operation.id,
    tenantId,
    status: operation.status,
    processed: operation.processed,
    total: operation.total,
  };
}

describe('createOperationRefresher', () => {
  it('keeps at most one read in flight per operation and coalesces references into one more read', async () => {
    const base = operationOf(0);
    const reads: Array<Deferred<BulkOperation>> = [];
    const delivered: BulkOperation[] = [];
    const refresher = createOperationRefresher({
      read: async (tenantId, id) => {
        expect([tenantId, id]).toEqual(['t', base.id]);
        const read = deferred<BulkOperation>();
        reads.push(read);
        return read.promise;
      },
      deliver: (_tenantId, operation) => delivered.push(operation),
      onError: (error) => {
        throw error;
      },
    });
    for (let processed = 1; processed <= 5; processed += 1)
      refresher.request(referenceOf(step(base, processed)));
    expect(reads).toHaveLength(1);
    expect(refresher.active).toBe(1);
    reads[0]!.resolve(step(base, 2));
    await tick();
    expect(delivered.map((operation) => operation.processed)).toEqual([2]);
    // The four references that arrived meanwhile cause exactly one more read.
    expect(reads).toHaveLength(2);
    reads[1]!.resolve(step(base, 5));
    await tick();
    expect(delivered.map((operation) => operation.processed)).toEqual([2, 5]);
    expect(reads).toHaveLength(2);
    expect(refresher.active).toBe(0);
    await refresher.close();
  });

  it('always delivers the final state, retrying a read that still shows progress', async () => {
    const base = operationOf(0);
    const answers = [step(base, 10), step(base, 10), step(base, 10_000, 'completed')];
    let readCount = 0;
    const delivered: BulkOperation[] = [];
    const refresher = createOperationRefresher({
      read: async () => answers[Math.min(readCount++, answers.length - 1)]!,
      deliver: (_tenantId, operation) => delivered.push(operation),
      onError: (error) => {
        throw error;
      },
      retryDelayMs: 5,
    });
    refresher.request(referenceOf(step(base, 10_000, 'completed')));
    await vi.waitFor(() => expect(delivered).toHaveLength(1));
    expect(delivered[0]!.status).toBe('completed');
    expect(readCount).toBe(3);
    // Later references of the finished operation are ignored.
    refresher.request(referenceOf(step(base, 10)));
    await tick();
    expect(readCount).toBe(3);
    await refresher.close();
  });

  it('delivers the final state announced while a progress read is in flight', async () => {
    const base = operationOf(0);
    const first = deferred<BulkOperation>();
    let readCount = 0;
    const delivered: string[] = [];
    const refresher = createOperationRefresher({
      read: async () => {
        readCount += 1;
        return readCount === 1 ? first.promise : step(base, 10_000, 'completed');
      },
      deliver: (_tenantId, operation) => delivered.push(`${operation.status}:${operation.processed}`),
      onError: (error) => {
        throw error;
      },
      retryDelayMs: 5,
    });
    refresher.request(referenceOf(step(base, 10)));
    refresher.request(referenceOf(step(base, 10_000, 'completed')));
    first.resolve(step(base, 20));
    await vi.waitFor(() => expect(delivered.at(-1)).toBe('completed:10000'));
    await refresher.close();
  });

  it('reports failed reads and stops delivering after close', async () => {
    const base = operationOf(0);
    const errors: unknown[] = [];
    const pending = deferred<BulkOperation>();
    let fail = true;
    const delivered: BulkOperation[] = [];
    const refresher = createOperationRefresher({
      read: async () => {
        if (fail) throw new Error('database down');
        return pending.promise;
      },
      deliver: (_tenantId, operation) => delivered.push(operation),
      onError: (error) => errors.push(error),
    });
    refresher.request(referenceOf(step(base, 1)));
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    fail = false;
    refresher.request(referenceOf(step(base, 2)));
    const closing = refresher.close();
    pending.resolve(step(base, 2));
    await closing;
    expect(delivered).toEqual([]);
    refresher.request(referenceOf(step(base, 3)));
    expect(refresher.active).toBe(0);
  });
});
