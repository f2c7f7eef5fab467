import { MediaError } from './MediaError';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const base64 = text.replaceAll('-', '+').replaceAll('_', '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/**
 * Encodes a keyset position as an opaque, URL-safe cursor. `tag` binds the cursor to the query
 * shape it came from (sort, order, filters) so that it cannot be replayed against another one.
 */
export function encodeCursor(tag: string, position: readonly unknown[]): string {
  return toBase64Url(encoder.encode(JSON.stringify([tag, ...position])));
}

/**
 * Decodes a cursor made by {@link encodeCursor} for the same `tag`. A malformed cursor, or one
 * from another query shape, rejects `VALIDATION_ERROR`.
 */
export function decodeCursor(tag: string, cursor: string): unknown[] {
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
    parsed = JSON.parse(decoder.decode(fromBase64Url(cursor)));
  } catch {
    throw new MediaError('VALIDATION_ERROR', 'cursor is malformed', { details: { field: 'cursor' } });
  }
  if (!Array.isArray(parsed) || parsed[0] !== tag) {
    throw new MediaError(
      'VALIDATION_ERROR',
      'cursor does not belong to this query (its filters or sort changed)',
      {
        details: { field: 'cursor' },
      },
    );
  }
  return parsed.slice(1);
}
