import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createDatabase,
  type MediaDatabase,
  type MediaDatabaseHandle,
  withTransaction,
} from '../../../src/server/db';

const sqlError = (code: string) => Object.assign(new Error(`forced ${code}`), { code });

describe('withTransaction', () => {
  let database: MediaDatabaseHandle;

  beforeAll(async () => {
    database = await createDatabase();
    await sql`create table attempts (n int not null)`.execute(database.db);
  }, 60_000); // starting PGlite is slow on a busy machine
  afterAll(async () => {
    await database.close();
  });
  beforeEach(async () => {
    await sql`truncate attempts`.execute(database.db);
  });

  const recordAttempt = (trx: Kysely<MediaDatabase>, n: number) =>
    sql`insert into attempts (n) values (${n})`.execute(trx);
  const attemptsRecorded = async () =>
    (await sql<{ n: number }>`select n from attempts order by n`.execute(database.db)).rows.map(
      (row) => row.n,
    );

  it('commits and returns what the function returns', async () => {
    const result = await withTransaction(database.db, async (trx) => {
      await recordAttempt(trx, 1);
      return 'done';
    });
    expect(result).toBe('done');
    expect(await attemptsRecorded()).toEqual([1]);
  });

  it('retries a serialization failure, rolling back each failed attempt', async () => {
    let calls = 0;
    const retries: number[] = [];
    const result = await withTransaction(
      database.db,
      async (trx) => {
        calls += 1;
        await recordAttempt(trx, calls);
        if (calls <= 2) throw sqlError('40001');
        return calls;
      },
      { baseDelayMs: 1, onRetry: ({ attempt }) => retries.push(attempt) },
    );
    expect(result).toBe(3);
    expect(retries).toEqual([1, 2]);
    expect(await attemptsRecorded()).toEqual([3]);
  });

  it('retries a deadlock too', async () => {
    let calls = 0;
    await withTransaction(
      database.db,
      async () => {
        calls += 1;
        if (calls === 1) throw sqlError('40P01');
      },
      { baseDelayMs: 1 },
    );
    expect(calls).toBe(2);
  });

  it('gives up after `retries` retries and rethrows the last error', async () => {
    let calls = 0;
    const error = sqlError('40001');
    const outcome = withTransaction(
      database.db,
      async (trx) => {
        calls += 1;
        await recordAttempt(trx, calls);
        throw error;
      },
      { retries: 2, baseDelayMs: 1 },
    );
    await expect(outcome).rejects.toBe(error);
    expect(calls).toBe(3);
    expect(await attemptsRecorded()).toEqual([]);
  });

  it('does not retry with retries: 0, nor any other error', async () => {
    let calls = 0;
    await expect(
      withTransaction(
        database.db,
        async () => {
          calls += 1;
          throw sqlError('40001');
        },
        { retries: 0 },
      ),
    ).rejects.toMatchObject({ code: '40001' });
    expect(calls).toBe(1);

    calls = 0;
    const unique = sqlError('23505');
    await expect(
      withTransaction(database.db, async () => {
        calls += 1;
        throw unique;
      }),
    ).rejects.toBe(unique);
    expect(calls).toBe(1);
  });

  it('waits a jittered, growing, capped delay between attempts', async () => {
    const delays: number[] = [];
    await expect(
      withTransaction(
        database.db,
        async () => {
          throw sqlError('40001');
        },
        { retries: 4, baseDelayMs: 4, maxDelayMs: 10, onRetry: ({ delayMs }) => delays.push(delayMs) },
      ),
    ).rejects.toMatchObject({ code: '40001' });
    const ceilings = [4, 8, 10, 10];
    expect(delays).toHaveLength(4);
    delays.forEach((delay, index) => {
      expect(delay).toBeGreaterThanOrEqual(ceilings[index]! / 2);
      expect(delay).toBeLessThanOrEqual(ceilings[index]!);
    });
  });

  it('uses the requested isolation level', async () => {
    const level = await withTransaction(
      database.db,
      async (trx) =>
        (await sql<{ transaction_isolation: string }>`show transaction_isolation`.execute(trx)).rows[0],
      { isolation: 'repeatable read' },
    );
    expect(level).toEqual({ transaction_isolation: 'repeatable read' });
  });

  it('joins a transaction it is given, without retrying inside it', async () => {
    let inner = 0;
    const outcome = database.db.transaction().execute(async (trx) => {
      await recordAttempt(trx, 7);
      await withTransaction(trx, async (same) => {
        expect(same).toBe(trx);
        inner += 1;
        throw sqlError('40001');
      });
    });
    await expect(outcome).rejects.toMatchObject({ code: '40001' });
    expect(inner).toBe(1);
    expect(await attemptsRecorded()).toEqual([]);
  });
});
