import type { MemoryAdapter } from 'mediashelf/adapters/memory';
import {
  fail,
  HTTP_STATUS_BY_CODE,
  type ListMediaParams,
  MediaError,
  ok,
  toMediaError,
} from 'mediashelf/core';
import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';

/** Base URL of the fake media API. */
export const REST_BASE = 'http://localhost/api/media';

type Params = Record<string, string | readonly string[] | undefined>;
const param = (params: Params, name: string) => String(params[name]);
const num = (value: string | null) => (value === null || value === '' ? undefined : Number(value));

/** Answers the envelope of a backend call, with the protocol's status codes (DESIGN.md §5). */
async function reply(run: () => Promise<unknown>, status = 200): Promise<Response> {
  try {
    const data = await run();
    return HttpResponse.json(ok(data ?? null), { status });
  } catch (error) {
    const mediaError = toMediaError(error);
    return HttpResponse.json(fail(mediaError), { status: HTTP_STATUS_BY_CODE[mediaError.code] });
  }
}

function listParams(url: URL): ListMediaParams {
  const q = url.searchParams;
  const kind = q.get('kind');
  return {
    ...(q.get('search') ? { search: q.get('search')! } : {}),
    ...(kind ? { kind: kind.split(',') as ListMediaParams['kind'] } : {}),
    ...(q.get('status') ? { status: q.get('status') as 'active' | 'deleted' } : {}),
    ...(q.get('usage') ? { usage: q.get('usage') as ListMediaParams['usage'] } : {}),
    ...(q.get('sort') ? { sort: q.get('sort') as ListMediaParams['sort'] } : {}),
    ...(q.get('order') ? { order: q.get('order') as ListMediaParams['order'] } : {}),
    ...(q.get('cursor') ? { cursor: q.get('cursor')! } : {}),
    limit: num(q.get('limit')),
    orphanAgeDays: num(q.get('orphanAgeDays')),
    includeTotal: q.get('includeTotal') === 'true',
  };
}

/** Options of {@link createRestHandlers}. */
export interface RestBackendOptions {
  /** Added before the backend answers an upload or replacement, so a test can cancel it. */
  uploadDelayMs?: () => number;
}

/**
 * MSW handlers implementing the HTTP protocol over an in-test memory adapter, so REST replies
 * (envelopes, codes, cursors) are realistic rather than hand-written fixtures.
 */
export function createRestHandlers(backend: MemoryAdapter, options: RestBackendOptions = {}) {
  const at = (path: string) => `${REST_BASE}${path}`;
  const readFile = async (request: Request) => {
    const bytes = await request.arrayBuffer();
    const header = request.headers.get('x-file-name');
    const fileName = header ? decodeURIComponent(header) : 'upload';
    const type = request.headers.get('content-type') ?? 'application/octet-stream';
    await delay(options.uploadDelayMs?.() ?? 0);
    return { file: new File([bytes], fileName, { type }), fileName };
  };
  return [
    http.get(at('/files'), ({ request }) => reply(() => backend.listMedia(listParams(new URL(request.url))))),
    http.post(at('/files'), ({ request }) =>
      reply(async () => backend.uploadMedia(await readFile(request)), 201),
    ),
    http.get(at('/files/:id'), ({ params }) => reply(() => backend.getMedia({ id: param(params, 'id') }))),
    http.patch(at('/files/:id'), async ({ params, request }) => {
      const body = (await request.json()) as { fileName: string };
      return reply(() => backend.renameMedia({ id: param(params, 'id'), fileName: body.fileName }));
    }),
    http.delete(at('/files/:id'), ({ params }) =>
      reply(() => backend.deleteMedia({ id: param(params, 'id') })),
    ),
    http.post(at('/files/:id/restore'), ({ params }) =>
      reply(() => backend.restoreMedia({ id: param(params, 'id') })),
    ),
    http.delete(at('/files/:id/permanent'), ({ params }) =>
      reply(() => backend.purgeMedia({ id: param(params, 'id') })),
    ),
    http.put(at('/files/:id/content'), async ({ params, request }) =>
      reply(async () =>
        backend.replaceMedia({ id: param(params, 'id'), file: (await readFile(request)).file }),
      ),
    ),
    http.get(at('/files/:id/history'), ({ params, request }) => {
      const q = new URL(request.url).searchParams;
      return reply(() =>
        backend.getHistory({ id: param(params, 'id'), cursor: q.get('cursor'), limit: num(q.get('limit')) }),
      );
    }),
    http.get(at('/files/:id/versions'), ({ params }) =>
      reply(() => backend.listVersions({ id: param(params, 'id') })),
    ),
    http.post(at('/files/:id/versions/:n/restore'), ({ params }) =>
      reply(() =>
        backend.restoreVersion({ id: param(params, 'id'), versionNumber: Number(param(params, 'n')) }),
      ),
    ),
    http.get(at('/files/:id/usage'), ({ params }) =>
      reply(() => backend.getUsage({ id: param(params, 'id') })),
    ),
    http.post(at('/files/:id/usage'), async ({ params, request }) => {
      const body = (await request.json()) as {
        resourceType: string;
        resourceId: string;
        resourceTitle?: string;
      };
      return reply(() => backend.linkMedia({ mediaId: param(params, 'id'), ...body }), 201);
    }),
    http.delete(at('/files/:id/usage/:type/:resource'), ({ params }) =>
      reply(() =>
        backend.unlinkMedia({
          mediaId: param(params, 'id'),
          resourceType: param(params, 'type'),
          resourceId: param(params, 'resource'),
        }),
      ),
    ),
    http.get(at('/analytics'), ({ request }) =>
      reply(() =>
        backend.getAnalytics({ orphanAgeDays: num(new URL(request.url).searchParams.get('orphanAgeDays')) }),
      ),
    ),
    http.post(at('/operations'), async ({ request }) => {
      const body = (await request.json()) as { type: 'bulk-delete'; ids: string[] };
      return reply(() => backend.startBulkOperation(body), 202);
    }),
    http.get(at('/operations/:id'), ({ params }) =>
      reply(() => backend.getOperation({ id: param(params, 'id') })),
    ),
    http.all(at('/*'), () =>
      HttpResponse.json(fail(new MediaError('NOT_FOUND', 'No such route')), { status: 404 }),
    ),
  ];
}

/** An MSW server over {@link createRestHandlers}; the caller starts and stops it. */
export function createRestServer(backend: MemoryAdapter, options?: RestBackendOptions) {
  return setupServer(...createRestHandlers(backend, options));
}
