import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ListObjectsCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

export const TEST_BUCKET = 'test-bucket';
export const TEST_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** A running s3rver on loopback with an empty `test-bucket`. */
export interface TestS3Server {
  endpoint: string;
  directory: string;
  /** A client configured the way s3rver needs it. */
  client(): S3Client;
  /** Keys in the bucket that start with `prefix`. */
  listKeys(prefix: string): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * s3rver 3.7 deletes the objects of one DeleteObjects request all at once, and each delete then
 * removes its folder when it looks empty (`readdirSync` + `rmdir`). Two deletes in one folder
 * race, and the loser's ENOENT becomes a 500 InternalError. Real S3 has no folders; running the
 * store's deletes one at a time removes the race from the tests.
 */
function serializeDeletes(server: S3rver): void {
  const store = (server as unknown as { store: { deleteObject(bucket: string, key: string): Promise<void> } })
    .store;
  const deleteObject = store.deleteObject.bind(store);
  let queue: Promise<unknown> = Promise.resolve();
  store.deleteObject = (bucket, key) => {
    const next = queue.then(() => deleteObject(bucket, key));
    queue = next.catch(() => undefined);
    return next;
  };
}

/** Starts s3rver on 127.0.0.1 on a free port, storing in a fresh temp folder. */
export async function startS3Server(): Promise<TestS3Server> {
  const directory = await mkdtemp(path.join(tmpdir(), 'mediashelf-s3rver-'));
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: [{ name: TEST_BUCKET }],
  });
  serializeDeletes(server);
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = () =>
    new S3Client({
      region: 'us-east-1',
      endpoint,
      forcePathStyle: true,
      credentials: TEST_CREDENTIALS,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  const lister = client();
  return {
    endpoint,
    directory,
    client,
    async listKeys(prefix) {
      // ListObjectsV2 pages with a DES-encrypted continuation token, which s3rver 3.7 cannot
      // create on OpenSSL 3 (a 500 once there are over 1,000 keys); V1 pages by marker instead.
      const keys: string[] = [];
      let marker: string | undefined;
      for (;;) {
        const page = await lister.send(
          new ListObjectsCommand({ Bucket: TEST_BUCKET, Prefix: prefix, Marker: marker }),
        );
        for (const item of page.Contents ?? []) if (item.Key) keys.push(item.Key);
        if (!page.IsTruncated || keys.length === 0) break;
        marker = keys[keys.length - 1];
      }
      return keys.sort();
    },
    async close() {
      lister.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
