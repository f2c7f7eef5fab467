import { createMemoryStorage } from 'mediashelf/server/storage';
import { describe, expect, it } from 'vitest';
import { describeStorageDriver } from './describeStorageDriver';
import { patternBytes } from './helpers';

describeStorageDriver('memory', async () => {
  const driver = createMemoryStorage();
  return {
    driver,
    listKeys: async (prefix) => driver.keys().filter((key) => key.startsWith(`${prefix}/`)),
  };
});

describe('createMemoryStorage', () => {
  it('records the content type and names itself', async () => {
    const storage = createMemoryStorage();
    expect(storage.name).toBe('memory');
    expect(storage.signedUrl).toBeUndefined();
    await storage.put('t/a', patternBytes(3), { contentType: 'image/webp' });
    expect(storage.contentTypeOf('t/a')).toBe('image/webp');
    expect(storage.keys()).toEqual(['t/a']);
  });
});
