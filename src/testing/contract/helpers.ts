import {
  isMediaError,
  type ListMediaParams,
  type MediaAdapter,
  type MediaError,
  type MediaErrorCode,
  type MediaFile,
} from 'mediashelf/core';
import { expect, it } from 'vitest';
import { createTestFile, type TestFileOptions } from '../fixtures';

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Gap between uploads whose order a test relies on: timestamps carry milliseconds, so files
 * uploaded within the same millisecond would tie on `uploadDate`.
 */
export const UPLOAD_GAP_MS = 5;

const describeError = (error: unknown) =>
  isMediaError(error)
    ? `MediaError ${error.code}: ${error.message}`
    : error instanceof Error
      ? `${error.name}: ${error.message}`
      : String(error);

/**
 * Awaits a promise that must reject with a {@link MediaError} of `code` (checked through
 * `isMediaError`) and answers the error for further assertions.
 */
export async function expectMediaError(promise: Promise<unknown>, code: MediaErrorCode): Promise<MediaError> {
  let outcome: { resolved: true; value: unknown } | { resolved: false; error: unknown };
  try {
    outcome = { resolved: true, value: await promise };
  } catch (error) {
    outcome = { resolved: false, error };
  }
  if (outcome.resolved) {
    expect.fail(`expected a MediaError ${code}, but it resolved with ${JSON.stringify(outcome.value)}`);
  }
  const { error } = outcome;
  expect(isMediaError(error, code), `expected a MediaError ${code}, got ${describeError(error)}`).toBe(true);
  expect(typeof (error as MediaError).message).toBe('string');
  return error as MediaError;
}

/** Uploads a {@link createTestFile} file; `fileName` overrides the display name. */
export function upload(
  adapter: MediaAdapter,
  file: TestFileOptions = {},
  fileName?: string,
): Promise<MediaFile> {
  const blob = createTestFile(file);
  return adapter.uploadMedia(fileName === undefined ? { file: blob } : { file: blob, fileName });
}

/** Uploads files one after another, {@link UPLOAD_GAP_MS} apart, so their upload dates differ. */
export async function uploadInOrder(adapter: MediaAdapter, files: TestFileOptions[]): Promise<MediaFile[]> {
  const uploaded: MediaFile[] = [];
  for (const file of files) {
    if (uploaded.length > 0) await sleep(UPLOAD_GAP_MS);
    uploaded.push(await upload(adapter, file));
  }
  return uploaded;
}

/** Uploads `count` small text files, several at a time. */
export async function uploadMany(
  adapter: MediaAdapter,
  count: number,
  concurrency = 16,
): Promise<MediaFile[]> {
  const uploaded: MediaFile[] = [];
  for (let start = 0; start < count; start += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, count - start) }, (_, offset) =>
      upload(adapter, { name: `bulk-${String(start + offset).padStart(4, '0')}.txt` }),
    );
    uploaded.push(...(await Promise.all(batch)));
  }
  return uploaded;
}

/** Follows `nextCursor` from `params.cursor` (or the start) to the end and answers every page. */
export async function listPages(
  adapter: MediaAdapter,
  params: ListMediaParams = {},
  maxPages = 1000,
): Promise<MediaFile[][]> {
  const pages: MediaFile[][] = [];
  let cursor: string | null = params.cursor ?? null;
  do {
    const page = await adapter.listMedia({ ...params, cursor });
    pages.push(page.items);
    cursor = page.nextCursor;
    if (pages.length > maxPages) expect.fail(`listMedia kept answering a nextCursor after ${maxPages} pages`);
  } while (cursor !== null);
  return pages;
}

/** Ids of files, in order. */
export const idsOf = (files: readonly { id: string }[]) => files.map((file) => file.id);

/** Display names of files, in order. */
export const namesOf = (files: readonly MediaFile[]) => files.map((file) => file.fileName);

/** Waits until `check` answers true, failing the test with `what` after `timeoutMs`. */
export async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() >= deadline) expect.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
}

/** A test name that says why it is skipped when `skipReason` is set. */
export const named = (name: string, skipReason: string | null) =>
  skipReason === null ? name : `${name} (skipped: ${skipReason})`;

/**
 * `it`, registered as skipped when `skipReason` is set, with the reason in the test's name so a
 * report never hides a test that did not run.
 */
export function itUnless(skipReason: string | null) {
  return (name: string, fn: () => Promise<void>, timeout?: number) =>
    it.skipIf(skipReason !== null)(named(name, skipReason), fn, timeout);
}
