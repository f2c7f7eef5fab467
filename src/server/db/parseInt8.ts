/**
 * Parser for PostgreSQL `bigint` (int8) text values, shared by the PGlite and `pg` paths so both
 * dialects return the same JavaScript types.
 *
 * Why numbers: file sizes, counts (`count(*)` is int8) and totals are far below 2^53, and a
 * `number` serialises to JSON and compares with `<` without surprises, where `pg`'s default
 * (string) and PGlite's (number or `bigint`) differ. A value outside the safe integer range
 * comes back as its exact decimal string rather than a silently rounded number.
 *
 * `numeric` is left alone (it comes back as a string): `sum(bigint)` is numeric, so cast sums
 * with `::bigint` to get a number.
 */
export function parseInt8(text: string): number | string {
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : text;
}

/** PostgreSQL type OID of `bigint` (int8). */
export const INT8_OID = 20;
