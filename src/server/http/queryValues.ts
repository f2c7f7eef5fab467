import { MediaError } from 'mediashelf/core';

function invalid(field: string, message: string): MediaError {
  return new MediaError('VALIDATION_ERROR', `${field} ${message}`, { details: { field } });
}

/** One query parameter, or undefined when absent; given twice is `VALIDATION_ERROR`. */
export function singleQueryValue(query: URLSearchParams, field: string): string | undefined {
  const values = query.getAll(field);
  if (values.length > 1) throw invalid(field, 'must be given once');
  return values[0];
}

/**
 * A query parameter as a positive integer, parsed strictly: `limit=abc`, `limit=1.5`, `limit=`
 * and `limit=1e3` are `VALIDATION_ERROR` rather than silently becoming a default.
 */
export function positiveIntegerValue(field: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^[0-9]{1,15}$/.test(raw) || Number(raw) < 1) throw invalid(field, 'must be a positive integer');
  return Number(raw);
}

/** A query parameter as a non-negative decimal number (`30`, `0.5`), parsed strictly. */
export function nonNegativeNumberValue(field: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^[0-9]{1,15}(\.[0-9]{1,15})?$/.test(raw)) throw invalid(field, 'must be a number >= 0');
  return Number(raw);
}

/** A query parameter as a boolean: `true`/`1` or `false`/`0`. */
export function booleanValue(field: string, raw: string | undefined): boolean | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw invalid(field, 'must be true, false, 1 or 0');
}

/** A comma-separated query array (`kind=video,image`; repeating the parameter also works). */
export function listValue(query: URLSearchParams, field: string): string[] | undefined {
  const values = query.getAll(field);
  if (values.length === 0) return undefined;
  return values
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}
