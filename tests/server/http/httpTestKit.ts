import { randomUUID } from 'node:crypto';
import type { Envelope } from 'mediashelf/core';
import { createDatabase, type MediaDatabaseHandle } from '../../../src/server/db';
import {
  createMediaHandler,
  type MediaHandlerOptions,
  type MediaRequestHandler,
} from '../../../src/server/http';
import { createMediaService, type MediaServiceOptions } from '../../../src/server/service/createMediaService';
import type { MediaContext, MediaService } from '../../../src/server/service/MediaService';
import { createMemoryStorage, encodeTenantSegment, type MemoryStorage } from '../../../src/server/storage';

export const BASE = 'http://test.local/api/media';

/** PNG signature plus a few bytes: a valid-looking image for the magic-byte check. */
export const PNG_BYTES = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4, 5, 6, 7, 8,
]);

/** The test identity scheme: `Authorization: Bearer <tenant>:<user>`. */
export function authenticateFromHeader(request: Request): MediaContext | null {
  const match = /^Bearer ([^:]+):(.+)$/.exec(request.headers.get('authorization') ?? '');
  return match ? { tenantId: match[1]!, userId: match[2]! } : null;
}

export interface RequestOptions {
  /** A tenant id; null sends no identity. */
  tenant?: string | null;
  body?: BodyInit | null;
  json?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface HttpTestKit {
  db: MediaDatabaseHandle;
  storage: MemoryStorage;
  service: MediaService;
  handler: MediaRequestHandler;
  /** Sends a request to the handler (path relative to the base path). */
  call(method: string, path: string, options?: RequestOptions): Promise<Response>;
  /** Sends a request and parses the envelope. */
  callJson<T = unknown>(
    method: string,
    path: string,
    options?: RequestOptions,
  ): Promise<{ status: number; headers: Headers; body: Envelope<T> }>;
  /** A fresh tenant id, so tests in one file never see each other's files. */
  newTenant(): string;
  /** Uploads bytes for a tenant and returns the file. */
  upload(
    tenant: string,
    bytes: Uint8Array<ArrayBuffer> | string,
    fileName: string,
    contentType: string,
  ): Promise<{ id: string; version: number; fileName: string }>;
  /** Storage keys of a tenant. */
  keysOf(tenant: string): string[];
  close(): Promise<void>;
}

export function requestFor(method: string, path: string, options: RequestOptions = {}): Request {
  const headers = new Headers(options.headers);
  const tenant = options.tenant === undefined ? 'tenant-a' : options.tenant;
  if (tenant !== null) headers.set('authorization', `Bearer ${tenant}:user-1`);
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  if (body !== undefined && body !== null) {
    init.body = body;
    init.duplex = 'half';
  }
  if (options.signal) init.signal = options.signal;
  return new Request(`${BASE}${path}`, init);
}

export async function createHttpTestKit(
  options: { service?: Partial<MediaServiceOptions>; handler?: Partial<MediaHandlerOptions> } = {},
): Promise<HttpTestKit> {
  const db = await createDatabase({ migrate: true });
  const storage = createMemoryStorage();
  const service = createMediaService({ db, storage, ...options.service });
  const handler = createMediaHandler({ service, authenticate: authenticateFromHeader, ...options.handler });
  const call = (method: string, path: string, requestOptions?: RequestOptions) =>
    handler(requestFor(method, path, requestOptions));
  const kit: HttpTestKit = {
    db,
    storage,
    service,
    handler,
    call,
    async callJson(method, path, requestOptions) {
      const response = await call(method, path, requestOptions);
      return { status: response.status, headers: response.headers, body: await response.json() };
    },
    newTenant: () => `t-${randomUUID().slice(0, 8)}`,
    async upload(tenant, bytes, fileName, contentType) {
      const response = await call('POST', '/files', {
        tenant,
        body: typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes,
        headers: { 'content-type': contentType, 'x-file-name': encodeURIComponent(fileName) },
      });
      const envelope = (await response.json()) as Envelope<{ id: string; version: number; fileName: string }>;
      if (!envelope.success) throw new Error(`upload failed: ${JSON.stringify(envelope.error)}`);
      return envelope.data;
    },
    keysOf(tenant) {
      const prefix = `${encodeTenantSegment(tenant)}/`;
      return storage.keys().filter((key) => key.startsWith(prefix));
    },
    async close() {
      await service.close();
      await db.close();
    },
  };
  return kit;
}

/** Polls `check` until it returns true (or times out). */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('waitUntil timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
