// @vitest-environment jsdom

import { createBackend } from './harness';
import { runHookSuite } from './hookSuite';

runHookSuite('the memory adapter', () => {
  const backend = createBackend();
  return { backend, adapter: backend };
});
