import type { S3Client } from '@aws-sdk/client-s3';

/**
 * Options of {@link createS3Storage}.
 *
 * @example Backblaze B2 (the region is the one in the endpoint)
 * ```ts
 * createS3Storage({
 *   bucket: 'my-media',
 *   region: 'us-west-004',
 *   endpoint: 'https://s3.us-west-004.backblazeb2.com',
 *   credentials: { accessKeyId: process.env.B2_KEY_ID!, secretAccessKey: process.env.B2_APP_KEY! },
 * });
 * ```
 * @example AWS S3 (credentials may also come from the environment or an instance role)
 * ```ts
 * createS3Storage({ bucket: 'my-media', region: 'eu-central-1' });
 * ```
 * @example MinIO (path-style addressing)
 * ```ts
 * createS3Storage({
 *   bucket: 'media',
 *   region: 'us-east-1',
 *   endpoint: 'http://localhost:9000',
 *   forcePathStyle: true,
 *   credentials: { accessKeyId: 'minioadmin', secretAccessKey: 'minioadmin' },
 * });
 * ```
 * @example Cloudflare R2
 * ```ts
 * createS3Storage({
 *   bucket: 'media',
 *   region: 'auto',
 *   endpoint: `https://${accountId}.r2.cloudflarestorage.com`,
 *   credentials: { accessKeyId: process.env.R2_KEY_ID!, secretAccessKey: process.env.R2_SECRET! },
 * });
 * ```
 */
export interface S3StorageOptions {
  /** Bucket that holds the objects. */
  bucket: string;
  /** Region of the bucket (`auto` for R2). Required unless `client` is given. */
  region?: string;
  /** Endpoint of an S3-compatible service; omit for AWS S3. */
  endpoint?: string;
  /** Access key; without it the SDK's default chain (environment, profile, role) applies. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Address buckets as `endpoint/bucket` instead of `bucket.endpoint` (MinIO, local servers). */
  forcePathStyle?: boolean;
  /** Folder inside the bucket prepended to every key, e.g. `media` for `media/<key>`. */
  prefix?: string;
  /**
   * A client of your own; the connection options above are then ignored. Give it
   * `requestChecksumCalculation: 'WHEN_REQUIRED'` and `responseChecksumValidation: 'WHEN_REQUIRED'`
   * for services that reject the SDK's default CRC checksums (B2, older MinIO, s3rver).
   */
  client?: S3Client;
  /** Bytes per multipart part, at least 5 MiB (the S3 minimum). Defaults to 8 MiB. */
  partSize?: number;
  /** Parts uploaded at once per put. Memory per put is about `partSize × (queueSize + 1)`. Defaults to 4. */
  queueSize?: number;
}
