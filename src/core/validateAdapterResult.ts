import type { MediaAdapter, MediaAdapterMethod } from './MediaAdapter';
import { MediaError } from './MediaError';
import { MEDIA_KINDS } from './types';

type Check = (value: unknown, path: string) => string | null;

const describe = (value: unknown) =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'an array'
      : typeof value === 'string'
        ? JSON.stringify(value)
        : typeof value;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const string: Check = (value, path) =>
  typeof value === 'string' ? null : `${path} must be a string, received ${describe(value)}`;
const count: Check = (value, path) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0
    ? null
    : `${path} must be a whole number >= 0, received ${describe(value)}`;
const boolean: Check = (value, path) =>
  typeof value === 'boolean' ? null : `${path} must be a boolean, received ${describe(value)}`;
const isoDate: Check = (value, path) =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value))
    ? null
    : `${path} must be an ISO date string, received ${describe(value)}`;
const nullable =
  (check: Check): Check =>
  (value, path) =>
    value === null ? null : check(value, path);
const optional =
  (check: Check): Check =>
  (value, path) =>
    value === undefined ? null : check(value, path);
const oneOf =
  (...allowed: string[]): Check =>
  (value, path) =>
    typeof value === 'string' && allowed.includes(value)
      ? null
      : `${path} must be one of ${allowed.join(', ')}, received ${describe(value)}`;
const shape =
  (fields: Record<string, Check>): Check =>
  (value, path) => {
    if (!isObject(value)) return `${path} must be an object, received ${describe(value)}`;
    for (const [key, check] of Object.entries(fields)) {
      const problem = check(value[key], `${path}.${key}`);
      if (problem) return problem;
    }
    return null;
  };
const arrayOf =
  (check: Check): Check =>
  (value, path) => {
    if (!Array.isArray(value)) return `${path} must be an array, received ${describe(value)}`;
    for (let index = 0; index < value.length; index++) {
      const problem = check(value[index], `${path}[${index}]`);
      if (problem) return problem;
    }
    return null;
  };
const page = (item: Check): Check =>
  shape({ items: arrayOf(item), nextCursor: nullable(string), total: optional(count) });
const nothing: Check = (value, path) =>
  value === undefined || value === null ? null : `${path} must be empty, received ${describe(value)}`;

const mediaFile = shape({
  id: string,
  fileName: string,
  originalFileName: string,
  fileSize: count,
  fileType: string,
  kind: oneOf(...MEDIA_KINDS),
  status: oneOf('active', 'deleted', 'processing'),
  version: count,
  usageCount: count,
  uploadDate: isoDate,
  createdAt: isoDate,
  updatedAt: isoDate,
  deletedAt: nullable(isoDate),
  url: string,
  thumbnailUrl: optional(nullable(string)),
});
const usage = shape({
  id: string,
  mediaId: string,
  resourceType: string,
  resourceId: string,
  resourceTitle: optional(string),
  linkedAt: isoDate,
});
const historyEntry = shape({
  id: string,
  mediaId: string,
  operation: oneOf(
    'upload',
    'rename',
    'delete',
    'restore',
    'link',
    'unlink',
    'replace',
    'version_restore',
    'purge',
  ),
  data: (value, path) => (isObject(value) ? null : `${path} must be an object, received ${describe(value)}`),
  timestamp: isoDate,
  actorId: optional(string),
});
const version = shape({
  versionNumber: count,
  fileSize: count,
  fileType: string,
  replacedAt: isoDate,
  url: string,
  current: boolean,
});
const sizeCount = shape({ count, size: count });
const analytics = shape({
  totalFiles: count,
  usedFiles: count,
  unusedFiles: count,
  totalSize: count,
  orphanedFiles: count,
  orphanedSize: count,
  trashFiles: count,
  trashSize: count,
  byKind: shape(Object.fromEntries(MEDIA_KINDS.map((kind) => [kind, sizeCount]))),
});
const operation = shape({
  id: string,
  type: oneOf('bulk-delete', 'bulk-restore', 'bulk-purge'),
  status: oneOf('queued', 'processing', 'completed', 'failed', 'cancelled'),
  total: count,
  processed: count,
  percentage: count,
  succeeded: arrayOf(string),
  failed: arrayOf(shape({ mediaId: string, code: string, message: string })),
});

const RESULT_CHECKS: Record<MediaAdapterMethod, Check> = {
  listMedia: page(mediaFile),
  getMedia: mediaFile,
  uploadMedia: mediaFile,
  renameMedia: mediaFile,
  deleteMedia: mediaFile,
  restoreMedia: mediaFile,
  purgeMedia: nothing,
  getHistory: page(historyEntry),
  getUsage: arrayOf(usage),
  linkMedia: usage,
  unlinkMedia: nothing,
  replaceMedia: mediaFile,
  listVersions: arrayOf(version),
  restoreVersion: mediaFile,
  getAnalytics: analytics,
  startBulkOperation: operation,
  getOperation: operation,
  subscribe: () => null,
};

/**
 * Checks that a value is what the adapter contract says `method` resolves with. Throws
 * `INTERNAL` with a message naming the method and the first wrong field, e.g.
 * `adapter.listMedia() resolved with an invalid result: result.items[0].fileSize must be a whole number >= 0, received "12"`.
 */
export function validateAdapterResult(method: MediaAdapterMethod, value: unknown): void {
  const problem = RESULT_CHECKS[method](value, 'result');
  if (problem) {
    throw new MediaError(
      'INTERNAL',
      `mediashelf: adapter.${method}() resolved with an invalid result: ${problem}`,
      {
        details: { method },
      },
    );
  }
}

/**
 * True unless `process.env.NODE_ENV` is `production`. Read in the literal form bundlers replace
 * at build time, so a production bundle drops the development checks; where no bundler replaced
 * it and no `process` exists (a browser without a build step), false.
 */
export function isDevelopment(): boolean {
  try {
    // Written out literally: bundlers (Vite, webpack, Next.js, esbuild) replace
    // `process.env.NODE_ENV` at build time, and only in exactly this form.
    return process.env.NODE_ENV !== 'production';
  } catch {
    // No bundler replaced it and there is no `process` (a browser without a build step).
    return false;
  }
}

/**
 * Wraps an adapter so that every result is checked with {@link validateAdapterResult} — in
 * development only; in production the adapter is returned untouched. `MediaProvider` applies it
 * so that a custom adapter's mistake surfaces as a clear message instead of a broken screen.
 */
export function withResultValidation<A extends MediaAdapter>(adapter: A, enabled = isDevelopment()): A {
  if (!enabled) return adapter;
  return new Proxy(adapter, {
    get(target, property, receiver) {
      const member = Reflect.get(target, property, receiver);
      if (typeof member !== 'function' || property === 'subscribe' || !(property in RESULT_CHECKS))
        return member;
      return async (...args: unknown[]) => {
        const result = await member.apply(target, args);
        validateAdapterResult(property as MediaAdapterMethod, result);
        return result;
      };
    },
  });
}
