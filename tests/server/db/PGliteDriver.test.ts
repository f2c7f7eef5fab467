import { PGlite } from '@electric-sql/pglite';
import { type Generated, Kysely, sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MutexTimeoutError, PGliteDialect } from '../../../src/server/db';

// Starting PGlite takes several seconds, more on a busy machine.
const PGLITE_TEST_TIMEOUT = 60_000;

interface TestDatabase {
  counter: { id: number; value: number };
  items: { id: Generated<number>; label: string };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PGliteDialect', () => {
  let pglite: PGlite;
  let db: Kysely<TestDatabase>;

  beforeAll(async () => {
    pglite = await PGlite.create();
    db = new Kysely<TestDatabase>({ dialect: new PGliteDialect({ pglite, closeOnDestroy: false }) });
    await sql`create table counter (id int primary key, value int not null)`.execute(db);
    await sql`create table items (id serial primary key, label text not null unique)`.execute(db);
  }, 60_000); // starting PGlite is slow on a busy machine

  afterAll(async () => {
    await db.destroy();
    await pglite.close();
  });

  beforeEach(async () => {
    await sql`truncate counter, items restart identity`.execute(db);
    await db.insertInto('counter').values({ id: 1, value: 0 }).execute();
  });

  const readCounter = async () =>
    (await db.selectFrom('counter').select('value').where('id', '=', 1).executeTakeFirstOrThrow()).value;

  it('serialises concurrent transactions: two read-modify-write loops of 100 end at 200', async () => {
    const events: string[] = [];
    const incrementLoop = (name: string) =>
      db.transaction().execute(async (trx) => {
        events.push(`${name}:begin`);
        for (let i = 0; i < 100; i += 1) {
          const { value } = await trx
            .selectFrom('counter')
            .select('value')
            .where('id', '=', 1)
            .executeTakeFirstOrThrow();
          // Yield so that, without the driver's lock, the other loop's queries would interleave here.
          await sleep(0);
          await trx
            .updateTable('counter')
            .set({ value: value + 1 })
            .where('id', '=', 1)
            .execute();
        }
        events.push(`${name}:end`);
      });
    await Promise.all([incrementLoop('a'), incrementLoop('b')]);
    expect(await readCounter()).toBe(200);
    // Each transaction ran whole: no begin of one between the begin and end of the other.
    expect([events.slice(0, 2), events.slice(2)].map((pair) => pair.map((e) => e.split(':')[1]))).toEqual([
      ['begin', 'end'],
      ['begin', 'end'],
    ]);
  });

  it('keeps other callers out of an open transaction until it commits', async () => {
    const trx = await db.startTransaction().execute();
    await trx.insertInto('items').values({ label: 'uncommitted' }).execute();
    let outsideDone = false;
    const outside = db
      .selectFrom('items')
      .select('label')
      .execute()
      .then((rows) => {
        outsideDone = true;
        return rows;
      });
    await sleep(30);
    expect(outsideDone).toBe(false);
    await trx.commit().execute();
    expect(await outside).toEqual([{ label: 'uncommitted' }]);
  });

