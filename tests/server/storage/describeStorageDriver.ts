import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { MediaError } from 'mediashelf/core';
import type { StorageDriver } from 'mediashelf/server/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  delay,
  expectMediaError,
  failingBody,
  KIB,
  MIB,
  patternBytes,
  patternSha256,
  patternStream,
  readAll,
  sha256,
  stallingStream,
} from './helpers';

/** What the shared suite needs from a driver under test. */
export interface StorageHarness {
  driver: StorageDriver;
  /** Every key stored under `prefix` (as the driver's keys), to prove a failed put kept nothing. */
  listKeys(prefix: string): Promise<string[]>;
  /** Anything a failed put may have left behind outside the keys (temp files, parts). */
  leftovers?(): Promise<string[]>;
  close?(): Promise<void>;
}

export interface StorageSuiteOptions {
  /** How many keys the batching test deletes; S3 batches by 1,000. */
  manyKeys?: number;
}

const INVALID_KEYS = [
  '',
  '/leading',
  'a/../b',
  '..',
  './a',
  'a//b',
  'trailing/',
  'nul\u0000byte',
  'line\nbreak',
  'del\u007f',
  'back\\slash',
  'x'.repeat(1025),
  'é'.repeat(513),
  `a/${'s'.repeat(256)}`,
];

/**
 * The behaviour every storage driver shares, run against one driver. Each test works under its
 * own random key prefix, so the driver instance is shared.
 */
