import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Fallback, sha256Hex } from '../../../src/adapters/memory/sha256Hex';

const hex = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

describe('sha256', () => {
  it('matches node:crypto for the padding edge cases and larger input', () => {
    for (const size of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 70_000]) {
      const data = Uint8Array.from({ length: size }, (_, index) => (index * 131 + size) % 256);
      expect(sha256Fallback(data), `size ${size}`).toBe(hex(data));
    }
    expect(sha256Fallback(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('uses Web Crypto when present', async () => {
    const data = new TextEncoder().encode('mediashelf');
    expect(await sha256Hex(data)).toBe(hex(data));
  });
});
