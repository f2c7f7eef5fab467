import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';
import { createDatabase, type MediaDatabaseHandle } from '../../../src/server/db';

/**
 * PostgreSQL test support shared by every suite that needs a real server. Each test database is
 * a fresh schema (`search_path = <schema>, public`), so test files running in parallel never
 * see each other's tables. pg_trgm is created once in `public` (an extension belongs to the
 * whole database, and dropping a test schema must not drop it).
 */

/** The PostgreSQL URL of this run, or undefined when the PostgreSQL suites are skipped. */
export const postgresUrl: string | undefined = process.env.DATABASE_URL || undefined;

const skipReason = 'DATABASE_URL is not set';

/**
 * `describe` for a PostgreSQL suite: skipped, with the reason printed and in the suite's name,
 * when DATABASE_URL is unset, so a fresh machine passes `npm test` with PGlite alone.
 */
export function describeWithPostgres(name: string, body: () => void): void {
  // CI sets this: there a missing database is a failure, not a skip.
  if (!postgresUrl && process.env.MEDIASHELF_REQUIRE_POSTGRES) {
    throw new Error(`${name}: MEDIASHELF_REQUIRE_POSTGRES is set but DATABASE_URL is not`);
  }
  if (!postgresUrl) console.info(`[mediashelf] PostgreSQL suite skipped: ${skipReason} (${name})`);
  describe.skipIf(!postgresUrl)(postgresUrl ? name : `${name} [skipped: ${skipReason}]`, body);
}

/** Options of {@link createPostgresTestDatabase}. */
export interface PostgresTestDatabaseOptions {
  /** Run the migrations before returning. Default false. */
  migrate?: boolean;
  /** Pool size. Default 5. */
  max?: number;
}

/** A throw-away PostgreSQL database (a schema) for one test file or test. */
export interface PostgresTestDatabase {
  database: MediaDatabaseHandle;
  /** The schema holding this database's tables. */
  schema: string;
  /** A second, independent handle on the same schema: another "process". Closed by drop(). */
  openAnother(options?: PostgresTestDatabaseOptions): Promise<MediaDatabaseHandle>;
  /** Closes every handle and drops the schema with everything in it. */
  drop(): Promise<void>;
}

/** Creates a fresh schema on DATABASE_URL and opens the media database on it. */
export async function createPostgresTestDatabase(
  options: PostgresTestDatabaseOptions = {},
): Promise<PostgresTestDatabase> {
  const url = postgresUrl;
  if (!url) throw new Error(`createPostgresTestDatabase: ${skipReason}`);
  const schema = `mediashelf_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(url, async (client) => {
    await ensureTrigramExtension(client);
    await client.query(`create schema "${schema}"`);
  });
  const pools: pg.Pool[] = [];
  const handles: MediaDatabaseHandle[] = [];
  const open = async (openOptions: PostgresTestDatabaseOptions): Promise<MediaDatabaseHandle> => {
    const pool = new pg.Pool({
      connectionString: url,
      max: openOptions.max ?? 5,
      options: `-c search_path=${schema},public`,
    });
    pools.push(pool);
    const handle = await createDatabase({ pool, migrate: openOptions.migrate ?? false });
    handles.push(handle);
    return handle;
  };
  const database = await open(options);
  return {
    database,
    schema,
    openAnother: (anotherOptions = {}) => open(anotherOptions),
    async drop() {
      for (const handle of handles) await handle.close();
      for (const pool of pools) await pool.end();
      await withAdminClient(url, (client) => client.query(`drop schema if exists "${schema}" cascade`));
    },
  };
}

async function withAdminClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function ensureTrigramExtension(client: pg.Client): Promise<void> {
  // Concurrent CREATE EXTENSION IF NOT EXISTS can still collide; a session lock orders them.
  await client.query('select pg_advisory_lock(7021)');
  try {
    await client.query('create extension if not exists pg_trgm with schema public');
  } finally {
    await client.query('select pg_advisory_unlock(7021)');
  }
}
