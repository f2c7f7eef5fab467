import type { PGlite } from '@electric-sql/pglite';
import type { CompiledQuery, DatabaseConnection, QueryResult } from 'kysely';
import { INT8_OID, parseInt8 } from './parseInt8';

/** The part of a PGlite instance the dialect uses (a structural type, so tests can wrap one). */
export type PGliteClient = Pick<PGlite, 'query' | 'close' | 'waitReady' | 'closed' | 'isInTransaction'>;

// Passed with every query, not only at construction, so an instance created elsewhere still
// returns the same types as our own.
const queryOptions = { parsers: { [INT8_OID]: parseInt8 } };

const commandsWithAffectedRows = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

let cursorCounter = 0;

/**
 * The single connection of a {@link PGliteDriver}. It holds no lock itself: the driver hands it
 * to one caller at a time.
 */
export class PGliteConnection implements DatabaseConnection {
  readonly #client: PGliteClient;

  constructor(client: PGliteClient) {
    this.#client = client;
  }

  /** Runs one statement (PGlite's extended protocol: one command per call, `$n` parameters). */
  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.#client.query<R>(
      compiledQuery.sql,
      [...compiledQuery.parameters],
      queryOptions,
    );
    const command = result.command?.toUpperCase();
    return command !== undefined && commandsWithAffectedRows.has(command)
      ? { rows: result.rows, numAffectedRows: BigInt(result.affectedRows ?? 0) }
      : { rows: result.rows };
  }

  /**
   * Streams a SELECT through a server-side cursor, `chunkSize` rows at a time, so a large result
   * is never held in memory at once. Outside a transaction it opens (and ends) one, because a
   * cursor lives only inside a transaction; inside one, it leaves the transaction alone.
   */
  async *streamQuery<R>(
    compiledQuery: CompiledQuery,
    chunkSize = 100,
  ): AsyncIterableIterator<QueryResult<R>> {
    if (!Number.isInteger(chunkSize) || chunkSize <= 0) {
      throw new Error('chunkSize must be a positive integer');
    }
    const client = this.#client;
    cursorCounter += 1;
    const cursor = `mediashelf_cursor_${cursorCounter}`;
    const ownTransaction = !client.isInTransaction();
    let finished = false;
    if (ownTransaction) await client.query('begin');
    try {
      await client.query(`declare ${cursor} no scroll cursor for ${compiledQuery.sql}`, [
        ...compiledQuery.parameters,
      ]);
      while (true) {
        const result = await client.query<R>(`fetch forward ${chunkSize} from ${cursor}`, [], queryOptions);
        if (result.rows.length === 0) break;
        yield { rows: result.rows };
      }
      await client.query(`close ${cursor}`);
      if (ownTransaction) await client.query('commit');
      finished = true;
    } finally {
      // Reached on an error or when the consumer stops early (`break` calls `return()`).
      if (!finished) await this.#abandonCursor(cursor, ownTransaction);
    }
  }

  async #abandonCursor(cursor: string, ownTransaction: boolean): Promise<void> {
    try {
      if (ownTransaction) await this.#client.query('rollback');
      else await this.#client.query(`close ${cursor}`);
    } catch {
      // The caller's transaction may already be aborted; its own rollback discards the cursor.
    }
  }
}
