import { randomUUID } from 'node:crypto';
import { createRestAdapter, type RestAdapter, type RestAdapterOptions } from 'mediashelf/adapters/rest';
import { runMediaAdapterContract } from 'mediashelf/testing';
import { afterAll, beforeAll, describe } from 'vitest';
import { WebSocket } from 'ws';
import { createDatabase, type MediaDatabaseHandle } from '../../../src/server/db';
import {
  createPostgresTestDatabase,
  describeWithPostgres,
  type PostgresTestDatabase,
} from '../../server/db/pgTestDatabase';
import { type RunningMediaServer, startMediaServer, TENANT_HEADER } from './startMediaServer';

// Above the 2 MiB file of the abort-during-upload test, small enough to upload quickly.
const MAX_FILE_SIZE = 4 * 1024 * 1024;

/**
 * The adapter contract through the REST adapter against a real server on loopback: the HTTP
 * handler, the Node server with its WebSocket endpoint, the service, memory storage.
 */
function describeRestContract(
  name: string,
  open: () => Promise<{ database: MediaDatabaseHandle; close(): Promise<void> }>,
) {
  let running: RunningMediaServer | undefined;
  let closeDatabase: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const opened = await open();
    closeDatabase = opened.close;
    running = await startMediaServer(opened.database, MAX_FILE_SIZE);
  });
  afterAll(async () => {
    await running?.close();
    await closeDatabase?.();
  });
  runMediaAdapterContract({
    name,
    createAdapter: () =>
      createRestAdapter({
        baseUrl: running!.baseUrl,
        headers: { [TENANT_HEADER]: randomUUID() },
        WebSocket: WebSocket as unknown as RestAdapterOptions['WebSocket'],
        reconnect: { initialDelayMs: 50, maxDelayMs: 1_000 },
      }),
    destroyAdapter: (adapter) => (adapter as RestAdapter).close(),
    // Declared, so the suite does not probe an adapter before the server is up.
    capabilities: { maxFileSize: MAX_FILE_SIZE, checksMagicBytes: true, realtime: true, versions: true },
  });
}

describe('REST adapter over createMediaHandler + createNodeServer (PGlite)', () => {
  describeRestContract('REST adapter, real server on PGlite', async () => {
    const database = await createDatabase({ migrate: true });
    return { database, close: () => database.close() };
  });
});

describeWithPostgres('REST adapter over createMediaHandler + createNodeServer (PostgreSQL)', () => {
  describeRestContract('REST adapter, real server on PostgreSQL', async () => {
    const test: PostgresTestDatabase = await createPostgresTestDatabase({ migrate: true });
    return { database: test.database, close: () => test.drop() };
  });
});
