import type { IsolationLevel, Kysely, Transaction } from 'kysely';
import { isRetryableTransactionError } from './mapDatabaseError';

/** Options of {@link withTransaction}. */
export interface WithTransactionOptions {
  /** Retries after the first attempt on serialization failure or deadlock. Default 5. */
  retries?: number;
  /** Isolation level; the database default (read committed) when omitted. */
  isolation?: IsolationLevel;
  /** First backoff in milliseconds, doubled per retry and jittered. Default 10. */
  baseDelayMs?: number;
  /** Upper bound of one backoff in milliseconds. Default 200. */
  maxDelayMs?: number;
  /** Called before each retry (logging, metrics, tests). */
  onRetry?: (info: { attempt: number; error: unknown; delayMs: number }) => void;
}

/**
 * Runs `fn` in a transaction, committing when it resolves and rolling back when it throws.
 * A serialization failure (40001) or deadlock (40P01) starts the whole transaction again, up
 * to `retries` more times with a short jittered backoff; after that, or for any other error,
 * the error propagates as thrown (map it with {@link mapDatabaseError}).
 *
 * `fn` may run more than once, so it must not have side effects outside the transaction that
 * a retry would repeat. Given a transaction, it runs `fn` inside it without retrying: only the
 * outermost caller can restart a transaction.
 */
export async function withTransaction<DB, T>(
  db: Kysely<DB> | Transaction<DB>,
  fn: (trx: Transaction<DB>) => Promise<T>,
  options: WithTransactionOptions = {},
): Promise<T> {
  if (db.isTransaction) return fn(db as Transaction<DB>);
  const retries = Math.max(0, Math.floor(options.retries ?? 5));
  const baseDelayMs = options.baseDelayMs ?? 10;
  const maxDelayMs = options.maxDelayMs ?? 200;
  for (let attempt = 0; ; attempt += 1) {
    try {
      const builder = db.transaction();
      return await (options.isolation ? builder.setIsolationLevel(options.isolation) : builder).execute(fn);
    } catch (error) {
      if (attempt >= retries || !isRetryableTransactionError(error)) throw error;
      // Jitter spreads out competitors that failed together, so they do not collide again.
      const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
      const delayMs = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
      options.onRetry?.({ attempt: attempt + 1, error, delayMs });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
