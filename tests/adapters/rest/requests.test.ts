import { createRestAdapter } from 'mediashelf/adapters/rest';
import { describe, expect, it } from 'vitest';
import { BASE, mediaFile, operation, startMswServer } from './mswHelpers';

const msw = startMswServer();
const adapter = () => createRestAdapter({ baseUrl: `${BASE}/`, headers: { authorization: 'Bearer t' } });

describe('REST adapter: request shapes (DESIGN.md §5)', () => {
  it('listMedia sends only the given parameters, arrays comma-separated', async () => {
    const page = { items: [mediaFile()], nextCursor: 'c2' };
    msw.respondWith(page);
    await expect(
      adapter().listMedia({
        search: 'week 1',
        kind: ['video', 'image'],
        status: 'deleted',
        usage: 'orphaned',
        orphanAgeDays: 7,
        sort: 'fileName',
        order: 'asc',
        cursor: 'c1',
        limit: 20,
        includeTotal: true,
      }),
    ).resolves.toEqual(page);
    expect(msw.last()).toMatchObject({
      method: 'GET',
      path: '/files',
      query: {
        search: 'week 1',
        kind: 'video,image',
        status: 'deleted',
        usage: 'orphaned',
        orphanAgeDays: '7',
        sort: 'fileName',
        order: 'asc',
        cursor: 'c1',
        limit: '20',
        includeTotal: 'true',
      },
    });
    expect(msw.last().headers.get('authorization')).toBe('Bearer t');
    expect(msw.last().headers.get('accept')).toBe('application/json');
  });

  it('listMedia without parameters sends no query string', async () => {
    msw.respondWith({ items: [], nextCursor: null });
    await adapter().listMedia();
    expect(msw.last()).toMatchObject({ method: 'GET', path: '/files', query: {} });
  });

  it('listMedia rejects invalid parameters with VALIDATION_ERROR without a request', async () => {
    await expect(adapter().listMedia({ sort: 'color' as never })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    });
    expect(msw.seen).toEqual([]);
  });

  const cases: [string, (a: ReturnType<typeof adapter>) => Promise<unknown>, unknown, object][] = [
    ['getMedia', (a) => a.getMedia({ id: 'f/1' }), mediaFile(), { method: 'GET', path: '/files/f%2F1' }],
    [
      'renameMedia',
      (a) => a.renameMedia({ id: 'f-1', fileName: 'New name.txt' }),
      mediaFile(),
      { method: 'PATCH', path: '/files/f-1', body: '{"fileName":"New name.txt"}' },
    ],
    [
      'deleteMedia',
      (a) => a.deleteMedia({ id: 'f-1' }),
      mediaFile(),
      { method: 'DELETE', path: '/files/f-1' },
    ],
    [
      'restoreMedia',
      (a) => a.restoreMedia({ id: 'f-1' }),
      mediaFile(),
      { method: 'POST', path: '/files/f-1/restore' },
    ],
    [
      'getHistory',
      (a) => a.getHistory({ id: 'f-1', cursor: 'h1', limit: 5 }),
      { items: [], nextCursor: null },
      { method: 'GET', path: '/files/f-1/history', query: { cursor: 'h1', limit: '5' } },
    ],
    ['getUsage', (a) => a.getUsage({ id: 'f-1' }), [], { method: 'GET', path: '/files/f-1/usage' }],
    [
      'linkMedia',
      (a) =>
        a.linkMedia({ mediaId: 'f-1', resourceType: 'course', resourceId: 'c 1', resourceTitle: 'Intro' }),
      { id: 'u-1' },
      {
        method: 'POST',
        path: '/files/f-1/usage',
        body: '{"resourceType":"course","resourceId":"c 1","resourceTitle":"Intro"}',
      },
    ],
    [
      'listVersions',
      (a) => a.listVersions({ id: 'f-1' }),
      [],
      { method: 'GET', path: '/files/f-1/versions' },
    ],
    [
      'restoreVersion',
      (a) => a.restoreVersion({ id: 'f-1', versionNumber: 2 }),
      mediaFile(),
      { method: 'POST', path: '/files/f-1/versions/2/restore' },
    ],
    [
      'getAnalytics',
      (a) => a.getAnalytics({ orphanAgeDays: 14 }),
      { totalFiles: 0 },
      { method: 'GET', path: '/analytics', query: { orphanAgeDays: '14' } },
    ],
    [
      'startBulkOperation',
      (a) => a.startBulkOperation({ type: 'bulk-delete', ids: ['a', 'b'] }),
      operation(),
      { method: 'POST', path: '/operations', body: '{"type":"bulk-delete","ids":["a","b"]}' },
    ],
    [
      'getOperation',
      (a) => a.getOperation({ id: 'op-1' }),
      operation(),
      { method: 'GET', path: '/operations/op-1' },
    ],
  ];
  for (const [method, call, data, request] of cases) {
    it(`${method} sends ${(request as { method: string }).method} ${(request as { path: string }).path} and answers the data`, async () => {
      msw.respondWith(data);
      await expect(call(adapter())).resolves.toEqual(data);
      expect(msw.seen).toHaveLength(1);
      expect(msw.last()).toMatchObject(request);
      expect(msw.last().headers.get('authorization')).toBe('Bearer t');
      if ('body' in request) expect(msw.last().headers.get('content-type')).toBe('application/json');
    });
  }

  it('purgeMedia sends DELETE /files/:id/permanent and resolves undefined', async () => {
    msw.respondWith(null);
    await expect(adapter().purgeMedia({ id: 'f-1' })).resolves.toBeUndefined();
    expect(msw.last()).toMatchObject({ method: 'DELETE', path: '/files/f-1/permanent' });
  });

  it('unlinkMedia sends DELETE /files/:id/usage/:type/:id with encoded segments', async () => {
    msw.respondWith(null);
    await expect(
      adapter().unlinkMedia({ mediaId: 'f-1', resourceType: 'lesson', resourceId: 'a/b c' }),
    ).resolves.toBeUndefined();
    expect(msw.last()).toMatchObject({ method: 'DELETE', path: '/files/f-1/usage/lesson/a%2Fb%20c' });
  });

  it('takes headers from a function, sync or async, per request', async () => {
    let token = 0;
    const withAsync = createRestAdapter({
      baseUrl: BASE,
      headers: async () => ({ authorization: `Bearer ${++token}` }),
    });
    msw.respondWith(mediaFile());
    await withAsync.getMedia({ id: 'f-1' });
    await withAsync.getMedia({ id: 'f-1' });
    expect(msw.seen.map((request) => request.headers.get('authorization'))).toEqual(['Bearer 1', 'Bearer 2']);
    const withSync = createRestAdapter({ baseUrl: BASE, headers: () => ({ 'x-tenant': 't-9' }) });
    await withSync.getMedia({ id: 'f-1' });
    expect(msw.last().headers.get('x-tenant')).toBe('t-9');
  });

  it('uses a custom fetch', async () => {
    const calls: string[] = [];
    const custom = createRestAdapter({
      baseUrl: BASE,
      fetch: (input, init) => {
        calls.push(String(input));
        return fetch(input, init);
      },
    });
    msw.respondWith(mediaFile());
    await custom.getMedia({ id: 'f-1' });
    expect(calls).toEqual([`${BASE}/files/f-1`]);
  });

  it('declares its capabilities', () => {
    expect(adapter().capabilities).toEqual({ realtime: true, resumableUpload: false, versions: true });
    expect(createRestAdapter({ baseUrl: BASE, realtime: 'poll' }).capabilities.realtime).toBe(false);
  });

  it("passes credentials: 'include' to every fetch, unless a call sets its own", async () => {
    const seen: (RequestCredentials | undefined)[] = [];
    const spy: typeof fetch = async (_input, init) => {
      seen.push(init?.credentials);
      return Response.json({ success: true, data: mediaFile() });
    };
    await createRestAdapter({ baseUrl: BASE, fetch: spy, credentials: 'include' }).getMedia({ id: 'f1' });
    await createRestAdapter({ baseUrl: BASE, fetch: spy }).getMedia({ id: 'f1' });
    expect(seen).toEqual(['include', undefined]);
  });
});
