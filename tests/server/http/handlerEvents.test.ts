import type { MediaEvent } from 'mediashelf/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMediaHandler, type TenantEventSource } from '../../../src/server/http';
import type { TenantEvent } from '../../../src/server/service/MediaService';
import {
  authenticateFromHeader,
  createHttpTestKit,
  type HttpTestKit,
  requestFor,
  waitUntil,
} from './httpTestKit';

let kit: HttpTestKit;
beforeAll(async () => {
  kit = await createHttpTestKit({ handler: { eventStream: { heartbeatMs: 50 } } });
});
afterAll(async () => {
  await kit?.close();
});

interface SseFrame {
  event?: string;
  data?: string;
  comment?: string;
}

/** Reads an SSE response in the background, collecting its frames. */
function collect(response: Response) {
  const frames: SseFrame[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const done = (async () => {
    for (;;) {
      const { done: finished, value } = await reader.read();
      if (finished) return;
      buffer += value;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const frame: SseFrame = {};
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) frame.comment = line.slice(1).trim();
          else if (line.startsWith('event: ')) frame.event = line.slice(7);
          else if (line.startsWith('data: ')) frame.data = line.slice(6);
        }
        frames.push(frame);
        end = buffer.indexOf('\n\n');
      }
    }
  })();
  const events = () =>
    frames
      .filter((frame) => frame.event && frame.event !== 'error')
      .map((frame) => JSON.parse(frame.data!) as MediaEvent);
  return { frames, events, done, cancel: () => reader.cancel() };
}

describe('GET /events (Server-Sent Events)', () => {
  it('delivers events to their tenant only', async () => {
    const tenantA = kit.newTenant();
    const tenantB = kit.newTenant();
    const controllerA = new AbortController();
    const controllerB = new AbortController();
    const responseA = await kit.call('GET', '/events', { tenant: tenantA, signal: controllerA.signal });
    const responseB = await kit.call('GET', '/events', { tenant: tenantB, signal: controllerB.signal });
    expect(responseA.status).toBe(200);
    expect(responseA.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(responseA.headers.get('cache-control')).toBe('no-store');
    const streamA = collect(responseA);
    const streamB = collect(responseB);
    const { id } = await kit.upload(tenantA, 'x', 'a.txt', 'text/plain');
    await waitUntil(() => streamA.events().length > 0);
    expect(streamA.events()[0]).toEqual({ type: 'media.changed', ids: [id], change: 'created' });
    expect(streamA.frames.find((frame) => frame.event)?.event).toBe('media.changed');
    // Long enough for B to have received anything that leaked, and for heartbeats to arrive.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(streamB.events()).toEqual([]);
    expect(streamB.frames.some((frame) => frame.comment === 'heartbeat')).toBe(true);
    controllerA.abort();
    controllerB.abort();
    await Promise.all([streamA.done, streamB.done]);
  });

  it('streams progress of a bulk operation up to its final state', async () => {
    const tenant = kit.newTenant();
    const files = await Promise.all(
      Array.from({ length: 20 }, (_, n) => kit.upload(tenant, `f${n}`, `f${n}.txt`, 'text/plain')),
    );
    const controller = new AbortController();
    const stream = collect(await kit.call('GET', '/events', { tenant, signal: controller.signal }));
    const started = await kit.callJson<{ id: string }>('POST', '/operations', {
      tenant,
      json: { type: 'bulk-delete', ids: files.map((file) => file.id) },
    });
    const operationId = started.body.success ? started.body.data.id : '';
    const finalOf = () =>
      stream
        .events()
        .find(
          (event) =>
            event.type === 'operation.progress' &&
            event.operation.id === operationId &&
            event.operation.status === 'completed',
        );
    await waitUntil(() => finalOf() !== undefined);
    expect(finalOf()).toMatchObject({ operation: { processed: 20, percentage: 100 } });
    const deleted = stream
      .events()
      .filter((event) => event.type === 'media.changed' && event.change === 'deleted');
    expect(new Set(deleted.flatMap((event) => (event.type === 'media.changed' ? event.ids : [])))).toEqual(
      new Set(files.map((file) => file.id)),
    );
    controller.abort();
    await stream.done;
  });

  it('sends the current state of ?operationId= first, for resuming', async () => {
    const tenant = kit.newTenant();
    const { id } = await kit.upload(tenant, 'x', 'a.txt', 'text/plain');
    const started = await kit.callJson<{ id: string }>('POST', '/operations', {
      tenant,
      json: { type: 'bulk-delete', ids: [id] },
    });
    expect(started.status).toBe(202);
    const operationId = started.body.success ? started.body.data.id : '';
    // Finished before the stream opens: only the resume can tell the client about it.
    await waitUntil(async () => {
      const polled = await kit.callJson<{ status: string }>('GET', `/operations/${operationId}`, { tenant });
      return polled.body.success && polled.body.data.status === 'completed';
    });
    const controller = new AbortController();
    const stream = collect(
      await kit.call('GET', `/events?operationId=${operationId},00000000-0000-4000-8000-000000000000`, {
        tenant,
        signal: controller.signal,
      }),
    );
    await waitUntil(
      () => stream.events().length > 0 && stream.frames.some((frame) => frame.event === 'error'),
    );
    expect(stream.events()).toEqual([
      expect.objectContaining({
        type: 'operation.progress',
        operation: expect.objectContaining({ id: operationId, status: 'completed' }),
      }),
    ]);
    const error = stream.frames.find((frame) => frame.event === 'error')!;
    expect(JSON.parse(error.data!)).toMatchObject({ code: 'NOT_FOUND' });
    controller.abort();
    await stream.done;
  });

  it('unsubscribes when the client goes away, by abort or by cancelling the stream', async () => {
    const listeners = new Set<(event: TenantEvent) => void>();
    const events: TenantEventSource = {
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    const handler = createMediaHandler({
      service: kit.service,
      authenticate: authenticateFromHeader,
      events,
    });
    const controller = new AbortController();
    const aborted = collect(
      await handler(requestFor('GET', '/events', { tenant: 't', signal: controller.signal })),
    );
    const cancelled = collect(await handler(requestFor('GET', '/events', { tenant: 't' })));
    expect(listeners.size).toBe(2);
    for (const listener of listeners)
      listener({ tenantId: 't', event: { type: 'media.changed', ids: ['1'], change: 'updated' } });
    await waitUntil(() => aborted.events().length === 1 && cancelled.events().length === 1);
    controller.abort();
    await aborted.done;
    expect(listeners.size).toBe(1);
    await cancelled.cancel();
    expect(listeners.size).toBe(0);
  });
});
