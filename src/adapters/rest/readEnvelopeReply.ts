import { isEnvelope, unwrapEnvelope } from 'mediashelf/core';
import { errorFromStatus, type NonEnvelopeReply } from './errorFromStatus';

/**
 * The data of a reply (from fetch or XMLHttpRequest), or the `MediaError` it carries. An error
 * envelope keeps the server's code whatever the status; anything else is mapped by status.
 */
export function readEnvelopeReply<T>(reply: NonEnvelopeReply): T {
  let parsed: unknown;
  try {
    parsed = reply.text === '' ? undefined : JSON.parse(reply.text);
  } catch {
    throw errorFromStatus(reply);
  }
  if (!isEnvelope(parsed)) throw errorFromStatus(reply);
  return unwrapEnvelope<T>(parsed);
}

/** Seconds of a `Retry-After` header given in seconds; undefined for none or an HTTP date. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value.trim());
}
