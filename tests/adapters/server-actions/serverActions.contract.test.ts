import { randomUUID } from 'node:crypto';
import { createServerActionAdapter } from 'mediashelf/adapters/server-actions';
import { runMediaAdapterContract } from 'mediashelf/testing';
import { afterAll, beforeAll, describe } from 'vitest';
import { createMediaActions } from '../../../src/server/actions';
import { createDatabase, type MediaDatabaseHandle } from '../../../src/server/db';
import { createMediaService } from '../../../src/server/service/createMediaService';
import type { MediaService } from '../../../src/server/service/MediaService';
import { createMemoryStorage } from '../../../src/server/storage';
import { createPostgresTestDatabase, describeWithPostgres } from '../../server/db/pgTestDatabase';

// Above the 2 MiB file of the abort-during-upload test, small enough to upload quickly.
const MAX_FILE_SIZE = 4 * 1024 * 1024;

/**
 * The adapter contract through `createServerActionAdapter(createMediaActions(service, ...))` on the
 * real service, called in-process as a framework would after serialising the arguments. Each
 * adapter is a fresh tenant.
 */
function describeActionsContract(
  name: string,
  open: () => Promise<{ database: MediaDatabaseHandle; close(): Promise<void> }>,
) {
  let service: MediaService | undefined;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const opened = await open();
    close = opened.close;
    service = createMediaService({
      db: opened.database,
      storage: createMemoryStorage(),
      limits: { maxFileSize: MAX_FILE_SIZE },
    });
  });
  afterAll(async () => {
    await service?.close();
    await close?.();
  });
  runMediaAdapterContract({
    name,
    createAdapter: () => {
      const caller = { tenantId: randomUUID(), userId: 'contract-user' };
      return createServerActionAdapter(createMediaActions(service!, { getContext: async () => caller }));
    },
    // Declared, so the suite does not probe an adapter before the service exists.
    capabilities: { maxFileSize: MAX_FILE_SIZE, checksMagicBytes: true, realtime: false, versions: true },
  });
}

describe('server actions over the service (PGlite)', () => {
  describeActionsContract('server actions, service on PGlite', async () => {
    const database = await createDatabase({ migrate: true });
    return { database, close: () => database.close() };
  });
});

describeWithPostgres('server actions over the service (PostgreSQL)', () => {
  describeActionsContract('server actions, service on PostgreSQL', async () => {
    const test = await createPostgresTestDatabase({ migrate: true });
    return { database: test.database, close: () => test.drop() };
  });
});
