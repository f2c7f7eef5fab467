import { createRestAdapter, type RestAdapter, type RestAdapterOptions } from 'mediashelf/adapters/rest';
import type { BulkOperation, MediaEvent } from 'mediashelf/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { type FakeRealtimeServer, startFakeRealtimeServer } from './fakeRealtimeServer';
import { operation } from './mswHelpers';

let server: FakeRealtimeServer;
const adapters: RestAdapter[] = [];

beforeEach(async () => {
  server = await startFakeRealtimeServer();
});
afterEach(async () => {
  for (const adapter of adapters.splice(0)) adapter.close();
  await server.close();
});

function createAdapter(options: Partial<RestAdapterOptions> = {}): RestAdapter {
  const adapter = createRestAdapter({
    baseUrl: server.baseUrl,
    WebSocket: WebSocket as unknown as RestAdapterOptions['WebSocket'],
    headers: { 'x-tenant': 'tenant-1' },
    reconnect: { initialDelayMs: 20, maxDelayMs: 200 },
    pollIntervalMs: 20,
    ...options,
  });
  adapters.push(adapter);
  return adapter;
}

function record(adapter: RestAdapter) {
  const events: MediaEvent[] = [];
  const unsubscribe = adapter.subscribe((event) => events.push(event));
  const progress = (id: string) =>
    events.flatMap((event): BulkOperation[] =>
      event.type === 'operation.progress' && event.operation.id === id ? [event.operation] : [],
    );
  return { events, unsubscribe, progress };
}

const changed = (ids: string[]): MediaEvent => ({ type: 'media.changed', ids, change: 'created' });
const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 15_000, interval: 5 });

describe('REST adapter realtime: WebSocket', () => {
  it('delivers events to every listener over ONE connection opened with the headers', async () => {
    const adapter = createAdapter();
    const first = record(adapter);
    const second = record(adapter);
    await waitFor(() => expect(adapter.realtimeTransport).toBe('websocket'));
    expect(server.sockets).toBe(1);
    expect(server.state.upgradeHeaders[0]?.['x-tenant']).toBe('tenant-1');
    server.broadcast(changed(['f-1']));
    server.broadcast({ type: 'operation.progress', operation: operation({ id: 'op-x', processed: 1 }) });
    await waitFor(() => expect(second.events).toHaveLength(2));
    expect(first.events).toEqual(second.events);
    expect(first.events[0]).toEqual(changed(['f-1']));
    expect(server.state.upgradeHeaders).toHaveLength(1);
  });

  it('opens lazily and closes when the last listener unsubscribes', async () => {
    const adapter = createAdapter();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(server.state.upgradeAttempts).toHaveLength(0);
    const first = record(adapter);
    const second = record(adapter);
    await waitFor(() => expect(server.sockets).toBe(1));
    first.unsubscribe();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(server.sockets).toBe(1);
    second.unsubscribe();
    second.unsubscribe();
    await waitFor(() => expect(server.sockets).toBe(0));
    expect(adapter.realtimeTransport).toBeNull();
    // A new subscriber opens a new connection.
    record(adapter);
    await waitFor(() => expect(server.sockets).toBe(1));
    expect(server.state.upgradeHeaders).toHaveLength(2);
  });

  it('stops delivering to a listener after it unsubscribes', async () => {
    const adapter = createAdapter();
    const stopped = record(adapter);
    const still = record(adapter);
    await waitFor(() => expect(adapter.realtimeTransport).toBe('websocket'));
    stopped.unsubscribe();
    server.broadcast(changed(['f-2']));
    await waitFor(() => expect(still.events).toHaveLength(1));
    expect(stopped.events).toEqual([]);
  });

  it('lets a change made right after subscribing wait for the connection, so its events are seen', async () => {
    const adapter = createAdapter();
    record(adapter);
    await adapter.startBulkOperation({ type: 'bulk-delete', ids: ['a'] });
    expect(server.log.indexOf('WS open')).toBeGreaterThanOrEqual(0);
    expect(server.log.indexOf('WS open')).toBeLessThan(server.log.indexOf('POST /operations'));
  });

  it('reconnects after a drop and resumes unfinished operations through GET /operations/:id', async () => {
    const adapter = createAdapter();
    const { progress } = record(adapter);
    await waitFor(() => expect(adapter.realtimeTransport).toBe('websocket'));
    const started = await adapter.startBulkOperation({ type: 'bulk-delete', ids: ['a', 'b', 'c'] });
    server.broadcast({
      type: 'operation.progress',
      operation: { ...started, status: 'processing', processed: 1 },
    });
    await waitFor(() => expect(progress(started.id).map((op) => op.processed)).toContain(1));

    // The connection drops; meanwhile the operation finishes and its events are lost.
    const gets = server.state.operationGets;
    server.drop();
    const final = operation({ id: started.id, status: 'completed', processed: 3, percentage: 100 });
    server.setOperation(final);
    await waitFor(() => expect(progress(started.id).at(-1)).toEqual(final));
    expect(server.state.upgradeHeaders.length).toBeGreaterThanOrEqual(2);
    expect(server.state.operationGets).toBeGreaterThan(gets);
    await waitFor(() => expect(adapter.realtimeTransport).toBe('websocket'));

    // A late, stale event after the final state is not delivered; nor a duplicate final one.
    server.broadcast({
      type: 'operation.progress',
      operation: { ...started, status: 'processing', processed: 2 },
    });
    server.broadcast({ type: 'operation.progress', operation: final });
    server.broadcast(changed(['after']));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const processed = progress(started.id).map((op) => op.processed);
    expect(processed).toEqual([...processed].sort((a, b) => a - b));
    expect(progress(started.id).filter((op) => op.status === 'completed')).toHaveLength(1);
  });

  it('backs off exponentially (with jitter) while the server refuses to reconnect', async () => {
    const adapter = createAdapter({
      realtime: 'websocket',
      reconnect: { initialDelayMs: 20, maxDelayMs: 400 },
    });
    record(adapter);
    await waitFor(() => expect(adapter.realtimeTransport).toBe('websocket'));
    server.state.websocket = false;
    const before = server.state.upgradeAttempts.length;
    server.drop();
    await waitFor(() => expect(server.state.upgradeAttempts.length - before).toBeGreaterThanOrEqual(5));
    const attempts = server.state.upgradeAttempts.slice(before);
    const gaps = attempts.slice(1).map((at, index) => at - attempts[index]!);
    // Attempt k waits between half and all of 20 * 2^k ms.
    expect(gaps[2]!).toBeGreaterThanOrEqual(gaps[0]!);
    expect(gaps[3]!).toBeGreaterThanOrEqual(70);
    expect(adapter.realtimeTransport).toBeNull();
    server.state.websocket = true;
    await waitFor(() => expect(adapter.realtimeTransport).toBe('websocket'));
  });
});

