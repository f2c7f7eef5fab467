import { createHash } from 'node:crypto';
import { createMemoryAdapter } from 'mediashelf/adapters/memory';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectCode, recordEvents, textFile } from './helpers';

const KIB = 1024;

function bytes(size: number): Uint8Array<ArrayBuffer> {
  const data = new Uint8Array(size);
  for (let index = 0; index < size; index++) data[index] = (index * 31 + 7) % 251;
  return data;
}

describe('memory adapter: uploads and replacements', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('reports progress after every 256 KiB chunk, ending with (total, total)', async () => {
    const adapter = createMemoryAdapter();
    const size = 600 * KIB;
    const onProgress = vi.fn();
    const file = await adapter.uploadMedia({
      file: new File([bytes(size)], 'clip.mp4', { type: 'video/mp4' }),
      onProgress,
    });
    expect(onProgress.mock.calls).toEqual([
      [256 * KIB, size],
      [512 * KIB, size],
      [size, size],
    ]);
    expect(file).toMatchObject({ fileSize: size, fileType: 'video/mp4', kind: 'video', version: 1 });
  });

  it('honours uploadChunkSize and reports (0, 0) for an empty file', async () => {
    const adapter = createMemoryAdapter({ uploadChunkSize: 10 });
    const onProgress = vi.fn();
    await adapter.uploadMedia({ file: textFile('a.txt', 25), onProgress });
    expect(onProgress.mock.calls).toEqual([
      [10, 25],
      [20, 25],
      [25, 25],
    ]);
    const empty = vi.fn();
    const file = await adapter.uploadMedia({ file: new Blob([]), fileName: 'empty.txt', onProgress: empty });
    expect(empty.mock.calls).toEqual([[0, 0]]);
    expect(file).toMatchObject({ fileSize: 0, fileType: 'text/plain', fileName: 'empty.txt' });
  });

  it('stores a private copy of the content with its SHA-256', async () => {
    const adapter = createMemoryAdapter();
    const data = bytes(300 * KIB);
    const expected = createHash('sha256').update(data).digest('hex');
    const file = await adapter.uploadMedia({ file: new Blob([data]), fileName: 'data.pdf' });
    data[0] = 255 - (data[0] ?? 0);
    const content = await adapter.getContent({ id: file.id });
    expect(content.checksumSha256).toBe(expected);
    expect(content.fileType).toBe('application/pdf');
    expect(
      createHash('sha256')
        .update(new Uint8Array(await content.blob!.arrayBuffer()))
        .digest('hex'),
    ).toBe(expected);
  });

  it('aborting during the upload stores nothing: no file, no history, no event', async () => {
    const adapter = createMemoryAdapter({ uploadChunkSize: 64 * KIB });
    const events = recordEvents(adapter);
    const controller = new AbortController();
    const onProgress = vi.fn((loaded: number) => {
      if (loaded >= 128 * KIB) controller.abort();
    });
    await expectCode(
      adapter.uploadMedia({
        file: new Blob([bytes(512 * KIB)]),
        fileName: 'big.bin',
        onProgress,
        signal: controller.signal,
      }),
      'ABORTED',
    );
    expect(onProgress).toHaveBeenCalledTimes(2);
    expect(events).toEqual([]);
    const page = await adapter.listMedia({ includeTotal: true });
    expect(page.total).toBe(0);
    expect((await adapter.getAnalytics()).totalFiles).toBe(0);
  });

  it('aborting a replacement leaves the current version untouched', async () => {
    const adapter = createMemoryAdapter({ uploadChunkSize: 4 });
    const file = await adapter.uploadMedia({ file: textFile('notes.txt', 8) });
    const events = recordEvents(adapter);
    const controller = new AbortController();
    await expectCode(
      adapter.replaceMedia({
        id: file.id,
        file: textFile('notes-v2.txt', 40),
        signal: controller.signal,
        onProgress: () => controller.abort(),
      }),
      'ABORTED',
    );
    expect(await adapter.getMedia({ id: file.id })).toEqual(file);
    expect(await adapter.listVersions({ id: file.id })).toHaveLength(1);
    expect(events).toEqual([]);
  });

  it('rejects a replacement CONFLICT when the file went to the trash while it was read', async () => {
    const adapter = createMemoryAdapter({ uploadChunkSize: 4 });
    const file = await adapter.uploadMedia({ file: textFile('notes.txt', 8) });
    let deleting: Promise<unknown> | undefined;
    const replacing = adapter.replaceMedia({
      id: file.id,
      file: textFile('v2.txt', 12),
      onProgress: (loaded) => {
        if (loaded === 4) deleting = adapter.deleteMedia({ id: file.id });
      },
    });
    await expectCode(replacing, 'CONFLICT');
    await deleting;
    expect((await adapter.getMedia({ id: file.id })).version).toBe(1);
  });

  it('applies maxFileSize and acceptTypes to uploads and replacements before reading', async () => {
    const adapter = createMemoryAdapter({ maxFileSize: 10, acceptTypes: ['image/*', 'text/plain'] });
    const onProgress = vi.fn();
    const tooLarge = await expectCode(
      adapter.uploadMedia({ file: textFile('a.txt', 11), onProgress }),
      'FILE_TOO_LARGE',
    );
    expect(tooLarge.details).toEqual({ fileSize: 11, maxFileSize: 10 });
    const unsupported = await expectCode(
      adapter.uploadMedia({ file: new File(['%PDF'], 'a.pdf', { type: 'application/pdf' }), onProgress }),
      'UNSUPPORTED_TYPE',
    );
    expect(unsupported.details).toMatchObject({ fileType: 'application/pdf' });
    expect(onProgress).not.toHaveBeenCalled();
    const ok = await adapter.uploadMedia({ file: new File(['png'], 'a.png', { type: 'image/png' }) });
    await expectCode(adapter.replaceMedia({ id: ok.id, file: textFile('b.txt', 11) }), 'FILE_TOO_LARGE');
    await expectCode(
      adapter.replaceMedia({ id: ok.id, file: new File(['x'], 'a.zip', { type: 'application/zip' }) }),
      'UNSUPPORTED_TYPE',
    );
    const replaced = await adapter.replaceMedia({ id: ok.id, file: textFile('b.txt', 10) });
    expect(replaced).toMatchObject({
      version: 2,
      kind: 'document',
      fileType: 'text/plain',
      fileName: 'a.png',
    });
  });

  it('resolves the type from the name when the Blob has none, and rejects non-Blobs', async () => {
    const adapter = createMemoryAdapter();
    const file = await adapter.uploadMedia({ file: new Blob(['abc']), fileName: '  lecture.MP3  ' });
    expect(file).toMatchObject({ fileName: 'lecture.MP3', fileType: 'audio/mpeg', kind: 'audio' });
    await expectCode(adapter.uploadMedia({ file: 'not a blob' as unknown as Blob }), 'VALIDATION_ERROR');
    await expectCode(adapter.uploadMedia({ file: new Blob(['a']), fileName: '   ' }), 'VALIDATION_ERROR');
  });

  describe('urls', () => {
    it('serves every version through its own object URL and revokes them on purge', async () => {
      const revoke = vi.spyOn(URL, 'revokeObjectURL');
      const adapter = createMemoryAdapter();
      const file = await adapter.uploadMedia({ file: textFile('a.txt') });
      const replaced = await adapter.replaceMedia({ id: file.id, file: textFile('b.txt', 4) });
      expect(file.url).toMatch(/^blob:/);
      expect(replaced.url).toMatch(/^blob:/);
      expect(replaced.url).not.toBe(file.url);
      const versions = await adapter.listVersions({ id: file.id });
      expect(versions.map((version) => [version.versionNumber, version.url, version.current])).toEqual([
        [2, replaced.url, true],
        [1, file.url, false],
      ]);
      await adapter.deleteMedia({ id: file.id });
      expect(revoke).not.toHaveBeenCalled();
      await adapter.purgeMedia({ id: file.id });
      expect(revoke.mock.calls.map(([url]) => url).sort()).toEqual([file.url, replaced.url].sort());
    });

    it('revokes object URLs on reset() and dispose()', async () => {
      const revoke = vi.spyOn(URL, 'revokeObjectURL');
      const adapter = createMemoryAdapter();
      const first = await adapter.uploadMedia({ file: textFile('a.txt') });
      adapter.reset();
      expect(revoke).toHaveBeenCalledWith(first.url);
      const second = await adapter.uploadMedia({ file: textFile('b.txt') });
      adapter.dispose();
      expect(revoke).toHaveBeenCalledWith(second.url);
    });

    it('uses deterministic memory:// urls when object URLs are off or unavailable', async () => {
      const create = vi.spyOn(URL, 'createObjectURL');
      const adapter = createMemoryAdapter({ objectUrls: false });
      const file = await adapter.uploadMedia({ file: textFile('a.txt') });
      expect(file.url).toBe(`memory://${file.id}/v1`);
      expect((await adapter.replaceMedia({ id: file.id, file: textFile('b.txt') })).url).toBe(
        `memory://${file.id}/v2`,
      );
      expect(create).not.toHaveBeenCalled();

      const original = URL.createObjectURL;
      // @ts-expect-error simulating a runtime without object URLs (jsdom, some workers)
      URL.createObjectURL = undefined;
      try {
        const fallback = createMemoryAdapter();
        const uploaded = await fallback.uploadMedia({ file: textFile('c.txt') });
        expect(uploaded.url).toBe(`memory://${uploaded.id}/v1`);
        await fallback.deleteMedia({ id: uploaded.id });
        await fallback.purgeMedia({ id: uploaded.id });
      } finally {
        URL.createObjectURL = original;
      }
    });

    it('restoreVersion serves the old content under a new version url', async () => {
      const adapter = createMemoryAdapter();
      const file = await adapter.uploadMedia({ file: new File(['one'], 'a.txt', { type: 'text/plain' }) });
      await adapter.replaceMedia({
        id: file.id,
        file: new File(['second!'], 'b.txt', { type: 'text/plain' }),
      });
      const restored = await adapter.restoreVersion({ id: file.id, versionNumber: 1 });
      expect(restored).toMatchObject({ version: 3, fileSize: 3 });
      expect(restored.url).not.toBe(file.url);
      const content = await adapter.getContent({ id: file.id });
      expect(await content.blob!.text()).toBe('one');
      expect((await adapter.getContent({ id: file.id, versionNumber: 2 })).fileSize).toBe(7);
      await expectCode(adapter.getContent({ id: file.id, versionNumber: 9 }), 'NOT_FOUND');
      await expectCode(adapter.restoreVersion({ id: file.id, versionNumber: 1.5 }), 'VALIDATION_ERROR');
      await expectCode(adapter.restoreVersion({ id: file.id, versionNumber: 0 }), 'VALIDATION_ERROR');
      await expectCode(adapter.restoreVersion({ id: file.id, versionNumber: 4 }), 'NOT_FOUND');
    });
  });
});
