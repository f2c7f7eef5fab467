import type { BulkOperation } from 'mediashelf/core';
import { createTestAdapter, waitForOperation } from 'mediashelf/testing';
import { describe, expect, it } from 'vitest';

const operation = (status: BulkOperation['status'], processed: number): BulkOperation => ({
  id: 'op-1',
  type: 'bulk-delete',
  status,
  total: 2,
  processed,
  percentage: processed * 50,
  succeeded: [],
  failed: [],
  createdAt: '2024-01-01T00:00:00.000Z',
  finishedAt: null,
});

describe('waitForOperation', () => {
  it('polls until the operation reaches a final status', async () => {
    const states = [operation('queued', 0), operation('processing', 1), operation('completed', 2)];
    let calls = 0;
    const adapter = createTestAdapter({ getOperation: async () => states[Math.min(calls++, 2)]! });
    const finished = await waitForOperation(adapter, 'op-1', { intervalMs: 1 });
    expect(finished.status).toBe('completed');
    expect(calls).toBe(3);
  });

  it('fails with the last state when the timeout passes', async () => {
    const adapter = createTestAdapter({ getOperation: async () => operation('processing', 1) });
    await expect(waitForOperation(adapter, 'op-1', { timeoutMs: 30, intervalMs: 5 })).rejects.toThrow(
      /did not finish within 30 ms.*"processing"/,
    );
  });

  it('passes adapter errors through', async () => {
    await expect(waitForOperation(createTestAdapter(), 'op-1')).rejects.toThrow(/getOperation/);
  });
});
