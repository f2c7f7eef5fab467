// @vitest-environment jsdom
import { createRestAdapter } from 'mediashelf/adapters/rest';
import { isMediaError } from 'mediashelf/core';
import { createTestFile } from 'mediashelf/testing';
import { delay, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BASE, mediaFile, startMswServer } from './mswHelpers';

// jsdom has XMLHttpRequest, which MSW intercepts: uploads take the XHR path there.
const msw = startMswServer();
const notFetch: typeof fetch = () => Promise.reject(new Error('uploads must not use fetch here'));
const adapter = () =>
  createRestAdapter({ baseUrl: BASE, headers: { authorization: 'Bearer x' }, fetch: notFetch });

/** A scripted XMLHttpRequest: the test fires its upload progress, load, error and abort. */
class ScriptedXhr {
  static last: ScriptedXhr | undefined;
  readonly upload = new EventTarget();
  readonly events = new EventTarget();
  status = 0;
  statusText = '';
  responseText = '';
  responseType = '';
  sent: unknown;
  aborted = false;
  withCredentials = false;
  readonly headers: Record<string, string> = {};
  responseHeaders: Record<string, string> = {};
  constructor() {
    ScriptedXhr.last = this;
  }
  open(method: string, url: string) {
    this.headers[':method'] = method;
    this.headers[':url'] = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  getResponseHeader(name: string) {
    return this.responseHeaders[name] ?? null;
  }
  addEventListener(type: string, listener: EventListener) {
    this.events.addEventListener(type, listener);
  }
  send(body: unknown) {
    this.sent = body;
  }
  abort() {
    this.aborted = true;
    this.events.dispatchEvent(new Event('abort'));
  }
  progress(loaded: number) {
    this.upload.dispatchEvent(Object.assign(new Event('progress'), { loaded }));
  }
  respond(status: number, body: string, contentType = 'application/json') {
    this.status = status;
    this.responseText = body;
    this.responseHeaders['content-type'] = contentType;
    this.events.dispatchEvent(new Event('load'));
  }
}
const scripted = () =>
  createRestAdapter({ baseUrl: BASE, XMLHttpRequest: ScriptedXhr as unknown as typeof XMLHttpRequest });

describe('REST adapter: uploads over XMLHttpRequest (jsdom)', () => {
  beforeEach(() => {
    ScriptedXhr.last = undefined;
  });

  it('POSTs the raw file with Content-Type, X-File-Name and the headers, through XHR', async () => {
    const open = vi.spyOn(XMLHttpRequest.prototype, 'open');
    msw.respondWith(mediaFile(), 201);
    const file = createTestFile({ name: 'Campus map (v2).png', type: 'image/png', size: 2048 });
    const calls: [number, number][] = [];
    await expect(
      adapter().uploadMedia({ file, onProgress: (loaded, total) => calls.push([loaded, total]) }),
    ).resolves.toEqual(mediaFile());
    expect(open).toHaveBeenCalledWith('POST', `${BASE}/files`);
    open.mockRestore();
    const request = msw.last();
    expect(request).toMatchObject({ method: 'POST', path: '/files' });
    expect(request.headers.get('content-type')).toBe('image/png');
    expect(request.headers.get('x-file-name')).toBe(encodeURIComponent('Campus map (v2).png'));
    expect(request.headers.get('authorization')).toBe('Bearer x');
    expect(calls[0]).toEqual([0, 2048]);
    expect(calls.at(-1)).toEqual([2048, 2048]);
  });

  it('maps an error envelope and a non-envelope reply of an XHR upload', async () => {
    msw.respond(() =>
      HttpResponse.json(
        { success: false, error: { code: 'UNSUPPORTED_TYPE', message: 'No' } },
        { status: 415 },
      ),
    );
    await expect(adapter().uploadMedia({ file: createTestFile() })).rejects.toMatchObject({
      code: 'UNSUPPORTED_TYPE',
      message: 'No',
    });
    msw.respond(
      () =>
        new HttpResponse('<h1>Request Entity Too Large</h1>', {
          status: 413,
          headers: { 'content-type': 'text/html' },
        }),
    );
    await expect(adapter().uploadMedia({ file: createTestFile() })).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
    });
  });

