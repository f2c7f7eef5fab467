import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { BulkOperation } from 'mediashelf/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDatabase, type MediaDatabaseHandle } from '../../../src/server/db';
import { createRealtimeHub, DEFAULT_REALTIME_CHANNEL, type RealtimeHub } from '../../../src/server/realtime';
import { createMediaService } from '../../../src/server/service/createMediaService';
import type { MediaService } from '../../../src/server/service/MediaService';
import { createMemoryStorage } from '../../../src/server/storage';
import { operationOf, record, uploadText, withManualEvents } from './realtimeTestKit';

let database: MediaDatabaseHandle;
let service: MediaService;
let manual: ReturnType<typeof withManualEvents>;
let hubA: RealtimeHub;
let hubB: RealtimeHub;
/** What the stub service behind hub B answers to getOperation (hub B's re-reads). */
const stubOperations = new Map<string, BulkOperation>();
const stubReads: Array<[unknown, unknown]> = [];

/** Waits until the notifications sent so far went through PGlite (it delivers them with a query's results). */
const roundTrip = () => sql`select 1`.execute(database.db);

beforeAll(async () => {
  database = await createDatabase({ migrate: true });
  service = createMediaService({ db: database, storage: createMemoryStorage(), bulk: { batchSize: 5 } });
  manual = withManualEvents(service);
  hubA = await createRealtimeHub({ service: manual.source, database, instanceId: 'instance-a' });
  // A second instance on the same PGlite session, with a service of its own that emits nothing.
  hubB = await createRealtimeHub({
    service: {
      subscribe: () => () => {},
      getOperation: async (context, params) => {
        stubReads.push([context, params]);
        const stub = stubOperations.get(params.id);
        return stub ?? service.getOperation(context, params);
      },
    },
    database,
    instanceId: 'instance-b',
  });
  // PGlite takes seconds to start, many more on a busy machine.
}, 120_000);

afterAll(async () => {
  await hubA?.close();
  await hubB?.close();
  await service?.close();
  await database?.close();
}, 120_000);

