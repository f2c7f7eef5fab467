import {
  CompiledQuery,
  createQueryId,
  type DatabaseConnection,
  type Driver,
  IdentifierNode,
  type QueryCompiler,
  RawNode,
  type TransactionSettings,
} from 'kysely';
import { Mutex } from './Mutex';
import { type PGliteClient, PGliteConnection } from './PGliteConnection';

/** Options of {@link PGliteDialect} and {@link PGliteDriver}. */
export interface PGliteDialectConfig {
  /** The PGlite instance, or a function creating it on first use. */
  pglite: PGliteClient | (() => Promise<PGliteClient>);
  /**
   * Close the instance when Kysely is destroyed. Default true: pass false when the instance is
   * shared with code that outlives this Kysely.
   */
  closeOnDestroy?: boolean;
  /**
   * Give up waiting for the connection after this many milliseconds (default: wait forever).
   * Useful in tests: a query sent through `db` inside a transaction that holds the single
   * connection would otherwise wait forever.
   */
  acquireTimeoutMs?: number;
}

/**
 * Kysely driver over PGlite. PGlite is one PostgreSQL session, so the driver owns a single
 * connection behind a {@link Mutex}: Kysely acquires it for one query, or for a whole
 * transaction (begin to commit or rollback), and concurrent callers queue in arrival order.
 * Without this, a query from one caller would run inside another caller's open transaction.
 */
export class PGliteDriver implements Driver {
  readonly #config: PGliteDialectConfig;
  readonly #mutex = new Mutex();
  #client: PGliteClient | undefined;
  #connection: PGliteConnection | undefined;
  #destroyed = false;

  constructor(config: PGliteDialectConfig) {
    this.#config = { ...config };
  }

  /** Creates (or takes) the PGlite instance and waits until it is ready. */
  async init(): Promise<void> {
    const source = this.#config.pglite;
    const client = typeof source === 'function' ? await source() : source;
    await client.waitReady;
    this.#client = client;
    this.#connection = new PGliteConnection(client);
  }

  /** Waits for the single connection; the caller owns it until {@link releaseConnection}. */
  async acquireConnection(): Promise<DatabaseConnection> {
    this.#assertUsable();
    await this.#mutex.lock(this.#config.acquireTimeoutMs);
    if (this.#destroyed || !this.#connection) {
      this.#mutex.unlock();
      throw new Error('The PGlite driver has been destroyed');
    }
    return this.#connection;
  }

  /** Starts a transaction with the requested isolation level and access mode. */
  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let statement = 'begin';
    if (settings.isolationLevel || settings.accessMode) {
      statement = 'start transaction';
      if (settings.isolationLevel) statement += ` isolation level ${settings.isolationLevel}`;
      if (settings.accessMode) statement += ` ${settings.accessMode}`;
    }
    await connection.executeQuery(CompiledQuery.raw(statement));
  }

  /** Commits the open transaction. */
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  /** Rolls back the open transaction. */
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  /** Creates a savepoint (Kysely's controlled transactions). */
  async savepoint(
    connection: DatabaseConnection,
    savepointName: string,
    compileQuery: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await connection.executeQuery(savepointCommand('savepoint', savepointName, compileQuery));
  }

  /** Rolls back to a savepoint. */
  async rollbackToSavepoint(
    connection: DatabaseConnection,
    savepointName: string,
    compileQuery: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await connection.executeQuery(savepointCommand('rollback to', savepointName, compileQuery));
  }

  /** Releases a savepoint. */
  async releaseSavepoint(
    connection: DatabaseConnection,
    savepointName: string,
    compileQuery: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await connection.executeQuery(savepointCommand('release', savepointName, compileQuery));
  }

  /** Hands the connection to the next queued caller. */
  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }

  /**
   * Waits for the current holder to finish, then closes PGlite (unless `closeOnDestroy` is
   * false). Callers still queued are turned away with an error.
   */
  async destroy(): Promise<void> {
    if (this.#destroyed) return;
    this.#destroyed = true;
    if (!this.#client) return;
    await this.#mutex.lock();
    try {
      if (this.#config.closeOnDestroy !== false && !this.#client.closed) await this.#client.close();
    } finally {
      this.#connection = undefined;
      this.#mutex.unlock();
    }
  }

  #assertUsable(): void {
    if (this.#destroyed) throw new Error('The PGlite driver has been destroyed');
  }
}

function savepointCommand(
  command: string,
  savepointName: string,
  compileQuery: QueryCompiler['compileQuery'],
): CompiledQuery {
  // Same node shape as Kysely's own Postgres driver: the identifier node quotes the name.
  const node = RawNode.createWithChildren([
    RawNode.createWithSql(`${command} `),
    IdentifierNode.create(savepointName),
  ]);
  return compileQuery(node, createQueryId());
}
