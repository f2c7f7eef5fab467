import { MediaError } from 'mediashelf/core';
import { errorReply, jsonReply } from './jsonReply';

/**
 * Cross-origin access for a front end served from another origin than the handler (an LMS on
 * `app.example.com` calling `api.example.com/api/media`). Off by default: same-origin hosts need
 * nothing.
 */
export interface MediaCorsOptions {
  /**
   * Origins allowed to call the handler: exact origins (`https://app.example.com`), a list of
   * them, or a predicate. `'*'` allows every origin and cannot be combined with `credentials`.
   */
  origin: string | readonly string[] | ((origin: string) => boolean);
  /** Let browsers send cookies and `Authorization` (`Access-Control-Allow-Credentials`); default false. */
  credentials?: boolean;
  /** How long browsers may cache a preflight answer, in seconds (default 600). */
  maxAgeSeconds?: number;
}

/** The decisions of {@link MediaCorsOptions}, resolved once per handler. */
export interface CorsPolicy {
  /** The `Access-Control-Allow-Origin` value for a request's `Origin`, or null when not allowed. */
  allowedOrigin(origin: string | null): string | null;
  readonly credentials: boolean;
  readonly maxAgeSeconds: number;
  /** Whether replies depend on the request's `Origin` (everything but `'*'`), for caches. */
  readonly variesByOrigin: boolean;
}

// Headers a browser script may read on our replies: Range downloads and uploads need them.
const EXPOSED_HEADERS =
  'Content-Range, Content-Length, Accept-Ranges, Content-Disposition, Content-Type, Location';
// Request headers a client of the protocol sends (plus what the preflight asks for, if allowed).
const DEFAULT_ALLOWED_HEADERS = ['authorization', 'content-type', 'range', 'x-file-name'];
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;

/** Checks the options and returns the policy; a wrong setting throws a `TypeError` at start-up. */
export function resolveCorsPolicy(options: MediaCorsOptions): CorsPolicy {
  const { origin } = options;
  const credentials = options.credentials ?? false;
  const maxAgeSeconds = options.maxAgeSeconds ?? 600;
  if (!Number.isInteger(maxAgeSeconds) || maxAgeSeconds < 0) {
    throw new TypeError('cors.maxAgeSeconds must be a whole number >= 0');
  }
  let allowedOrigin: (origin: string | null) => string | null;
  let variesByOrigin = true;
  if (typeof origin === 'function') {
    allowedOrigin = (value) => {
      if (value === null) return null;
      try {
        return origin(value) ? value : null;
      } catch (error) {
        // A failing predicate denies (never a 500 for every cross-origin request) and is reported.
        console.error('[mediashelf] cors.origin threw; the origin is refused', error);
        return null;
      }
    };
  } else {
    const list = typeof origin === 'string' ? [origin] : [...(origin ?? [])];
    if (list.length === 0 || list.some((entry) => typeof entry !== 'string' || entry === '')) {
      throw new TypeError('cors.origin must be "*", an origin, a list of origins or a function');
    }
    if (list.includes('*')) {
      if (credentials) throw new TypeError('cors.origin "*" cannot be combined with cors.credentials');
      allowedOrigin = (value) => (value === null ? null : '*');
      variesByOrigin = false;
    } else {
      // Browsers send the origin without a trailing slash; a configured one would never match.
      const allowed = new Set(list.map((entry) => entry.replace(/\/+$/, '').toLowerCase()));
      allowedOrigin = (value) => (value !== null && allowed.has(value.toLowerCase()) ? value : null);
    }
  }
  return { allowedOrigin, credentials, maxAgeSeconds, variesByOrigin };
}

function corsHeaders(policy: CorsPolicy, allowOrigin: string): Record<string, string> {
  const headers: Record<string, string> = { 'Access-Control-Allow-Origin': allowOrigin };
  if (policy.credentials) headers['Access-Control-Allow-Credentials'] = 'true';
  return headers;
}

function addVaryOrigin(headers: Headers): void {
  const vary = headers.get('vary');
  if (vary === null) headers.set('Vary', 'Origin');
  else if (!/(^|,)\s*(origin|\*)\s*(,|$)/i.test(vary)) headers.set('Vary', `${vary}, Origin`);
}

/** Whether a request is a CORS preflight (an OPTIONS with `Access-Control-Request-Method`). */
export function isPreflight(request: Request): boolean {
  return request.method === 'OPTIONS' && request.headers.has('access-control-request-method');
}

/**
 * Answers a preflight for a path whose methods are `allow`: 200 with the envelope and the
 * `Access-Control-*` headers, or 403 `FORBIDDEN` for an origin that is not allowed. Runs before
 * authentication, because browsers send preflights without credentials.
 */
export function preflightReply(policy: CorsPolicy, request: Request, allow: readonly string[]): Response {
  const allowOrigin = policy.allowedOrigin(request.headers.get('origin'));
  if (allowOrigin === null) {
    return errorReply(new MediaError('FORBIDDEN', 'This origin may not call the media API'));
  }
  const requested = (request.headers.get('access-control-request-headers') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => HEADER_NAME.test(name));
  const headers = [...new Set([...DEFAULT_ALLOWED_HEADERS, ...requested])].join(', ');
  return jsonReply(null, 200, {
    'Access-Control-Allow-Methods': allow.join(', '),
    'Access-Control-Allow-Headers': headers,
    'Access-Control-Max-Age': String(policy.maxAgeSeconds),
  });
}

/**
 * Adds the CORS headers for an allowed origin to a reply, and `Vary: Origin` to every reply
 * whose headers depend on the origin, so a shared cache never serves one origin's answer to
 * another. Returns a copy: some replies (redirects) have immutable headers.
 */
export function withCorsHeaders(policy: CorsPolicy, request: Request, response: Response): Response {
  const allowOrigin = policy.allowedOrigin(request.headers.get('origin'));
  if (allowOrigin === null && !policy.variesByOrigin) return response;
  const copy = new Response(response.body, response);
  if (policy.variesByOrigin) addVaryOrigin(copy.headers);
  if (allowOrigin === null) return copy;
  for (const [name, value] of Object.entries(corsHeaders(policy, allowOrigin))) copy.headers.set(name, value);
  if (!isPreflight(request)) copy.headers.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
  return copy;
}
