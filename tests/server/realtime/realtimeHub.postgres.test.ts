import { randomUUID } from 'node:crypto';
import type { Envelope, MediaFile } from 'mediashelf/core';
import pg from 'pg';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { MediaDatabaseHandle } from '../../../src/server/db';
import { createMediaHandler, createNodeServer, type NodeMediaServer } from '../../../src/server/http';
import { createRealtimeHub, type RealtimeHub } from '../../../src/server/realtime';
import { createMediaService } from '../../../src/server/service/createMediaService';
import type { MediaService } from '../../../src/server/service/MediaService';
import { createMemoryStorage } from '../../../src/server/storage';
import {
  createPostgresTestDatabase,
  describeWithPostgres,
  type PostgresTestDatabase,
  postgresUrl,
} from '../db/pgTestDatabase';
import { authenticateFromHeader } from '../http/httpTestKit';
import { connectEventStream, connectWebSocket, uploadText, withManualEvents } from './realtimeTestKit';

/** Enough files that the operation's later states (~39 bytes per id) no longer fit in a notification. */
const FILE_COUNT = 240;
/** This machine may be shared: generous limits for the slow parts. */
const SLOW_MS = 120_000;

/**
 * Two server instances on one schema ("two processes"), each with its own service, hub and
 * HTTP server; clients connect to instance 2 and watch what happens on instance 1.
 */
