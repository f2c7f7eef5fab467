import { MediaError } from 'mediashelf/core';

/** Longest key in UTF-8 bytes: the S3 limit, applied to every driver so keys stay portable. */
export const MAX_STORAGE_KEY_BYTES = 1024;

/** Longest key segment in UTF-8 bytes: the file-name limit of common file systems. */
export const MAX_STORAGE_KEY_SEGMENT_BYTES = 255;

const encoder = new TextEncoder();

// C0, DEL and C1 controls; NUL is among them. They break file systems, HTTP headers and logs.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** Why `key` is not a valid storage key, or `null` when it is. */
export function storageKeyProblem(key: unknown): string | null {
  if (typeof key !== 'string' || key.length === 0) return 'must be a non-empty string';
  if (encoder.encode(key).length > MAX_STORAGE_KEY_BYTES) {
    return `must be at most ${MAX_STORAGE_KEY_BYTES} bytes`;
  }
  if (CONTROL_CHARACTERS.test(key)) return 'must not contain control characters';
  // A backslash is a separator on Windows, where `a\..\b` would escape the local directory.
  if (key.includes('\\')) return 'must not contain a backslash';
  if (key.startsWith('/')) return 'must not start with "/"';
  for (const segment of key.split('/')) {
    // Empty and dot segments alias other keys on a file system but not on S3.
    if (segment === '') return 'must not contain empty segments ("//" or a trailing "/")';
    if (segment === '.' || segment === '..') return 'must not contain "." or ".." segments';
    if (encoder.encode(segment).length > MAX_STORAGE_KEY_SEGMENT_BYTES) {
      return `must not have a segment over ${MAX_STORAGE_KEY_SEGMENT_BYTES} bytes`;
    }
  }
  return null;
}

/** Whether `key` is acceptable to every storage driver. */
export function isValidStorageKey(key: unknown): key is string {
  return storageKeyProblem(key) === null;
}

/** Throws `VALIDATION_ERROR` unless `key` is acceptable to every storage driver. */
export function assertValidStorageKey(key: unknown): asserts key is string {
  const problem = storageKeyProblem(key);
  if (problem !== null) {
    throw new MediaError('VALIDATION_ERROR', `Invalid storage key: it ${problem}`, {
      details: { key: typeof key === 'string' ? key.slice(0, 200) : String(key) },
    });
  }
}

/**
 * Checks a list of keys for `deleteMany` and returns it without duplicates. Any invalid key
 * rejects the whole call with `VALIDATION_ERROR` before anything is deleted.
 */
export function validateStorageKeyList(keys: unknown): string[] {
  if (!Array.isArray(keys)) {
    throw new MediaError('VALIDATION_ERROR', 'Storage keys must be given as an array');
  }
  for (const key of keys) assertValidStorageKey(key);
  return [...new Set(keys as string[])];
}
