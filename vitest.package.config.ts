import { defineConfig } from 'vitest/config';

/** Checks of the built package (`npm run build` first); kept out of `npm test`, which runs from source. */
export default defineConfig({
  test: { include: ['tests/package/**/*.test.ts'], environment: 'node', testTimeout: 30_000 },
});
