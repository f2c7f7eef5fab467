const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a value is a UUID in its canonical 8-4-4-4-12 form (any version, either case).
 *
 * Ids are `uuid` columns: comparing one with text that is not a UUID makes PostgreSQL raise
 * `22P02` and abort the transaction. The service answers such an id with NOT_FOUND straight
 * away (no file can have it) instead of sending it to the database.
 */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && uuidPattern.test(value);
}
