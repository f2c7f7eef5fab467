import { createEventEmitter, createMediaQueryKeys, type MediaEvent, mediaKeys } from 'mediashelf/core';
import { describe, expect, it, vi } from 'vitest';

describe('query keys', () => {
  it('gives equal keys for filters that are equal after defaults', () => {
    expect(mediaKeys.list({})).toEqual(
      mediaKeys.list({ status: 'active', sort: 'uploadDate', order: 'desc' }),
    );
    expect(mediaKeys.list({ kind: ['video', 'image'] })).toEqual(
      mediaKeys.list({ kind: ['image', 'video', 'image'] }),
    );
    expect(mediaKeys.list({ search: '  intro ' })).toEqual(mediaKeys.list({ search: 'intro' }));
    expect(mediaKeys.list({ search: 'intro' })).not.toEqual(mediaKeys.list({ search: 'outro' }));
  });

  it('leaves cursor and limit out of list keys (one infinite query per filter set)', () => {
    expect(mediaKeys.list({ cursor: 'abc', limit: 10 })).toEqual(mediaKeys.list({}));
  });

  it('nests keys so that prefixes invalidate exactly what they name', () => {
    const startsWith = (key: readonly unknown[], prefix: readonly unknown[]) =>
      prefix.every((part, index) => JSON.stringify(key[index]) === JSON.stringify(part));
    expect(startsWith(mediaKeys.list({ kind: 'video' }), mediaKeys.lists())).toBe(true);
    expect(startsWith(mediaKeys.history('a'), mediaKeys.file('a'))).toBe(true);
    expect(startsWith(mediaKeys.usage('a'), mediaKeys.file('b'))).toBe(false);
    expect(startsWith(mediaKeys.operation('o'), mediaKeys.operations())).toBe(true);
    for (const key of [
      mediaKeys.lists(),
      mediaKeys.file('a'),
      mediaKeys.analytics(),
      mediaKeys.versions('a'),
    ]) {
      expect(startsWith(key, mediaKeys.all)).toBe(true);
    }
  });

  it('separates scopes so two libraries can share a QueryClient', () => {
    const course = createMediaQueryKeys('course-a');
    expect(course.file('1')).not.toEqual(mediaKeys.file('1'));
    expect(course.all).toEqual(['mediashelf', 'course-a']);
    expect(mediaKeys.analytics(7)).toEqual(['mediashelf', 'default', 'analytics', { orphanAgeDays: 7 }]);
  });

  it('rejects invalid filters instead of caching them under a bad key', () => {
    expect(() => mediaKeys.list({ sort: 'name' as never })).toThrowError(/sort must be one of/);
  });
});

describe('event emitter', () => {
  const event: MediaEvent = { type: 'media.changed', ids: ['a'], change: 'updated' };

  it('delivers to every listener until it unsubscribes', () => {
    const emitter = createEventEmitter();
    const first = vi.fn();
    const second = vi.fn();
    const stopFirst = emitter.subscribe(first);
    emitter.subscribe(second);
    emitter.emit(event);
    stopFirst();
    emitter.emit(event);
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(2);
    expect(second).toHaveBeenCalledWith(event);
    expect(emitter.size).toBe(1);
  });

  it('keeps delivering when a listener throws, and reports the error', () => {
    const errors: unknown[] = [];
    const emitter = createEventEmitter((error) => errors.push(error));
    const after = vi.fn();
    emitter.subscribe(() => {
      throw new Error('listener bug');
    });
    emitter.subscribe(after);
    emitter.emit(event);
    expect(after).toHaveBeenCalledOnce();
    expect(errors).toHaveLength(1);
  });
});
