import { createRestAdapter } from 'mediashelf/adapters/rest';
import { isMediaError } from 'mediashelf/core';
import { delay, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { BASE, startMswServer } from './mswHelpers';

const msw = startMswServer();
const adapter = () => createRestAdapter({ baseUrl: BASE });

describe('REST adapter: envelope and error mapping', () => {
  it("keeps the server's error code, message and details, whatever the status", async () => {
    const usage = [{ id: 'u-1', resourceType: 'course', resourceId: 'c-1' }];
    msw.respond(() =>
      HttpResponse.json(
        { success: false, error: { code: 'MEDIA_IN_USE', message: 'Used in 1 place', details: { usage } } },
        { status: 409 },
      ),
    );
    const error = await adapter()
      .deleteMedia({ id: 'f-1' })
      .catch((caught: unknown) => caught);
    expect(isMediaError(error, 'MEDIA_IN_USE')).toBe(true);
    expect(error).toMatchObject({ message: 'Used in 1 place', details: { usage } });
  });

  it('maps an unknown server code to INTERNAL', async () => {
    msw.respond(() =>
      HttpResponse.json({ success: false, error: { code: 'WEIRD', message: 'x' } }, { status: 500 }),
    );
    await expect(adapter().getMedia({ id: 'f-1' })).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  for (const [status, code] of [
    [400, 'VALIDATION_ERROR'],
    [401, 'UNAUTHENTICATED'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [405, 'METHOD_NOT_ALLOWED'],
    [409, 'CONFLICT'],
    [413, 'FILE_TOO_LARGE'],
    [415, 'UNSUPPORTED_TYPE'],
    [429, 'RATE_LIMITED'],
    [500, 'INTERNAL'],
    [502, 'NETWORK_ERROR'],
    [503, 'NETWORK_ERROR'],
    [504, 'NETWORK_ERROR'],
  ] as const) {
    it(`maps a non-envelope HTTP ${status} (an HTML error page) to ${code}`, async () => {
      msw.respond(
        () =>
          new HttpResponse('<html><body><h1>Bad Gateway</h1></body></html>', {
            status,
            headers: { 'content-type': 'text/html' },
          }),
      );
      const error = await adapter()
        .getMedia({ id: 'f-1' })
        .catch((caught: unknown) => caught);
      expect(isMediaError(error, code)).toBe(true);
      expect((error as Error).message).toContain(`HTTP ${status}`);
      expect((error as Error).message).toContain('text/html');
      expect(error).toMatchObject({
        details: { status, contentType: 'text/html', body: expect.stringContaining('Bad Gateway') },
      });
    });
  }

  it('reads Retry-After of a non-envelope 429', async () => {
    msw.respond(() => new HttpResponse('slow down', { status: 429, headers: { 'retry-after': '12' } }));
    await expect(adapter().listMedia()).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      details: { retryAfterSeconds: 12 },
    });
  });

  it('rejects INTERNAL naming the content type when a 200 is not an envelope (wrong baseUrl)', async () => {
    msw.respond(
      () =>
        new HttpResponse('<!doctype html><title>App</title>', { headers: { 'content-type': 'text/html' } }),
    );
    const error = await adapter()
      .listMedia()
      .catch((caught: unknown) => caught);
    expect(isMediaError(error, 'INTERNAL')).toBe(true);
    expect((error as Error).message).toMatch(/text\/html instead of a mediashelf envelope; check baseUrl/);
  });

  it('rejects INTERNAL for JSON that is not an envelope', async () => {
    msw.respond(() => HttpResponse.json({ items: [] }));
    await expect(adapter().listMedia()).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('rejects NETWORK_ERROR when the server cannot be reached', async () => {
    msw.respond(() => HttpResponse.error());
    const error = await adapter()
      .getMedia({ id: 'f-1' })
      .catch((caught: unknown) => caught);
    expect(isMediaError(error, 'NETWORK_ERROR')).toBe(true);
    expect((error as Error).message).toContain('GET /files/f-1');
  });

  it('rejects NETWORK_ERROR when a custom fetch throws', async () => {
    const failing = createRestAdapter({
      baseUrl: BASE,
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    await expect(failing.listMedia()).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
  });

  it('rejects ABORTED for an already aborted signal, without a request', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(adapter().listMedia({ signal: controller.signal })).rejects.toMatchObject({
      code: 'ABORTED',
    });
    expect(msw.seen).toEqual([]);
  });

  it('rejects ABORTED when aborted while waiting for the reply', async () => {
    msw.respond(async () => {
      await delay('infinite');
      return HttpResponse.json({ success: true, data: null });
    });
    const controller = new AbortController();
    const pending = adapter().getMedia({ id: 'f-1', signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
  });

  for (const method of ['getHistory', 'getUsage', 'listVersions', 'getAnalytics', 'getOperation'] as const) {
    it(`${method} honours its signal`, async () => {
      const controller = new AbortController();
      controller.abort();
      const call = (adapter()[method] as (params: object) => Promise<unknown>)({
        id: 'f-1',
        signal: controller.signal,
      });
      await expect(call).rejects.toMatchObject({ code: 'ABORTED' });
    });
  }

  it('passes a MediaError thrown by the headers function through', async () => {
    const { MediaError } = await import('mediashelf/core');
    const signedOut = createRestAdapter({
      baseUrl: BASE,
      headers: () => {
        throw new MediaError('UNAUTHENTICATED', 'Session expired');
      },
    });
    await expect(signedOut.listMedia()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
