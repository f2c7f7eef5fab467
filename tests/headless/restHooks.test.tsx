// @vitest-environment jsdom
import { createRestAdapter } from 'mediashelf/adapters/rest';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createBackend } from './harness';
import { runHookSuite } from './hookSuite';
import { createRestHandlers, REST_BASE } from './restBackend';

// One MSW server for the file; each test installs handlers over its own fresh memory backend.
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

runHookSuite('the REST adapter over MSW (poll mode)', () => {
  const backend = createBackend();
  server.use(...createRestHandlers(backend));
  return { backend, adapter: createRestAdapter({ baseUrl: REST_BASE, realtime: 'poll' }) };
});
