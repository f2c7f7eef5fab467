import { Readable } from 'node:stream';
import type { GetObjectCommandOutput, S3Client } from '@aws-sdk/client-s3';
import { MediaError } from 'mediashelf/core';
import { assertValidContentType } from './assertValidContentType';
import { contentDisposition } from './contentDisposition';
import { meterBody } from './meterBody';
import { assertValidRange, resolveRange } from './resolveRange';
import { runConcurrently } from './runConcurrently';
import type { S3StorageOptions } from './S3StorageOptions';
import type {
  SignedUrlOptions,
  StorageBody,
  StorageDriver,
  StorageGetOptions,
  StorageGetResult,
  StoragePutOptions,
} from './StorageDriver';
import { isS3InvalidRange, isS3NotFound, parseContentRange, s3ErrorDetails } from './s3Errors';
import { sliceBytes } from './sliceBytes';
import { toReadableStream } from './toReadableStream';
import { toStorageError } from './toStorageError';
import { useContentMd5 } from './useContentMd5';
import { assertValidStorageKey, MAX_STORAGE_KEY_BYTES, validateStorageKeyList } from './validateStorageKey';

const MIB = 1024 * 1024;
const DELETE_BATCH = 1000;
const DELETE_CONCURRENCY = 4;
const MAX_SIGNED_URL_SECONDS = 7 * 24 * 60 * 60;
const SDK_PACKAGES = ['@aws-sdk/client-s3', '@aws-sdk/lib-storage', '@aws-sdk/s3-request-presigner'];

type ClientModule = typeof import('@aws-sdk/client-s3');
type StorageModule = typeof import('@aws-sdk/lib-storage');
type PresignerModule = typeof import('@aws-sdk/s3-request-presigner');

/**
 * Loads one of the optional AWS SDK packages. They are imported only here and only when an S3
 * driver is used, so installations that store on disk never need them.
 */
async function loadSdk<T>(name: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (cause) {
    throw new MediaError(
      'STORAGE_ERROR',
      `The S3 storage driver could not load ${name}. Install the AWS SDK packages it needs: npm install ${SDK_PACKAGES.join(' ')}`,
      { cause, details: { package: name, install: SDK_PACKAGES } },
    );
  }
}

function positiveInteger(name: string, value: number | undefined, fallback: number, minimum: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new MediaError('VALIDATION_ERROR', `${name} must be an integer of at least ${minimum}`, {
      details: { [name]: value },
    });
  }
  return value;
}

function normalizePrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? '').replace(/^\/+|\/+$/g, '');
  if (trimmed === '') return '';
  assertValidStorageKey(trimmed);
  return `${trimmed}/`;
}

/** Closes the connection behind a response body that will not be read. */
function release(body: AsyncIterable<Uint8Array>): void {
  (body as { destroy?: () => void }).destroy?.();
}

interface Connection {
  sdk: ClientModule;
  client: S3Client;
}

/**
 * A storage driver for S3 and S3-compatible services (Backblaze B2, AWS S3, MinIO, Cloudflare
 * R2); see {@link S3StorageOptions} for an example of each. Needs the optional peer packages
 * `@aws-sdk/client-s3`, `@aws-sdk/lib-storage` and `@aws-sdk/s3-request-presigner`, loaded on
 * first use; when they are missing the first call rejects `STORAGE_ERROR` naming them.
 *
 * A put streams through a multipart upload (`partSize` chunks, `queueSize` in flight), counting
 * and hashing on the way. When the body passes `maxSize`, fails or is aborted, the multipart
 * upload is aborted before it completes, so no object appears under the key. Add a lifecycle
 * rule that aborts incomplete multipart uploads after a day: if the abort request itself fails,
 * the bucket then still cleans up the stored parts. Once the whole body has been read, an abort
 * can no longer stop the final request and the put may complete.
 *
 * `deleteMany` sends DeleteObjects in batches of 1,000 keys, `exists` a HeadObject, `get` a
 * (ranged) GetObject, and `signedUrl` presigns a GetObject with the response headers set.
 */
