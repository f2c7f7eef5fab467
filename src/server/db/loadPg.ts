import { MediaError } from 'mediashelf/core';
import type { PgPoolLike } from './PgPoolLike';

/** The parts of the `pg` module the server SDK uses. */
export interface PgModule {
  Pool: new (
    config: Record<string, unknown>,
  ) => PgPoolLike & {
    on(event: 'error', listener: (error: Error) => void): unknown;
  };
  types: { getTypeParser(oid: number, format?: string): (value: string) => unknown };
}

/**
 * Imports `pg`, an optional peer dependency, the first time a PostgreSQL server is used, so an
 * app on embedded PGlite never needs it installed.
 */
export async function loadPg(): Promise<PgModule> {
  try {
    const imported = (await import('pg')) as unknown as PgModule & { default?: PgModule };
    return imported.default ?? imported;
  } catch (error) {
    throw new MediaError(
      'INTERNAL',
      "Connecting to PostgreSQL needs the optional peer dependency 'pg' (npm install pg)",
      { cause: error },
    );
  }
}
