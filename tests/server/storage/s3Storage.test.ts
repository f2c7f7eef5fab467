import { createHash } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { contentDisposition, createS3Storage } from 'mediashelf/server/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeStorageDriver } from './describeStorageDriver';
import {
  delay,
  expectMediaError,
  failingBody,
  MIB,
  patternBytes,
  patternSha256,
  patternStream,
  readAll,
  sha256,
} from './helpers';
import { startS3Server, TEST_BUCKET, TEST_CREDENTIALS, type TestS3Server } from './s3Server';

interface SentRequest {
  command: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** Records every request the client sends, as it goes on the wire (after checksums, before signing). */
function recordRequests(client: S3Client): SentRequest[] {
  const sent: SentRequest[] = [];
  const middleware =
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) =>
    async (args: { request?: { headers?: Record<string, string>; body?: unknown } }) => {
      sent.push({
        command: context.commandName ?? '?',
        headers: { ...args.request?.headers },
        body: typeof args.request?.body === 'string' ? args.request.body : undefined,
      });
      return next(args);
    };
  client.middlewareStack.add(middleware as never, { step: 'finalizeRequest', name: 'recordRequests' });
  return sent;
}

function commandsOf(sent: SentRequest[]): string[] {
  return sent.map((request) => request.command);
}

let server: TestS3Server;
let serverStarted: Promise<TestS3Server> | undefined;
function s3(): Promise<TestS3Server> {
  serverStarted ??= startS3Server().then((started) => {
    server = started;
    return started;
  });
  return serverStarted;
}
afterAll(async () => {
  await (await serverStarted)?.close();
});

describeStorageDriver('s3 (s3rver)', async () => {
  const { endpoint, listKeys } = await s3();
  return {
    driver: createS3Storage({
      bucket: TEST_BUCKET,
      region: 'us-east-1',
      endpoint,
      credentials: TEST_CREDENTIALS,
      forcePathStyle: true,
    }),
    listKeys,
  };
});

