import {
  type MediaAdapter,
  type MediaFile,
  validateAdapterResult,
  withResultValidation,
} from 'mediashelf/core';
import { describe, expect, it } from 'vitest';

const file: MediaFile = {
  id: 'm1',
  fileName: 'intro.mp4',
  originalFileName: 'intro.mp4',
  fileSize: 1024,
  fileType: 'video/mp4',
  kind: 'video',
  status: 'active',
  version: 1,
  usageCount: 0,
  uploadDate: '2026-01-01T00:00:00.000Z',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  deletedAt: null,
  url: '/api/media/files/m1/content',
};

describe('validateAdapterResult', () => {
  it('accepts results of the contract shape', () => {
    expect(() => validateAdapterResult('getMedia', file)).not.toThrow();
    expect(() =>
      validateAdapterResult('listMedia', { items: [file], nextCursor: null, total: 1 }),
    ).not.toThrow();
    expect(() => validateAdapterResult('purgeMedia', undefined)).not.toThrow();
    expect(() => validateAdapterResult('getUsage', [])).not.toThrow();
  });

  it('names the method and the first wrong field', () => {
    expect(() =>
      validateAdapterResult('listMedia', { items: [file, { ...file, fileSize: '12' }], nextCursor: null }),
    ).toThrowError(
      'mediashelf: adapter.listMedia() resolved with an invalid result: result.items[1].fileSize must be a whole number >= 0, received "12"',
    );
    expect(() => validateAdapterResult('getMedia', { ...file, kind: 'movie' })).toThrowError(
      /result\.kind must be one of video, image, audio, document, other, received "movie"/,
    );
    expect(() => validateAdapterResult('listMedia', [file])).toThrowError(
      /result must be an object, received an array/,
    );
    expect(() => validateAdapterResult('getMedia', { ...file, uploadDate: 'yesterday' })).toThrowError(
      /result\.uploadDate must be an ISO date string/,
    );
    expect(() => validateAdapterResult('purgeMedia', { ok: true })).toThrowError(/result must be empty/);
    expect(() =>
      validateAdapterResult('getOperation', {
        id: 'o',
        type: 'bulk-delete',
        status: 'done',
        total: 1,
        processed: 1,
        percentage: 100,
        succeeded: [],
        failed: [],
      }),
    ).toThrowError(/result\.status must be one of queued/);
  });

  it('wraps an adapter in development and leaves it alone in production', async () => {
    const broken = {
      getMedia: async () => ({ ...file, deletedAt: 0 }),
      capabilities: {},
    } as unknown as MediaAdapter;
    await expect(withResultValidation(broken, true).getMedia({ id: 'm1' })).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringContaining('result.deletedAt must be an ISO date string'),
    });
    expect(withResultValidation(broken, false)).toBe(broken);
    await expect(withResultValidation(broken, false).getMedia({ id: 'm1' })).resolves.toMatchObject({
      deletedAt: 0,
    });
  });

  it('passes capabilities and subscribe through untouched', () => {
    const unsubscribe = () => {};
    const adapter = {
      capabilities: { realtime: true, resumableUpload: false, versions: true },
      subscribe: () => unsubscribe,
    } as unknown as MediaAdapter;
    const wrapped = withResultValidation(adapter, true);
    expect(wrapped.capabilities).toBe(adapter.capabilities);
    expect(wrapped.subscribe?.(() => {})).toBe(unsubscribe);
  });
});
