import type { MediaContext, MediaService } from '../service/MediaService';
import type { TenantEventSource } from './MediaHandlerOptions';

/** The handler's options with every default applied. */
export interface ResolvedHandlerOptions {
  basePath: string;
  maxJsonBodyBytes: number;
  maxOperationBodyBytes: number;
  maxUploadBytes: number | undefined;
  events: TenantEventSource;
  heartbeatMs: number;
  batchMs: number;
  /** Lifetime of redirect URLs, or null when downloads are never redirected. */
  signedUrlSeconds: number | null;
}

/** What a route's handler receives. */
export interface RouteContext {
  request: Request;
  url: URL;
  /** Decoded path parameters. */
  params: Record<string, string>;
  /** The authenticated caller. */
  identity: MediaContext;
  service: MediaService;
  options: ResolvedHandlerOptions;
}

/** Handles one route; throws anything, the handler turns it into an error envelope. */
export type RouteHandler = (context: RouteContext) => Promise<Response>;
