import { describe } from 'vitest';
import { describeAnalytics } from './analytics';
import { describeBulk } from './bulk';
import { useFreshAdapter } from './context';
import { describeErrors } from './errors';
import { describeEvents } from './events';
import { describeFilters } from './filters';
import { describeHistory } from './history';
import { describeLifecycle } from './lifecycle';
import { describeListing } from './listing';
import { type MediaAdapterContractOptions, resolveCapabilities } from './options';
import { describePaging } from './paging';
import { describeRename } from './rename';
import { describeShapes } from './shapes';
import { describeUpload } from './upload';
import { describeUploadLimits } from './uploadLimits';
import { describeUsage } from './usage';
import { describeListValidation } from './validation';
import { describeVersions } from './versions';

/**
 * Registers the adapter contract suite with vitest: every method and every error code of the
 * `MediaAdapter` contract, driven through the adapter alone. Call it at the top level of a test
 * file. `createAdapter` runs before every test, so tests are isolated; tests that need a
 * capability the backend lacks are registered as skipped with the reason in their name.
 *
 * @example
 * // tests/myAdapter.contract.test.ts
 * import { runMediaAdapterContract } from 'mediashelf/testing';
 * runMediaAdapterContract({
 *   name: 'my adapter',
 *   createAdapter: () => createMyAdapter({ baseUrl: server.url, tenant: crypto.randomUUID() }),
 *   capabilities: { maxFileSize: 1024 * 1024 },
 * });
 */
export function runMediaAdapterContract(options: MediaAdapterContractOptions): void {
  describe(`MediaAdapter contract: ${options.name}`, async () => {
    const capabilities = await resolveCapabilities(options);
    const ctx = useFreshAdapter(options, capabilities);
    describeListing(ctx);
    describePaging(ctx);
    describeFilters(ctx);
    describeListValidation(ctx);
    describeUpload(ctx);
    describeUploadLimits(ctx);
    describeRename(ctx);
    describeLifecycle(ctx);
    describeUsage(ctx);
    describeHistory(ctx);
    describeVersions(ctx);
    describeAnalytics(ctx);
    describeBulk(ctx);
    describeEvents(ctx);
    describeErrors(ctx);
    describeShapes(ctx);
  });
}
