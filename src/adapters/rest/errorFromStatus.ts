import { MediaError, type MediaErrorCode } from 'mediashelf/core';

const CODE_BY_STATUS: Readonly<Record<number, MediaErrorCode>> = {
  400: 'VALIDATION_ERROR',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  408: 'NETWORK_ERROR',
  409: 'CONFLICT',
  413: 'FILE_TOO_LARGE',
  415: 'UNSUPPORTED_TYPE',
  416: 'RANGE_NOT_SATISFIABLE',
  422: 'VALIDATION_ERROR',
  429: 'RATE_LIMITED',
  // A gateway answering for the server (proxy, load balancer) means it was not reached: retryable.
  502: 'NETWORK_ERROR',
  503: 'NETWORK_ERROR',
  504: 'NETWORK_ERROR',
};

/** What arrived instead of an envelope. */
export interface NonEnvelopeReply {
  status: number;
  statusText?: string;
  contentType: string | null;
  text: string;
  /** `METHOD /path`, for the message. */
  request: string;
  /** Seconds of a `Retry-After` header, when present. */
  retryAfterSeconds?: number;
}

/** The code for an HTTP status that came without an envelope. */
export function codeForStatus(status: number): MediaErrorCode {
  const known = CODE_BY_STATUS[status];
  if (known) return known;
  return status >= 400 && status < 500 ? 'VALIDATION_ERROR' : 'INTERNAL';
}

/**
 * The error for a reply that is not the protocol's envelope (an HTML error page, a proxy's 502,
 * a misrouted base URL answering 200 with a web page): the code follows the status, the message
 * says what arrived so the cause is visible without a network inspector.
 */
export function errorFromStatus(reply: NonEnvelopeReply): MediaError {
  const what = reply.contentType ? reply.contentType.split(';')[0]!.trim() : 'a body without content type';
  const snippet = reply.text.replace(/\s+/g, ' ').trim().slice(0, 120);
  const isError = reply.status >= 400 || reply.status < 200;
  const code = isError ? codeForStatus(reply.status) : 'INTERNAL';
  const message = isError
    ? `${reply.request} failed with HTTP ${reply.status}${reply.statusText ? ` ${reply.statusText}` : ''} (${what}, not a mediashelf reply)`
    : `${reply.request} answered HTTP ${reply.status} with ${what} instead of a mediashelf envelope; check baseUrl`;
  const details: Record<string, unknown> = { status: reply.status, contentType: reply.contentType };
  if (snippet) details.body = snippet;
  if (reply.retryAfterSeconds !== undefined) details.retryAfterSeconds = reply.retryAfterSeconds;
  return new MediaError(code, message, { details });
}
