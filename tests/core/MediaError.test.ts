import {
  HTTP_STATUS_BY_CODE,
  isAbortError,
  isMediaError,
  isMediaErrorCode,
  MEDIA_ERROR_CODES,
  MediaError,
  throwIfAborted,
  toMediaError,
} from 'mediashelf/core';
import { describe, expect, it } from 'vitest';

describe('MediaError', () => {
  it('carries code, message, details and the HTTP status of its code', () => {
    const error = new MediaError('MEDIA_IN_USE', 'Used in 2 places', { details: { usage: [1, 2] } });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('MediaError');
    expect(error.code).toBe('MEDIA_IN_USE');
    expect(error.status).toBe(409);
    expect(error.toJSON()).toEqual({
      code: 'MEDIA_IN_USE',
      message: 'Used in 2 places',
      details: { usage: [1, 2] },
    });
  });

  it('omits details from JSON when there are none and keeps the cause', () => {
    const cause = new Error('disk full');
    const error = new MediaError('STORAGE_ERROR', 'Could not store', { cause });
    expect(error.toJSON()).toEqual({ code: 'STORAGE_ERROR', message: 'Could not store' });
    expect(error.cause).toBe(cause);
    expect(JSON.parse(JSON.stringify(error))).toEqual({ code: 'STORAGE_ERROR', message: 'Could not store' });
  });

  it('maps every code to a status the protocol allows', () => {
    const allowed = [400, 401, 403, 404, 405, 409, 413, 415, 416, 429, 500, 502];
    for (const code of MEDIA_ERROR_CODES) expect(allowed).toContain(HTTP_STATUS_BY_CODE[code]);
    expect(MEDIA_ERROR_CODES).toHaveLength(15);
  });

  it('rebuilds from a wire shape and turns unknown codes into INTERNAL', () => {
    const known = MediaError.fromShape({ code: 'NOT_FOUND', message: 'gone', details: { id: 'x' } });
    expect([known.code, known.message, known.details]).toEqual(['NOT_FOUND', 'gone', { id: 'x' }]);
    const unknown = MediaError.fromShape({ code: 'TEAPOT', message: 42 });
    expect([unknown.code, unknown.message, unknown.details]).toEqual([
      'INTERNAL',
      'Unknown error',
      undefined,
    ]);
  });

  it('is recognised by the guard, also across package copies, and filtered by code', () => {
    const foreign = Object.assign(new Error('x'), { name: 'MediaError', code: 'CONFLICT' });
    expect(isMediaError(new MediaError('CONFLICT', 'x'))).toBe(true);
    expect(isMediaError(foreign)).toBe(true);
    expect(isMediaError(foreign, 'CONFLICT')).toBe(true);
    expect(isMediaError(foreign, 'NOT_FOUND')).toBe(false);
    expect(isMediaError(Object.assign(new Error('x'), { name: 'MediaError', code: 'NOPE' }))).toBe(false);
    expect(isMediaError({ code: 'CONFLICT', message: 'plain object' })).toBe(false);
    expect(isMediaError(null)).toBe(false);
  });

  it('knows its codes', () => {
    expect(isMediaErrorCode('RATE_LIMITED')).toBe(true);
    expect(isMediaErrorCode('rate_limited')).toBe(false);
    expect(isMediaErrorCode(undefined)).toBe(false);
  });

  it('converts anything thrown', () => {
    const original = new MediaError('FORBIDDEN', 'no');
    expect(toMediaError(original)).toBe(original);
    const abort = toMediaError(new DOMException('stop', 'AbortError'));
    expect(abort.code).toBe('ABORTED');
    const plain = toMediaError(new TypeError('boom'));
    expect([plain.code, plain.message]).toEqual(['INTERNAL', 'boom']);
    expect(plain.cause).toBeInstanceOf(TypeError);
    expect(toMediaError('weird', 'fallback').message).toBe('fallback');
  });

  it('recognises aborts and throws when a signal has fired', () => {
    expect(isAbortError(new DOMException('x', 'AbortError'))).toBe(true);
    expect(isAbortError(new MediaError('ABORTED', 'x'))).toBe(true);
    expect(isAbortError(new Error('x'))).toBe(false);
    const controller = new AbortController();
    expect(() => throwIfAborted(controller.signal)).not.toThrow();
    expect(() => throwIfAborted(undefined)).not.toThrow();
    controller.abort();
    expect(() => throwIfAborted(controller.signal)).toThrowError(
      expect.objectContaining({ code: 'ABORTED' }),
    );
  });
});
