import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { type Dialect, Kysely, PostgresDialect, sql } from 'kysely';
import { loadPg } from './loadPg';
import type { MediaDatabase } from './MediaDatabase';
import { mapDatabaseError } from './mapDatabaseError';
import { PGliteDialect } from './PGliteDialect';
import { int8AsNumberTypes, type PgPoolLike, toKyselyPool } from './PgPoolLike';
import { INT8_OID, parseInt8 } from './parseInt8';
import { runMigrations } from './runMigrations';

/** Which engine a database handle talks to. */
export type DatabaseDialect = 'pglite' | 'postgres';

/** Options every {@link createDatabase} config accepts. */
export interface CommonDatabaseConfig {
  /** Apply pending migrations before returning (see {@link runMigrations}). Default false. */
  migrate?: boolean;
}

/** Embedded PostgreSQL (PGlite): in memory by default, or persisted in `dataDir`. */
export interface PGliteDatabaseConfig extends CommonDatabaseConfig {
  pglite?: {
    /**
     * Directory holding the database files; omitted means in memory (lost on close). One
     * process at a time: PGlite is single-user.
     */
    dataDir?: string;
  };
}

/** A PostgreSQL server reached with a connection string; mediashelf owns (and ends) the pool. */
export interface ConnectionStringDatabaseConfig extends CommonDatabaseConfig {
  connectionString: string;
  pool?: {
    /** Most connections at once. Default 10. */
    max?: number;
    /** Close a connection idle this long. Default 30 000 ms. */
    idleTimeoutMillis?: number;
    /** Give up connecting after this long. Default 10 000 ms. */
    connectionTimeoutMillis?: number;
  };
  /** Errors of idle pooled connections (the server restarted, say). Default: `console.warn`. */
  onPoolError?: (error: Error) => void;
}

/** A `pg` Pool owned by the host app: mediashelf never ends it. */
export interface PoolDatabaseConfig extends CommonDatabaseConfig {
  pool: PgPoolLike;
}

/**
 * The host app's own Kysely instance over PostgreSQL. mediashelf never destroys it, and its
 * type parsing is the host's: configure int8 as a number there (see {@link parseInt8}).
 */
export interface KyselyDatabaseConfig extends CommonDatabaseConfig {
  // biome-ignore lint/suspicious/noExplicitAny: any host database type is accepted.
  kysely: Kysely<any>;
  /** What the instance talks to. Default `postgres`. */
  dialect?: DatabaseDialect;
}

/** Where the media library keeps its tables. */
export type CreateDatabaseConfig =
  | PGliteDatabaseConfig
  | ConnectionStringDatabaseConfig
  | PoolDatabaseConfig
  | KyselyDatabaseConfig;

/** An open database for the media library. */
export interface MediaDatabaseHandle {
  db: Kysely<MediaDatabase>;
  dialect: DatabaseDialect;
  /**
   * Releases what {@link createDatabase} opened (the PGlite instance, the pool it created).
   * A host's pool or Kysely instance is left open. Safe to call twice.
   */
  close(): Promise<void>;
  /**
   * The PGlite instance, for LISTEN/NOTIFY. It shares the single connection with `db`: run raw
   * statements inside `db.connection().execute(...)` so they never land in another caller's
   * transaction.
   */
  pglite?: PGlite;
}

/**
 * Opens the media library's database: embedded PGlite by default, or a PostgreSQL server.
 * Server connections are checked with `select 1`, so a wrong URL fails here with a
 * {@link MediaError} (INTERNAL, the driver error as `cause`) rather than on the first request.
 *
 * int8 columns (file sizes, counts) come back as numbers on every path we configure.
 */
export async function createDatabase(config: CreateDatabaseConfig = {}): Promise<MediaDatabaseHandle> {
  const handle = await open(config);
  if (config.migrate) {
    try {
      await runMigrations(handle.db);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }
  return handle;
}

async function open(config: CreateDatabaseConfig): Promise<MediaDatabaseHandle> {
  if ('connectionString' in config) return openConnectionString(config);
  if ('pool' in config) return openPool(config);
  if ('kysely' in config) return openKysely(config);
  return openPGlite(config);
}

async function openPGlite(config: PGliteDatabaseConfig): Promise<MediaDatabaseHandle> {
  const dataDir = config.pglite?.dataDir;
  if (dataDir !== undefined && (typeof dataDir !== 'string' || dataDir.trim() === '')) {
    throw new TypeError('pglite.dataDir must be a non-empty path');
  }
  const pglite = await PGlite.create({
    ...(dataDir === undefined ? {} : { dataDir }),
    extensions: { pg_trgm },
    parsers: { [INT8_OID]: parseInt8 },
  });
  const db = new Kysely<MediaDatabase>({ dialect: new PGliteDialect({ pglite }) });
  const close = async () => {
    await db.destroy();
    // Kysely skips the driver's destroy when no query ever ran, which would leave PGlite open.
    if (!pglite.closed) await pglite.close();
  };
  return { db, dialect: 'pglite', pglite, close: once(close) };
}

async function openConnectionString(config: ConnectionStringDatabaseConfig): Promise<MediaDatabaseHandle> {
  if (typeof config.connectionString !== 'string' || config.connectionString.trim() === '') {
    throw new TypeError('connectionString must be a non-empty PostgreSQL URL');
  }
  const pg = await loadPg();
  const pool = new pg.Pool({
    connectionString: config.connectionString,
    max: config.pool?.max ?? 10,
    idleTimeoutMillis: config.pool?.idleTimeoutMillis ?? 30_000,
    connectionTimeoutMillis: config.pool?.connectionTimeoutMillis ?? 10_000,
    application_name: 'mediashelf',
  });
  // Without a listener, an idle connection's error (server restart) would crash the process.
  pool.on(
    'error',
    config.onPoolError ?? ((error) => console.warn('[mediashelf] idle database connection error', error)),
  );
  const db = new Kysely<MediaDatabase>({ dialect: postgresDialect(pool, pg.types, true) });
  return verified({ db, dialect: 'postgres', close: once(() => db.destroy()) });
}

async function openPool(config: PoolDatabaseConfig): Promise<MediaDatabaseHandle> {
  const pool = config.pool;
  if (!pool || typeof pool.connect !== 'function') throw new TypeError('pool must be a pg Pool');
  const pg = await loadPg();
  const db = new Kysely<MediaDatabase>({ dialect: postgresDialect(pool, pg.types, false) });
  return verified({ db, dialect: 'postgres', close: once(() => db.destroy()) });
}

async function openKysely(config: KyselyDatabaseConfig): Promise<MediaDatabaseHandle> {
  if (!(config.kysely instanceof Kysely)) throw new TypeError('kysely must be a Kysely instance');
  const db = config.kysely as Kysely<MediaDatabase>;
  return { db, dialect: config.dialect ?? 'postgres', close: async () => {} };
}

function postgresDialect(
  pool: PgPoolLike,
  types: Parameters<typeof int8AsNumberTypes>[0],
  owned: boolean,
): Dialect {
  return new PostgresDialect({ pool: toKyselyPool(pool, int8AsNumberTypes(types), owned) });
}

async function verified(handle: MediaDatabaseHandle): Promise<MediaDatabaseHandle> {
  try {
    await sql`select 1`.execute(handle.db);
    return handle;
  } catch (error) {
    await handle.close().catch(() => {});
    throw mapDatabaseError(error);
  }
}

function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= close();
    return closing;
  };
}