describeWithPostgres('createRealtimeHub on PostgreSQL: two instances', () => {
  let testDatabase: PostgresTestDatabase;
  let database2: MediaDatabaseHandle;
  let service1: MediaService;
  let service2: MediaService;
  let manual1: ReturnType<typeof withManualEvents>;
  let hub1: RealtimeHub;
  let hub2: RealtimeHub;
  let hub2Pool: pg.Pool;
  let server1: NodeMediaServer;
  let server2: NodeMediaServer;
  const hubErrors: unknown[] = [];
  /** Operations hub 2 re-read after receiving a reference. */
  const hub2Reads: string[] = [];
  let channel: string;
  let hub1ApplicationName: string;
  let hub2ApplicationName: string;
  let clientA: Awaited<ReturnType<typeof connectWebSocket>>;
  let clientB: Awaited<ReturnType<typeof connectWebSocket>>;
  let sseA: Awaited<ReturnType<typeof connectEventStream>>;
  const tenantA = `tenant-a-${randomUUID().slice(0, 8)}`;
  const tenantB = `tenant-b-${randomUUID().slice(0, 8)}`;

  const serve = (service: MediaService, hub: RealtimeHub) =>
    createNodeServer({
      handler: createMediaHandler({ service, authenticate: authenticateFromHeader, events: hub }),
      websocket: { service, authenticate: authenticateFromHeader, events: hub },
    });

  beforeAll(async () => {
    testDatabase = await createPostgresTestDatabase({ migrate: true, max: 10 });
    database2 = await testDatabase.openAnother({ max: 10 });
    // LISTEN/NOTIFY channels belong to the whole database: one per test file.
    channel = `rt_${testDatabase.schema}`;
    hub1ApplicationName = `rt_${testDatabase.schema}_1`;
    hub2ApplicationName = `rt_${testDatabase.schema}_2`;
    const hub1Url = new URL(postgresUrl!);
    hub1Url.searchParams.set('application_name', hub1ApplicationName);
    const storage = createMemoryStorage();
    service1 = createMediaService({
      db: testDatabase.database,
      storage,
      bulk: { batchSize: 5, pollIntervalMs: 0 },
    });
    service2 = createMediaService({ db: database2, storage, bulk: { pollIntervalMs: 0 } });
    manual1 = withManualEvents(service1);
    const onError = (error: unknown) => hubErrors.push(error);
    // Instance 1 from a connection string, instance 2 from a pg Pool's settings.
    hub1 = await createRealtimeHub({
      service: manual1.source,
      database: { connectionString: hub1Url.toString() },
      channel,
      instanceId: 'instance-1',
      onError,
      reconnect: { initialDelayMs: 400, maxDelayMs: 1000 },
    });
    hub2Pool = new pg.Pool({ connectionString: postgresUrl, application_name: hub2ApplicationName, max: 2 });
    hub2 = await createRealtimeHub({
      service: {
        subscribe: (listener) => service2.subscribe(listener),
        getOperation: (context, params) => {
          hub2Reads.push(`${context.tenantId}/${context.userId}/${params.id}`);
          return service2.getOperation(context, params);
        },
      },
      database: { pool: hub2Pool },
      channel,
      instanceId: 'instance-2',
      onError,
      reconnect: { initialDelayMs: 400, maxDelayMs: 1000 },
    });
    server1 = await serve(service1, hub1);
    server2 = await serve(service2, hub2);
    clientA = await connectWebSocket(server2.url, tenantA);
    clientB = await connectWebSocket(server2.url, tenantB);
    sseA = await connectEventStream(server2.url, tenantA);
  }, SLOW_MS);

  afterAll(async () => {
    await clientA?.close();
    await clientB?.close();
    await sseA?.close();
    await server1?.close();
    await server2?.close();
    await hub1?.close();
    await hub2?.close();
    await hub2Pool?.end();
    await service1?.close();
    await service2?.close();
    await testDatabase?.drop();
  }, SLOW_MS);

  async function uploadOverHttp(serverUrl: string, tenantId: string, name: string): Promise<MediaFile> {
    const response = await fetch(`${serverUrl}/api/media/files`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tenantId}:user-1`,
        'content-type': 'text/plain',
        'x-file-name': encodeURIComponent(name),
      },
      body: `hello ${name}`,
    });
    const envelope = (await response.json()) as Envelope<MediaFile>;
    if (!envelope.success) throw new Error(JSON.stringify(envelope.error));
    return envelope.data;
  }

  it('delivers media.changed of an upload on instance 1 to clients of instance 2 (WebSocket and SSE)', async () => {
    const file = await uploadOverHttp(server1.url, tenantA, 'from-one.txt');
    await vi.waitFor(() => expect(clientA.changedIds('created')).toContain(file.id));
    await vi.waitFor(() => expect(sseA.changedIds('created')).toContain(file.id));
    expect(clientA.events.find((event) => event.type === 'media.changed')).toEqual({
      type: 'media.changed',
      change: 'created',
      ids: [file.id],
    });
  });

  it(
    'delivers the progress and the final state of a bulk delete started on instance 1',
    async () => {
      const context = { tenantId: tenantA, userId: 'user-1' };
      const files: MediaFile[] = [];
      for (let start = 0; start < FILE_COUNT; start += 10) {
        const batch = Array.from({ length: 10 }, (_, index) => `bulk-${start + index}.txt`);
        files.push(...(await Promise.all(batch.map((name) => uploadText(service1, context, name)))));
      }
      const ids = files.map((file) => file.id);
      const response = await fetch(`${server1.url}/api/media/operations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tenantA}:user-1`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'bulk-delete', ids }),
      });
      expect(response.status).toBe(202);
      const { data: started } = (await response.json()) as { data: { id: string } };

      await vi.waitFor(() => expect(clientA.operations(started.id).at(-1)?.status).toBe('completed'), {
        timeout: SLOW_MS,
      });
      const seen = clientA.operations(started.id);
      expect(seen.length).toBeGreaterThanOrEqual(3);
      const processed = seen.map((operation) => operation.processed);
      expect(processed).toEqual([...processed].sort((left, right) => left - right));
      const final = seen.at(-1)!;
      // 240 succeeded ids (~9.4 KB) do not fit in a notification: instance 2 re-read them.
      expect(final).toMatchObject({
        id: started.id,
        status: 'completed',
        processed: FILE_COUNT,
        total: FILE_COUNT,
        percentage: 100,
      });
      expect(new Set(final.succeeded)).toEqual(new Set(ids));
      expect(hub2Reads).toContain(`${tenantA}/system/${started.id}`);
      await vi.waitFor(() => expect(sseA.operations(started.id).at(-1)?.status).toBe('completed'));
      await vi.waitFor(() => expect(new Set(clientA.changedIds('deleted'))).toEqual(new Set(ids)));
    },
    SLOW_MS,
  );

  it('delivers a media.changed of 2,000 ids complete (split across notifications)', async () => {
    const ids = Array.from({ length: 2000 }, () => randomUUID());
    manual1.emit({ tenantId: tenantA, event: { type: 'media.changed', change: 'purged', ids } });
    await vi.waitFor(() => expect(clientA.changedIds('purged')).toHaveLength(2000));
    expect(new Set(clientA.changedIds('purged'))).toEqual(new Set(ids));
    await vi.waitFor(() => expect(new Set(sseA.changedIds('purged'))).toEqual(new Set(ids)));
  });

  it('keeps tenants apart across instances', async () => {
    const fileB = await uploadOverHttp(server1.url, tenantB, 'tenant-b.txt');
    await vi.waitFor(() => expect(clientB.changedIds('created')).toEqual([fileB.id]));
    // Everything of tenant A above went to A's clients only, and B's upload to B's only.
    expect(clientB.events).toEqual([{ type: 'media.changed', change: 'created', ids: [fileB.id] }]);
    expect(clientA.changedIds()).not.toContain(fileB.id);
    expect(sseA.changedIds()).not.toContain(fileB.id);
  });

  /** Ends the hub's LISTEN connection from the server side, as a restart or a network cut would. */
  async function terminateBackend(applicationName: string): Promise<void> {
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    try {
      const { rowCount } = await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
        [applicationName],
      );
      expect(rowCount).toBe(1);
    } finally {
      await admin.end();
    }
  }

  it('reconnects its LISTEN client after the connection drops', async () => {
    expect(hub2.connected).toBe(true);
    await terminateBackend(hub2ApplicationName);
    await vi.waitFor(() => expect(hub2.connected).toBe(false));
    await vi.waitFor(() => expect(hub2.connected).toBe(true), { timeout: 20_000 });
    expect(hubErrors.some((error) => /terminat/i.test(String((error as Error).message)))).toBe(true);
    const file = await uploadOverHttp(server1.url, tenantA, 'after-reconnect.txt');
    await vi.waitFor(() => expect(clientA.changedIds('created')).toContain(file.id));
  });

  it('keeps what an instance publishes while its connection is down and sends it after reconnecting', async () => {
    await terminateBackend(hub1ApplicationName);
    const ids = [randomUUID(), randomUUID()];
    // Right after the cut: hub 1 may not know yet (the statement fails) or already be reconnecting.
    manual1.emit({ tenantId: tenantA, event: { type: 'media.changed', change: 'restored', ids: [ids[0]!] } });
    await vi.waitFor(() => expect(hub1.connected).toBe(false));
    manual1.emit({ tenantId: tenantA, event: { type: 'media.changed', change: 'restored', ids: [ids[1]!] } });
    await vi.waitFor(() => expect(hub1.connected).toBe(true), { timeout: 20_000 });
    await vi.waitFor(() => expect(new Set(clientA.changedIds('restored'))).toEqual(new Set(ids)));
  });

  it('publishes what instance 2 emits to instance 1 as well', async () => {
    const hub1Events: string[] = [];
    const unsubscribe = hub1.subscribe(({ tenantId, event }) => {
      if (event.type === 'media.changed') hub1Events.push(`${tenantId}:${event.ids.join(',')}`);
    });
    const file = await uploadOverHttp(server2.url, tenantB, 'from-two.txt');
    await vi.waitFor(() => expect(hub1Events).toEqual([`${tenantB}:${file.id}`]));
    unsubscribe();
  });

  it('rejects with a MediaError when PostgreSQL cannot be reached', async () => {
    await expect(
      createRealtimeHub({
        service: service1,
        database: { connectionString: 'postgresql://postgres@127.0.0.1:1/none' },
        channel,
      }),
    ).rejects.toMatchObject({ name: 'MediaError', code: 'INTERNAL' });
  });
});