describe('createRealtimeHub on PGlite', () => {
  it('delivers local events at once and only once (its own echo is skipped), with the tenant', async () => {
    const a = record(hubA);
    const b = record(hubB);
    const tenantId = `tenant-${randomUUID()}`;
    const file = await uploadText(service, { tenantId, userId: 'u1' });
    // Synchronous local delivery: already there when the upload resolves.
    expect(a.events).toEqual([
      { tenantId, event: { type: 'media.changed', change: 'created', ids: [file.id] } },
    ]);
    await vi.waitFor(() => expect(b.events).toHaveLength(1));
    expect(b.events[0]).toEqual({
      tenantId,
      event: { type: 'media.changed', change: 'created', ids: [file.id] },
    });
    // The echo went through the same session: both hubs heard it; A still has one copy.
    await roundTrip();
    expect(a.events).toHaveLength(1);
    expect(b.events).toHaveLength(1);
    a.unsubscribe();
    b.unsubscribe();
  });

  it('keeps every event with its own tenant across instances', async () => {
    const b = record(hubB);
    const tenants = [`tenant-${randomUUID()}`, `tenant-${randomUUID()}`, 'école-ü'];
    const ids = new Map<string, string>();
    for (const tenantId of tenants) {
      const file = await uploadText(service, { tenantId, userId: 'u1' }, `${tenantId}.txt`);
      ids.set(tenantId, file.id);
    }
    await vi.waitFor(() => expect(b.events).toHaveLength(3));
    for (const tenantId of tenants) expect(b.changedIds(tenantId)).toEqual([ids.get(tenantId)]);
    b.unsubscribe();
  });

  it('splits a media.changed of 2,000 ids and delivers all of them elsewhere', async () => {
    const b = record(hubB);
    const ids = Array.from({ length: 2000 }, () => randomUUID());
    manual.emit({ tenantId: 'tenant-big', event: { type: 'media.changed', change: 'deleted', ids } });
    await vi.waitFor(() => expect(b.changedIds('tenant-big')).toHaveLength(2000));
    expect(b.changedIds('tenant-big')).toEqual(ids);
    expect(b.events.length).toBeGreaterThanOrEqual(10);
    expect(
      b.events.every((each) => each.event.type === 'media.changed' && each.event.change === 'deleted'),
    ).toBe(true);
    b.unsubscribe();
  });

  it('sends a large operation by reference and the receiver re-reads it in full', async () => {
    const b = record(hubB);
    const big = operationOf(10_000, 'completed');
    stubOperations.set(big.id, big);
    stubReads.length = 0;
    manual.emit({ tenantId: 'tenant-ops', event: { type: 'operation.progress', operation: big } });
    await vi.waitFor(() => expect(b.operations('tenant-ops')).toHaveLength(1));
    expect(b.operations('tenant-ops')[0]).toEqual(big);
    expect(stubReads).toEqual([[{ tenantId: 'tenant-ops', userId: 'system' }, { id: big.id }]]);
    b.unsubscribe();
  });

  it('publishes at most ~10 progress messages per second per operation, and always the final one', async () => {
    const b = record(hubB);
    const base = operationOf(3);
    for (let processed = 1; processed <= 200; processed += 1) {
      manual.emit({
        tenantId: 'tenant-rate',
        event: { type: 'operation.progress', operation: { ...base, processed } },
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
    manual.emit({
      tenantId: 'tenant-rate',
      event: { type: 'operation.progress', operation: { ...base, processed: 10_000, status: 'completed' } },
    });
    await vi.waitFor(() => expect(b.operations('tenant-rate').at(-1)?.status).toBe('completed'));
    const seen = b.operations('tenant-rate').map((operation) => operation.processed);
    // The first at once, the newest at the end of the window, then the final state.
    expect(seen).toEqual([1, 200, 10_000]);
    b.unsubscribe();
  });

  it('carries a real bulk delete to the other instance up to its completed state', async () => {
    const tenantId = `tenant-${randomUUID()}`;
    const context = { tenantId, userId: 'u1' };
    const files = [];
    for (let index = 0; index < 12; index += 1)
      files.push(await uploadText(service, context, `f${index}.txt`));
    const b = record(hubB);
    const started = await service.startBulkOperation(context, {
      type: 'bulk-delete',
      ids: files.map((file) => file.id),
    });
    await vi.waitFor(() => expect(b.operations(tenantId).at(-1)?.status).toBe('completed'), {
      timeout: 10_000,
    });
    const final = b.operations(tenantId).at(-1)!;
    expect(final).toMatchObject({ id: started.id, processed: 12, total: 12, percentage: 100 });
    expect(new Set(final.succeeded)).toEqual(new Set(files.map((file) => file.id)));
    expect(new Set(b.changedIds(tenantId))).toEqual(new Set(files.map((file) => file.id)));
    b.unsubscribe();
  });

  it('isolates a failing listener and stops after unsubscribe', async () => {
    const errors: unknown[] = [];
    const hub = await createRealtimeHub({
      service: manual.source,
      database,
      onError: (error) => errors.push(error),
    });
    const seen: string[] = [];
    hub.subscribe(() => {
      throw new Error('listener bug');
    });
    const unsubscribe = hub.subscribe((event) => seen.push(event.tenantId));
    manual.emit({ tenantId: 't1', event: { type: 'media.changed', change: 'updated', ids: ['x'] } });
    unsubscribe();
    manual.emit({ tenantId: 't2', event: { type: 'media.changed', change: 'updated', ids: ['y'] } });
    expect(seen).toEqual(['t1']);
    expect(errors).toHaveLength(2);
    expect((errors[0] as Error).message).toBe('listener bug');
    await hub.close();
  });

  it('closes cleanly: stops forwarding and listening, twice is fine', async () => {
    const listenersBefore = manual.listenerCount;
    const hub = await createRealtimeHub({ service: manual.source, database, instanceId: 'instance-c' });
    expect(hub.channel).toBe(DEFAULT_REALTIME_CHANNEL);
    expect(hub.instanceId).toBe('instance-c');
    expect(hub.connected).toBe(true);
    const c = record(hub);
    await hub.close();
    await hub.close();
    expect(hub.connected).toBe(false);
    expect(manual.listenerCount).toBe(listenersBefore);
    const b = record(hubB);
    manual.emit({ tenantId: 't-closed', event: { type: 'media.changed', change: 'updated', ids: ['z'] } });
    await vi.waitFor(() => expect(b.events).toHaveLength(1));
    expect(c.events).toEqual([]);
    expect(hub.subscribe(() => {})).toBeTypeOf('function');
    b.unsubscribe();
  });

  it('rejects bad options', async () => {
    await expect(
      createRealtimeHub({ service: manual.source, database, channel: 'Bad-Channel' }),
    ).rejects.toThrow(TypeError);
    await expect(createRealtimeHub({ service: manual.source, database, instanceId: '' })).rejects.toThrow(
      TypeError,
    );
    await expect(createRealtimeHub({ service: {} as MediaService, database })).rejects.toThrow(
      /subscribe and getOperation/,
    );
    const postgresHandle = { db: database.db, dialect: 'postgres' as const, close: async () => {} };
    await expect(createRealtimeHub({ service: manual.source, database: postgresHandle })).rejects.toThrow(
      /connectionString/,
    );
    await expect(
      createRealtimeHub({ service: manual.source, database: { pool: { connect: vi.fn(), end: vi.fn() } } }),
    ).rejects.toThrow(/pg Pool/);
  });
});
