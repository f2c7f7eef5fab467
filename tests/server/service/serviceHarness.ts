import { randomUUID } from 'node:crypto';
import { createDatabase, type MediaDatabaseHandle, runMigrations } from '../../../src/server/db';
import { createMediaService, type MediaServiceOptions } from '../../../src/server/service/createMediaService';
import type { MediaContext, MediaService } from '../../../src/server/service/MediaService';
import { createMemoryStorage, type MemoryStorage } from '../../../src/server/storage';
import { createPostgresTestDatabase, type PostgresTestDatabase } from '../db/pgTestDatabase';

/** A media service on a fresh database and memory storage, for one test file. */
export interface ServiceHarness {
  service: MediaService;
  storage: MemoryStorage;
  database: MediaDatabaseHandle;
  /** A fresh tenant: every test that wants an empty library takes one. */
  newContext(): MediaContext;
  /** Another service on the same database and storage (a second process). */
  openAnother(options?: Partial<MediaServiceOptions>): Promise<MediaService>;
  close(): Promise<void>;
}

/** Which database a harness runs on. */
export type HarnessDialect = 'pglite' | 'postgres';

/** Builds a {@link ServiceHarness} on in-memory PGlite or a fresh PostgreSQL schema. */
export async function createServiceHarness(
  dialect: HarnessDialect,
  options: Partial<MediaServiceOptions> = {},
): Promise<ServiceHarness> {
  let pg: PostgresTestDatabase | undefined;
  let database: MediaDatabaseHandle;
  if (dialect === 'postgres') {
    pg = await createPostgresTestDatabase({ migrate: true, max: 10 });
    database = pg.database;
  } else {
    database = await createDatabase();
    await runMigrations(database.db);
  }
  const storage = createMemoryStorage();
  const services: MediaService[] = [];
  const make = (db: MediaDatabaseHandle, extra: Partial<MediaServiceOptions> = {}) => {
    const service = createMediaService({ db, storage, ...options, ...extra });
    services.push(service);
    return service;
  };
  const service = make(database);
  return {
    service,
    storage,
    database,
    newContext: () => ({ tenantId: `tenant-${randomUUID()}`, userId: `user-${randomUUID().slice(0, 8)}` }),
    async openAnother(extra) {
      if (!pg) return make(database, extra);
      return make(await pg.openAnother(), extra);
    },
    async close() {
      for (const each of services) await each.close();
      if (pg) await pg.drop();
      else await database.close();
    },
  };
}
