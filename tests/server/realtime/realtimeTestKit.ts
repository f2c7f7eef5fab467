import { randomUUID } from 'node:crypto';
import type { BulkOperation, MediaEvent } from 'mediashelf/core';
import { WebSocket } from 'ws';
import type { RealtimeHub } from '../../../src/server/realtime';
import type { MediaContext, MediaService, TenantEvent } from '../../../src/server/service/MediaService';

/** A delete operation of 10,000 items with `succeeded` random ids done so far. */
export function operationOf(
  succeeded: number,
  status: BulkOperation['status'] = 'processing',
): BulkOperation {
  const ids = Array.from({ length: succeeded }, () => randomUUID());
  return {
    id: randomUUID(),
    type: 'bulk-delete',
    status,
    total: 10_000,
    processed: succeeded,
    percentage: Math.floor(succeeded / 100),
    succeeded: ids,
    failed: [],
    createdAt: '2025-01-01T00:00:00.000Z',
    finishedAt: status === 'completed' ? '2025-01-01T00:01:00.000Z' : null,
  };
}

/** Uploads a small text file through the service. */
export function uploadText(service: MediaService, context: MediaContext, fileName = 'note.txt') {
  return service.uploadMedia(context, {
    body: new TextEncoder().encode(`hello ${fileName}`),
    fileName,
    contentType: 'text/plain',
  });
}

/** A service whose event stream also carries events the test emits by hand. */
export function withManualEvents(service: Pick<MediaService, 'subscribe' | 'getOperation'>) {
  const listeners = new Set<(event: TenantEvent) => void>();
  return {
    source: {
      getOperation: service.getOperation.bind(service),
      subscribe(listener: (event: TenantEvent) => void) {
        listeners.add(listener);
        const unsubscribe = service.subscribe(listener);
        return () => {
          listeners.delete(listener);
          unsubscribe();
        };
      },
    } satisfies Pick<MediaService, 'subscribe' | 'getOperation'>,
    emit(event: TenantEvent) {
      for (const listener of [...listeners]) listener(event);
    },
    get listenerCount() {
      return listeners.size;
    },
  };
}

/** Records what a hub delivers. */
export function record(hub: RealtimeHub) {
  const events: TenantEvent[] = [];
  const unsubscribe = hub.subscribe((event) => events.push(event));
  return {
    events,
    unsubscribe,
    changedIds: (tenantId?: string) =>
      events
        .filter((each) => tenantId === undefined || each.tenantId === tenantId)
        .flatMap((each) => (each.event.type === 'media.changed' ? each.event.ids : [])),
    operations: (tenantId?: string) =>
      events
        .filter((each) => tenantId === undefined || each.tenantId === tenantId)
        .flatMap((each) => (each.event.type === 'operation.progress' ? [each.event.operation] : [])),
  };
}

/** A realtime client of a Node server: the WebSocket endpoint, collecting the events it receives. */
export async function connectWebSocket(serverUrl: string, tenantId: string) {
  const socket = new WebSocket(`${serverUrl.replace('http', 'ws')}/api/media/ws`, {
    headers: { authorization: `Bearer ${tenantId}:user-1` },
  });
  const events: MediaEvent[] = [];
  socket.on('message', (data) => events.push(JSON.parse(data.toString()) as MediaEvent));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    events,
    ...eventViews(() => events),
    close: () =>
      new Promise<void>((resolve) => {
        if (socket.readyState === socket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close();
      }),
  };
}

/** A realtime client of a Node server over Server-Sent Events (`GET /events` through fetch). */
export async function connectEventStream(serverUrl: string, tenantId: string) {
  const controller = new AbortController();
  const response = await fetch(`${serverUrl}/api/media/events`, {
    headers: { authorization: `Bearer ${tenantId}:user-1` },
    signal: controller.signal,
  });
  if (response.status !== 200) throw new Error(`GET /events answered ${response.status}`);
  const events: MediaEvent[] = [];
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
        const data = block.split('\n').find((line) => line.startsWith('data: '));
        if (data && block.split('\n').some((line) => line.startsWith('event: ') && line !== 'event: error')) {
          events.push(JSON.parse(data.slice(6)) as MediaEvent);
        }
        end = buffer.indexOf('\n\n');
      }
    }
  })().catch(() => undefined);
  return {
    events,
    ...eventViews(() => events),
    async close() {
      controller.abort();
      await done;
    },
  };
}

function eventViews(events: () => MediaEvent[]) {
  return {
    changedIds: (change?: string) =>
      events().flatMap((event) =>
        event.type === 'media.changed' && (change === undefined || event.change === change) ? event.ids : [],
      ),
    operations: (id?: string) =>
      events().flatMap((event) =>
        event.type === 'operation.progress' && (id === undefined || event.operation.id === id)
          ? [event.operation]
          : [],
      ),
  };
}
