import { createHash } from 'node:crypto';
import type { MediaErrorCode } from 'mediashelf/core';
import { isMediaError } from 'mediashelf/core';
import { expect } from 'vitest';

export const KIB = 1024;
export const MIB = 1024 * KIB;

/** Deterministic, non-repeating-looking bytes: byte i of a body with `seed`. */
export function patternBytes(size: number, seed = 1, offset = 0): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    const n = i + offset;
    bytes[i] = (n * 31 + seed * 17 + (n >>> 8) * 7 + (n >>> 16)) & 0xff;
  }
  return bytes;
}

/** A lazily generated body of `size` bytes as a web stream, in `chunkSize` chunks. */
export function patternStream(size: number, seed = 1, chunkSize = 64 * KIB): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= size) {
        controller.close();
        return;
      }
      const length = Math.min(chunkSize, size - offset);
      controller.enqueue(patternBytes(length, seed, offset));
      offset += length;
    },
  });
}

/** SHA-256 hex of the pattern body, computed without holding it in memory. */
export function patternSha256(size: number, seed = 1, chunkSize = 64 * KIB): string {
  const hash = createHash('sha256');
  for (let offset = 0; offset < size; offset += chunkSize) {
    hash.update(patternBytes(Math.min(chunkSize, size - offset), seed, offset));
  }
  return hash.digest('hex');
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads a web stream to its end. */
export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Expects `promise` to reject with a MediaError of `code` and returns the error. */
export async function expectMediaError(promise: Promise<unknown>, code: MediaErrorCode) {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected a rejection with ${code}`).toBeDefined();
  expect(isMediaError(caught) ? caught.code : caught).toBe(code);
  return caught as import('mediashelf/core').MediaError;
}

/** A body that yields `chunks` and then waits until the test cancels it. */
export function stallingStream(chunks: Uint8Array[]): {
  stream: ReadableStream<Uint8Array>;
  delivered: Promise<void>;
  cancelled: Promise<unknown>;
} {
  let index = 0;
  let onDelivered: () => void = () => undefined;
  let onCancel: (reason: unknown) => void = () => undefined;
  const delivered = new Promise<void>((resolve) => {
    onDelivered = resolve;
  });
  const cancelled = new Promise<unknown>((resolve) => {
    onCancel = resolve;
  });
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const chunk = chunks[index++];
        if (chunk) {
          controller.enqueue(chunk);
          return;
        }
        onDelivered();
        // Never enqueue again: the producer is stuck, as a stalled client upload would be.
        return new Promise<void>(() => undefined);
      },
      cancel(reason) {
        onCancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, delivered, cancelled };
}

/** A body that yields `goodChunks` and then fails with `error`. */
export async function* failingBody(goodChunks: Uint8Array[], error: unknown): AsyncGenerator<Uint8Array> {
  for (const chunk of goodChunks) yield chunk;
  throw error;
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
