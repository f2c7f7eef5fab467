import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalStorage, LOCAL_TEMP_DIRECTORY } from 'mediashelf/server/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeStorageDriver } from './describeStorageDriver';
import { expectMediaError, failingBody, KIB, patternBytes, stallingStream } from './helpers';

/** Every file below `root`, as `/`-separated paths relative to it. */
async function listFiles(root: string): Promise<string[]> {
  if (!existsSync(root)) return [];
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

describeStorageDriver('local', async () => {
  const directory = await mkdtemp(path.join(tmpdir(), 'mediashelf-local-'));
  return {
    driver: createLocalStorage({ directory }),
    listKeys: async (prefix) => (await listFiles(directory)).filter((file) => file.startsWith(`${prefix}/`)),
    leftovers: () => listFiles(path.join(directory, LOCAL_TEMP_DIRECTORY)),
    close: () => rm(directory, { recursive: true, force: true }),
  };
});

describe('createLocalStorage', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'mediashelf-local-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('stores an object as a file at the path its key names', async () => {
    const storage = createLocalStorage({ directory: path.join(directory, 'not-yet-created') });
    expect(storage.name).toBe('local');
    expect(storage.signedUrl).toBeUndefined();
    await storage.put('acme/2025/03/id/v1', patternBytes(1000), { contentType: 'text/plain' });
    const file = path.join(directory, 'not-yet-created', 'acme', '2025', '03', 'id', 'v1');
    expect(Buffer.compare(await readFile(file), patternBytes(1000))).toBe(0);
  });

  it('writes into a temp file and only renames it into place when complete', async () => {
    const root = path.join(directory, 'atomic');
    const storage = createLocalStorage({ directory: root });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    async function* body() {
      yield patternBytes(300 * KIB, 1);
      await gate;
      yield patternBytes(300 * KIB, 2);
    }
    const put = storage.put('t/x/v1', body(), { contentType: 'video/mp4' });
    let temps: string[] = [];
    for (let i = 0; i < 100 && temps.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      temps = await listFiles(path.join(root, LOCAL_TEMP_DIRECTORY));
    }
    expect(temps).toHaveLength(1);
    expect(existsSync(path.join(root, 't', 'x', 'v1'))).toBe(false);
    release();
    await put;
    expect((await stat(path.join(root, 't', 'x', 'v1'))).size).toBe(600 * KIB);
    expect(await listFiles(path.join(root, LOCAL_TEMP_DIRECTORY))).toEqual([]);
  });

  it('leaves no temp file after any kind of failure', async () => {
    const root = path.join(directory, 'failures');
    const storage = createLocalStorage({ directory: root });
    const tooBig = storage.put('t/a', patternBytes(5000), { contentType: 'text/plain', maxSize: 100 });
    await expectMediaError(tooBig, 'FILE_TOO_LARGE');
    await expectMediaError(
      storage.put('t/b', failingBody([patternBytes(64 * KIB)], new Error('boom')), {
        contentType: 'text/plain',
      }),
      'STORAGE_ERROR',
    );
    const stalled = stallingStream([patternBytes(64 * KIB)]);
    const controller = new AbortController();
    const aborted = storage.put('t/c', stalled.stream, {
      contentType: 'text/plain',
      signal: controller.signal,
    });
    await stalled.delivered;
    controller.abort();
    await expectMediaError(aborted, 'ABORTED');
    // A folder where the file should go makes the rename fail after the whole body was written.
    await mkdir(path.join(root, 't', 'd', 'occupied'), { recursive: true });
    await expectMediaError(
      storage.put('t/d', patternBytes(10), { contentType: 'text/plain' }),
      'STORAGE_ERROR',
    );
    expect(await listFiles(root)).toEqual([]);
  });

  it('removes folders that a delete leaves empty, but not the storage folder or shared parents', async () => {
    const root = path.join(directory, 'prune');
    const storage = createLocalStorage({ directory: root });
    await storage.put('t/2025/03/a/v1', patternBytes(5), { contentType: 'text/plain' });
    await storage.put('t/2025/03/b/v1', patternBytes(5), { contentType: 'text/plain' });
    await storage.deleteMany(['t/2025/03/a/v1']);
    expect(existsSync(path.join(root, 't', '2025', '03', 'a'))).toBe(false);
    expect(existsSync(path.join(root, 't', '2025', '03', 'b', 'v1'))).toBe(true);
    await storage.deleteMany(['t/2025/03/b/v1']);
    expect(existsSync(path.join(root, 't'))).toBe(false);
    expect(existsSync(root)).toBe(true);
  });

  it('keeps puts working while deletes prune the same folders', async () => {
    const root = path.join(directory, 'race');
    const storage = createLocalStorage({ directory: root });
    const work: Promise<unknown>[] = [];
    for (let i = 0; i < 50; i++) {
      work.push(storage.put(`t/shared/${i}`, patternBytes(100, i), { contentType: 'text/plain' }));
      work.push(storage.deleteMany([`t/shared/${i - 1}`]));
    }
    await Promise.all(work);
    expect(await storage.exists('t/shared/49')).toBe(true);
  });

  it('refuses keys inside its temp folder', async () => {
    const storage = createLocalStorage({ directory: path.join(directory, 'reserved') });
    await expectMediaError(
      storage.put(`${LOCAL_TEMP_DIRECTORY}/x`, patternBytes(1), { contentType: 'text/plain' }),
      'VALIDATION_ERROR',
    );
    await expectMediaError(storage.exists(`${LOCAL_TEMP_DIRECTORY}/x`), 'VALIDATION_ERROR');
  });

  it('reports an unreadable storage folder as STORAGE_ERROR', async () => {
    const file = path.join(directory, 'a-file');
    await writeFile(file, 'not a folder');
    const storage = createLocalStorage({ directory: file });
    const error = await expectMediaError(
      storage.put('t/x', patternBytes(1), { contentType: 'text/plain' }),
      'STORAGE_ERROR',
    );
    expect(error.cause).toBeInstanceOf(Error);
    expect(() => createLocalStorage({ directory: '' })).toThrow(/directory/);
  });
});
