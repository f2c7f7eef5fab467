import { MediaError } from 'mediashelf/core';
import { describe, expect, it } from 'vitest';
import {
  containsPattern,
  escapeLikePattern,
  isConnectionError,
  isRetryableTransactionError,
  isUuid,
  mapDatabaseError,
  parseInt8,
  sqlStateOf,
} from '../../../src/server/db';

const dbError = (code: string, message = 'database said no', extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { code, severity: 'ERROR', ...extra });

describe('mapDatabaseError', () => {
  it('maps a unique violation to CONFLICT with the constraint name', () => {
    const original = dbError('23505', 'duplicate key value violates unique constraint', {
      constraint: 'media_usage_media_resource_key',
    });
    const mapped = mapDatabaseError(original);
    expect(mapped).toBeInstanceOf(MediaError);
    expect(mapped.toJSON()).toEqual({
      code: 'CONFLICT',
      message: 'A record with the same unique value already exists',
      details: { constraint: 'media_usage_media_resource_key' },
    });
    expect(mapped.cause).toBe(original);
  });

  it('maps an invalid uuid to NOT_FOUND and other invalid text to VALIDATION_ERROR', () => {
    expect(mapDatabaseError(dbError('22P02', 'invalid input syntax for type uuid: "abc"')).code).toBe(
      'NOT_FOUND',
    );
    expect(mapDatabaseError(dbError('22P02', 'invalid input syntax for type integer: "abc"')).code).toBe(
      'VALIDATION_ERROR',
    );
  });

  it('maps retryable conflicts to CONFLICT marked retryable', () => {
    for (const code of ['40001', '40P01', '55P03']) {
      expect(mapDatabaseError(dbError(code)).toJSON()).toMatchObject({
        code: 'CONFLICT',
        details: { retryable: true },
      });
    }
  });

  it('maps integrity errors', () => {
    expect(mapDatabaseError(dbError('23503')).code).toBe('NOT_FOUND');
    for (const code of ['23502', '23514', '22001'])
      expect(mapDatabaseError(dbError(code)).code).toBe('VALIDATION_ERROR');
  });

  it('maps connection failures to INTERNAL "unavailable" keeping the cause', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const dualStack = new AggregateError([refused, refused], '');
    const cases: unknown[] = [
      refused,
      dualStack,
      dbError('57P01', 'terminating connection due to administrator command'),
      dbError('08006', 'connection failure'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      new Error('PGlite is closed'),
    ];
    for (const error of cases) {
      const mapped = mapDatabaseError(error);
      expect(mapped.toJSON(), String(error)).toEqual({
        code: 'INTERNAL',
        message: 'The database is unavailable',
      });
      expect(mapped.cause).toBe(error);
    }
  });

  it('hides any other database error behind a generic INTERNAL', () => {
    const mapped = mapDatabaseError(dbError('42P01', 'relation "secret_table" does not exist'));
    expect(mapped.toJSON()).toEqual({ code: 'INTERNAL', message: 'Database error' });
    expect(mapDatabaseError('a string').code).toBe('INTERNAL');
    expect(mapDatabaseError(undefined).code).toBe('INTERNAL');
  });

  it('passes a MediaError through and looks through cause chains', () => {
    const already = new MediaError('MEDIA_IN_USE', 'used', { details: { usage: [] } });
    expect(mapDatabaseError(already)).toBe(already);
    const wrapped = new Error('outer', { cause: dbError('23505') });
    expect(mapDatabaseError(wrapped).code).toBe('CONFLICT');
  });
});

describe('error classification', () => {
  it('reads SQLSTATEs but not errno codes', () => {
    expect(sqlStateOf(dbError('40001'))).toBe('40001');
    expect(sqlStateOf(dbError('P0001'))).toBe('P0001');
    expect(sqlStateOf(Object.assign(new Error('broken pipe'), { code: 'EPIPE' }))).toBeUndefined();
    expect(sqlStateOf({ code: 40001 })).toBeUndefined();
    expect(sqlStateOf(null)).toBeUndefined();
  });

  it('knows which errors a retry may fix', () => {
    expect(isRetryableTransactionError(dbError('40001'))).toBe(true);
    expect(isRetryableTransactionError(dbError('40P01'))).toBe(true);
    expect(isRetryableTransactionError(dbError('23505'))).toBe(false);
    expect(isRetryableTransactionError(new Error('40001'))).toBe(false);
  });

  it('tells connection errors from query errors', () => {
    expect(isConnectionError(dbError('23505'))).toBe(false);
    expect(isConnectionError(new Error('syntax error'))).toBe(false);
    expect(isConnectionError(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe(true);
  });
});

describe('isUuid', () => {
  it('accepts canonical UUIDs in either case', () => {
    expect(isUuid('3f2504e0-4f89-41d3-9a0c-0305e82c3301')).toBe(true);
    expect(isUuid('3F2504E0-4F89-41D3-9A0C-0305E82C3301')).toBe(true);
    expect(isUuid('00000000-0000-0000-0000-000000000000')).toBe(true);
  });

  it('rejects everything else', () => {
    for (const value of [
      '',
      'abc',
      '3f2504e04f8941d39a0c0305e82c3301',
      '{3f2504e0-4f89-41d3-9a0c-0305e82c3301}',
      ' 3f2504e0-4f89-41d3-9a0c-0305e82c3301',
      '3f2504e0-4f89-41d3-9a0c-0305e82c3301\n',
      '3f2504e0-4f89-41d3-9a0c-0305e82c330g',
      42,
      null,
      undefined,
    ]) {
      expect(isUuid(value), String(value)).toBe(false);
    }
  });
});

describe('LIKE patterns', () => {
  it('escapes wildcards and the escape character', () => {
    expect(escapeLikePattern('100%_done\\')).toBe('100\\%\\_done\\\\');
    expect(containsPattern('Week_1 %')).toBe('%week\\_1 \\%%');
  });
});

describe('parseInt8', () => {
  it('returns numbers in the safe range and exact strings beyond it', () => {
    expect(parseInt8('0')).toBe(0);
    expect(parseInt8('-42')).toBe(-42);
    expect(parseInt8('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseInt8('9007199254740992')).toBe('9007199254740992');
    expect(parseInt8('-9223372036854775808')).toBe('-9223372036854775808');
  });
});