  it('aborts the XHR when the signal fires and rejects ABORTED', async () => {
    msw.respond(async () => {
      await delay('infinite');
      return HttpResponse.json({ success: true, data: null });
    });
    const controller = new AbortController();
    const uploading = adapter().uploadMedia({
      file: createTestFile({ size: 4096 }),
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 20);
    await expect(uploading).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('PUTs a replacement through XHR', async () => {
    msw.respondWith(mediaFile({ version: 2 }));
    await adapter().replaceMedia({
      id: 'f-1',
      file: createTestFile({ name: 'x.pdf', type: 'application/pdf' }),
    });
    expect(msw.last()).toMatchObject({ method: 'PUT', path: '/files/f-1/content' });
    expect(msw.last().headers.get('x-file-name')).toBeNull();
  });

  it('maps xhr.upload progress events to onProgress(loaded, total), clamped and monotonic', async () => {
    const calls: [number, number][] = [];
    const file = createTestFile({ size: 1000 });
    const uploading = scripted().uploadMedia({
      file,
      onProgress: (loaded, total) => calls.push([loaded, total]),
    });
    await vi.waitFor(() => expect(ScriptedXhr.last?.sent).toBe(file));
    const xhr = ScriptedXhr.last!;
    xhr.progress(250);
    xhr.progress(600);
    xhr.progress(500);
    xhr.progress(5000);
    xhr.respond(201, JSON.stringify({ success: true, data: mediaFile() }));
    await expect(uploading).resolves.toEqual(mediaFile());
    expect(calls).toEqual([
      [0, 1000],
      [250, 1000],
      [600, 1000],
      [1000, 1000],
    ]);
  });

  it('calls xhr.abort() on abort during progress', async () => {
    const controller = new AbortController();
    const uploading = scripted().uploadMedia({
      file: createTestFile({ size: 1000 }),
      signal: controller.signal,
      onProgress: (loaded) => {
        if (loaded > 0) controller.abort();
      },
    });
    await vi.waitFor(() => expect(ScriptedXhr.last?.sent).toBeDefined());
    const xhr = ScriptedXhr.last!;
    xhr.progress(100);
    const error = await uploading.catch((caught: unknown) => caught);
    expect(isMediaError(error, 'ABORTED')).toBe(true);
    expect(xhr.aborted).toBe(true);
  });

  it('rejects NETWORK_ERROR when the XHR fails', async () => {
    const uploading = scripted().uploadMedia({ file: createTestFile() });
    await vi.waitFor(() => expect(ScriptedXhr.last?.sent).toBeDefined());
    ScriptedXhr.last!.events.dispatchEvent(new Event('error'));
    await expect(uploading).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
  });

  it("uses fetch when upload is 'fetch' even where XHR exists", async () => {
    msw.respondWith(mediaFile(), 201);
    const calls: string[] = [];
    const viaFetch = createRestAdapter({
      baseUrl: BASE,
      upload: 'fetch',
      fetch: async () => {
        calls.push('fetch');
        return Response.json({ success: true, data: mediaFile() });
      },
    });
    await viaFetch.uploadMedia({ file: createTestFile() });
    expect(calls).toEqual(['fetch']);
  });

  it("sends cookies cross-origin (withCredentials) only with credentials: 'include'", async () => {
    const Xhr = ScriptedXhr as unknown as typeof XMLHttpRequest;
    for (const [credentials, expected] of [
      ['include', true],
      ['same-origin', false],
      [undefined, false],
    ] as const) {
      const uploading = createRestAdapter({ baseUrl: BASE, XMLHttpRequest: Xhr, credentials }).uploadMedia({
        file: createTestFile(),
      });
      await vi.waitFor(() => expect(ScriptedXhr.last?.sent).toBeDefined());
      const xhr = ScriptedXhr.last!;
      expect(xhr.withCredentials).toBe(expected);
      xhr.respond(201, JSON.stringify({ success: true, data: mediaFile() }));
      await uploading;
      ScriptedXhr.last = undefined;
    }
  });
});
