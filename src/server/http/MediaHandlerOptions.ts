import type { MediaContext, MediaService, TenantEvent } from '../service/MediaService';
import type { MediaCorsOptions } from './cors';

/** The caller as the host application knows it, or null when the request carries no valid identity. */
export type MediaIdentity = MediaContext;

/**
 * Resolves the caller of a request (a session cookie, a bearer token, ...). Answer null for an
 * anonymous or invalid request: the handler then replies 401 `UNAUTHENTICATED`.
 */
export type AuthenticateRequest = (request: Request) => MediaIdentity | null | Promise<MediaIdentity | null>;

/** Where realtime transports take their events from: the service itself, or a multi-instance hub. */
export interface TenantEventSource {
  /** Receives every event with its tenant; returns the unsubscribe function. */
  subscribe(listener: (event: TenantEvent) => void): () => void;
}

/** Size limits of {@link MediaHandlerOptions}. */
export interface MediaHandlerLimits {
  /** Largest JSON request body in bytes (default 64 KiB); a bigger one answers 413. */
  maxJsonBodyBytes?: number;
  /**
   * Largest body of `POST /operations` (default 4 MiB: room for `MAX_BULK_IDS` UUIDs); other JSON
   * routes use `maxJsonBodyBytes`.
   */
  maxOperationBodyBytes?: number;
  /**
   * Largest upload in bytes, checked against `Content-Length` before reading and counted while
   * streaming. Default: none here; the service's own `maxFileSize` still applies while streaming.
   */
  maxUploadBytes?: number;
}

/** Tuning of the `GET /events` Server-Sent Events stream. */
export interface MediaEventStreamOptions {
  /** Interval of the comment line that keeps proxies open and detects dead peers (default 15 000 ms). */
  heartbeatMs?: number;
  /** Batching window of progress and change events (default `PROGRESS_BATCH_MS`, 100 ms). */
  batchMs?: number;
}

/** Redirecting downloads to signed storage URLs. */
export interface SignedUrlRedirectOptions {
  /** Lifetime of the signed URL in seconds (default 300). */
  expiresInSeconds?: number;
}

/** Options of `createMediaHandler`. */
export interface MediaHandlerOptions {
  service: MediaService;
  authenticate: AuthenticateRequest;
  /** Path the routes live under (default `/api/media`). */
  basePath?: string;
  limits?: MediaHandlerLimits;
  /** Event source of `GET /events` (default: the service). */
  events?: TenantEventSource;
  /** Server-Sent Events tuning. */
  eventStream?: MediaEventStreamOptions;
  /**
   * When set, `GET /files/:id/content` of the current version answers 302 to a short-lived signed
   * storage URL where the storage driver can sign one, instead of streaming through the server.
   */
  signedUrls?: boolean | SignedUrlRedirectOptions;
  /**
   * Cross-origin access for browsers on other origins (preflights answered before
   * authentication, `Access-Control-*` headers on every reply). Off by default.
   */
  cors?: MediaCorsOptions;
}
