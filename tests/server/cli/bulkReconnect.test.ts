import type { BulkOperation } from 'mediashelf/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createRestAdapter, type RestAdapterOptions } from '../../../src/adapters/rest';
import { createDatabase, type MediaDatabaseHandle } from '../../../src/server/db';
import { createMediaHandler, createNodeServer, type NodeMediaServer } from '../../../src/server/http';
import { createMediaService } from '../../../src/server/service/createMediaService';
import type { MediaService } from '../../../src/server/service/MediaService';
import { createMemoryStorage } from '../../../src/server/storage';
import {
  createPostgresTestDatabase,
  describeWithPostgres,
  type PostgresTestDatabase,
} from '../db/pgTestDatabase';

const FILES = 1_000;
const identity = { tenantId: 'reconnect', userId: 'tester' };
const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);

async function seed(service: MediaService, count: number): Promise<string[]> {
  const ids: string[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let index = next++; index < count; index = next++) {
        const file = await service.uploadMedia(identity, {
          body: PNG,
          fileName: `reconnect-${index}.png`,
          contentType: 'image/png',
        });
        ids[index] = file.id;
      }
    }),
  );
  return ids;
}

/**
 * A bulk delete of 1,000 files watched through the REST adapter over WebSocket; the adapter's
 * socket is terminated once progress passes 50%. The adapter must reconnect, resume from the
 * operation's current state and deliver the correct final state.
 */
function reconnectSuite(
  openDatabase: () => Promise<{ database: MediaDatabaseHandle; drop(): Promise<void> }>,
) {
  let opened: { database: MediaDatabaseHandle; drop(): Promise<void> };
  let service: MediaService;
  let server: NodeMediaServer;
  let ids: string[];

  beforeAll(async () => {
    opened = await openDatabase();
    service = createMediaService({ db: opened.database, storage: createMemoryStorage() });
    const authenticate = () => identity;
    server = await createNodeServer({
      handler: createMediaHandler({ service, authenticate }),
      port: 0,
      websocket: { service, authenticate },
    });
    ids = await seed(service, FILES);
  }, 300_000);

  afterAll(async () => {
    await server?.close();
    await service?.close();
    await opened?.drop();
  });

  it('ends with the correct final state after the WebSocket drops halfway', async () => {
    const sockets: WebSocket[] = [];
    class TrackedWebSocket extends WebSocket {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        sockets.push(this);
      }
    }
    const adapter = createRestAdapter({
      baseUrl: `${server.url}/api/media`,
      realtime: 'websocket',
      WebSocket: TrackedWebSocket as unknown as NonNullable<RestAdapterOptions['WebSocket']>,
      reconnect: { initialDelayMs: 100, maxDelayMs: 1_000 },
    });
    let droppedAt: number | undefined;
    const afterDrop: BulkOperation[] = [];
    // Keyed by operation: the final event may arrive before startBulkOperation resolves.
    const finals = new Map<string, BulkOperation>();
    const unsubscribe = adapter.subscribe((event) => {
      if (event.type !== 'operation.progress') return;
      const operation = event.operation;
      if (droppedAt !== undefined) afterDrop.push(operation);
      if (droppedAt === undefined && operation.status === 'processing' && operation.processed >= FILES / 2) {
        droppedAt = operation.processed;
        sockets.at(-1)?.terminate();
      }
      if (operation.status !== 'queued' && operation.status !== 'processing')
        finals.set(operation.id, operation);
    });
    try {
      for (let waited = 0; adapter.realtimeTransport !== 'websocket'; waited += 10) {
        if (waited > 10_000) throw new Error('the WebSocket never opened');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const started = await adapter.startBulkOperation({ type: 'bulk-delete', ids });
      for (let waited = 0; !finals.has(started.id); waited += 50) {
        if (waited > 120_000) throw new Error('no final state within 2 minutes');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const ended = finals.get(started.id)!;

      expect(droppedAt, 'progress past 50% arrived over the first socket').toBeDefined();
      expect(droppedAt!).toBeLessThan(FILES);
      expect(sockets.length, 'the adapter opened a second socket').toBeGreaterThanOrEqual(2);
      expect(afterDrop.length).toBeGreaterThan(0);
      expect(ended.status).toBe('completed');
      expect(ended.processed).toBe(FILES);
      expect(ended.total).toBe(FILES);
      expect(ended.percentage).toBe(100);
      expect(new Set(ended.succeeded)).toEqual(new Set(ids));
      expect(ended.failed).toEqual([]);
      // The server agrees: every file is in the trash.
      const analytics = await adapter.getAnalytics();
      expect(analytics.trashFiles).toBe(FILES);
      expect(analytics.totalFiles).toBe(0);
    } finally {
      unsubscribe();
      adapter.close();
    }
  }, 180_000);
}

describe('bulk delete through the REST adapter survives a dropped WebSocket (PGlite)', () => {
  reconnectSuite(async () => {
    const database = await createDatabase({ migrate: true });
    return { database, drop: () => database.close() };
  });
});

describeWithPostgres('bulk delete through the REST adapter survives a dropped WebSocket (PostgreSQL)', () => {
  reconnectSuite(async () => {
    const test: PostgresTestDatabase = await createPostgresTestDatabase({ migrate: true, max: 10 });
    return { database: test.database, drop: () => test.drop() };
  });
});
