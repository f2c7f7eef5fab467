import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { isMediaError } from 'mediashelf/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDatabase,
  type MediaDatabaseHandle,
  migrationStatus,
  runMigrations,
} from '../../../src/server/db';
import { newFile } from './schemaSuite';

// Starting PGlite takes several seconds, more on a busy machine.
const PGLITE_TEST_TIMEOUT = 60_000;

describe('createDatabase', () => {
  describe('default (in-memory PGlite)', () => {
    let database: MediaDatabaseHandle;
    beforeAll(async () => {
      database = await createDatabase({ migrate: true });
    }, 60_000); // starting PGlite is slow on a busy machine
    afterAll(async () => {
      await database.close();
    });

    it('opens PGlite with pg_trgm, migrated, and exposes the instance', async () => {
      expect(database.dialect).toBe('pglite');
      expect(database.pglite).toBeDefined();
      expect((await migrationStatus(database.db)).pending).toEqual([]);
      const similarity = await sql<{ s: number }>`select similarity('lecture', 'lectures') as s`.execute(
        database.db,
      );
      expect(similarity.rows[0]?.s).toBeGreaterThan(0.5);
    });

    it('leaves a host Kysely instance open when its handle closes', async () => {
      const hosted = await createDatabase({ kysely: database.db, dialect: 'pglite' });
      expect(hosted.dialect).toBe('pglite');
      expect(hosted.db).toBe(database.db);
      await hosted.close();
      expect((await sql<{ one: number }>`select 1 as one`.execute(database.db)).rows).toEqual([{ one: 1 }]);
      expect((await createDatabase({ kysely: database.db })).dialect).toBe('postgres');
    });
  });

  it(
    'persists a PGlite dataDir across close and reopen',
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'mediashelf-pglite-'));
      try {
        const first = await createDatabase({ pglite: { dataDir }, migrate: true });
        const inserted = await first.db
          .insertInto('media_files')
          .values(newFile('tenant-a', { file_size: 5_000_000_000 }))
          .returning('id')
          .executeTakeFirstOrThrow();
        await first.close();
        await first.close(); // twice is fine
        await expect(sql`select 1`.execute(first.db)).rejects.toThrow();

        const second = await createDatabase({ pglite: { dataDir } });
        try {
          expect(await runMigrations(second.db)).toEqual([]);
          const row = await second.db
            .selectFrom('media_files')
            .select(['id', 'file_size'])
            .where('id', '=', inserted.id)
            .executeTakeFirst();
          expect(row).toEqual({ id: inserted.id, file_size: 5_000_000_000 });
        } finally {
          await second.close();
        }
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
    PGLITE_TEST_TIMEOUT,
  );

  it(
    'closes PGlite even when no query ever ran',
    async () => {
      const database = await createDatabase();
      await database.close();
      expect(database.pglite?.closed).toBe(true);
    },
    PGLITE_TEST_TIMEOUT,
  );

  it('rejects malformed configurations before connecting', async () => {
    await expect(createDatabase({ connectionString: '  ' })).rejects.toBeInstanceOf(TypeError);
    await expect(createDatabase({ pglite: { dataDir: '' } })).rejects.toBeInstanceOf(TypeError);
    // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong shapes.
    await expect(createDatabase({ pool: {} as any })).rejects.toBeInstanceOf(TypeError);
    // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong shapes.
    await expect(createDatabase({ kysely: {} as any })).rejects.toBeInstanceOf(TypeError);
  });

  it('fails fast with INTERNAL "unavailable" when the server cannot be reached', async () => {
    const error = await createDatabase({
      connectionString: 'postgresql://postgres@127.0.0.1:1/test',
      pool: { connectionTimeoutMillis: 2_000 },
    }).catch((e: unknown) => e);
    expect(isMediaError(error, 'INTERNAL')).toBe(true);
    expect((error as Error).message).toBe('The database is unavailable');
    expect((error as Error).cause).toBeDefined();
  });
});
