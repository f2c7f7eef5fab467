import {
  decodeCursor,
  encodeCursor,
  listCursorTag,
  normalizeListParams,
  normalizePageSize,
} from 'mediashelf/core';
import { describe, expect, it } from 'vitest';

describe('normalizeListParams', () => {
  it('fills the contract defaults', () => {
    expect(normalizeListParams()).toEqual({
      search: null,
      kinds: null,
      status: 'active',
      usage: null,
      orphanAgeDays: 30,
      sort: 'uploadDate',
      order: 'desc',
      cursor: null,
      limit: 50,
      includeTotal: false,
    });
  });

  it('clamps limits to 200 and refuses non-positive or fractional ones', () => {
    expect(normalizeListParams({ limit: 1000 }).limit).toBe(200);
    expect(normalizeListParams({ limit: 1 }).limit).toBe(1);
    for (const limit of [0, -5, 1.5, Number.NaN, '10' as never]) {
      expect(() => normalizeListParams({ limit })).toThrowError(
        expect.objectContaining({ code: 'VALIDATION_ERROR' }),
      );
    }
    expect(normalizePageSize(undefined)).toBe(50);
    expect(normalizePageSize(500)).toBe(200);
    expect(() => normalizePageSize(0)).toThrowError(/limit must be a positive integer/);
  });

  it('names the field of every invalid value', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ sort: 'name' }, 'sort'],
      [{ order: 'up' }, 'order'],
      [{ status: 'processing' }, 'status'],
      [{ usage: 'sometimes' }, 'usage'],
      [{ kind: 'spreadsheet' }, 'kind'],
      [{ kind: ['video', 'movie'] }, 'kind'],
      [{ search: 5 }, 'search'],
      [{ orphanAgeDays: -1 }, 'orphanAgeDays'],
    ];
    for (const [params, field] of cases) {
      expect(() => normalizeListParams(params as never)).toThrowError(
        expect.objectContaining({ code: 'VALIDATION_ERROR', details: { field } }),
      );
    }
  });

  it('treats a blank search and an empty kind list as no filter', () => {
    const params = normalizeListParams({ search: '   ', kind: [] });
    expect([params.search, params.kinds]).toEqual([null, null]);
    expect(normalizeListParams({ kind: 'video' }).kinds).toEqual(['video']);
  });
});

describe('cursors', () => {
  it('round-trip positions, including unicode and numbers', () => {
    const cursor = encodeCursor('tag', ['Ünïcødé 🎬', 1234, '2026-01-01T00:00:00.000Z']);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('tag', cursor)).toEqual(['Ünïcødé 🎬', 1234, '2026-01-01T00:00:00.000Z']);
  });

  it('refuse malformed cursors and cursors of another query shape', () => {
    const cursor = encodeCursor('a', [1]);
    expect(() => decodeCursor('b', cursor)).toThrowError(/does not belong to this query/);
    for (const bad of ['%%%', 'bm90IGpzb24', '', encodeCursor('a', []).slice(0, -2)]) {
      expect(() => decodeCursor('a', bad)).toThrowError(
        expect.objectContaining({ code: 'VALIDATION_ERROR' }),
      );
    }
  });

  it('tag list queries by their shape, not by cursor or limit', () => {
    const base = normalizeListParams({ search: 'intro' });
    expect(listCursorTag(base)).toBe(
      listCursorTag(normalizeListParams({ search: 'intro', limit: 5, cursor: 'x' })),
    );
    expect(listCursorTag(base)).not.toBe(
      listCursorTag(normalizeListParams({ search: 'intro', order: 'asc' })),
    );
    expect(listCursorTag(base)).not.toBe(
      listCursorTag(normalizeListParams({ search: 'intro', kind: 'video' })),
    );
  });
});
