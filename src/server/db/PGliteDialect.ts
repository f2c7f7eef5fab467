import {
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
} from 'kysely';
import { type PGliteDialectConfig, PGliteDriver } from './PGliteDriver';

/**
 * Kysely dialect for PGlite 0.5 (embedded PostgreSQL in WebAssembly). PGlite speaks
 * PostgreSQL, so Kysely's Postgres adapter, query compiler and introspector are used as they
 * are; only the driver is ours (see {@link PGliteDriver}). `kysely-pglite-dialect` stops at
 * PGlite 0.4, hence this one.
 *
 * ```ts
 * const pglite = await PGlite.create({ extensions: { pg_trgm } });
 * const db = new Kysely<MediaDatabase>({ dialect: new PGliteDialect({ pglite }) });
 * ```
 */
export class PGliteDialect implements Dialect {
  readonly #config: PGliteDialectConfig;

  constructor(config: PGliteDialectConfig) {
    this.#config = config;
  }

  /** A driver serialising access to the single PGlite connection. */
  createDriver(): Driver {
    return new PGliteDriver(this.#config);
  }

  /** Kysely's PostgreSQL query compiler. */
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }

  /** Kysely's PostgreSQL adapter (RETURNING, transactional DDL, advisory migration lock). */
  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  /** Kysely's PostgreSQL introspector. */
  // biome-ignore lint/suspicious/noExplicitAny: Kysely's Dialect interface takes Kysely<any>.
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}