export function describeStorageDriver(
  name: string,
  setup: () => Promise<StorageHarness>,
  options: StorageSuiteOptions = {},
): void {
  describe(`storage driver contract: ${name}`, () => {
    let harness: StorageHarness;
    let driver: StorageDriver;
    const prefix = () => `t-${randomUUID()}`;

    beforeAll(async () => {
      harness = await setup();
      driver = harness.driver;
    });
    afterAll(async () => {
      await harness?.close?.();
    });

    async function expectNothingKept(keyPrefix: string) {
      expect(await harness.listKeys(keyPrefix)).toEqual([]);
      expect((await harness.leftovers?.()) ?? []).toEqual([]);
    }

    it('round-trips a multi-megabyte streamed body with its size and SHA-256', async () => {
      const key = `${prefix()}/big/v1`;
      const size = 6 * MIB + 123;
      const result = await driver.put(key, patternStream(size, 7), { contentType: 'video/mp4' });
      expect(result).toEqual({ size, sha256: patternSha256(size, 7) });
      const got = await driver.get(key);
      expect(got.size).toBe(size);
      expect(got.contentLength).toBe(size);
      expect(got.range).toBeUndefined();
      const bytes = await readAll(got.body);
      expect(bytes.length).toBe(size);
      expect(sha256(bytes)).toBe(patternSha256(size, 7));
    });

    it('accepts Uint8Array, async iterable and Node Readable bodies, and an empty body', async () => {
      const base = prefix();
      const data = patternBytes(100 * KIB, 3);
      async function* chunked() {
        yield data.subarray(0, 1000);
        yield new Uint8Array(0);
        yield data.subarray(1000);
      }
      const bodies = {
        bytes: data,
        iterable: chunked(),
        readable: Readable.from([Buffer.from(data.subarray(0, 5)), Buffer.from(data.subarray(5))]),
      };
      for (const [kind, body] of Object.entries(bodies)) {
        const result = await driver.put(`${base}/${kind}`, body, { contentType: 'image/png' });
        expect(result, kind).toEqual({ size: data.length, sha256: sha256(data) });
        expect(Buffer.compare(await readAll((await driver.get(`${base}/${kind}`)).body), data), kind).toBe(0);
      }
      const empty = await driver.put(`${base}/empty`, new Uint8Array(0), { contentType: 'text/plain' });
      expect(empty).toEqual({ size: 0, sha256: sha256(new Uint8Array(0)) });
      const got = await driver.get(`${base}/empty`);
      expect([got.size, got.contentLength]).toEqual([0, 0]);
      expect((await readAll(got.body)).length).toBe(0);
    });

    it('does not let a reader change the stored bytes or the caller change them after the put', async () => {
      const key = `${prefix()}/mutable`;
      const data = patternBytes(4096, 5);
      const mine = data.slice();
      await driver.put(key, mine, { contentType: 'application/octet-stream' });
      mine.fill(0);
      const first = await readAll((await driver.get(key)).body);
      first.fill(1);
      expect(Buffer.compare(await readAll((await driver.get(key)).body), data)).toBe(0);
    });

    describe('ranges', () => {
      const data = patternBytes(1000, 9);
      let key: string;
      beforeAll(async () => {
        key = `${prefix()}/ranged`;
        await driver.put(key, data, { contentType: 'audio/mpeg' });
      });

      const cases: [string, { start: number; end?: number }, number, number][] = [
        ['start only', { start: 100 }, 100, 999],
        ['start and end', { start: 10, end: 19 }, 10, 19],
        ['first byte', { start: 0, end: 0 }, 0, 0],
        ['last byte', { start: 999, end: 999 }, 999, 999],
        ['last byte, open end', { start: 999 }, 999, 999],
        ['end past the last byte', { start: 990, end: 5000 }, 990, 999],
        ['whole object', { start: 0, end: 999 }, 0, 999],
      ];
      for (const [label, range, start, end] of cases) {
        it(`serves ${label}`, async () => {
          const got = await driver.get(key, { range });
          expect(got.size).toBe(1000);
          expect(got.range).toEqual({ start, end });
          expect(got.contentLength).toBe(end - start + 1);
          const bytes = await readAll(got.body);
          expect(Buffer.compare(bytes, data.subarray(start, end + 1))).toBe(0);
        });
      }

      it('rejects a start at or past the end with RANGE_NOT_SATISFIABLE and the size', async () => {
        for (const range of [{ start: 1000 }, { start: 1000, end: 1200 }, { start: 5000 }]) {
          const error = await expectMediaError(driver.get(key, { range }), 'RANGE_NOT_SATISFIABLE');
          expect(error.details?.size).toBe(1000);
        }
      });

      it('rejects any range of an empty object with RANGE_NOT_SATISFIABLE', async () => {
        const empty = `${prefix()}/empty`;
        await driver.put(empty, new Uint8Array(0), { contentType: 'text/plain' });
        const error = await expectMediaError(
          driver.get(empty, { range: { start: 0 } }),
          'RANGE_NOT_SATISFIABLE',
        );
        expect(error.details?.size).toBe(0);
      });

      it('rejects malformed ranges with VALIDATION_ERROR', async () => {
        for (const range of [{ start: -1 }, { start: 1.5 }, { start: 10, end: 5 }, { start: 0, end: -1 }]) {
          await expectMediaError(driver.get(key, { range }), 'VALIDATION_ERROR');
        }
      });
    });

    it('answers NOT_FOUND and exists() false for a missing key, also with a range', async () => {
      const key = `${prefix()}/missing`;
      await expectMediaError(driver.get(key), 'NOT_FOUND');
      await expectMediaError(driver.get(key, { range: { start: 0 } }), 'NOT_FOUND');
      expect(await driver.exists(key)).toBe(false);
      await driver.put(key, patternBytes(10), { contentType: 'text/plain' });
      expect(await driver.exists(key)).toBe(true);
    });

    it('treats a key that is only a folder of other keys as missing', async () => {
      const base = prefix();
      await driver.put(`${base}/folder/child`, patternBytes(10), { contentType: 'text/plain' });
      expect(await driver.exists(`${base}/folder`)).toBe(false);
      await expectMediaError(driver.get(`${base}/folder`), 'NOT_FOUND');
      await driver.deleteMany([`${base}/folder`]);
      expect(await driver.exists(`${base}/folder/child`)).toBe(true);
    });

    it('deletes the listed keys only, ignores missing ones and can repeat', async () => {
      const base = prefix();
      const keys = ['a', 'b/c', 'd/e/f'].map((k) => `${base}/${k}`);
      for (const key of keys) await driver.put(key, patternBytes(64), { contentType: 'text/plain' });
      await driver.deleteMany([keys[0]!, keys[1]!, keys[1]!, `${base}/never-existed`]);
      expect(await driver.exists(keys[0]!)).toBe(false);
      expect(await driver.exists(keys[1]!)).toBe(false);
      expect(await driver.exists(keys[2]!)).toBe(true);
      await driver.deleteMany([keys[0]!, keys[1]!]);
      await driver.deleteMany([]);
      expect(await harness.listKeys(base)).toEqual([keys[2]]);
    });

    it('rejects a delete list with an invalid key before deleting anything', async () => {
      const key = `${prefix()}/keep`;
      await driver.put(key, patternBytes(8), { contentType: 'text/plain' });
      await expectMediaError(driver.deleteMany([key, 'a/../b']), 'VALIDATION_ERROR');
      expect(await driver.exists(key)).toBe(true);
    });

    it(`deletes ${options.manyKeys ?? 1050} keys in one call`, async () => {
      const base = prefix();
      const count = options.manyKeys ?? 1050;
      const keys = Array.from({ length: count }, (_, i) => `${base}/${String(i).padStart(5, '0')}`);
      const queue = [...keys];
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          for (let key = queue.shift(); key; key = queue.shift()) {
            await driver.put(key, patternBytes(16, keys.indexOf(key)), { contentType: 'text/plain' });
          }
        }),
      );
      expect((await harness.listKeys(base)).length).toBe(count);
      await driver.deleteMany([...keys, `${base}/missing-1`, `${base}/missing-2`]);
      expect(await harness.listKeys(base)).toEqual([]);
    });

    it('rejects a body over maxSize with FILE_TOO_LARGE and keeps nothing', async () => {
      const base = prefix();
      const error = await expectMediaError(
        driver.put(`${base}/too-big`, patternStream(3 * MIB), { contentType: 'video/mp4', maxSize: MIB }),
        'FILE_TOO_LARGE',
      );
      expect(error.details?.maxSize).toBe(MIB);
      expect(await driver.exists(`${base}/too-big`)).toBe(false);
      await expectNothingKept(base);
      const exact = await driver.put(`${base}/exact`, patternStream(MIB), {
        contentType: 'video/mp4',
        maxSize: MIB,
      });
      expect(exact.size).toBe(MIB);
    });

    it('replaces an object on a second put, and a failed second put keeps the first', async () => {
      const key = `${prefix()}/same`;
      await driver.put(key, patternBytes(500, 1), { contentType: 'text/plain' });
      await driver.put(key, patternBytes(300, 2), { contentType: 'text/plain' });
      let got = await driver.get(key);
      expect(got.size).toBe(300);
      expect(Buffer.compare(await readAll(got.body), patternBytes(300, 2))).toBe(0);
      await expectMediaError(
        driver.put(key, patternBytes(2000, 3), { contentType: 'text/plain', maxSize: 1000 }),
        'FILE_TOO_LARGE',
      );
      got = await driver.get(key);
      expect(Buffer.compare(await readAll(got.body), patternBytes(300, 2))).toBe(0);
    });

    it('rejects ABORTED when the signal fires mid-stream, cancels the body and keeps nothing', async () => {
      const base = prefix();
      const { stream, delivered, cancelled } = stallingStream([
        patternBytes(256 * KIB, 1),
        patternBytes(256 * KIB, 2),
      ]);
      const controller = new AbortController();
      const put = driver.put(`${base}/aborted`, stream, {
        contentType: 'video/mp4',
        signal: controller.signal,
      });
      await delivered;
      controller.abort(new Error('user cancelled'));
      await expectMediaError(put, 'ABORTED');
      await expect(cancelled).resolves.toBeDefined();
      expect(await driver.exists(`${base}/aborted`)).toBe(false);
      await expectNothingKept(base);
    });

    it('rejects ABORTED at once for a signal that already fired', async () => {
      const base = prefix();
      await expectMediaError(
        driver.put(`${base}/pre-aborted`, patternBytes(10), {
          contentType: 'text/plain',
          signal: AbortSignal.abort(),
        }),
        'ABORTED',
      );
      await expectNothingKept(base);
    });

    it('rejects STORAGE_ERROR with the cause when the body fails mid-way, and keeps nothing', async () => {
      const base = prefix();
      const boom = new Error('connection reset by client');
      const error = await expectMediaError(
        driver.put(
          `${base}/broken`,
          failingBody([patternBytes(300 * KIB), patternBytes(300 * KIB, 2)], boom),
          {
            contentType: 'video/mp4',
          },
        ),
        'STORAGE_ERROR',
      );
      expect(error.cause).toBe(boom);
      expect(await driver.exists(`${base}/broken`)).toBe(false);
      await expectNothingKept(base);
    });

    it('passes a MediaError of the body through and rejects non-byte chunks', async () => {
      const base = prefix();
      const sniffed = new MediaError('UNSUPPORTED_TYPE', 'not really a PNG');
      const error = await expectMediaError(
        driver.put(`${base}/sniffed`, failingBody([patternBytes(10)], sniffed), { contentType: 'image/png' }),
        'UNSUPPORTED_TYPE',
      );
      expect(error).toBe(sniffed);
      async function* strings() {
        yield 'text' as unknown as Uint8Array;
      }
      await expectMediaError(
        driver.put(`${base}/strings`, strings(), { contentType: 'text/plain' }),
        'VALIDATION_ERROR',
      );
      await expectNothingKept(base);
    });

    it('rejects invalid keys, content types and limits with VALIDATION_ERROR', async () => {
      for (const key of INVALID_KEYS) {
        await expectMediaError(
          driver.put(key, patternBytes(1), { contentType: 'text/plain' }),
          'VALIDATION_ERROR',
        );
        await expectMediaError(driver.get(key), 'VALIDATION_ERROR');
        await expectMediaError(driver.exists(key), 'VALIDATION_ERROR');
        await expectMediaError(driver.deleteMany([key]), 'VALIDATION_ERROR');
      }
      const key = `${prefix()}/ok`;
      for (const contentType of ['', 'text/plain\r\nX-Evil: 1', undefined as unknown as string]) {
        await expectMediaError(driver.put(key, patternBytes(1), { contentType }), 'VALIDATION_ERROR');
      }
      for (const maxSize of [-1, 1.5, Number.NaN]) {
        await expectMediaError(
          driver.put(key, patternBytes(1), { contentType: 'text/plain', maxSize }),
          'VALIDATION_ERROR',
        );
      }
      expect(await driver.exists(key)).toBe(false);
      // The longest valid key is accepted.
      const longest = `${prefix()}/${'k'.repeat(255)}/${'l'.repeat(255)}/${'m'.repeat(255)}/${'n'.repeat(1024 - 39 - 768)}`;
      expect(Buffer.byteLength(longest)).toBe(1024);
      await driver.put(longest, patternBytes(3), { contentType: 'text/plain' });
      expect(await driver.exists(longest)).toBe(true);
    });

    it('runs concurrent puts of different keys without mixing them up', async () => {
      const base = prefix();
      const sizes = Array.from({ length: 10 }, (_, i) => 200 * KIB + i * 1111);
      const results = await Promise.all(
        sizes.map((size, i) =>
          driver.put(`${base}/${i}`, patternStream(size, i + 100, 16 * KIB), { contentType: 'image/jpeg' }),
        ),
      );
      for (const [i, size] of sizes.entries()) {
        expect(results[i]).toEqual({ size, sha256: patternSha256(size, i + 100, 16 * KIB) });
        const bytes = await readAll((await driver.get(`${base}/${i}`)).body);
        expect(sha256(bytes)).toBe(patternSha256(size, i + 100, 16 * KIB));
      }
    });

    it('shows no object until the put resolves', async () => {
      const key = `${prefix()}/slow`;
      const parts = [patternBytes(128 * KIB, 1), patternBytes(128 * KIB, 2), patternBytes(128 * KIB, 3)];
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      async function* slowBody() {
        yield parts[0]!;
        yield parts[1]!;
        await gate;
        yield parts[2]!;
      }
      const put = driver.put(key, slowBody(), { contentType: 'video/mp4' });
      await delay(50);
      expect(await driver.exists(key)).toBe(false);
      await expectMediaError(driver.get(key), 'NOT_FOUND');
      release();
      const result = await put;
      expect(result.size).toBe(3 * 128 * KIB);
      expect(await driver.exists(key)).toBe(true);
      expect(sha256(await readAll((await driver.get(key)).body))).toBe(sha256(Buffer.concat(parts)));
    });

    it('stops reading the source when a body stream is cancelled', async () => {
      const key = `${prefix()}/cancel-read`;
      await driver.put(key, patternStream(2 * MIB), { contentType: 'video/mp4' });
      const got = await driver.get(key);
      const reader = got.body.getReader();
      const first = await reader.read();
      expect(first.done).toBe(false);
      await reader.cancel();
      // The object stays readable (the driver released, not broke, its handle).
      expect(sha256(await readAll((await driver.get(key)).body))).toBe(patternSha256(2 * MIB));
    });
  });
}
