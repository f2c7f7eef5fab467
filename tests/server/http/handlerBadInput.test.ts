import type { MediaFile, Page } from 'mediashelf/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHttpTestKit, type HttpTestKit, PNG_BYTES, requestFor } from './httpTestKit';

let kit: HttpTestKit;
beforeAll(async () => {
  kit = await createHttpTestKit({ handler: { limits: { maxUploadBytes: 1024 * 1024 } } });
});
afterAll(async () => {
  await kit?.close();
});

async function errorOf(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  const body = await response.json();
  expect(body.success).toBe(false);
  return {
    status: response.status,
    code: body.error.code as string,
    message: body.error.message as string,
    body,
  };
}

async function listOf(tenant: string, status = 'active'): Promise<MediaFile[]> {
  const { body } = await kit.callJson<Page<MediaFile>>('GET', `/files?status=${status}`, { tenant });
  return body.success ? body.data.items : [];
}

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('createMediaHandler: routing', () => {
  it('answers 404 NOT_FOUND for unknown routes, even without identity', async () => {
    for (const path of ['/nope', '/files/x/nope', '/files/', '']) {
      expect(await errorOf(await kit.call('GET', path))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    }
    const outside = await kit.handler(new Request('http://test.local/elsewhere/files'));
    expect(await errorOf(outside)).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(await errorOf(await kit.call('GET', '/nope', { tenant: null }))).toMatchObject({ status: 404 });
  });

  it('answers 405 METHOD_NOT_ALLOWED with an Allow header for a known route', async () => {
    const response = await kit.call('PUT', `/files/${UNKNOWN_ID}`);
    expect(response.headers.get('allow')).toBe('GET, HEAD, PATCH, DELETE');
    const error = await errorOf(response);
    expect(error).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED' });
    expect(error.body.error.details).toEqual({ allow: ['GET', 'HEAD', 'PATCH', 'DELETE'] });
    const list = await kit.call('DELETE', '/files');
    expect(list.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(list.status).toBe(405);
    const events = await kit.call('POST', '/events');
    expect(events.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers 401 UNAUTHENTICATED before anything else on a known route', async () => {
    for (const [method, path] of [
      ['GET', '/files'],
      ['POST', '/files'],
      ['PUT', `/files/${UNKNOWN_ID}`],
      ['GET', '/events'],
      ['GET', '/files?limit=abc'],
      ['GET', '/files/%E0%A4%A'],
    ] as const) {
      const response = await kit.call(method, path, { tenant: null });
      expect(await errorOf(response), `${method} ${path}`).toMatchObject({
        status: 401,
        code: 'UNAUTHENTICATED',
      });
    }
    const handlerWithBadAuth = (await import('../../../src/server/http')).createMediaHandler({
      service: kit.service,
      authenticate: () => ({ tenantId: '', userId: 'u' }),
    });
    expect((await handlerWithBadAuth(requestFor('GET', '/files'))).status).toBe(401);
  });

  it('answers 500 INTERNAL with a generic message when authenticate throws, and logs it', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { createMediaHandler } = await import('../../../src/server/http');
    const handler = createMediaHandler({
      service: kit.service,
      authenticate: () => {
        throw new Error('session store exploded at /srv/secret.js:12');
      },
    });
    const failure = await errorOf(await handler(requestFor('GET', '/files')));
    expect(failure).toMatchObject({ status: 500, code: 'INTERNAL', message: 'Internal server error' });
    expect(JSON.stringify(failure.body)).not.toMatch(/secret|exploded|at /);
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});

describe('createMediaHandler: bad input never answers 500', () => {
  it('refuses malformed JSON, wrong types and wrong content types', async () => {
    const tenant = kit.newTenant();
    const { id } = await kit.upload(tenant, 'x', 'a.txt', 'text/plain');
    const cases: [string, string, Parameters<HttpTestKit['call']>[2], number, string, string?][] = [
      [
        'PATCH',
        `/files/${id}`,
        { tenant, body: '{"fileName":', headers: { 'content-type': 'application/json' } },
        400,
        'VALIDATION_ERROR',
      ],
      ['PATCH', `/files/${id}`, { tenant, json: { fileName: 42 } }, 400, 'VALIDATION_ERROR', 'fileName'],
      ['PATCH', `/files/${id}`, { tenant, json: ['fileName'] }, 400, 'VALIDATION_ERROR', 'body'],
      ['PATCH', `/files/${id}`, { tenant, json: null }, 400, 'VALIDATION_ERROR', 'body'],
      ['PATCH', `/files/${id}`, { tenant, json: { fileName: '   ' } }, 400, 'VALIDATION_ERROR', 'fileName'],
      [
        'PATCH',
        `/files/${id}`,
        { tenant, json: { fileName: 'a'.repeat(300) } },
        400,
        'VALIDATION_ERROR',
        'fileName',
      ],
      ['PATCH', `/files/${id}`, { tenant }, 415, 'UNSUPPORTED_TYPE'],
      [
        'PATCH',
        `/files/${id}`,
        { tenant, body: '{"fileName":"b"}', headers: { 'content-type': 'text/plain' } },
        415,
        'UNSUPPORTED_TYPE',
      ],
      ['PATCH', `/files/${id}`, { tenant, json: { fileName: 'x'.repeat(70_000) } }, 413, 'FILE_TOO_LARGE'],
      [
        'POST',
        `/files/${id}/usage`,
        { tenant, json: { resourceType: 'course' } },
        400,
        'VALIDATION_ERROR',
        'resourceId',
      ],
      [
        'POST',
        `/files/${id}/usage`,
        { tenant, json: { resourceType: 'course', resourceId: 1 } },
        400,
        'VALIDATION_ERROR',
        'resourceId',
      ],
      [
        'POST',
        `/files/${id}/usage`,
        { tenant, json: { resourceType: 'c', resourceId: '1', resourceTitle: [] } },
        400,
        'VALIDATION_ERROR',
        'resourceTitle',
      ],
      [
        'POST',
        '/operations',
        { tenant, json: { type: 'bulk-explode', ids: [] } },
        400,
        'VALIDATION_ERROR',
        'type',
      ],
      [
        'POST',
        '/operations',
        { tenant, json: { type: 'bulk-delete', ids: 'abc' } },
        400,
        'VALIDATION_ERROR',
        'ids',
      ],
      [
        'POST',
        '/operations',
        { tenant, json: { type: 'bulk-delete', ids: [1, 2] } },
        400,
        'VALIDATION_ERROR',
        'ids',
      ],
      [
        'POST',
        '/operations',
        { tenant, json: { type: 'bulk-delete', ids: [] } },
        400,
        'VALIDATION_ERROR',
        'ids',
      ],
      ['GET', '/files?limit=abc', { tenant }, 400, 'VALIDATION_ERROR', 'limit'],
      ['GET', '/files?limit=0', { tenant }, 400, 'VALIDATION_ERROR', 'limit'],
      ['GET', '/files?kind=video,spreadsheet', { tenant }, 400, 'VALIDATION_ERROR', 'kind'],
      ['GET', '/files?sort=size', { tenant }, 400, 'VALIDATION_ERROR', 'sort'],
      ['GET', '/files?status=gone', { tenant }, 400, 'VALIDATION_ERROR', 'status'],
      ['GET', '/files?cursor=not-a-cursor', { tenant }, 400, 'VALIDATION_ERROR'],
      ['GET', `/files/${id}/history?limit=1.5`, { tenant }, 400, 'VALIDATION_ERROR', 'limit'],
      ['GET', '/analytics?orphanAgeDays=-1', { tenant }, 400, 'VALIDATION_ERROR', 'orphanAgeDays'],
      ['POST', `/files/${id}/versions/abc/restore`, { tenant }, 400, 'VALIDATION_ERROR', 'n'],
      ['POST', `/files/${id}/versions/0/restore`, { tenant }, 400, 'VALIDATION_ERROR', 'n'],
      ['POST', `/files/${id}/versions/7/restore`, { tenant }, 404, 'NOT_FOUND'],
      ['GET', `/files/${id}/content?v=x`, { tenant }, 400, 'VALIDATION_ERROR', 'v'],
      ['GET', '/files/%E0%A4%A', { tenant }, 400, 'VALIDATION_ERROR'],
      ['DELETE', `/files/${id}/permanent`, { tenant }, 409, 'CONFLICT'],
    ];
    for (const [method, path, options, status, code, field] of cases) {
      const failure = await errorOf(await kit.call(method, path, options));
      expect(failure, `${method} ${path}`).toMatchObject({ status, code });
      if (field) expect(failure.body.error.details?.field, `${method} ${path}`).toBe(field);
    }
  });

  it('treats path traversal and encoded slashes as unknown ids (404), never as paths', async () => {
    const tenant = kit.newTenant();
    for (const id of [
      '..%2F..%2Fetc%2Fpasswd',
      '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '..%5C..%5Cwindows',
      'a%00b',
      '%2F',
    ]) {
      for (const suffix of ['', '/content', '/history', '/usage']) {
        const response = await kit.call('GET', `/files/${id}${suffix}`, { tenant });
        expect(await errorOf(response), `${id}${suffix}`).toMatchObject({ status: 404, code: 'NOT_FOUND' });
      }
    }
  });

  it('answers 404 for ids of another tenant on every id route', async () => {
    const owner = kit.newTenant();
    const intruder = kit.newTenant();
    const { id } = await kit.upload(owner, 'private', 'secret.txt', 'text/plain');
    const started = await kit.callJson<{ id: string }>('POST', '/operations', {
      tenant: owner,
      json: { type: 'bulk-restore', ids: [id] },
    });
    expect(started.status).toBe(202);
    const operationId = started.body.success ? started.body.data.id : '';
    const attempts: [string, string, Parameters<HttpTestKit['call']>[2]?][] = [
      ['GET', `/files/${id}`],
      ['PATCH', `/files/${id}`, { json: { fileName: 'mine.txt' } }],
      ['DELETE', `/files/${id}`],
      ['POST', `/files/${id}/restore`],
      ['DELETE', `/files/${id}/permanent`],
      ['GET', `/files/${id}/content`],
      ['PUT', `/files/${id}/content`, { body: 'overwritten', headers: { 'content-type': 'text/plain' } }],
      ['GET', `/files/${id}/history`],
      ['GET', `/files/${id}/versions`],
      ['POST', `/files/${id}/versions/1/restore`],
      ['GET', `/files/${id}/usage`],
      ['POST', `/files/${id}/usage`, { json: { resourceType: 'course', resourceId: '1' } }],
      ['DELETE', `/files/${id}/usage/course/1`],
      ['GET', `/operations/${operationId}`],
    ];
    for (const [method, path, options] of attempts) {
      const response = await kit.call(method, path, { ...options, tenant: intruder });
      expect(await errorOf(response), `${method} ${path}`).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    }
    const bulk = await kit.callJson<{ id: string }>('POST', '/operations', {
      tenant: intruder,
      json: { type: 'bulk-delete', ids: [id] },
    });
    expect(bulk.status).toBe(202);
    const untouched = await kit.callJson<MediaFile>('GET', `/files/${id}`, { tenant: owner });
    expect(untouched.body).toMatchObject({
      success: true,
      data: { fileName: 'secret.txt', status: 'active', version: 1 },
    });
  });
});

describe('createMediaHandler: upload names and content', () => {
  const uploadWith = (
    tenant: string,
    name: string | null,
    body: BodyInit,
    type = 'text/plain',
    headers: Record<string, string> = {},
  ) =>
    kit.call('POST', '/files', {
      tenant,
      body,
      headers: { 'content-type': type, ...(name === null ? {} : { 'x-file-name': name }), ...headers },
    });

  it('uses untitled without X-File-Name and refuses a malformed encoding', async () => {
    const tenant = kit.newTenant();
    const unnamed = await uploadWith(tenant, null, 'x');
    expect(unnamed.status).toBe(201);
    expect((await unnamed.json()).data.fileName).toBe('untitled');
    expect(await errorOf(await uploadWith(tenant, '%E0%A4%A', 'x'))).toMatchObject({
      status: 400,
      code: 'VALIDATION_ERROR',
    });
  });

  it('sanitises NUL bytes, bidi overrides and over-long names (or refuses a name that is nothing else)', async () => {
    const tenant = kit.newTenant();
    const nul = await uploadWith(tenant, encodeURIComponent('evil\u0000name.txt'), 'x');
    expect(nul.status).toBe(201);
    expect((await nul.json()).data.fileName).toBe('evilname.txt');
    const onlyNul = await uploadWith(tenant, '%00', 'x');
    expect(onlyNul.status).toBe(400);
    const bidi = await uploadWith(tenant, encodeURIComponent('invoice\u202Efdp.exe'), 'x');
    expect(bidi.status).toBe(201);
    expect((await bidi.json()).data.fileName).toBe('invoicefdp.exe');
    const long = await uploadWith(tenant, encodeURIComponent(`${'n'.repeat(10_000)}.txt`), 'x');
    expect(long.status).toBe(201);
    const longName = (await long.json()).data.fileName as string;
    expect(longName).toHaveLength(255);
    expect(longName.endsWith('.txt')).toBe(true);
  });

  it('refuses an executable declared as image/png with 415 and keeps nothing', async () => {
    const tenant = kit.newTenant();
    const exe = new Uint8Array(256);
    exe.set([0x4d, 0x5a, 0x90, 0x00, 0x03]);
    const response = await uploadWith(tenant, 'photo.png', exe, 'image/png');
    expect(await errorOf(response)).toMatchObject({ status: 415, code: 'UNSUPPORTED_TYPE' });
    expect(await listOf(tenant)).toEqual([]);
    expect(kit.keysOf(tenant)).toEqual([]);
  });

  it('refuses a body larger than its Content-Length with 400 and keeps nothing', async () => {
    const tenant = kit.newTenant();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(PNG_BYTES);
        controller.enqueue(new Uint8Array(4096));
        controller.close();
      },
    });
    const response = await uploadWith(tenant, 'a.png', body, 'image/png', {
      'content-length': String(PNG_BYTES.length),
    });
    expect(await errorOf(response)).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });
    expect(await listOf(tenant)).toEqual([]);
    expect(kit.keysOf(tenant)).toEqual([]);
  });

  it('answers 413 for a Content-Length over the limit before reading, and for a chunked body that grows past it', async () => {
    const tenant = kit.newTenant();
    let pulled = 0;
    const untouched = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const declared = await uploadWith(tenant, 'big.bin', untouched, 'application/octet-stream', {
      'content-length': String(2 * 1024 * 1024),
    });
    expect(await errorOf(declared)).toMatchObject({ status: 413, code: 'FILE_TOO_LARGE' });
    expect(pulled).toBeLessThanOrEqual(1);
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const chunked = await uploadWith(tenant, 'big.bin', endless, 'application/octet-stream');
    expect(await errorOf(chunked)).toMatchObject({ status: 413, code: 'FILE_TOO_LARGE' });
    expect(sent).toBeLessThan(2 * 1024 * 1024);
    expect(await listOf(tenant)).toEqual([]);
    expect(kit.keysOf(tenant)).toEqual([]);
  });

  it('refuses a replacement of a file in the trash (409) and keeps nothing new', async () => {
    const tenant = kit.newTenant();
    const { id } = await kit.upload(tenant, 'x', 'a.txt', 'text/plain');
    await kit.call('DELETE', `/files/${id}`, { tenant });
    const keys = kit.keysOf(tenant);
    const response = await kit.call('PUT', `/files/${id}/content`, {
      tenant,
      body: 'y',
      headers: { 'content-type': 'text/plain' },
    });
    expect(await errorOf(response)).toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(kit.keysOf(tenant)).toEqual(keys);
  });

  it('leaves nothing behind when the client aborts mid-upload', async () => {
    const tenant = kit.newTenant();
    const controller = new AbortController();
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(stream) {
        if (sent === 0) stream.enqueue(PNG_BYTES);
        else stream.enqueue(new Uint8Array(16 * 1024));
        sent++;
        if (sent === 5) controller.abort();
        await new Promise((resolve) => setTimeout(resolve, 5));
      },
    });
    const response = await kit.call('POST', '/files', {
      tenant,
      body,
      signal: controller.signal,
      headers: { 'content-type': 'image/png', 'x-file-name': 'a.png' },
    });
    expect(await errorOf(response)).toMatchObject({ status: 400, code: 'ABORTED' });
    expect(await listOf(tenant)).toEqual([]);
    expect(kit.keysOf(tenant)).toEqual([]);
  });
});
