import type { PostgresPool, PostgresPoolClient } from 'kysely';
import { INT8_OID, parseInt8 } from './parseInt8';

/** Per-query type parsers in the shape `pg` accepts (`CustomTypesConfig`). */
export interface PgTypesLike {
  getTypeParser(oid: number, format?: string): (value: string) => unknown;
}

/** A checked-out client of a {@link PgPoolLike}: what mediashelf calls on a `pg` PoolClient. */
export interface PgPoolClientLike {
  query(config: {
    text: string;
    values?: unknown[];
    types?: PgTypesLike;
  }): Promise<{ command: string; rowCount: number | null; rows: unknown[] }>;
  release(error?: Error | boolean): void;
}

/**
 * The parts of a `pg` Pool that mediashelf uses. A `pg.Pool` satisfies it; declared here so
 * the published types do not depend on `@types/pg`.
 */
export interface PgPoolLike {
  connect(): Promise<PgPoolClientLike>;
  end(): Promise<void>;
}

/** Type parsers for our queries: `pg`'s defaults, except int8 (see {@link parseInt8}). */
export function int8AsNumberTypes(defaults: PgTypesLike): PgTypesLike {
  return {
    getTypeParser: (oid, format) =>
      oid === INT8_OID && format !== 'binary' ? parseInt8 : defaults.getTypeParser(oid, format),
  };
}

/**
 * Adapts a `pg` pool for Kysely's PostgresDialect. Every query carries our type parsers, so
 * int8 comes back as a number without changing `pg`'s global parsers, which belong to the host
 * app. `end()` ends the pool only when we created it: a host's pool stays open for the host.
 */
export function toKyselyPool(pool: PgPoolLike, types: PgTypesLike, owned: boolean): PostgresPool {
  const wrapped = new WeakMap<PgPoolClientLike, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let adapted = wrapped.get(client);
      if (!adapted) {
        adapted = {
          query: (async (text: string, values: ReadonlyArray<unknown>) =>
            client.query({ text, values: [...values], types })) as unknown as PostgresPoolClient['query'],
          release: () => client.release(),
        };
        wrapped.set(client, adapted);
      }
      return adapted;
    },
    async end() {
      if (owned) await pool.end();
    },
  };
}
