import { createRestAdapter } from 'mediashelf/adapters/rest';
import { createTestFile } from 'mediashelf/testing';
import { delay, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { BASE, mediaFile, startMswServer } from './mswHelpers';

// Node has no XMLHttpRequest: uploads go through fetch with a streamed body.
const msw = startMswServer();
const adapter = () => createRestAdapter({ baseUrl: BASE, headers: { authorization: 'Bearer t' } });

describe('REST adapter: uploads over streaming fetch (no XMLHttpRequest)', () => {
  it('POSTs the raw body with Content-Type and a URI-encoded X-File-Name', async () => {
    msw.respondWith(mediaFile(), 201);
    const file = createTestFile({ name: 'Übung 1 – intro.pdf', type: 'application/pdf', size: 300 });
    await expect(adapter().uploadMedia({ file })).resolves.toEqual(mediaFile());
    const request = msw.last();
    expect(request).toMatchObject({ method: 'POST', path: '/files' });
    expect(request.headers.get('content-type')).toBe('application/pdf');
    expect(request.headers.get('x-file-name')).toBe(encodeURIComponent('Übung 1 – intro.pdf'));
    expect(decodeURIComponent(request.headers.get('x-file-name')!)).toBe('Übung 1 – intro.pdf');
    expect(request.headers.get('authorization')).toBe('Bearer t');
    expect(request.body.length).toBe(await file.text().then((text) => text.length));
  });

  it('sends an explicit, sanitised fileName and application/octet-stream for a typeless blob', async () => {
    msw.respondWith(mediaFile(), 201);
    await adapter().uploadMedia({ file: new Blob(['abc']), fileName: '  notes\u202e.txt ' });
    expect(msw.last().headers.get('x-file-name')).toBe('notes.txt');
    expect(msw.last().headers.get('content-type')).toBe('application/octet-stream');
  });

  it('rejects a blank explicit fileName with VALIDATION_ERROR without a request', async () => {
    await expect(adapter().uploadMedia({ file: new Blob(['abc']), fileName: '  ' })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    });
    expect(msw.seen).toEqual([]);
  });

  it('reports progress as the body is read, never backwards, ending at (total, total)', async () => {
    msw.respondWith(mediaFile(), 201);
    const file = createTestFile({ name: 'big.mp4', type: 'video/mp4', size: 512 * 1024 });
    const calls: [number, number][] = [];
    await adapter().uploadMedia({ file, onProgress: (loaded, total) => calls.push([loaded, total]) });
    expect(calls[0]).toEqual([0, file.size]);
    expect(calls.at(-1)).toEqual([file.size, file.size]);
    expect(calls.length).toBeGreaterThan(2);
    const loaded = calls.map(([value]) => value);
    expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
  });

  it('PUTs a replacement to /files/:id/content', async () => {
    msw.respondWith(mediaFile({ version: 2 }));
    const file = createTestFile({ name: 'v2.png', type: 'image/png', size: 100 });
    const calls: number[] = [];
    await expect(
      adapter().replaceMedia({ id: 'f 1', file, onProgress: (loaded) => calls.push(loaded) }),
    ).resolves.toMatchObject({
      version: 2,
    });
    expect(msw.last()).toMatchObject({ method: 'PUT', path: '/files/f%201/content' });
    expect(msw.last().headers.get('content-type')).toBe('image/png');
    expect(calls.at(-1)).toBe(100);
  });

  it('maps an error envelope of an upload', async () => {
    msw.respond(() =>
      HttpResponse.json(
        { success: false, error: { code: 'FILE_TOO_LARGE', message: 'Too big' } },
        { status: 413 },
      ),
    );
    await expect(adapter().uploadMedia({ file: createTestFile() })).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: 'Too big',
    });
  });

  it('rejects ABORTED when aborted during the upload', async () => {
    msw.respond(async () => {
      await delay('infinite');
      return HttpResponse.json({ success: true, data: null });
    });
    const controller = new AbortController();
    const uploading = adapter().uploadMedia({
      file: createTestFile({ size: 256 * 1024 }),
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 10);
    await expect(uploading).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('rejects ABORTED for an already aborted signal, without a request', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      adapter().uploadMedia({ file: createTestFile(), signal: controller.signal }),
    ).rejects.toMatchObject({
      code: 'ABORTED',
    });
    expect(msw.seen).toEqual([]);
  });

  it("rejects upload: 'xhr' where XMLHttpRequest does not exist", async () => {
    const xhrOnly = createRestAdapter({ baseUrl: BASE, upload: 'xhr' });
    await expect(xhrOnly.uploadMedia({ file: createTestFile() })).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
