import { HTTP_STATUS_BY_CODE, type MediaErrorShape, ok, toMediaError } from 'mediashelf/core';

/** Headers every JSON reply carries. */
export const JSON_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

/** A success envelope with `data` (null for operations without a result) and a status (200). */
export function jsonReply(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(ok(data === undefined ? null : data)), {
    status,
    headers: { ...JSON_HEADERS, ...headers },
  });
}

// Messages of these codes can carry driver or database internals; the client gets a generic one.
const HIDDEN_MESSAGES: Partial<Record<string, string>> = {
  INTERNAL: 'Internal server error',
  STORAGE_ERROR: 'The storage backend failed',
};

/**
 * Anything thrown as the error shape a client may see: unexpected errors are logged with
 * `console.error` and carry a generic message, never a stack trace or a driver's words.
 */
export function publicErrorShape(error: unknown): MediaErrorShape {
  const shape = toMediaError(error).toJSON();
  const hidden = HIDDEN_MESSAGES[shape.code];
  if (hidden === undefined) return shape;
  console.error('[mediashelf] request failed', error);
  return { code: shape.code, message: hidden };
}

/** An error envelope for anything thrown, with the status of its code. */
export function errorReply(error: unknown, headers: Record<string, string> = {}): Response {
  const shape = publicErrorShape(error);
  return new Response(JSON.stringify({ success: false, error: shape }), {
    status: HTTP_STATUS_BY_CODE[shape.code],
    headers: { ...JSON_HEADERS, ...headers },
  });
}
