import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMediaHandler, type MediaCorsOptions } from '../../../src/server/http';
import type { MediaService } from '../../../src/server/service/MediaService';
import { authenticateFromHeader, createHttpTestKit, type HttpTestKit, requestFor } from './httpTestKit';

const APP = 'https://app.example.com';
const EVIL = 'https://evil.example';
let kit: HttpTestKit;
let tenant: string;
let fileId: string;
const TEXT = 'hello cross-origin world';

beforeAll(async () => {
  kit = await createHttpTestKit({ handler: { cors: { origin: [`${APP}/`], credentials: true } } });
  tenant = kit.newTenant();
  fileId = (await kit.upload(tenant, TEXT, 'notes.txt', 'text/plain')).id;
});
afterAll(async () => {
  await kit?.close();
});

function preflight(path: string, origin: string, requestHeaders?: string) {
  const headers: Record<string, string> = { origin, 'access-control-request-method': 'PATCH' };
  if (requestHeaders) headers['access-control-request-headers'] = requestHeaders;
  // Browsers send preflights without credentials: no identity.
  return kit.call('OPTIONS', path, { tenant: null, headers });
}

function handlerWith(cors: MediaCorsOptions) {
  return createMediaHandler({
    service: kit.service as MediaService,
    authenticate: authenticateFromHeader,
    cors,
  });
}

describe('createMediaHandler: CORS', () => {
  it('answers a preflight of an allowed origin before authentication', async () => {
    const response = await preflight(`/files/${fileId}`, APP, 'Authorization, X-Custom, bad header');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ success: true, data: null });
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, HEAD, PATCH, DELETE');
    expect(response.headers.get('access-control-allow-headers')).toBe(
      'authorization, content-type, range, x-file-name, x-custom',
    );
    expect(response.headers.get('access-control-max-age')).toBe('600');
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('refuses a preflight of another origin with 403 FORBIDDEN and no CORS headers', async () => {
    const response = await preflight('/files', EVIL);
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe('FORBIDDEN');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers 404 to a preflight of an unknown path', async () => {
    const response = await preflight('/nope', APP);
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe('NOT_FOUND');
  });

  it('adds the headers to replies for an allowed origin only, errors included', async () => {
    const allowed = await kit.call('GET', '/files', { tenant, headers: { origin: APP } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(APP);
    expect(allowed.headers.get('access-control-expose-headers')).toContain('Content-Range');
    const anonymous = await kit.call('GET', '/files', { tenant: null, headers: { origin: APP } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('access-control-allow-origin')).toBe(APP);
    const other = await kit.call('GET', '/files', { tenant, headers: { origin: EVIL } });
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const sameOrigin = await kit.call('GET', '/files', { tenant });
    expect(sameOrigin.headers.get('access-control-allow-origin')).toBeNull();
    // Whatever the origin, a shared cache must keep the answers apart.
    for (const response of [allowed, anonymous, other, sameOrigin]) {
      expect(response.headers.get('vary')).toBe('Origin');
    }
  });

  it('keeps a ranged download streaming with the headers a video player reads', async () => {
    const response = await kit.call('GET', `/files/${fileId}/content`, {
      tenant,
      headers: { origin: APP, range: 'bytes=0-4' },
    });
    expect(response.status).toBe(206);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('content-range')).toBe(`bytes 0-4/${TEXT.length}`);
    expect(await response.text()).toBe('hello');
  });

  it('adds the headers to a signed-URL redirect', async () => {
    const handler = createMediaHandler({
      service: { ...kit.service, signedContentUrl: async () => 'https://storage.example/signed' },
      authenticate: authenticateFromHeader,
      signedUrls: true,
      cors: { origin: APP },
    });
    const response = await handler(
      requestFor('GET', `/files/${fileId}/content`, { tenant, headers: { origin: APP } }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('allows every origin with "*" (without credentials) and origins chosen by a predicate', async () => {
    const any = handlerWith({ origin: '*' });
    const response = await any(requestFor('GET', '/files', { tenant, headers: { origin: EVIL } }));
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('vary')).toBeNull();
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    const predicate = handlerWith({ origin: (origin) => origin.endsWith('.school.edu'), maxAgeSeconds: 60 });
    const allowed = await predicate(
      requestFor('OPTIONS', '/files', {
        tenant: null,
        headers: { origin: 'https://lms.school.edu', 'access-control-request-method': 'POST' },
      }),
    );
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://lms.school.edu');
    expect(allowed.headers.get('access-control-max-age')).toBe('60');
    const refused = await predicate(requestFor('GET', '/files', { tenant, headers: { origin: EVIL } }));
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses the origin, and answers normally, when the origin predicate throws', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const handler = handlerWith({
      origin: () => {
        throw new Error('lookup failed');
      },
    });
    const response = await handler(requestFor('GET', '/files', { tenant, headers: { origin: APP } }));
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const preflightResponse = await handler(
      requestFor('OPTIONS', '/files', {
        tenant: null,
        headers: { origin: APP, 'access-control-request-method': 'GET' },
      }),
    );
    expect(preflightResponse.status).toBe(403);
    expect(errors).toHaveBeenCalled();
    errors.mockRestore();
  });

  it('rejects settings that could not work when the handler is created', () => {
    expect(() => handlerWith({ origin: '*', credentials: true })).toThrow(/cannot be combined/);
    expect(() => handlerWith({ origin: [] })).toThrow(TypeError);
    expect(() => handlerWith({ origin: [''] })).toThrow(TypeError);
    expect(() => handlerWith({ origin: APP, maxAgeSeconds: -1 })).toThrow(/maxAgeSeconds/);
  });

  it('answers no preflight when CORS is off', async () => {
    const handler = createMediaHandler({ service: kit.service, authenticate: authenticateFromHeader });
    const response = await handler(
      requestFor('OPTIONS', '/files', {
        tenant: null,
        headers: { origin: APP, 'access-control-request-method': 'GET' },
      }),
    );
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('createMediaHandler: HEAD', () => {
  it('answers HEAD of a download with the GET headers and no body', async () => {
    const response = await kit.call('HEAD', `/files/${fileId}/content`, { tenant });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(TEXT.length));
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(await response.text()).toBe('');
    const ranged = await kit.call('HEAD', `/files/${fileId}/content`, {
      tenant,
      headers: { range: 'bytes=1-2' },
    });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 1-2/${TEXT.length}`);
  });

  it('keeps the status of a failing GET and the 401 of a missing identity', async () => {
    const missing = await kit.call('HEAD', '/files/00000000-0000-4000-8000-000000000000/content', { tenant });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('');
    expect((await kit.call('HEAD', '/files', { tenant: null })).status).toBe(401);
    const list = await kit.call('HEAD', '/files', { tenant });
    expect(list.status).toBe(200);
    expect(list.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('is not allowed where there is no GET', async () => {
    const response = await kit.call('HEAD', `/files/${fileId}/restore`, { tenant });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});