describe('REST adapter realtime: fallback', () => {
  it('falls back to SSE when the WebSocket cannot open, and delivers events over it', async () => {
    server.state.websocket = false;
    const adapter = createAdapter();
    const { events } = record(adapter);
    await waitFor(() => expect(adapter.realtimeTransport).toBe('sse'));
    expect(server.state.upgradeAttempts).toHaveLength(1);
    server.broadcast(changed(['f-3']));
    await waitFor(() => expect(events).toEqual([changed(['f-3'])]));
  });

  it('uses SSE over fetch when there is no WebSocket constructor (Node 20)', async () => {
    const adapter = createAdapter({ WebSocket: undefined });
    const { events } = record(adapter);
    await waitFor(() => expect(adapter.realtimeTransport).toBe('sse'));
    expect(server.state.upgradeAttempts).toHaveLength(0);
    server.broadcast(changed(['f-4']));
    await waitFor(() => expect(events).toEqual([changed(['f-4'])]));
  });

  it('reconnects SSE after a drop and resumes operations', async () => {
    server.state.websocket = false;
    const adapter = createAdapter();
    const { progress } = record(adapter);
    await waitFor(() => expect(adapter.realtimeTransport).toBe('sse'));
    const started = await adapter.startBulkOperation({ type: 'bulk-delete', ids: ['a'] });
    server.drop();
    const final = operation({ id: started.id, status: 'completed', total: 1, processed: 1, percentage: 100 });
    server.setOperation(final);
    await waitFor(() => expect(progress(started.id).at(-1)).toEqual(final));
    await waitFor(() => expect(server.streams).toBe(1));
  });

  it('falls back to polling when neither WebSocket nor SSE is available', async () => {
    server.state.websocket = false;
    server.state.sse = false;
    const adapter = createAdapter();
    const { progress, events } = record(adapter);
    await waitFor(() => expect(adapter.realtimeTransport).toBe('poll'));
    const started = await adapter.startBulkOperation({ type: 'bulk-delete', ids: ['a', 'b'] });
    server.setOperation({ ...started, status: 'processing', total: 2, processed: 1, percentage: 50 });
    await waitFor(() => expect(progress(started.id).map((op) => op.processed)).toContain(1));
    server.setOperation({ ...started, status: 'completed', total: 2, processed: 2, percentage: 100 });
    await waitFor(() => expect(progress(started.id).at(-1)?.status).toBe('completed'));
    // Nothing is left to poll once the operation is final.
    const gets = server.state.operationGets;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(server.state.operationGets).toBe(gets);
    expect(events.every((event) => event.type === 'operation.progress')).toBe(true);
  });

  it('keeps retrying WebSocket while it polls and switches back when the server accepts it', async () => {
    server.state.websocket = false;
    server.state.sse = false;
    const adapter = createAdapter();
    const { events, progress } = record(adapter);
    await waitFor(() => expect(adapter.realtimeTransport).toBe('poll'));
    const started = await adapter.startBulkOperation({ type: 'bulk-delete', ids: ['a', 'b'] });
    // Retries while polling: the upgrade is attempted again and again, with backoff.
    await waitFor(() => expect(server.state.upgradeAttempts.length).toBeGreaterThanOrEqual(3));
    expect(adapter.realtimeTransport).toBe('poll');
    server.state.websocket = true;
    await waitFor(() => expect(adapter.realtimeTransport).toBe('websocket'));
    // Polling stopped: the operation is read once more on connecting, then only events arrive.
    await new Promise((resolve) => setTimeout(resolve, 60));
    const gets = server.state.operationGets;
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(server.state.operationGets).toBe(gets);
    server.broadcast(changed(['f-9']));
    const final = { ...started, status: 'completed' as const, total: 2, processed: 2, percentage: 100 };
    server.broadcast({ type: 'operation.progress', operation: final });
    await waitFor(() => expect(events).toContainEqual(changed(['f-9'])));
    await waitFor(() => expect(progress(started.id).at(-1)?.status).toBe('completed'));
  });

  it('uses a given EventSource constructor for SSE', async () => {
    const opened: string[] = [];
    class FakeEventSource extends EventTarget {
      constructor(url: string, init?: { withCredentials?: boolean }) {
        super();
        opened.push(`${url} ${init?.withCredentials}`);
        setTimeout(() => {
          this.dispatchEvent(new Event('open'));
          this.dispatchEvent(
            Object.assign(new Event('media.changed'), { data: JSON.stringify(changed(['es'])) }),
          );
        }, 5);
      }
      close() {}
    }
    const adapter = createAdapter({
      realtime: 'sse',
      EventSource: FakeEventSource as unknown as RestAdapterOptions['EventSource'],
    });
    const { events } = record(adapter);
    await waitFor(() => expect(events).toEqual([changed(['es'])]));
    expect(opened).toEqual([`${server.baseUrl}/events true`]);
    expect(adapter.realtimeTransport).toBe('sse');
  });
});

