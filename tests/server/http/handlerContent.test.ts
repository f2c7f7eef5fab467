import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMediaHandler } from '../../../src/server/http';
import type { MediaService } from '../../../src/server/service/MediaService';
import {
  authenticateFromHeader,
  createHttpTestKit,
  type HttpTestKit,
  PNG_BYTES,
  requestFor,
} from './httpTestKit';

let kit: HttpTestKit;
let tenant: string;
let id: string;
const TEXT = 'abcdefghijklmnopqrstuvwxyz0123456789';

beforeAll(async () => {
  kit = await createHttpTestKit();
  tenant = kit.newTenant();
  ({ id } = await kit.upload(tenant, TEXT, 'Präsentation – 日本語 "final".txt', 'text/plain'));
});
afterAll(async () => {
  await kit?.close();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  kit.call('GET', path, { tenant, headers });

describe('GET /files/:id/content', () => {
  it('streams the whole file with download headers', async () => {
    const response = await get(`/files/${id}/content`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(TEXT);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(response.headers.get('content-length')).toBe(String(TEXT.length));
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('private');
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]+-v1"$/);
  });

  it('names a unicode file with an ASCII fallback and filename* (RFC 6266/8187)', async () => {
    const inline = (await get(`/files/${id}/content`)).headers.get('content-disposition')!;
    expect(inline).toBe(
      `inline; filename="Pr_sentation _ ___ _final_.txt"; filename*=UTF-8''${encodeURIComponent('Präsentation – 日本語 "final".txt')}`,
    );
    const attachment = (await get(`/files/${id}/content?download=1`)).headers.get('content-disposition')!;
    expect(attachment.startsWith('attachment; filename="Pr_sentation')).toBe(true);
  });

  it('serves HTML as an attachment, never inline', async () => {
    const page = await kit.upload(tenant, '<script>alert(1)</script>', 'page.html', 'text/html');
    const response = await get(`/files/${page.id}/content`);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    ['bytes=0-4', 'abcde', 'bytes 0-4/36'],
    ['bytes=30-', '456789', 'bytes 30-35/36'],
    ['bytes=-3', '789', 'bytes 33-35/36'],
    ['bytes=-100', TEXT, 'bytes 0-35/36'],
    ['bytes=10-1000', TEXT.slice(10), 'bytes 10-35/36'],
  ])('answers Range %s with 206', async (range, body, contentRange) => {
    const response = await get(`/files/${id}/content`, { range });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(contentRange);
    expect(response.headers.get('content-length')).toBe(String(body.length));
    expect(await response.text()).toBe(body);
  });

  it.each(['bytes=0-1,5-6', 'bytes=9-2', 'pages=1-2', 'bytes=abc'])(
    'ignores Range %s and serves the whole file',
    async (range) => {
      const response = await get(`/files/${id}/content`, { range });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(TEXT);
    },
  );

  it.each(['bytes=36-', 'bytes=100-200', 'bytes=-0'])(
    'answers an unsatisfiable Range %s with 416 and Content-Range',
    async (range) => {
      const response = await get(`/files/${id}/content`, { range });
      expect(response.status).toBe(416);
      expect(response.headers.get('content-range')).toBe('bytes */36');
      expect(await response.json()).toMatchObject({
        success: false,
        error: { code: 'RANGE_NOT_SATISFIABLE' },
      });
    },
  );

  it('answers If-None-Match with 304 and no body', async () => {
    const etag = (await get(`/files/${id}/content`)).headers.get('etag')!;
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const response = await get(`/files/${id}/content`, { 'if-none-match': header });
      expect(response.status).toBe(304);
      expect(response.headers.get('etag')).toBe(etag);
      expect(await response.text()).toBe('');
    }
    expect((await get(`/files/${id}/content`, { 'if-none-match': '"stale"' })).status).toBe(200);
  });

  it('serves an older version with ?v= and its own ETag', async () => {
    const file = await kit.upload(tenant, PNG_BYTES, 'img.png', 'image/png');
    await kit.call('PUT', `/files/${file.id}/content`, {
      tenant,
      body: 'now text',
      headers: { 'content-type': 'text/plain' },
    });
    const current = await get(`/files/${file.id}/content`);
    expect(await current.text()).toBe('now text');
    const old = await get(`/files/${file.id}/content?v=1`);
    expect(old.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await old.arrayBuffer())).toEqual(PNG_BYTES);
    expect(old.headers.get('etag')).not.toBe(current.headers.get('etag'));
    const suffix = await get(`/files/${file.id}/content?v=1`, { range: 'bytes=-4' });
    expect(suffix.headers.get('content-range')).toBe(
      `bytes ${PNG_BYTES.length - 4}-${PNG_BYTES.length - 1}/${PNG_BYTES.length}`,
    );
    expect((await get(`/files/${file.id}/content?v=9`)).status).toBe(404);
    expect((await get(`/files/${file.id}/content?v=9`, { range: 'bytes=-4' })).status).toBe(404);
  });

  it('redirects to a signed URL when enabled and the storage can sign, otherwise streams', async () => {
    const signed = 'https://storage.example/object?X-Amz-Expires=120&X-Amz-Signature=abc';
    const calls: unknown[] = [];
    const signing: MediaService = {
      ...kit.service,
      signedContentUrl: async (_context, params) => {
        calls.push(params);
        return signed;
      },
    };
    const handler = createMediaHandler({
      service: signing,
      authenticate: authenticateFromHeader,
      signedUrls: { expiresInSeconds: 120 },
    });
    const redirect = await handler(requestFor('GET', `/files/${id}/content`, { tenant }));
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe(signed);
    expect(redirect.headers.get('cache-control')).toBe('no-store');
    expect(await redirect.json()).toEqual({ success: true, data: { url: signed, expiresInSeconds: 120 } });
    expect(calls).toEqual([{ id, expiresInSeconds: 120 }]);
    // An older version, or a forced download, still streams through the server.
    expect((await handler(requestFor('GET', `/files/${id}/content?v=1`, { tenant }))).status).toBe(200);
    expect((await handler(requestFor('GET', `/files/${id}/content?download=1`, { tenant }))).status).toBe(
      200,
    );
    // The memory storage cannot sign: the real service answers null and the file streams.
    const plain = createMediaHandler({
      service: kit.service,
      authenticate: authenticateFromHeader,
      signedUrls: true,
    });
    const streamed = await plain(requestFor('GET', `/files/${id}/content`, { tenant }));
    expect(streamed.status).toBe(200);
    expect(await streamed.text()).toBe(TEXT);
  });

  it('never returns a URL that grants access by itself in file JSON', async () => {
    const { body } = await kit.callJson<{ url: string }>('GET', `/files/${id}`, { tenant });
    expect(body.success && body.data.url).toBe(`/api/media/files/${id}/content?v=1`);
    const anonymous = await kit.call('GET', `/files/${id}/content?v=1`, { tenant: null });
    expect(anonymous.status).toBe(401);
  });
});
