import { type Kysely, sql } from 'kysely';
import { isMediaError, type MediaError, type MediaErrorCode } from 'mediashelf/core';
import { expect } from 'vitest';
import type { MediaDatabase } from '../../../src/server/db';
import type { MediaContext, MediaService } from '../../../src/server/service/MediaService';

/** UTF-8 bytes of a string. */
export const textBytes = (text: string) => new TextEncoder().encode(text);

/** A (tiny) PNG: the signature the service sniffs, then some bytes. */
export const PNG_BYTES = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3, 4,
]);

/** A Windows executable's first bytes ("MZ"). */
export const EXE_BYTES = Uint8Array.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0]);

/** Uploads a text file. */
export function uploadText(
  service: MediaService,
  context: MediaContext,
  text: string,
  fileName = 'notes.txt',
  contentType = 'text/plain',
) {
  return service.uploadMedia(context, { body: textBytes(text), fileName, contentType });
}

/** Reads a whole stream as text. */
export async function readText(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

/** The current (or given) version's content of a file, as text. */
export async function contentOf(
  service: MediaService,
  context: MediaContext,
  id: string,
  version?: number,
): Promise<string> {
  const opened = await service.openContent(context, version === undefined ? { id } : { id, version });
  return readText(opened.body);
}

/** A stream of the given chunks, as an HTTP request body would arrive. */
export function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[index];
      index += 1;
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
}

/** Awaits a promise that must reject with a MediaError of `code`; answers the error. */
export async function rejection(promise: Promise<unknown>, code: MediaErrorCode): Promise<MediaError> {
  let outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, value: await promise };
  } catch (error) {
    outcome = { ok: false, error };
  }
  if (outcome.ok) throw new Error(`Expected a ${code} rejection, but it resolved`);
  const error = outcome.error;
  if (!isMediaError(error)) throw new Error(`Expected a MediaError ${code}, got ${String(error)}`);
  expect(error.code, error.message).toBe(code);
  return error;
}

/** Every storage key the database references: media_files ∪ media_file_versions, sorted. */
export async function referencedStorageKeys(db: Kysely<MediaDatabase>): Promise<string[]> {
  const rows = await db
    .selectFrom('media_files')
    .select('storage_key')
    .union(db.selectFrom('media_file_versions').select('storage_key'))
    .execute();
  return rows.map((row) => row.storage_key).sort();
}

/** Storage holds exactly the objects the database references: nothing orphaned, nothing lost. */
export async function expectStorageMatchesRows(
  db: Kysely<MediaDatabase>,
  storage: { keys(): string[] },
): Promise<void> {
  expect(storage.keys()).toEqual(await referencedStorageKeys(db));
}

/** Keys of storage intents, by reason. */
export async function intents(db: Kysely<MediaDatabase>, tenantId?: string) {
  let query = db.selectFrom('media_storage_intents').select(['storage_key', 'reason']);
  if (tenantId) query = query.where('tenant_id', '=', tenantId);
  return (await query.orderBy('storage_key').execute()).map((row) => `${row.reason}:${row.storage_key}`);
}

/** Makes every pending storage intent look `hours` older: time passing for the upload grace. */
export async function ageIntents(db: Kysely<MediaDatabase>, hours: number): Promise<void> {
  await db
    .updateTable('media_storage_intents')
    .set({ created_at: sql<Date>`created_at - ${`${hours} hours`}::interval` })
    .execute();
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it answers a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 15_000,
  intervalMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`waitFor: gave up after ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}

/** Runs `fn` over `items`, at most `concurrency` at a time, answering results in order. */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    for (;;) {
      const index = next;
      next += 1;
      if (index >= items.length) return;
      results[index] = await fn(items[index]!, index);
    }
  });
  await Promise.all(workers);
  return results;
}
