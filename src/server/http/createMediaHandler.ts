import { MediaError, PROGRESS_BATCH_MS } from 'mediashelf/core';
import { isPreflight, preflightReply, resolveCorsPolicy, withCorsHeaders } from './cors';
import { errorReply } from './jsonReply';
import type { MediaHandlerOptions, MediaIdentity } from './MediaHandlerOptions';
import { decodeRouteParams, matchRoute } from './matchRoute';
import { MEDIA_ROUTES } from './mediaRoutes';
import type { ResolvedHandlerOptions } from './RouteContext';
import { DEFAULT_MAX_JSON_BODY_BYTES } from './readJsonBody';

/** The default base path of the routes. */
export const DEFAULT_BASE_PATH = '/api/media';
/** Default heartbeat of the event streams. */
export const DEFAULT_HEARTBEAT_MS = 15_000;
/** Default limit of a `POST /operations` body: 4 MiB. */
export const DEFAULT_MAX_OPERATION_BODY_BYTES = 4 * 1024 * 1024;

/** A Web-standard request handler, as Next.js route handlers, Hono and `createNodeServer` take it. */
export type MediaRequestHandler = (request: Request) => Promise<Response>;

/** Normalises a base path: leading slash, no trailing slash (`/` becomes the empty prefix). */
export function normalizeBasePath(basePath: string | undefined): string {
  const trimmed = (basePath ?? DEFAULT_BASE_PATH).trim().replace(/\/+$/, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

function resolveOptions(options: MediaHandlerOptions): ResolvedHandlerOptions {
  const signed = options.signedUrls;
  return {
    basePath: normalizeBasePath(options.basePath),
    maxJsonBodyBytes: options.limits?.maxJsonBodyBytes ?? DEFAULT_MAX_JSON_BODY_BYTES,
    maxOperationBodyBytes: options.limits?.maxOperationBodyBytes ?? DEFAULT_MAX_OPERATION_BODY_BYTES,
    maxUploadBytes: options.limits?.maxUploadBytes,
    events: options.events ?? options.service,
    heartbeatMs: options.eventStream?.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
    batchMs: options.eventStream?.batchMs ?? PROGRESS_BATCH_MS,
    signedUrlSeconds: signed ? (typeof signed === 'object' ? (signed.expiresInSeconds ?? 300) : 300) : null,
  };
}

function isIdentity(value: unknown): value is MediaIdentity {
  if (typeof value !== 'object' || value === null) return false;
  const { tenantId, userId } = value as Partial<MediaIdentity>;
  return typeof tenantId === 'string' && tenantId !== '' && typeof userId === 'string' && userId !== '';
}

const notFound = () => new MediaError('NOT_FOUND', 'No such route');

// HEAD is answered by the GET route without its body, so it is allowed wherever GET is.
function withHead(methods: readonly string[]): string[] {
  return methods.flatMap((method) => (method === 'GET' ? ['GET', 'HEAD'] : [method]));
}

function withoutBody(response: Response): Response {
  // Nobody reads the body of a HEAD reply: release the storage stream behind it at once.
  response.body?.cancel().catch(() => {});
  return new Response(null, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/**
 * Creates the HTTP handler of the media protocol (DESIGN.md §5): a function from a Web
 * `Request` to a `Response`, usable as-is in a Next.js App Router route handler, Hono, Deno,
 * Bun or Node (see `createNodeServer`). Every JSON reply is the `{success, data | error}`
 * envelope with the status of its error code; downloads and `GET /events` stream.
 *
 * Order of checks: unknown path 404, then a CORS preflight (when `cors` is set), then
 * `authenticate` (null: 401), then method (405 with `Allow`), then the route. `HEAD` is served
 * by the `GET` route without a body. Nothing a client sends can produce a 500.
 */
export function createMediaHandler(options: MediaHandlerOptions): MediaRequestHandler {
  const resolved = resolveOptions(options);
  const { service, authenticate } = options;
  const cors = options.cors === undefined ? null : resolveCorsPolicy(options.cors);

  const route = async (request: Request): Promise<Response> => {
    try {
      const url = new URL(request.url);
      const { basePath } = resolved;
      if (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`))
        return errorReply(notFound());
      const method = request.method.toUpperCase();
      const isHead = method === 'HEAD';
      const path = url.pathname.slice(basePath.length);
      if (cors !== null && isPreflight(request)) {
        const probe = matchRoute(MEDIA_ROUTES, 'OPTIONS', path);
        if (probe.kind !== 'wrong-method') return errorReply(notFound());
        return preflightReply(cors, request, withHead(probe.allow));
      }
      const match = matchRoute(MEDIA_ROUTES, isHead ? 'GET' : method, path);
      if (match.kind === 'none') return errorReply(notFound());
      const identity = await authenticate(request);
      if (!isIdentity(identity)) {
        return errorReply(new MediaError('UNAUTHENTICATED', 'Authentication required'));
      }
      if (match.kind === 'wrong-method') {
        const allowed = withHead(match.allow);
        const allow = allowed.join(', ');
        return errorReply(
          new MediaError('METHOD_NOT_ALLOWED', `${request.method} is not allowed here; use ${allow}`, {
            details: { allow: allowed },
          }),
          { Allow: allow },
        );
      }
      const params = decodeRouteParams(match.params);
      const response = await match.route.handle({
        request,
        url,
        params,
        identity,
        service,
        options: resolved,
      });
      return isHead ? withoutBody(response) : response;
    } catch (error) {
      return errorReply(error);
    }
  };

  return async (request) => {
    let response = await route(request);
    if (request.method.toUpperCase() === 'HEAD') response = withoutBody(response);
    return cors === null ? response : withCorsHeaders(cors, request, response);
  };
}
