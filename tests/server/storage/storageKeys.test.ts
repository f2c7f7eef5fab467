import {
  assertValidStorageKey,
  createStorageKey,
  encodeTenantSegment,
  isValidStorageKey,
  storageKeyProblem,
  validateStorageKeyList,
} from 'mediashelf/server/storage';
import { describe, expect, it } from 'vitest';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('createStorageKey', () => {
  it('builds <tenant>/<yyyy>/<mm>/<uuid>/v<n> from the UTC date and a random UUID', () => {
    const key = createStorageKey({
      tenantId: 'acme',
      version: 3,
      now: new Date('2025-03-31T23:30:00-05:00'),
    });
    const [tenant, year, month, id, version, ...rest] = key.split('/');
    expect([tenant, year, month, version, rest]).toEqual(['acme', '2025', '04', 'v3', []]);
    expect(id).toMatch(UUID);
    expect(isValidStorageKey(key)).toBe(true);
  });

  it('gives every call a new key and defaults to version 1', () => {
    const a = createStorageKey({ tenantId: 't' });
    const b = createStorageKey({ tenantId: 't' });
    expect(a).not.toBe(b);
    expect(a.endsWith('/v1')).toBe(true);
  });

  it('uses a given id and rejects unsafe ids, versions and dates', () => {
    expect(createStorageKey({ tenantId: 't', id: 'abc-1', now: new Date(Date.UTC(2024, 0, 5)) })).toBe(
      't/2024/01/abc-1/v1',
    );
    for (const id of ['../x', 'a/b', '', 'a.b', 'x'.repeat(65)]) {
      expect(() => createStorageKey({ tenantId: 't', id }), id).toThrow(
        expect.objectContaining({ code: 'VALIDATION_ERROR' }),
      );
    }
    for (const version of [0, -1, 1.5, Number.NaN]) {
      expect(() => createStorageKey({ tenantId: 't', version })).toThrow(
        expect.objectContaining({ code: 'VALIDATION_ERROR' }),
      );
    }
    expect(() => createStorageKey({ tenantId: 't', now: new Date('nope') })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_ERROR' }),
    );
  });
});

describe('encodeTenantSegment', () => {
  it('keeps safe characters and encodes everything else one-to-one', () => {
    expect(encodeTenantSegment('Acme_Corp-42')).toBe('Acme_Corp-42');
    expect(encodeTenantSegment('a/b')).toBe('a~2Fb');
    expect(encodeTenantSegment('a_b')).toBe('a_b');
    expect(encodeTenantSegment('..')).toBe('~2E~2E');
    expect(encodeTenantSegment('a~2Fb')).toBe('a~7E2Fb');
    expect(encodeTenantSegment('é')).toBe('~C3~A9');
    expect(encodeTenantSegment('x\u0000y')).toBe('x~00y');
  });

  it('cuts very long ids to 128 characters and keeps them apart with a hash', () => {
    const a = encodeTenantSegment(`${'t'.repeat(300)}a`);
    const b = encodeTenantSegment(`${'t'.repeat(300)}b`);
    expect(a).toHaveLength(128);
    expect(b).toHaveLength(128);
    expect(a).not.toBe(b);
    expect(isValidStorageKey(a)).toBe(true);
  });

  it('rejects an empty tenant id', () => {
    expect(() => encodeTenantSegment('')).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR' }));
    expect(() => createStorageKey({ tenantId: '' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_ERROR' }),
    );
  });
});

describe('storage key validation', () => {
  it('accepts ordinary keys, including dots inside names and unicode', () => {
    for (const key of ['a', 'a/b/c', 'acme/2025/03/x/v1', 'file.tar.gz', '.hidden/x', 'a..b', 'ünï/cødé']) {
      expect(storageKeyProblem(key), key).toBeNull();
    }
  });

  it('names the problem of each bad key', () => {
    expect(storageKeyProblem('')).toMatch(/non-empty/);
    expect(storageKeyProblem(42)).toMatch(/non-empty/);
    expect(storageKeyProblem('/a')).toMatch(/start/);
    expect(storageKeyProblem('a/../b')).toMatch(/\.\./);
    expect(storageKeyProblem('a//b')).toMatch(/empty/);
    expect(storageKeyProblem('a\u0085b')).toMatch(/control/);
    expect(storageKeyProblem('a\\b')).toMatch(/backslash/);
    expect(storageKeyProblem('x'.repeat(1025))).toMatch(/1024/);
    expect(storageKeyProblem(`a/${'y'.repeat(256)}`)).toMatch(/255/);
  });

  it('throws VALIDATION_ERROR with the key in the details', () => {
    expect(() => assertValidStorageKey('a/../b')).toThrow(
      expect.objectContaining({ code: 'VALIDATION_ERROR', details: { key: 'a/../b' } }),
    );
  });

  it('checks and de-duplicates key lists', () => {
    expect(validateStorageKeyList(['a', 'b', 'a'])).toEqual(['a', 'b']);
    expect(() => validateStorageKeyList('a' as unknown)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_ERROR' }),
    );
    expect(() => validateStorageKeyList(['a', '..'])).toThrow(
      expect.objectContaining({ code: 'VALIDATION_ERROR' }),
    );
  });
});
