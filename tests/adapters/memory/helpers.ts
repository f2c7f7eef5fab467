import type { MemoryAdapter } from 'mediashelf/adapters/memory';
import type { MediaEvent } from 'mediashelf/core';
import { expect } from 'vitest';

/** Records every event the adapter emits. */
export function recordEvents(adapter: MemoryAdapter): MediaEvent[] {
  const events: MediaEvent[] = [];
  adapter.subscribe((event) => events.push(event));
  return events;
}

/** A text file of `size` bytes. */
export function textFile(name: string, size = 16, type = 'text/plain'): File {
  return new File(['x'.repeat(size)], name, { type });
}

/** Awaits a promise that must reject with a MediaError of `code`; answers the error. */
export async function expectCode(
  promise: Promise<unknown>,
  code: string,
): Promise<Error & { code: string; details?: Record<string, unknown> }> {
  const error = await promise.then(
    () => {
      throw new Error(`expected rejection with ${code}, but it resolved`);
    },
    (reason: unknown) => reason,
  );
  expect(error).toMatchObject({ name: 'MediaError', code });
  return error as Error & { code: string; details?: Record<string, unknown> };
}

/** A clock the test moves by hand. */
export function manualClock(start: string) {
  let now = new Date(start).getTime();
  return {
    clock: () => new Date(now),
    set(value: string) {
      now = new Date(value).getTime();
    },
    advance(ms: number) {
      now += ms;
    },
  };
}
