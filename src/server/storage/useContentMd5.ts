import { createHash } from 'node:crypto';
import type { DeleteObjectsCommand } from '@aws-sdk/client-s3';

type StackMiddleware = Parameters<DeleteObjectsCommand['middlewareStack']['addRelativeTo']>[0];

interface BuildArgs {
  request?: { headers?: Record<string, string>; body?: unknown };
}

/**
 * Sends `Content-MD5` with a DeleteObjects request in place of the SDK's CRC32 checksum, which
 * services such as B2 and older MinIO reject (the fallback the AWS SDK documents). Added per
 * command, so a client passed in by the user is left as it was.
 */
export function useContentMd5(command: DeleteObjectsCommand): void {
  const middleware = (next: (args: BuildArgs) => Promise<unknown>) => async (args: BuildArgs) => {
    const request = args.request;
    if (request?.headers && (typeof request.body === 'string' || request.body instanceof Uint8Array)) {
      for (const header of Object.keys(request.headers)) {
        const lower = header.toLowerCase();
        if (lower.startsWith('x-amz-checksum-') || lower === 'x-amz-sdk-checksum-algorithm') {
          delete request.headers[header];
        }
      }
      request.headers['content-md5'] = createHash('md5').update(request.body).digest('base64');
    }
    return next(args);
  };
  command.middlewareStack.addRelativeTo(middleware as unknown as StackMiddleware, {
    relation: 'after',
    toMiddleware: 'flexibleChecksumsMiddleware',
    name: 'mediashelfContentMd5',
  });
}
