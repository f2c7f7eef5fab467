import { createMemoryAdapter, type MemoryAdapter } from 'mediashelf/adapters/memory';
import { runMediaAdapterContract } from 'mediashelf/testing';

// Above the 2 MiB file of the abort-during-upload test, small enough to upload quickly.
const MAX_FILE_SIZE = 4 * 1024 * 1024;

runMediaAdapterContract({
  name: 'memory',
  createAdapter: () =>
    createMemoryAdapter({
      maxFileSize: MAX_FILE_SIZE,
      acceptTypes: ['image/*', 'video/*', 'audio/*', 'text/*', 'application/pdf'],
    }),
  destroyAdapter: (adapter) => (adapter as MemoryAdapter).dispose(),
  capabilities: {
    maxFileSize: MAX_FILE_SIZE,
    unsupportedType: 'application/zip',
    realtime: true,
    versions: true,
  },
});