export function createS3Storage(options: S3StorageOptions): StorageDriver {
  const { bucket, client: givenClient } = options ?? {};
  if (typeof bucket !== 'string' || bucket.length === 0) {
    throw new MediaError('VALIDATION_ERROR', 'createS3Storage needs a bucket');
  }
  if (!givenClient && (typeof options.region !== 'string' || options.region.length === 0)) {
    throw new MediaError('VALIDATION_ERROR', 'createS3Storage needs a region (or a client)');
  }
  const partSize = positiveInteger('partSize', options.partSize, 8 * MIB, 5 * MIB);
  const queueSize = positiveInteger('queueSize', options.queueSize, 4, 1);
  const prefix = normalizePrefix(options.prefix);

  let connection: Promise<Connection> | undefined;
  function connect(): Promise<Connection> {
    connection ??= loadSdk('@aws-sdk/client-s3', () => import('@aws-sdk/client-s3')).then((sdk) => ({
      sdk,
      client:
        givenClient ??
        new sdk.S3Client({
          region: options.region,
          ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
          ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
          forcePathStyle: options.forcePathStyle ?? false,
          // B2, s3rver and older MinIO reject the CRC checksums the SDK sends by default.
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
        }),
    }));
    // A failed load is not cached, so installing the packages fixes a running process.
    connection.catch(() => {
      connection = undefined;
    });
    return connection;
  }

  function objectKey(key: string): string {
    assertValidStorageKey(key);
    const full = prefix + key;
    if (Buffer.byteLength(full) > MAX_STORAGE_KEY_BYTES) {
      throw new MediaError(
        'VALIDATION_ERROR',
        `Key and prefix together exceed ${MAX_STORAGE_KEY_BYTES} bytes`,
        {
          details: { key },
        },
      );
    }
    return full;
  }

  function failure(error: unknown, action: string, key?: string): MediaError {
    return toStorageError(error, action, { ...(key === undefined ? {} : { key }), ...s3ErrorDetails(error) });
  }

  async function objectSize(key: string): Promise<number> {
    const { sdk, client } = await connect();
    const head = await client.send(new sdk.HeadObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
    return head.ContentLength ?? 0;
  }

  return {
    name: 's3',

    async put(key: string, body: StorageBody, putOptions: StoragePutOptions) {
      const Key = objectKey(key);
      assertValidContentType(putOptions?.contentType);
      const metered = meterBody(body, putOptions);
      try {
        const { client } = await connect();
        const { Upload } = await loadSdk<StorageModule>(
          '@aws-sdk/lib-storage',
          () => import('@aws-sdk/lib-storage'),
        );
        const upload = new Upload({
          client,
          params: {
            Bucket: bucket,
            Key,
            ContentType: putOptions.contentType,
            Body: Readable.from(metered.chunks),
          },
          partSize,
          queueSize,
          leavePartsOnError: false,
        });
        await upload.done();
        return metered.result();
      } catch (error) {
        // The body's own failure is the reason; the SDK only reports its consequence.
        if (metered.failure) throw metered.failure;
        // The upload failed first (e.g. a rejected part): stop the body's producer too.
        metered.stop();
        throw failure(error, 'Uploading to S3', key);
      }
    },

    async get(key: string, getOptions: StorageGetOptions = {}): Promise<StorageGetResult> {
      const Key = objectKey(key);
      const requested = getOptions.range;
      assertValidRange(requested);
      const { sdk, client } = await connect();
      let output: GetObjectCommandOutput;
      try {
        output = await client.send(
          new sdk.GetObjectCommand({
            Bucket: bucket,
            Key,
            ...(requested ? { Range: `bytes=${requested.start}-${requested.end ?? ''}` } : {}),
          }),
        );
      } catch (error) {
        if (isS3NotFound(error))
          throw new MediaError('NOT_FOUND', 'No stored object under this key', { details: { key } });
        if (requested && isS3InvalidRange(error)) {
          const size = await objectSize(key).catch(() => undefined);
          // Throws RANGE_NOT_SATISFIABLE with the size, which the 416 reply does not carry.
          if (size !== undefined) resolveRange(requested, size);
          throw new MediaError('RANGE_NOT_SATISFIABLE', 'The requested range is not satisfiable', {
            details: { ...(size === undefined ? {} : { size }), start: requested.start, end: requested.end },
          });
        }
        throw failure(error, 'Reading from S3', key);
      }
      const source = output.Body as unknown as AsyncIterable<Uint8Array> | undefined;
      if (!source || !(Symbol.asyncIterator in source)) {
        throw new MediaError('STORAGE_ERROR', 'S3 returned no readable body', { details: { key } });
      }
      const served = parseContentRange(output.ContentRange);
      const size = served?.size ?? output.ContentLength ?? 0;
      if (!requested) {
        return { body: toReadableStream(source), size, contentLength: size };
      }
      let range: ReturnType<typeof resolveRange>;
      try {
        range = resolveRange(requested, size);
      } catch (error) {
        release(source);
        throw error;
      }
      // Some S3-compatible servers answer a range with more than was asked (s3rver ignores an
      // end of 0) or with the whole object: cut out exactly the requested bytes.
      const servedStart = served?.start ?? 0;
      const servedEnd = served?.end ?? size - 1;
      if (servedStart > range.start || servedEnd < range.end) {
        release(source);
        throw new MediaError('STORAGE_ERROR', 'S3 served a different range than requested', {
          details: { key, requested: range, served: output.ContentRange },
        });
      }
      const contentLength = range.end - range.start + 1;
      const body = toReadableStream(sliceBytes(source, range.start - servedStart, contentLength));
      return { body, size, contentLength, range };
    },

    async deleteMany(keys: string[]) {
      const fullKeys = validateStorageKeyList(keys).map(objectKey);
      if (fullKeys.length === 0) return;
      const { sdk, client } = await connect();
      const batches: string[][] = [];
      for (let index = 0; index < fullKeys.length; index += DELETE_BATCH) {
        batches.push(fullKeys.slice(index, index + DELETE_BATCH));
      }
      const failedKeys: string[] = [];
      const failures = await runConcurrently(batches, DELETE_CONCURRENCY, async (batch) => {
        const command = new sdk.DeleteObjectsCommand({
          Bucket: bucket,
          Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
        });
        useContentMd5(command);
        const result = await client.send(command);
        for (const error of result.Errors ?? []) {
          // Some S3-compatible services report a key that is already gone.
          if (error.Code !== 'NoSuchKey' && error.Key !== undefined)
            failedKeys.push(error.Key.slice(prefix.length));
        }
      });
      if (failures.length > 0) {
        throw failure(failures[0]?.error, 'Deleting from S3');
      }
      if (failedKeys.length > 0) {
        throw new MediaError('STORAGE_ERROR', `S3 could not delete ${failedKeys.length} object(s)`, {
          details: { failedKeys },
        });
      }
    },

    async exists(key: string) {
      const Key = objectKey(key);
      const { sdk, client } = await connect();
      try {
        await client.send(new sdk.HeadObjectCommand({ Bucket: bucket, Key }));
        return true;
      } catch (error) {
        if (isS3NotFound(error)) return false;
        throw failure(error, 'Checking S3', key);
      }
    },

    async signedUrl(key: string, urlOptions: SignedUrlOptions) {
      const Key = objectKey(key);
      const expiresIn = urlOptions?.expiresInSeconds;
      if (!Number.isSafeInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_SIGNED_URL_SECONDS) {
        throw new MediaError(
          'VALIDATION_ERROR',
          `expiresInSeconds must be an integer from 1 to ${MAX_SIGNED_URL_SECONDS}`,
          {
            details: { expiresInSeconds: expiresIn },
          },
        );
      }
      const { fileName, contentType } = urlOptions;
      const disposition = urlOptions.disposition ?? (fileName ? 'attachment' : undefined);
      if (contentType !== undefined) assertValidContentType(contentType);
      const { sdk, client } = await connect();
      const { getSignedUrl } = await loadSdk<PresignerModule>(
        '@aws-sdk/s3-request-presigner',
        () => import('@aws-sdk/s3-request-presigner'),
      );
      const command = new sdk.GetObjectCommand({
        Bucket: bucket,
        Key,
        ...(disposition ? { ResponseContentDisposition: contentDisposition(disposition, fileName) } : {}),
        ...(contentType ? { ResponseContentType: contentType } : {}),
      });
      try {
        return await getSignedUrl(client, command, { expiresIn });
      } catch (error) {
        throw failure(error, 'Signing an S3 URL', key);
      }
    },
  };
}