describe("REST adapter realtime: realtime 'poll'", () => {
  it('declares realtime false, opens no connection, and polls only while subscribed', async () => {
    const adapter = createAdapter({ realtime: 'poll' });
    expect(adapter.capabilities.realtime).toBe(false);
    const started = await adapter.startBulkOperation({ type: 'bulk-purge', ids: ['a'] });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.state.operationGets).toBe(0);
    const { progress, unsubscribe } = record(adapter);
    server.setOperation({ ...started, status: 'processing', total: 1, processed: 0 });
    await waitFor(() => expect(progress(started.id).at(-1)?.status).toBe('processing'));
    expect(adapter.realtimeTransport).toBe('poll');
    expect(server.state.upgradeAttempts).toHaveLength(0);
    expect(server.log).not.toContain('SSE open');
    unsubscribe();
    await new Promise((resolve) => setTimeout(resolve, 40));
    const gets = server.state.operationGets;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(server.state.operationGets).toBe(gets);
  });

  it('forgets an operation the server no longer knows', async () => {
    const adapter = createAdapter({ realtime: 'poll' });
    const started = await adapter.startBulkOperation({ type: 'bulk-purge', ids: ['a'] });
    server.operations.delete(started.id);
    record(adapter);
    await waitFor(() => expect(server.state.operationGets).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(server.state.operationGets).toBe(1);
  });

  it('emits what getOperation learns to listeners', async () => {
    const adapter = createAdapter({ realtime: 'poll', pollIntervalMs: 10_000 });
    const started = await adapter.startBulkOperation({ type: 'bulk-delete', ids: ['a'] });
    const { progress } = record(adapter);
    server.setOperation({ ...started, status: 'completed', processed: 1, total: 1, percentage: 100 });
    await adapter.getOperation({ id: started.id });
    expect(progress(started.id).at(-1)?.status).toBe('completed');
  });
});
