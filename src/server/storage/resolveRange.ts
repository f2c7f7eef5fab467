import { MediaError } from 'mediashelf/core';
import type { ByteRange, ResolvedByteRange } from './StorageDriver';

function isPosition(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * Throws `VALIDATION_ERROR` for a range no object could satisfy by its shape: negative or
 * fractional positions, or an end before the start. Drivers call it before any I/O.
 */
export function assertValidRange(range: ByteRange | undefined): void {
  if (range === undefined) return;
  const { start, end } = range;
  if (!isPosition(start) || (end !== undefined && !isPosition(end))) {
    throw new MediaError('VALIDATION_ERROR', 'A byte range needs non-negative integer positions', {
      details: { start, end },
    });
  }
  if (end !== undefined && end < start) {
    throw new MediaError('VALIDATION_ERROR', 'A byte range must not end before it starts', {
      details: { start, end },
    });
  }
}

/**
 * The bytes of an object of `size` bytes that `range` selects, `end` clamped to the last byte.
 * A start past the last byte, or any range of an empty object, rejects `RANGE_NOT_SATISFIABLE`
 * with `details.size`, which an HTTP layer needs for `Content-Range` in its 416 reply.
 */
export function resolveRange(range: ByteRange, size: number): ResolvedByteRange {
  assertValidRange(range);
  if (range.start >= size) {
    throw new MediaError(
      'RANGE_NOT_SATISFIABLE',
      `Range starts at ${range.start}, the object has ${size} bytes`,
      {
        details: { size, start: range.start, end: range.end },
      },
    );
  }
  return { start: range.start, end: Math.min(range.end ?? size - 1, size - 1) };
}
