import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectMediaError } from './helpers';

describe('createS3Storage without the AWS SDK installed', () => {
  afterEach(() => {
    vi.doUnmock('@aws-sdk/client-s3');
    vi.resetModules();
  });

  it('constructs without loading the SDK and fails on first use, naming the packages to install', async () => {
    vi.resetModules();
    vi.doMock('@aws-sdk/client-s3', () => {
      throw Object.assign(new Error("Cannot find package '@aws-sdk/client-s3'"), {
        code: 'ERR_MODULE_NOT_FOUND',
      });
    });
    const { createS3Storage } = await import('mediashelf/server/storage');
    const storage = createS3Storage({ bucket: 'b', region: 'us-east-1' });
    const error = await expectMediaError(storage.exists('a/b'), 'STORAGE_ERROR');
    expect(error.message).toContain(
      'npm install @aws-sdk/client-s3 @aws-sdk/lib-storage @aws-sdk/s3-request-presigner',
    );
    expect(error.details?.package).toBe('@aws-sdk/client-s3');
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('never imports the SDK for local or memory storage', async () => {
    vi.resetModules();
    let loaded = false;
    vi.doMock('@aws-sdk/client-s3', () => {
      loaded = true;
      return {};
    });
    const { createLocalStorage, createMemoryStorage } = await import('mediashelf/server/storage');
    createLocalStorage({ directory: '/tmp/mediashelf-never-written' });
    const memory = createMemoryStorage();
    await memory.put('a/b', new Uint8Array([1]), { contentType: 'text/plain' });
    expect(loaded).toBe(false);
  });
});
