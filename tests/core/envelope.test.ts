import { fail, isEnvelope, MediaError, ok, toEnvelope, unwrapEnvelope } from 'mediashelf/core';
import { describe, expect, it } from 'vitest';

describe('wire envelope', () => {
  it('wraps data and errors', () => {
    expect(ok({ a: 1 })).toEqual({ success: true, data: { a: 1 } });
    expect(fail(new MediaError('NOT_FOUND', 'nope', { details: { id: '1' } }))).toEqual({
      success: false,
      error: { code: 'NOT_FOUND', message: 'nope', details: { id: '1' } },
    });
    expect(fail(new Error('kaput'))).toEqual({
      success: false,
      error: { code: 'INTERNAL', message: 'kaput' },
    });
  });

  it('runs a function into an envelope without throwing', async () => {
    await expect(toEnvelope(() => 5)).resolves.toEqual({ success: true, data: 5 });
    await expect(toEnvelope(async () => undefined)).resolves.toEqual({ success: true, data: undefined });
    await expect(
      toEnvelope(async () => {
        throw new MediaError('CONFLICT', 'in trash');
      }),
    ).resolves.toEqual({ success: false, error: { code: 'CONFLICT', message: 'in trash' } });
  });

  it('unwraps data and rethrows errors as MediaError with their code', () => {
    expect(unwrapEnvelope({ success: true, data: [1] })).toEqual([1]);
    expect(unwrapEnvelope({ success: true, data: null })).toBeNull();
    try {
      unwrapEnvelope({
        success: false,
        error: { code: 'MEDIA_IN_USE', message: 'used', details: { usage: [] } },
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MediaError);
      expect((error as MediaError).code).toBe('MEDIA_IN_USE');
      expect((error as MediaError).details).toEqual({ usage: [] });
    }
  });

  it('refuses values that are not envelopes, naming what arrived', () => {
    expect(() => unwrapEnvelope({ items: [] })).toThrowError(/object with keys \[items\]/);
    expect(() => unwrapEnvelope('<html>')).toThrowError(/received string/);
    expect(() => unwrapEnvelope(null)).toThrowError(/received null/);
    expect(() => unwrapEnvelope({ success: true })).toThrowError(
      expect.objectContaining({ code: 'INTERNAL' }),
    );
    expect(isEnvelope({ success: false, error: 'text' })).toBe(false);
    expect(isEnvelope({ success: false, error: { code: 'X' } })).toBe(true);
  });
});
