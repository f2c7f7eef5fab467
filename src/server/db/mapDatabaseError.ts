import { isMediaError, MediaError } from 'mediashelf/core';

/** SQLSTATE codes the media library reacts to. */
export const SQLSTATE = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  notNullViolation: '23502',
  checkViolation: '23514',
  invalidTextRepresentation: '22P02',
  stringDataRightTruncation: '22001',
  serializationFailure: '40001',
  deadlockDetected: '40P01',
  lockNotAvailable: '55P03',
} as const;

// SQLSTATE classes start with two digits or one of these prefixes; this keeps Node errno codes
// such as EPIPE from passing for one.
const sqlStatePattern = /^(?:[0-9]{2}|F0|HV|P0|XX)[0-9A-Z]{3}$/;

const connectionErrnos = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

// Server shutting down or refusing connections, too many connections, or class 08
// (connection exception).
const connectionSqlStates = new Set(['57P01', '57P02', '57P03', '53300']);

const connectionMessages =
  /connection terminated|timeout exceeded when trying to connect|connection error|not queryable|pglite is closed|driver has (already )?been destroyed/i;

/** Fields of a PostgreSQL error (from `pg` or PGlite) that the mapping reads. */
interface DatabaseErrorLike {
  code?: unknown;
  constraint?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/**
 * The SQLSTATE of a PostgreSQL error from `pg` or PGlite, looking through `cause` chains, or
 * undefined when the error did not come from the database.
 */
export function sqlStateOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth += 1) {
    const code = (current as DatabaseErrorLike).code;
    if (typeof code === 'string' && sqlStatePattern.test(code)) return code;
    current = (current as DatabaseErrorLike).cause;
  }
  return undefined;
}

/** Whether retrying the whole transaction may succeed: serialization failure or deadlock. */
export function isRetryableTransactionError(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state === SQLSTATE.serializationFailure || state === SQLSTATE.deadlockDetected;
}

/** Whether the error means the database could not be reached or the connection was lost. */
export function isConnectionError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth += 1) {
    const { code, message, errors } = current as DatabaseErrorLike;
    if (typeof code === 'string' && (connectionErrnos.has(code) || connectionSqlStates.has(code)))
      return true;
    if (typeof code === 'string' && sqlStatePattern.test(code) && code.startsWith('08')) return true;
    if (typeof message === 'string' && connectionMessages.test(message)) return true;
    // Node reports a refused dual-stack connect as an AggregateError of per-address errors.
    if (Array.isArray(errors) && errors.some((inner) => isConnectionError(inner))) return true;
    current = (current as DatabaseErrorLike).cause;
  }
  return false;
}

function constraintOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth += 1) {
    const { constraint } = current as DatabaseErrorLike;
    if (typeof constraint === 'string' && constraint) return constraint;
    current = (current as DatabaseErrorLike).cause;
  }
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Converts an error thrown by the database layer into a {@link MediaError}; a MediaError passes
 * through unchanged. The original is kept as `cause` (for logs); messages are generic, so no
 * SQL or schema detail reaches a client beyond the constraint name.
 *
 * - 23505 unique violation, 40001 serialization failure, 40P01 deadlock, 55P03 lock not
 *   available: CONFLICT (the last three with `details.retryable`).
 * - 22P02 on a uuid (an id that is not a UUID): NOT_FOUND, because no row can have that id.
 *   The service should check ids with {@link isUuid} first; this is the safety net.
 * - 23503 foreign key violation: NOT_FOUND (the referenced file is gone).
 * - 22P02 on other types, 23502, 23514, 22001: VALIDATION_ERROR.
 * - Connection refused, reset or lost, server shutting down, pool timeout: INTERNAL
 *   "The database is unavailable".
 * - Anything else: INTERNAL "Database error".
 */
export function mapDatabaseError(error: unknown): MediaError {
  if (isMediaError(error)) return error;
  const state = sqlStateOf(error);
  const constraint = constraintOf(error);
  const details = constraint ? { constraint } : undefined;
  const options = details ? { cause: error, details } : { cause: error };
  switch (state) {
    case SQLSTATE.uniqueViolation:
      return new MediaError('CONFLICT', 'A record with the same unique value already exists', options);
    case SQLSTATE.serializationFailure:
    case SQLSTATE.deadlockDetected:
    case SQLSTATE.lockNotAvailable:
      return new MediaError('CONFLICT', 'The record is being changed by another request; try again', {
        cause: error,
        details: { retryable: true },
      });
    case SQLSTATE.foreignKeyViolation:
      return new MediaError('NOT_FOUND', 'The referenced record does not exist', options);
    case SQLSTATE.invalidTextRepresentation:
      return /\buuid\b/i.test(messageOf(error))
        ? new MediaError('NOT_FOUND', 'No record has this id', { cause: error })
        : new MediaError('VALIDATION_ERROR', 'A value has an invalid format', { cause: error });
    case SQLSTATE.notNullViolation:
    case SQLSTATE.checkViolation:
    case SQLSTATE.stringDataRightTruncation:
      return new MediaError('VALIDATION_ERROR', 'A value is missing or out of range', options);
  }
  if (isConnectionError(error)) {
    return new MediaError('INTERNAL', 'The database is unavailable', { cause: error });
  }
  return new MediaError('INTERNAL', 'Database error', { cause: error });
}
