/** A `Range` header in one of its three single-range forms. */
export type RequestedRange =
  | { kind: 'from'; start: number; end?: number }
  | { kind: 'suffix'; length: number };

/**
 * Parses a `Range` header with a single byte range: `bytes=start-end`, `bytes=start-` or
 * `bytes=-suffix`. Anything else (another unit, several ranges, malformed numbers, an end before
 * its start) answers null, and the whole file is served, as RFC 9110 allows.
 */
export function parseRangeHeader(header: string | null): RequestedRange | null {
  if (header === null) return null;
  const match = /^\s*bytes\s*=\s*([0-9]{0,15})\s*-\s*([0-9]{0,15})\s*$/i.exec(header);
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') return { kind: 'suffix', length: Number(last) };
  const start = Number(first);
  if (last === '') return { kind: 'from', start };
  const end = Number(last);
  if (end < start) return null;
  return { kind: 'from', start, end };
}
