import { randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, open, rename, rm, rmdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MediaError, throwIfAborted } from 'mediashelf/core';
import { assertValidContentType } from './assertValidContentType';
import { meterBody } from './meterBody';
import { assertValidRange, resolveRange } from './resolveRange';
import { runConcurrently } from './runConcurrently';
import type {
  StorageBody,
  StorageDriver,
  StorageGetOptions,
  StorageGetResult,
  StoragePutOptions,
} from './StorageDriver';
import { toReadableStream } from './toReadableStream';
import { toStorageError } from './toStorageError';
import { assertValidStorageKey, validateStorageKeyList } from './validateStorageKey';

/** Options of {@link createLocalStorage}. */
export interface LocalStorageOptions {
  /** Folder that holds the objects; created when missing. Keys become paths below it. */
  directory: string;
}

/**
 * Folder below the storage directory where uploads are written before they are moved into
 * place. Keys may not start with it.
 */
export const LOCAL_TEMP_DIRECTORY = '.mediashelf-tmp';

const DELETE_CONCURRENCY = 16;
const MOVE_ATTEMPTS = 5;

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function notFound(key: string): MediaError {
  return new MediaError('NOT_FOUND', 'No stored object under this key', { details: { key } });
}

/**
 * The default storage driver: objects are files below `directory`, at the path their key names.
 *
 * A put streams into a temporary file in the same tree (`.mediashelf-tmp/`, so on the same file
 * system), flushes it to disk and renames it into place, which is atomic: a reader sees either
 * the old file or the complete new one, never a partial file. A failed put removes its temporary
 * file. `deleteMany` also removes folders it leaves empty.
 *
 * @example
 * ```ts
 * const storage = createLocalStorage({ directory: './.data/media' });
 * ```
 */
export function createLocalStorage(options: LocalStorageOptions): StorageDriver {
  if (typeof options?.directory !== 'string' || options.directory.length === 0) {
    throw new MediaError('VALIDATION_ERROR', 'createLocalStorage needs a directory');
  }
  const root = path.resolve(options.directory);
  const tempDirectory = path.join(root, LOCAL_TEMP_DIRECTORY);

  function pathOf(key: string): string {
    assertValidStorageKey(key);
    const segments = key.split('/');
    if (segments[0] === LOCAL_TEMP_DIRECTORY) {
      throw new MediaError('VALIDATION_ERROR', `Storage keys may not start with ${LOCAL_TEMP_DIRECTORY}/`, {
        details: { key },
      });
    }
    return path.join(root, ...segments);
  }

  async function moveIntoPlace(temp: string, target: string): Promise<void> {
    // A concurrent deleteMany may remove the (empty) target folder between mkdir and rename.
    for (let attempt = 1; ; attempt++) {
      await mkdir(path.dirname(target), { recursive: true });
      try {
        await rename(temp, target);
        return;
      } catch (error) {
        if (errorCode(error) !== 'ENOENT' || attempt >= MOVE_ATTEMPTS) throw error;
      }
    }
  }

  async function pruneEmptyFolders(files: string[]): Promise<void> {
    const folders = [...new Set(files.map((file) => path.dirname(file)))];
    // Deepest first, so a parent is tried after its children.
    folders.sort((a, b) => b.length - a.length);
    for (let folder of folders) {
      while (folder !== root && folder.startsWith(root + path.sep)) {
        try {
          await rmdir(folder);
        } catch {
          // Not empty, already gone, or in use by a concurrent put: all mean stop here.
          break;
        }
        folder = path.dirname(folder);
      }
    }
  }

  return {
    name: 'local',

    async put(key: string, body: StorageBody, putOptions: StoragePutOptions) {
      const target = pathOf(key);
      assertValidContentType(putOptions?.contentType);
      const metered = meterBody(body, putOptions);
      const temp = path.join(tempDirectory, `${randomUUID()}.part`);
      let file: WriteStream | undefined;
      try {
        await mkdir(tempDirectory, { recursive: true });
        file = createWriteStream(temp, { flags: 'wx', flush: true });
        // A failed write (disk full) must not wait for a stalled body to deliver its next chunk.
        file.once('error', () => metered.stop());
        await pipeline(Readable.from(metered.chunks, { objectMode: false }), file);
        const result = metered.result();
        throwIfAborted(putOptions.signal);
        await moveIntoPlace(temp, target);
        return result;
      } catch (error) {
        // The stream opens its file asynchronously: removing it before the stream has closed
        // could run before the file exists and leave it behind.
        if (file && !file.closed) await new Promise<void>((resolve) => file?.once('close', () => resolve()));
        await rm(temp, { force: true }).catch(() => undefined);
        throw metered.failure ?? toStorageError(error, 'Writing to local storage', { key });
      }
    },

    async get(key: string, getOptions: StorageGetOptions = {}): Promise<StorageGetResult> {
      const file = pathOf(key);
      assertValidRange(getOptions.range);
      let handle: Awaited<ReturnType<typeof open>>;
      try {
        handle = await open(file, 'r');
      } catch (error) {
        if (['ENOENT', 'ENOTDIR', 'EISDIR'].includes(errorCode(error) ?? '')) throw notFound(key);
        throw toStorageError(error, 'Reading from local storage', { key });
      }
      try {
        // Size and content come from the same open file, even if a put replaces it meanwhile.
        const info = await handle.stat();
        if (!info.isFile()) throw notFound(key);
        const size = info.size;
        if (!getOptions.range) {
          const stream = handle.createReadStream({ autoClose: true });
          return { body: toReadableStream(stream), size, contentLength: size };
        }
        const range = resolveRange(getOptions.range, size);
        const stream = handle.createReadStream({ start: range.start, end: range.end, autoClose: true });
        return { body: toReadableStream(stream), size, contentLength: range.end - range.start + 1, range };
      } catch (error) {
        await handle.close().catch(() => undefined);
        throw toStorageError(error, 'Reading from local storage', { key });
      }
    },

    async deleteMany(keys: string[]) {
      const files = validateStorageKeyList(keys).map(pathOf);
      const failures = await runConcurrently(files, DELETE_CONCURRENCY, async (file) => {
        try {
          await unlink(file);
        } catch (error) {
          const code = errorCode(error);
          if (code === 'ENOENT' || code === 'ENOTDIR') return;
          // A folder under the key is not an object, so there is nothing to delete.
          if ((code === 'EISDIR' || code === 'EPERM') && (await stat(file)).isDirectory()) return;
          throw error;
        }
      });
      await pruneEmptyFolders(files);
      if (failures.length > 0) {
        throw toStorageError(failures[0]?.error, 'Deleting from local storage', {
          failedKeys: failures.map(({ item }) => path.relative(root, item).split(path.sep).join('/')),
        });
      }
    },

    async exists(key: string) {
      const file = pathOf(key);
      try {
        return (await stat(file)).isFile();
      } catch (error) {
        if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return false;
        throw toStorageError(error, 'Checking local storage', { key });
      }
    },
  };
}
