import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = fileURLToPath(new URL('./src/', import.meta.url));

export default defineConfig({
  resolve: {
    // Layers import each other by package specifier; tests run them from source.
    alias: [
      { find: /^mediashelf$/, replacement: `${src}index.ts` },
      { find: /^mediashelf\/(.+)$/, replacement: `${src}$1/index.ts` },
    ],
  },
  test: {
    include: ['tests/**/*.test.{ts,tsx}', 'src/**/*.test.{ts,tsx}'],
    exclude: ['tests/package/**', '**/node_modules/**'],
    environment: 'node',
    // Generous: PGlite takes seconds to start, and CI shares two cores with PostgreSQL.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite and the PostgreSQL suites are memory- and CPU-heavy; two cores here.
    maxWorkers: 2,
  },
});
