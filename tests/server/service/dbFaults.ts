import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely } from 'kysely';
import pg from 'pg';
import {
  createDatabase,
  INT8_OID,
  type MediaDatabase,
  type MediaDatabaseHandle,
  type PGliteClient,
  PGliteDialect,
  type PgPoolClientLike,
  type PgPoolLike,
  parseInt8,
} from '../../../src/server/db';
import { createPostgresTestDatabase, postgresUrl } from '../db/pgTestDatabase';
import type { HarnessDialect } from './serviceHarness';

/**
 * When an injected database fault strikes a matching statement: `before` it reaches the server
 * (nothing happens), or `after` the server ran it (its effect stays when it was autocommitted or
 * was the COMMIT itself: a reply lost with the connection).
 */
export type DbFaultTiming = 'before' | 'after';

interface Rule {
  match: RegExp;
  when: DbFaultTiming;
  skip: number;
  times: number;
}

/** The error a lost connection raises in `pg` (SQLSTATE 08006, connection_failure). */
export function injectedDatabaseError(statement: string): Error {
  return Object.assign(new Error(`Injected database fault (connection lost) at: ${statement.slice(0, 80)}`), {
    code: '08006',
  });
}

/**
 * Database faults on command, injected below Kysely at the client: every statement the service
 * sends (BEGIN and COMMIT included) passes {@link DbFaults.run}, and the next statement matching
 * an armed rule fails before or after it ran. Honest: the real server and the real transaction
 * handling see exactly what a dropped connection would cause.
 */
export class DbFaults {
  #rules: Rule[] = [];
  /** Statements that received an injected fault, in order. */
  readonly fired: string[] = [];

  /** The next statement matching `match` (after `skip` matching ones) fails, `times` times in a row. */
  failNext(match: RegExp, options: { when?: DbFaultTiming; skip?: number; times?: number } = {}): void {
    this.#rules.push({
      match,
      when: options.when ?? 'before',
      skip: options.skip ?? 0,
      times: options.times ?? 1,
    });
  }

  /** Rules armed and not used up. */
  pending(): number {
    return this.#rules.length;
  }

  /** Disarms every rule. */
  heal(): void {
    this.#rules = [];
  }

  /** Runs one statement through the armed rules. */
  async run<T>(statement: string, execute: () => Promise<T>): Promise<T> {
    let timing: DbFaultTiming | null = null;
    for (const rule of this.#rules) {
      if (!rule.match.test(statement)) continue;
      if (rule.skip > 0) {
        rule.skip -= 1;
        continue;
      }
      rule.times -= 1;
      timing = rule.when;
      break;
    }
    this.#rules = this.#rules.filter((rule) => rule.times > 0);
    if (timing) this.fired.push(statement);
    if (timing === 'before') throw injectedDatabaseError(statement);
    const result = await execute();
    if (timing === 'after') throw injectedDatabaseError(statement);
    return result;
  }
}

/** Matches the COMMIT of a transaction. */
export const COMMIT = /^commit$/i;

/** A PGlite client whose `query` passes through `faults`. */
export function faultyPGlite(pglite: PGlite, faults: DbFaults): PGliteClient {
  return {
    query: ((statement: string, params?: unknown[], options?: Parameters<PGlite['query']>[2]) =>
      faults.run(statement, () => pglite.query(statement, params, options))) as PGlite['query'],
    close: () => pglite.close(),
    get waitReady() {
      return pglite.waitReady;
    },
    get closed() {
      return pglite.closed;
    },
    isInTransaction: () => pglite.isInTransaction(),
  };
}

/** A `pg` pool whose clients' queries pass through `faults`. */
export function faultyPool(pool: pg.Pool, faults: DbFaults): PgPoolLike {
  return {
    async connect() {
      const client = (await pool.connect()) as unknown as PgPoolClientLike;
      return {
        query: (config) => faults.run(config.text, () => client.query(config)),
        release: (error) => client.release(error),
      };
    },
    end: () => pool.end(),
  };
}

/** A migrated database whose service-facing handle fails on command. */
export interface FaultyDatabase {
  /** The handle to give the service: its statements pass through `faults`. */
  database: MediaDatabaseHandle;
  /**
   * A handle for the test's own checks. On PostgreSQL an independent pool, never faulted; on
   * PGlite (one session) the same handle, so disarm faults before checking.
   */
  inspect: Kysely<MediaDatabase>;
  faults: DbFaults;
  close(): Promise<void>;
}

/** Opens a fresh migrated database (in-memory PGlite, or a fresh PostgreSQL schema) with faults. */
export async function openFaultyDatabase(dialect: HarnessDialect): Promise<FaultyDatabase> {
  const faults = new DbFaults();
  if (dialect === 'pglite') {
    const pglite = await PGlite.create({ extensions: { pg_trgm }, parsers: { [INT8_OID]: parseInt8 } });
    const kysely = new Kysely<MediaDatabase>({
      dialect: new PGliteDialect({ pglite: faultyPGlite(pglite, faults) }),
    });
    const database = await createDatabase({ kysely, dialect: 'pglite', migrate: true });
    return {
      database,
      inspect: database.db,
      faults,
      close: async () => {
        await kysely.destroy();
        if (!pglite.closed) await pglite.close();
      },
    };
  }
  if (!postgresUrl) throw new Error('openFaultyDatabase: DATABASE_URL is not set');
  const test = await createPostgresTestDatabase({ migrate: true, max: 4 });
  const pool = new pg.Pool({
    connectionString: postgresUrl,
    max: 6,
    options: `-c search_path=${test.schema},public`,
  });
  const database = await createDatabase({ pool: faultyPool(pool, faults) });
  return {
    database,
    inspect: test.database.db,
    faults,
    close: async () => {
      await database.close();
      await pool.end();
      await test.drop();
    },
  };
}
