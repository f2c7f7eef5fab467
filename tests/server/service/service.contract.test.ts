import { runMediaAdapterContract } from 'mediashelf/testing';
import { afterAll, beforeAll } from 'vitest';
import { createServiceAdapter } from '../../../src/server/service/createServiceAdapter';
import { describeWithPostgres } from '../db/pgTestDatabase';
import { createServiceHarness, type HarnessDialect, type ServiceHarness } from './serviceHarness';

const MAX_FILE_SIZE = 4 * 1024 * 1024;

function contractOn(dialect: HarnessDialect) {
  let harness: ServiceHarness;
  beforeAll(async () => {
    harness = await createServiceHarness(dialect, {
      limits: {
        maxFileSize: MAX_FILE_SIZE,
        acceptTypes: ['image/*', 'video/*', 'audio/*', 'text/*', 'application/pdf'],
      },
      bulk: { batchSize: 20, pollIntervalMs: 0 },
    });
  });
  afterAll(async () => harness?.close());
  runMediaAdapterContract({
    name: `media service on ${dialect}`,
    createAdapter: () => createServiceAdapter(harness.service, harness.newContext()),
    capabilities: {
      maxFileSize: MAX_FILE_SIZE,
      unsupportedType: 'application/zip',
      checksMagicBytes: true,
      realtime: true,
      versions: true,
    },
  });
}

contractOn('pglite');
describeWithPostgres('adapter contract on PostgreSQL', () => contractOn('postgres'));
