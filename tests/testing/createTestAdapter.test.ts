import { isMediaError, MEDIA_ADAPTER_METHODS } from 'mediashelf/core';
import { createTestAdapter } from 'mediashelf/testing';
import { describe, expect, it, vi } from 'vitest';

describe('createTestAdapter', () => {
  for (const method of MEDIA_ADAPTER_METHODS) {
    it(`${method} rejects INTERNAL naming the method when not overridden`, async () => {
      const adapter = createTestAdapter();
      const call = (adapter[method] as (params: unknown) => Promise<unknown>)({});
      const error = await call.then(
        () => null,
        (reason: unknown) => reason,
      );
      expect(isMediaError(error, 'INTERNAL')).toBe(true);
      expect((error as Error).message).toBe(
        `createTestAdapter: ${method}() is not implemented; pass it in overrides`,
      );
    });
  }

  it('rejects instead of throwing synchronously', () => {
    const adapter = createTestAdapter();
    let promise: Promise<unknown> | undefined;
    expect(() => {
      promise = adapter.listMedia();
    }).not.toThrow();
    return expect(promise).rejects.toThrow(/listMedia/);
  });

  it('uses the overrides it is given', async () => {
    const listMedia = vi.fn(async () => ({ items: [], nextCursor: null }));
    const adapter = createTestAdapter({ listMedia });
    await expect(adapter.listMedia({ search: 'x' })).resolves.toEqual({ items: [], nextCursor: null });
    expect(listMedia).toHaveBeenCalledWith({ search: 'x' });
    await expect(adapter.getMedia({ id: '1' })).rejects.toThrow(/getMedia\(\) is not implemented/);
  });

  it('defaults capabilities to nothing optional', () => {
    expect(createTestAdapter().capabilities).toEqual({
      realtime: false,
      resumableUpload: false,
      versions: false,
    });
  });

  it('merges capability overrides over the defaults', () => {
    const adapter = createTestAdapter({ capabilities: { versions: true } });
    expect(adapter.capabilities).toEqual({ realtime: false, resumableUpload: false, versions: true });
  });

  it('has no subscribe unless given one', () => {
    expect(createTestAdapter().subscribe).toBeUndefined();
    const unsubscribe = vi.fn();
    const adapter = createTestAdapter({ subscribe: () => unsubscribe });
    adapter.subscribe?.(() => {})();
    expect(unsubscribe).toHaveBeenCalledOnce();
  });

  it('gives every adapter its own methods', async () => {
    const one = createTestAdapter({ getUsage: async () => [] });
    const two = createTestAdapter();
    await expect(one.getUsage({ id: 'a' })).resolves.toEqual([]);
    await expect(two.getUsage({ id: 'a' })).rejects.toThrow(/getUsage/);
  });
});