describe('createS3Storage against s3rver', () => {
  beforeAll(async () => {
    await s3();
  });

  function instrumented(options: { partSize?: number; prefix?: string } = {}) {
    const client = server.client();
    const sent = recordRequests(client);
    const driver = createS3Storage({ bucket: TEST_BUCKET, client, ...options });
    return { driver, sent };
  }

  it('uploads a body larger than the part size as a multipart upload', async () => {
    const { driver, sent } = instrumented({ partSize: 5 * MIB });
    const size = 12 * MIB + 7;
    const result = await driver.put('multi/v1', patternStream(size, 4), { contentType: 'video/mp4' });
    expect(result).toEqual({ size, sha256: patternSha256(size, 4) });
    expect(commandsOf(sent)).toEqual([
      'CreateMultipartUploadCommand',
      'UploadPartCommand',
      'UploadPartCommand',
      'UploadPartCommand',
      'CompleteMultipartUploadCommand',
    ]);
    expect(
      sent.some((request) => Object.keys(request.headers).some((h) => h.startsWith('x-amz-checksum-'))),
    ).toBe(false);
    const whole = await driver.get('multi/v1');
    expect(sha256(await readAll(whole.body))).toBe(patternSha256(size, 4));
    // A range across the first part boundary.
    const start = 5 * MIB - 10;
    const across = await driver.get('multi/v1', { range: { start, end: start + 19 } });
    const expected = Buffer.concat([patternBytes(20, 4, start)]);
    expect(Buffer.compare(await readAll(across.body), expected)).toBe(0);
    expect(across).toMatchObject({ size, contentLength: 20, range: { start, end: start + 19 } });
  });

  it('sends a small body as one PutObject with its content type', async () => {
    const { driver, sent } = instrumented();
    await driver.put('single/v1', patternBytes(1000), { contentType: 'image/png' });
    expect(commandsOf(sent)).toEqual(['PutObjectCommand']);
    expect(sent[0]?.headers['content-type']).toBe('image/png');
  });

  it('aborts the multipart upload when the body passes maxSize, and completes nothing', async () => {
    const { driver, sent } = instrumented({ partSize: 5 * MIB });
    const error = await expectMediaError(
      driver.put('too-big/v1', patternStream(12 * MIB), { contentType: 'video/mp4', maxSize: 7 * MIB }),
      'FILE_TOO_LARGE',
    );
    expect(error.details?.maxSize).toBe(7 * MIB);
    const commands = commandsOf(sent);
    expect(commands).toContain('UploadPartCommand');
    expect(commands).toContain('AbortMultipartUploadCommand');
    expect(commands).not.toContain('CompleteMultipartUploadCommand');
    expect(await driver.exists('too-big/v1')).toBe(false);
  });

  it('aborts the multipart upload when the body fails after the first part', async () => {
    const { driver, sent } = instrumented({ partSize: 5 * MIB });
    const boom = new Error('client went away');
    const error = await expectMediaError(
      driver.put('broken/v1', failingBody([patternBytes(6 * MIB)], boom), { contentType: 'video/mp4' }),
      'STORAGE_ERROR',
    );
    expect(error.cause).toBe(boom);
    expect(commandsOf(sent)).toContain('AbortMultipartUploadCommand');
    expect(commandsOf(sent)).not.toContain('CompleteMultipartUploadCommand');
    expect(await server.listKeys('broken/')).toEqual([]);
  });

  it('deletes in batches of 1,000 keys with a Content-MD5 instead of a CRC32 checksum', async () => {
    const { driver, sent } = instrumented();
    const keys = Array.from({ length: 1005 }, (_, i) => `batch/${i}`);
    await driver.put(keys[0]!, patternBytes(5), { contentType: 'text/plain' });
    await driver.put(keys[1004]!, patternBytes(5), { contentType: 'text/plain' });
    sent.length = 0;
    await driver.deleteMany(keys);
    const deletes = sent.filter((request) => request.command === 'DeleteObjectsCommand');
    expect(deletes).toHaveLength(2);
    const counts = deletes
      .map((request) => request.body?.match(/<Key>/g)?.length)
      .sort((a, b) => (a ?? 0) - (b ?? 0));
    expect(counts).toEqual([5, 1000]);
    for (const request of deletes) {
      expect(request.headers['content-md5']).toBe(
        createHash('md5')
          .update(request.body ?? '')
          .digest('base64'),
      );
      expect(Object.keys(request.headers).filter((h) => h.startsWith('x-amz-checksum-'))).toEqual([]);
      expect(request.headers['x-amz-sdk-checksum-algorithm']).toBeUndefined();
    }
    expect(await server.listKeys('batch/')).toEqual([]);
  });

  it('keeps every key under the prefix', async () => {
    const { driver } = instrumented({ prefix: '/tenant-media/' });
    await driver.put('acme/v1', patternBytes(10), { contentType: 'text/plain' });
    expect(await server.listKeys('tenant-media/')).toEqual(['tenant-media/acme/v1']);
    expect(await driver.exists('acme/v1')).toBe(true);
    expect(Buffer.compare(await readAll((await driver.get('acme/v1')).body), patternBytes(10))).toBe(0);
    await driver.deleteMany(['acme/v1']);
    expect(await server.listKeys('tenant-media/')).toEqual([]);
  });

  it('signs GET URLs that work with plain fetch, carry the response headers and expire', async () => {
    const { driver } = instrumented();
    const data = patternBytes(2048, 12);
    await driver.put('signed/v1', data, { contentType: 'application/octet-stream' });
    const fileName = 'Résumé "final".pdf';
    const url = await driver.signedUrl!('signed/v1', {
      expiresInSeconds: 60,
      fileName,
      contentType: 'application/pdf',
    });
    const params = new URL(url).searchParams;
    expect(params.get('X-Amz-Expires')).toBe('60');
    expect(params.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(params.get('response-content-disposition')).toBe(contentDisposition('attachment', fileName));
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(contentDisposition('attachment', fileName));
    expect(Buffer.compare(Buffer.from(await response.arrayBuffer()), data)).toBe(0);

    const inline = await driver.signedUrl!('signed/v1', { expiresInSeconds: 60, disposition: 'inline' });
    expect(new URL(inline).searchParams.get('response-content-disposition')).toBe('inline');

    const shortLived = await driver.signedUrl!('signed/v1', { expiresInSeconds: 1 });
    await delay(2100);
    const expired = await fetch(shortLived);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toMatch(/expired/i);
  });

  it('rejects signed URL lifetimes outside 1 second to 7 days', async () => {
    const { driver } = instrumented();
    for (const expiresInSeconds of [0, -5, 1.5, 604_801]) {
      await expectMediaError(driver.signedUrl!('signed/v1', { expiresInSeconds }), 'VALIDATION_ERROR');
    }
  });

  it('reports a missing bucket and an unreachable server as STORAGE_ERROR', async () => {
    const wrongBucket = createS3Storage({ bucket: 'no-such-bucket', client: server.client() });
    const error = await expectMediaError(wrongBucket.get('a/b'), 'STORAGE_ERROR');
    expect(error.details?.s3Code).toBe('NoSuchBucket');
    await expectMediaError(
      wrongBucket.put('a/b', patternBytes(3), { contentType: 'text/plain' }),
      'STORAGE_ERROR',
    );

    const offline = createS3Storage({
      bucket: TEST_BUCKET,
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9',
      credentials: TEST_CREDENTIALS,
      forcePathStyle: true,
    });
    const down = await expectMediaError(offline.exists('a/b'), 'STORAGE_ERROR');
    expect(down.cause).toBeInstanceOf(Error);
  });

  it('validates its options', () => {
    expect(() => createS3Storage({ bucket: '', region: 'us-east-1' })).toThrow(/bucket/);
    expect(() => createS3Storage({ bucket: 'b' })).toThrow(/region/);
    expect(() => createS3Storage({ bucket: 'b', region: 'r', partSize: MIB })).toThrow(/partSize/);
    expect(() => createS3Storage({ bucket: 'b', region: 'r', queueSize: 0 })).toThrow(/queueSize/);
    expect(() => createS3Storage({ bucket: 'b', region: 'r', prefix: 'a/../b' })).toThrow(/storage key/);
    expect(createS3Storage({ bucket: 'b', region: 'r' }).name).toBe('s3');
  });
});
