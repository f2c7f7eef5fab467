import type { BulkOperation, MediaFile } from 'mediashelf/core';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** Base URL the MSW tests talk to. */
export const BASE = 'http://media.test/api/media';

/** A request as the fake server saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Headers;
  body: string;
}

/** Starts MSW for the file; `reply` answers every request under {@link BASE}. */
export function startMswServer() {
  const seen: SeenRequest[] = [];
  let reply: (request: SeenRequest) => Response | Promise<Response> = () =>
    HttpResponse.json({ success: true, data: null });
  const server = setupServer(
    http.all(`${BASE}/*`, async ({ request }) => {
      const url = new URL(request.url);
      const entry: SeenRequest = {
        method: request.method,
        path: url.pathname.slice(new URL(BASE).pathname.length),
        query: Object.fromEntries(url.searchParams),
        headers: request.headers,
        body: request.body ? await request.text() : '',
      };
      seen.push(entry);
      return reply(entry);
    }),
  );
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    seen.length = 0;
    reply = () => HttpResponse.json({ success: true, data: null });
    server.resetHandlers();
  });
  afterAll(() => server.close());
  return {
    server,
    seen,
    /** The one request seen so far. */
    last: () => seen.at(-1)!,
    respond(next: typeof reply) {
      reply = next;
    },
    /** Answers every request with `{success: true, data}`. */
    respondWith(data: unknown, status = 200) {
      reply = () => HttpResponse.json({ success: true, data }, { status });
    },
  };
}

/** A MediaFile for fake replies. */
export function mediaFile(overrides: Partial<MediaFile> = {}): MediaFile {
  return {
    id: 'f-1',
    fileName: 'a.txt',
    originalFileName: 'a.txt',
    fileSize: 3,
    fileType: 'text/plain',
    kind: 'document',
    status: 'active',
    version: 1,
    usageCount: 0,
    uploadDate: '2025-01-01T00:00:00.000Z',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    deletedAt: null,
    url: '/api/media/files/f-1/content?v=1',
    ...overrides,
  };
}

/** A BulkOperation for fake replies. */
export function operation(overrides: Partial<BulkOperation> = {}): BulkOperation {
  const base: BulkOperation = {
    id: 'op-1',
    type: 'bulk-delete',
    status: 'queued',
    total: 3,
    processed: 0,
    percentage: 0,
    succeeded: [],
    failed: [],
    createdAt: '2025-01-01T00:00:00.000Z',
    finishedAt: null,
  };
  return { ...base, ...overrides };
}
