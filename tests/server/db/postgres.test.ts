import { type Kysely, sql } from 'kysely';
import { isMediaError } from 'mediashelf/core';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createDatabase,
  type MediaDatabase,
  mapDatabaseError,
  runMigrations,
  withTransaction,
} from '../../../src/server/db';
import {
  createPostgresTestDatabase,
  describeWithPostgres,
  type PostgresTestDatabase,
  postgresUrl,
} from './pgTestDatabase';
import { newFile } from './schemaSuite';

/** A promise pair: `wait()` resolves once `count` callers are waiting. */
function barrier(count: number) {
  let arrived = 0;
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return {
    wait() {
      arrived += 1;
      if (arrived >= count) open();
      return opened;
    },
  };
}

describeWithPostgres('PostgreSQL specifics', () => {
  let testDatabase: PostgresTestDatabase;
  let db: Kysely<MediaDatabase>;

  beforeAll(async () => {
    testDatabase = await createPostgresTestDatabase({ migrate: true, max: 10 });
    db = testDatabase.database.db;
  });
  afterAll(async () => {
    await testDatabase?.drop();
  });

  it('two processes migrating a fresh schema at once both succeed and apply each migration once', async () => {
    const fresh = await createPostgresTestDatabase();
    try {
      const other = await fresh.openAnother();
      const results = await Promise.all([runMigrations(fresh.database.db), runMigrations(other.db)]);
      expect(results.map((applied) => applied.length).sort()).toEqual([0, 2]);
      expect(results.flat()).toEqual(['0001_initial_schema', '0002_service_support']);
      const rows = await fresh.database.db.selectFrom('mediashelf_migrations').select('name').execute();
      expect(rows).toEqual([{ name: '0001_initial_schema' }, { name: '0002_service_support' }]);
      expect(await runMigrations(other.db)).toEqual([]);
    } finally {
      await fresh.drop();
    }
  });

  it('keeps usage_count exact under concurrent links and unlinks', async () => {
    const tenant = 'tenant-concurrent';
    const file = await db
      .insertInto('media_files')
      .values(newFile(tenant))
      .returning('id')
      .executeTakeFirstOrThrow();
    const link = (n: number) =>
      withTransaction(db, (trx) =>
        trx
          .insertInto('media_usage')
          .values({ media_id: file.id, tenant_id: tenant, resource_type: 'lesson', resource_id: `l${n}` })
          .execute(),
      );
    await Promise.all(Array.from({ length: 20 }, (_, n) => link(n)));
    const count = async () =>
      (
        await db
          .selectFrom('media_files')
          .select('usage_count')
          .where('id', '=', file.id)
          .executeTakeFirstOrThrow()
      ).usage_count;
    expect(await count()).toBe(20);
    await Promise.all(
      Array.from({ length: 5 }, (_, n) =>
        db
          .deleteFrom('media_usage')
          .where('media_id', '=', file.id)
          .where('resource_id', '=', `l${n}`)
          .execute(),
      ),
    );
    expect(await count()).toBe(15);
  });

  it('retries a real serialization failure (write skew under SERIALIZABLE)', async () => {
    await sql`create table on_call (doctor text primary key, on_duty boolean not null)`.execute(db);
    const reset = () =>
      sql`truncate on_call; insert into on_call values ('a', true), ('b', true)`.execute(db);
    const goOffDuty = (
      doctor: string,
      gate: ReturnType<typeof barrier>,
      retries: number,
      retried: string[],
    ) => {
      let first = true;
      return withTransaction(
        db,
        async (trx) => {
          const { rows } = await sql<{ n: number }>`select count(*) as n from on_call where on_duty`.execute(
            trx,
          );
          if (first) {
            first = false;
            await gate.wait(); // both read before either writes
          }
          if ((rows[0]?.n ?? 0) >= 2)
            await sql`update on_call set on_duty = false where doctor = ${doctor}`.execute(trx);
        },
        { isolation: 'serializable', retries, baseDelayMs: 5, onRetry: () => retried.push(doctor) },
      );
    };

    await reset();
    const noRetry = barrier(2);
    const outcomes = await Promise.allSettled([
      goOffDuty('a', noRetry, 0, []),
      goOffDuty('b', noRetry, 0, []),
    ]);
    const rejected = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(rejected).toHaveLength(1);
    const reason = (rejected[0] as PromiseRejectedResult).reason;
    expect(reason).toMatchObject({ code: '40001' });
    expect(mapDatabaseError(reason).toJSON()).toMatchObject({
      code: 'CONFLICT',
      details: { retryable: true },
    });

    await reset();
    const retried: string[] = [];
    const withRetry = barrier(2);
    await Promise.all([goOffDuty('a', withRetry, 5, retried), goOffDuty('b', withRetry, 5, retried)]);
    expect(retried.length).toBeGreaterThanOrEqual(1);
    const onDuty = await sql<{ n: number }>`select count(*) as n from on_call where on_duty`.execute(db);
    expect(onDuty.rows[0]?.n).toBe(1);
  });

  it('retries a real deadlock', async () => {
    await sql`create table accounts (id text primary key, balance int not null)`.execute(db);
    await sql`insert into accounts values ('x', 100), ('y', 100)`.execute(db);
    const gate = barrier(2);
    const retried: string[] = [];
    const transfer = (from: string, to: string) => {
      let first = true;
      return withTransaction(
        db,
        async (trx) => {
          await sql`update accounts set balance = balance - 10 where id = ${from}`.execute(trx);
          if (first) {
            first = false;
            await gate.wait(); // each holds its first row, then wants the other's
          }
          await sql`update accounts set balance = balance + 10 where id = ${to}`.execute(trx);
        },
        { baseDelayMs: 5, onRetry: ({ error }) => retried.push((error as { code: string }).code) },
      );
    };
    await Promise.all([transfer('x', 'y'), transfer('y', 'x')]);
    expect(retried).toContain('40P01');
    const balances = await sql<{
      id: string;
      balance: number;
    }>`select id, balance from accounts order by id`.execute(db);
    expect(balances.rows).toEqual([
      { id: 'x', balance: 100 },
      { id: 'y', balance: 100 },
    ]);
  });

  it('opens a pool from a connection string, reads int8 as numbers, and ends the pool on close', async () => {
    const database = await createDatabase({ connectionString: postgresUrl!, pool: { max: 2 } });
    expect(database.dialect).toBe('postgres');
    expect(database.pglite).toBeUndefined();
    const row = await sql<{
      n: unknown;
      big: unknown;
    }>`select 5000000000::int8 as n, 9223372036854775807::int8 as big`.execute(database.db);
    expect(row.rows[0]).toEqual({ n: 5_000_000_000, big: '9223372036854775807' });
    // pg's global parsers, which belong to the host app, are untouched.
    expect(pg.types.getTypeParser(20, 'text')('5')).toBe('5');
    await database.close();
    await expect(sql`select 1`.execute(database.db)).rejects.toThrow();
  });

  it("leaves the host's pool open when closing a handle built on it", async () => {
    const pool = new pg.Pool({ connectionString: postgresUrl, max: 2 });
    try {
      const database = await createDatabase({ pool });
      const { rows } = await sql<{ n: unknown }>`select 7::int8 as n`.execute(database.db);
      expect(rows).toEqual([{ n: 7 }]);
      await database.close();
      const direct = await pool.query<{ n: unknown }>('select 7::int8 as n');
      // The host's own queries keep pg's default (string) parsing.
      expect(direct.rows).toEqual([{ n: '7' }]);
    } finally {
      await pool.end();
    }
  });

  it('maps errors from a real server the same way as from PGlite', async () => {
    const duplicate = newFile('tenant-errors');
    await db.insertInto('media_files').values(duplicate).execute();
    const error = await db
      .insertInto('media_files')
      .values({ ...duplicate })
      .execute()
      .catch((e: unknown) => e);
    expect(mapDatabaseError(error).toJSON()).toMatchObject({
      code: 'CONFLICT',
      details: { constraint: 'media_files_storage_key_key' },
    });
    const badId = await db
      .selectFrom('media_files')
      .selectAll()
      .where('id', '=', 'nope')
      .execute()
      .catch((e: unknown) => e);
    expect(isMediaError(mapDatabaseError(badId), 'NOT_FOUND')).toBe(true);
  });
});
