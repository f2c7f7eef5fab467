import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MediaContext } from '../../../src/server/service/MediaService';
import { encodeTenantSegment } from '../../../src/server/storage';
import { describeWithPostgres } from '../db/pgTestDatabase';
import { createFaultyStorage, type FaultyStorage } from './faultyStorage';
import { createServiceHarness, type HarnessDialect, type ServiceHarness } from './serviceHarness';
import {
  contentOf,
  EXE_BYTES,
  expectStorageMatchesRows,
  intents,
  PNG_BYTES,
  readText,
  rejection,
  streamOf,
  textBytes,
  uploadText,
} from './serviceTestUtils';

const MAX_FILE_SIZE = 1000;

/** A body that records how far it was read and whether its producer was told to stop. */
function trackedStream(chunks: Uint8Array[], options: { hangAfter?: number; onLast?: () => void } = {}) {
  const state = { pulls: 0, cancelled: false };
  let index = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulls += 1;
      if (options.hangAfter !== undefined && index >= options.hangAfter) return new Promise<void>(() => {});
      const chunk = chunks[index];
      index += 1;
      if (!chunk) {
        controller.close();
        return;
      }
      controller.enqueue(chunk);
      if (index === chunks.length) options.onLast?.();
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

function contentSuite(dialect: HarnessDialect) {
  let harness: ServiceHarness;
  let storage: FaultyStorage;

  beforeAll(async () => {
    storage = createFaultyStorage();
    harness = await createServiceHarness(dialect, {
      storage,
      limits: { maxFileSize: MAX_FILE_SIZE },
      bulk: { pollIntervalMs: 0 },
    });
  }, 120_000);
  afterAll(async () => harness?.close());
  afterEach(async () => {
    await expectStorageMatchesRows(harness.database.db, storage);
    storage.resetLog();
  });

  /** Nothing of the tenant anywhere: no object, no row, no leftover intent. */
  const expectNothingStored = async (context: MediaContext) => {
    const prefix = `${encodeTenantSegment(context.tenantId)}/`;
    expect(storage.keys().filter((key) => key.startsWith(prefix))).toEqual([]);
    expect(storage.stored.filter((key) => key.startsWith(prefix))).toEqual([]);
    const rows = await harness.database.db
      .selectFrom('media_files')
      .select('id')
      .where('tenant_id', '=', context.tenantId)
      .execute();
    expect(rows).toEqual([]);
    expect(await intents(harness.database.db, context.tenantId)).toEqual([]);
  };

  describe('refused uploads store nothing', () => {
    it('a declared image/png whose bytes are an executable: UNSUPPORTED_TYPE', async () => {
      const context = harness.newContext();
      const rest = new Uint8Array(200).fill(0x41);
      const { stream } = trackedStream([EXE_BYTES, rest, rest]);
      const error = await rejection(
        harness.service.uploadMedia(context, { body: stream, fileName: 'cat.png', contentType: 'image/png' }),
        'UNSUPPORTED_TYPE',
      );
      expect(error.message).toMatch(/executable/);
      await expectNothingStored(context);
      // The same bytes as a replacement of a real PNG are refused too, and the PNG stays.
      const png = await harness.service.uploadMedia(context, {
        body: PNG_BYTES,
        fileName: 'real.png',
        contentType: 'image/png',
      });
      expect(png).toMatchObject({ fileType: 'image/png', kind: 'image', fileSize: PNG_BYTES.length });
      await rejection(
        harness.service.replaceMedia(context, {
          id: png.id,
          body: streamOf([EXE_BYTES]),
          contentType: 'image/png',
        }),
        'UNSUPPORTED_TYPE',
      );
      expect(await harness.service.getMedia(context, { id: png.id })).toEqual(png);
      expect(storage.stored).toHaveLength(1);
    });

    it('a streamed body larger than maxFileSize (no size declared): FILE_TOO_LARGE, reading stops', async () => {
      const context = harness.newContext();
      const chunk = textBytes('x'.repeat(300));
      const { stream, state } = trackedStream(Array.from({ length: 20 }, () => chunk));
      const error = await rejection(
        harness.service.uploadMedia(context, {
          body: stream,
          fileName: 'big.txt',
          contentType: 'text/plain',
        }),
        'FILE_TOO_LARGE',
      );
      expect(error.details).toMatchObject({ maxSize: MAX_FILE_SIZE });
      // It stopped at the chunk that crossed the limit and told the producer to stop.
      expect(state.pulls).toBeLessThanOrEqual(6);
      await expect.poll(() => state.cancelled).toBe(true);
      await expectNothingStored(context);
    });

    it('a declared size above maxFileSize: FILE_TOO_LARGE before reading a byte', async () => {
      const context = harness.newContext();
      const { stream, state } = trackedStream([textBytes('small')]);
      await rejection(
        harness.service.uploadMedia(context, {
          body: stream,
          fileName: 'big.txt',
          contentType: 'text/plain',
          size: MAX_FILE_SIZE + 1,
        }),
        'FILE_TOO_LARGE',
      );
      expect(state.pulls).toBeLessThanOrEqual(1);
      await expectNothingStored(context);
    });

    it('exactly maxFileSize bytes is accepted', async () => {
      const context = harness.newContext();
      const file = await uploadText(harness.service, context, 'y'.repeat(MAX_FILE_SIZE), 'full.txt');
      expect(file.fileSize).toBe(MAX_FILE_SIZE);
    });

    it('a replacement larger than maxFileSize: FILE_TOO_LARGE, the file is unchanged', async () => {
      const context = harness.newContext();
      const file = await uploadText(harness.service, context, 'small');
      const chunk = textBytes('z'.repeat(400));
      await rejection(
        harness.service.replaceMedia(context, { id: file.id, body: streamOf([chunk, chunk, chunk]) }),
        'FILE_TOO_LARGE',
      );
      expect(await harness.service.getMedia(context, { id: file.id })).toEqual(file);
      expect(await contentOf(harness.service, context, file.id)).toBe('small');
    });

    it('an abort mid-stream: ABORTED at once, though the body stalls, and the producer is stopped', async () => {
      const context = harness.newContext();
      const controller = new AbortController();
      const { stream, state } = trackedStream([textBytes('a'.repeat(100)), textBytes('b'.repeat(100))], {
        hangAfter: 1,
      });
      const loaded: number[] = [];
      await rejection(
        harness.service.uploadMedia(context, {
          body: stream,
          fileName: 'aborted.txt',
          contentType: 'text/plain',
          signal: controller.signal,
          onProgress: (bytes) => {
            loaded.push(bytes);
            setTimeout(() => controller.abort(), 20);
          },
        }),
        'ABORTED',
      );
      expect(loaded).toEqual([100]);
      await expect.poll(() => state.cancelled).toBe(true);
      await expectNothingStored(context);
    });

    it('an abort as the last byte arrives: ABORTED, the complete object is not kept', async () => {
      const context = harness.newContext();
      const controller = new AbortController();
      const { stream } = trackedStream([textBytes('a'.repeat(100)), textBytes('b'.repeat(100))], {
        onLast: () => controller.abort(),
      });
      await rejection(
        harness.service.uploadMedia(context, {
          body: stream,
          fileName: 'late.txt',
          contentType: 'text/plain',
          signal: controller.signal,
        }),
        'ABORTED',
      );
      await expectNothingStored(context);
    });

    it('an already aborted signal: ABORTED before anything is written', async () => {
      const context = harness.newContext();
      const { stream, state } = trackedStream([textBytes('data')]);
      await rejection(
        harness.service.uploadMedia(context, {
          body: stream,
          fileName: 'never.txt',
          signal: AbortSignal.abort(),
        }),
        'ABORTED',
      );
      expect(state.pulls).toBeLessThanOrEqual(1);
      await expectNothingStored(context);
    });
  });

  describe('versions', () => {
    it('replace writes a new object per version and keeps every old version readable', async () => {
      const { service } = harness;
      const context = harness.newContext();
      const file = await uploadText(service, context, 'one');
      const v2 = await service.replaceMedia(context, { id: file.id, body: textBytes('two!') });
      const v3 = await service.replaceMedia(context, {
        id: file.id,
        body: streamOf([textBytes('thr'), textBytes('ee')]),
        contentType: 'text/plain',
      });
      expect([v2.version, v3.version]).toEqual([2, 3]);
      expect(v3).toMatchObject({ id: file.id, fileSize: 5, fileName: file.fileName });
      expect(v3.url).toContain('v=3');
      expect(storage.stored).toHaveLength(3);
      expect(new Set(storage.stored).size).toBe(3);
      expect(await contentOf(service, context, file.id)).toBe('three');
      expect(await contentOf(service, context, file.id, 1)).toBe('one');
      expect(await contentOf(service, context, file.id, 2)).toBe('two!');
      expect(await contentOf(service, context, file.id, 3)).toBe('three');
      const opened = await service.openContent(context, { id: file.id, version: 1 });
      expect(opened).toMatchObject({ versionNumber: 1, size: 3, contentLength: 3, fileType: 'text/plain' });
      expect(opened.checksumSha256).toBe(createHash('sha256').update('one').digest('hex'));
      expect(opened.file.version).toBe(3);
      await opened.body.cancel();
      const versions = await service.listVersions(context, { id: file.id });
      expect(
        versions.map(({ versionNumber, fileSize, current }) => ({ versionNumber, fileSize, current })),
      ).toEqual([
        { versionNumber: 3, fileSize: 5, current: true },
        { versionNumber: 2, fileSize: 4, current: false },
        { versionNumber: 1, fileSize: 3, current: false },
      ]);
      await rejection(service.openContent(context, { id: file.id, version: 4 }), 'NOT_FOUND');
      await rejection(service.openContent(context, { id: file.id, version: 0 }), 'VALIDATION_ERROR');
      // Old versions stay readable from the trash too.
      await service.deleteMedia(context, { id: file.id });
      expect(await contentOf(service, context, file.id, 1)).toBe('one');
      await rejection(service.replaceMedia(context, { id: file.id, body: textBytes('x') }), 'CONFLICT');
      expect(storage.stored).toHaveLength(3);
    });

    it('restoreVersion reuses the old object, and purge removes every object exactly once', async () => {
      const { service } = harness;
      const context = harness.newContext();
      const file = await uploadText(service, context, 'first');
      await service.replaceMedia(context, { id: file.id, body: textBytes('second') });
      const [key1, key2] = storage.stored;
      const restored = await service.restoreVersion(context, { id: file.id, versionNumber: 1 });
      expect(restored).toMatchObject({ version: 3, fileSize: 5 });
      expect(await contentOf(service, context, file.id)).toBe('first');
      const again = await service.restoreVersion(context, { id: file.id, versionNumber: 2 });
      expect(again).toMatchObject({ version: 4, fileSize: 6 });
      expect(await contentOf(service, context, file.id)).toBe('second');
      // No new object: versions 3 and 4 point at the objects of 1 and 2.
      expect(storage.stored).toEqual([key1, key2]);
      const rows = await harness.database.db
        .selectFrom('media_file_versions')
        .select(['version_number', 'storage_key', 'checksum'])
        .where('media_id', '=', file.id)
        .orderBy('version_number')
        .execute();
      expect(rows.map((row) => [row.version_number, row.storage_key])).toEqual([
        [1, key1],
        [2, key2],
        [3, key1],
        [4, key2],
      ]);
      expect(rows[2]!.checksum).toBe(rows[0]!.checksum);
      const current = await harness.database.db
        .selectFrom('media_files')
        .select('storage_key')
        .where('id', '=', file.id)
        .executeTakeFirstOrThrow();
      expect(current.storage_key).toBe(key2);
      const history = await service.getHistory(context, { id: file.id });
      expect(history.items.map((entry) => entry.operation)).toEqual([
        'version_restore',
        'version_restore',
        'replace',
        'upload',
      ]);
      await rejection(service.restoreVersion(context, { id: file.id, versionNumber: 9 }), 'NOT_FOUND');

      await service.deleteMedia(context, { id: file.id });
      await service.purgeMedia(context, { id: file.id });
      expect([...storage.deleteRequests].sort()).toEqual([key1!, key2!].sort());
      expect(await storage.exists(key1!)).toBe(false);
      expect(await storage.exists(key2!)).toBe(false);
      expect(await harness.service.purgeExpired()).toMatchObject({ sweptObjects: 0 });
      expect(storage.deleteRequests).toHaveLength(2);
    });
  });

  describe('openContent ranges', () => {
    it('serves byte ranges of the current and of older versions', async () => {
      const { service } = harness;
      const context = harness.newContext();
      const file = await uploadText(service, context, '0123456789');
      await service.replaceMedia(context, { id: file.id, body: textBytes('abcdefghijklmnopqrstuvwxyz') });
      const read = async (range: { start: number; end?: number }, version?: number) => {
        const opened = await service.openContent(context, {
          id: file.id,
          range,
          ...(version ? { version } : {}),
        });
        return {
          text: await readText(opened.body),
          size: opened.size,
          contentLength: opened.contentLength,
          range: opened.range,
        };
      };
      expect(await read({ start: 2, end: 5 })).toEqual({
        text: 'cdef',
        size: 26,
        contentLength: 4,
        range: { start: 2, end: 5 },
      });
      expect(await read({ start: 23 })).toEqual({
        text: 'xyz',
        size: 26,
        contentLength: 3,
        range: { start: 23, end: 25 },
      });
      expect(await read({ start: 24, end: 1000 })).toMatchObject({
        text: 'yz',
        range: { start: 24, end: 25 },
      });
      expect(await read({ start: 0, end: 0 })).toMatchObject({ text: 'a', contentLength: 1 });
      expect(await read({ start: 7, end: 8 }, 1)).toEqual({
        text: '78',
        size: 10,
        contentLength: 2,
        range: { start: 7, end: 8 },
      });
      const past = await rejection(
        service.openContent(context, { id: file.id, range: { start: 26 } }),
        'RANGE_NOT_SATISFIABLE',
      );
      expect(past.details).toMatchObject({ size: 26 });
      await rejection(
        service.openContent(context, { id: file.id, range: { start: 10 }, version: 1 }),
        'RANGE_NOT_SATISFIABLE',
      );
      await rejection(
        service.openContent(context, { id: file.id, range: { start: 5, end: 2 } }),
        'VALIDATION_ERROR',
      );
      await rejection(
        service.openContent(context, { id: file.id, range: { start: -1 } }),
        'VALIDATION_ERROR',
      );
      const whole = await service.openContent(context, { id: file.id });
      expect(whole.range).toBeUndefined();
      expect(whole.contentLength).toBe(26);
      expect(await readText(whole.body)).toBe('abcdefghijklmnopqrstuvwxyz');
    });
  });
}

describe('upload, versions and content on PGlite', () => contentSuite('pglite'));
describeWithPostgres('upload, versions and content on PostgreSQL', () => contentSuite('postgres'));
