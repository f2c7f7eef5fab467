import { meterBody } from 'mediashelf/server/storage';
import { describe, expect, it } from 'vitest';
import { expectMediaError, patternBytes, sha256, stallingStream } from './helpers';

describe('meterBody', () => {
  it('passes chunks through unchanged and measures them', async () => {
    const chunks = [patternBytes(10, 1), patternBytes(20, 2)];
    const metered = meterBody(
      (async function* () {
        yield* chunks;
      })(),
    );
    expect(() => metered.result()).toThrow(/not been read/);
    const seen: Uint8Array[] = [];
    for await (const chunk of metered.chunks) seen.push(chunk);
    expect(seen[0]).toBe(chunks[0]);
    expect(seen[1]).toBe(chunks[1]);
    expect(metered.result()).toEqual({ size: 30, sha256: sha256(Buffer.concat(chunks)) });
    expect(metered.failure).toBeUndefined();
  });

  it('fails before handing on the chunk that passes maxSize', async () => {
    const metered = meterBody(
      (async function* () {
        yield patternBytes(6);
        yield patternBytes(5);
      })(),
      { maxSize: 10 },
    );
    const seen: number[] = [];
    await expectMediaError(
      (async () => {
        for await (const chunk of metered.chunks) seen.push(chunk.byteLength);
      })(),
      'FILE_TOO_LARGE',
    );
    expect(seen).toEqual([6]);
    expect(metered.failure?.code).toBe('FILE_TOO_LARGE');
  });

  it('stop() ends a pending read of a stalled body and cancels it', async () => {
    const stalled = stallingStream([patternBytes(10)]);
    const metered = meterBody(stalled.stream);
    expect((await metered.chunks.next()).done).toBe(false);
    const pending = metered.chunks.next();
    await stalled.delivered;
    metered.stop();
    await expectMediaError(pending, 'ABORTED');
    await expect(stalled.cancelled).resolves.toBeDefined();
  });

  it('rejects a body of the wrong type and an invalid maxSize at once', () => {
    expect(() => meterBody('text' as never)).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR' }));
    expect(() => meterBody(new Uint8Array(1), { maxSize: -1 })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_ERROR' }),
    );
  });
});