  it('rolls back a failing transaction and releases the connection to the next caller', async () => {
    const failing = db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ label: 'rolled back' }).execute();
      await trx.updateTable('counter').set({ value: 99 }).where('id', '=', 1).execute();
      throw new Error('boom');
    });
    const queued = db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ label: 'kept' }).execute();
    });
    await expect(failing).rejects.toThrow('boom');
    await queued;
    expect(await db.selectFrom('items').select('label').execute()).toEqual([{ label: 'kept' }]);
    expect(await readCounter()).toBe(0);
    expect(pglite.isInTransaction()).toBe(false);
  });

  it('releases the connection after a database error inside a transaction', async () => {
    await db.insertInto('items').values({ label: 'dup' }).execute();
    const failing = db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ label: 'dup' }).execute();
    });
    await expect(failing).rejects.toMatchObject({ code: '23505' });
    expect(
      await db
        .selectFrom('items')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .executeTakeFirst(),
    ).toEqual({
      n: 1,
    });
  });

  it('applies the requested isolation level and access mode', async () => {
    const level = await db
      .transaction()
      .setIsolationLevel('serializable')
      .execute(
        async (trx) =>
          (await sql<{ transaction_isolation: string }>`show transaction_isolation`.execute(trx)).rows[0],
      );
    expect(level).toEqual({ transaction_isolation: 'serializable' });
    const readOnly = db
      .transaction()
      .setAccessMode('read only')
      .execute((trx) => trx.insertInto('items').values({ label: 'x' }).execute());
    await expect(readOnly).rejects.toMatchObject({ code: '25006' });
    expect(await db.selectFrom('items').selectAll().execute()).toEqual([]);
  });

  it('supports savepoints in controlled transactions', async () => {
    const trx = await db.startTransaction().execute();
    await trx.insertInto('items').values({ label: 'before' }).execute();
    const withSavepoint = await trx.savepoint('sp one').execute();
    await withSavepoint.insertInto('items').values({ label: 'undone' }).execute();
    const afterRollback = await withSavepoint.rollbackToSavepoint('sp one').execute();
    await afterRollback.insertInto('items').values({ label: 'after' }).execute();
    await afterRollback.commit().execute();
    const labels = (await db.selectFrom('items').select('label').orderBy('id').execute()).map(
      (row) => row.label,
    );
    expect(labels).toEqual(['before', 'after']);
  });

  it('reports affected rows and returns int8 as numbers (exact strings beyond 2^53)', async () => {
    await db
      .insertInto('items')
      .values([{ label: 'a' }, { label: 'b' }, { label: 'c' }])
      .execute();
    const result = await db.updateTable('items').set({ label: sql`label || '!'` }).executeTakeFirst();
    expect(result.numUpdatedRows).toBe(3n);
    const row = await sql<{ small: unknown; big: unknown; count: unknown }>`
      select 5000000000::int8 as small, 9007199254740993::int8 as big, (select count(*) from items) as count
    `.execute(db);
    expect(row.rows[0]).toEqual({ small: 5_000_000_000, big: '9007199254740993', count: 3 });
  });

  it('streams a large result in chunks through a cursor, outside and inside a transaction', async () => {
    const query = db.selectNoFrom(sql<number>`generate_series(1, 1050)`.as('n'));
    const chunks: number[] = [];
    let total = 0;
    for await (const row of query.stream(100)) {
      total += row.n;
      chunks.push(row.n);
    }
    expect(chunks).toHaveLength(1050);
    expect(total).toBe((1050 * 1051) / 2);
    expect(pglite.isInTransaction()).toBe(false);

    await db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ label: 'in-trx' }).execute();
      const seen: string[] = [];
      for await (const row of trx.selectFrom('items').select('label').stream(1)) seen.push(row.label);
      expect(seen).toEqual(['in-trx']);
      // The stream left the caller's transaction open.
      expect(pglite.isInTransaction()).toBe(true);
    });
    expect(await db.selectFrom('items').select('label').execute()).toEqual([{ label: 'in-trx' }]);
  });

  it('cleans up when a stream is abandoned early or fails', async () => {
    for await (const row of db.selectNoFrom(sql<number>`generate_series(1, 500)`.as('n')).stream(10)) {
      if (row.n === 15) break;
    }
    expect(pglite.isInTransaction()).toBe(false);
    const failing = async () => {
      for await (const _ of db.selectNoFrom(sql<number>`1 / (3 - generate_series(1, 5))`.as('n')).stream(1)) {
        // consume
      }
    };
    await expect(failing()).rejects.toMatchObject({ code: '22012' });
    expect(pglite.isInTransaction()).toBe(false);
    expect(await readCounter()).toBe(0);
  });

  it('rejects an invalid chunk size', async () => {
    const iterate = async () => {
      for await (const _ of db.selectFrom('items').selectAll().stream(0)) {
        // never reached
      }
    };
    await expect(iterate()).rejects.toThrow(/chunkSize/);
    expect(await readCounter()).toBe(0);
  });

  it('times out a caller waiting for the connection when acquireTimeoutMs is set', async () => {
    const timed = new Kysely<TestDatabase>({
      dialect: new PGliteDialect({ pglite, closeOnDestroy: false, acquireTimeoutMs: 50 }),
    });
    try {
      // Using `timed` instead of `trx` inside the transaction waits for the connection it holds.
      const outcome = await timed.transaction().execute(async () =>
        timed
          .selectFrom('items')
          .selectAll()
          .execute()
          .catch((e) => e),
      );
      expect(outcome).toBeInstanceOf(MutexTimeoutError);
      expect(await timed.selectFrom('counter').select('value').execute()).toEqual([{ value: 0 }]);
    } finally {
      await timed.destroy();
    }
  });
});

describe('PGliteDriver lifecycle', () => {
  it(
    'creates the instance lazily, waits for the holder on destroy, then turns callers away',
    async () => {
      let created = 0;
      const db = new Kysely<TestDatabase>({
        dialect: new PGliteDialect({
          pglite: async () => {
            created += 1;
            return PGlite.create();
          },
        }),
      });
      expect(created).toBe(0);
      const trx = await db.startTransaction().execute();
      expect(created).toBe(1);
      await sql`create table t (n int)`.execute(trx);
      let destroyed = false;
      const destroying = db.destroy().then(() => {
        destroyed = true;
      });
      await sleep(30);
      expect(destroyed).toBe(false);
      await trx.commit().execute();
      await destroying;
      await expect(sql`select 1`.execute(db)).rejects.toThrow(/destroyed/);
    },
    PGLITE_TEST_TIMEOUT,
  );

  it(
    'closes the instance it was given unless told otherwise',
    async () => {
      const owned = await PGlite.create();
      const shared = await PGlite.create();
      const a = new Kysely<TestDatabase>({ dialect: new PGliteDialect({ pglite: owned }) });
      const b = new Kysely<TestDatabase>({
        dialect: new PGliteDialect({ pglite: shared, closeOnDestroy: false }),
      });
      await sql`select 1`.execute(a);
      await sql`select 1`.execute(b);
      await a.destroy();
      await b.destroy();
      expect(owned.closed).toBe(true);
      expect(shared.closed).toBe(false);
      expect((await shared.query<{ one: number }>('select 1 as one')).rows).toEqual([{ one: 1 }]);
      await shared.close();
    },
    PGLITE_TEST_TIMEOUT,
  );
});
