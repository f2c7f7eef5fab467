import { copyFile, mkdir } from 'node:fs/promises';
import { defineConfig, type Options } from 'tsup';
import { type Layer, layers } from './scripts/layers';

/**
 * Cross-layer imports are written as package specifiers (`mediashelf/core`), mapped to src/ by
 * tsconfig paths and vitest aliases, and kept external here: each layer is bundled exactly once,
 * so there is one copy of every class (`instanceof MediaError` holds across entry points).
 */
function configFor(group: Layer[], client: boolean, esmOnly = false): Options {
  return {
    entry: Object.fromEntries(group.map((layer) => [layer.out, layer.entry])),
    format: esmOnly ? ['esm'] : ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: false,
    target: 'es2022',
    platform: client ? 'browser' : 'neutral',
    splitting: false,
    treeshake: false,
    external: ['mediashelf', /^mediashelf\//, /^node:/],
    banner: client ? { js: "'use client';" } : undefined,
    outExtension: ({ format }) => ({ js: format === 'cjs' ? '.cjs' : '.js' }),
  };
}

/**
 * The `mediashelf` bin: one ESM file for Node with a shebang. It imports the server layer as
 * `mediashelf/server` (a self-reference resolved through the package's exports), so the server
 * code stays in dist/server and is not bundled twice.
 */
const cli: Options = {
  entry: { cli: 'src/server/cli/index.ts' },
  format: ['esm'],
  dts: false,
  sourcemap: true,
  clean: false,
  target: 'node20',
  platform: 'node',
  splitting: false,
  treeshake: false,
  external: ['mediashelf', /^mediashelf\//],
  banner: { js: '#!/usr/bin/env node' },
  outExtension: () => ({ js: '.js' }),
};

export default defineConfig([
  configFor(
    layers.filter((layer) => !layer.client && !layer.esmOnly),
    false,
  ),
  configFor(
    layers.filter((layer) => layer.esmOnly),
    false,
    true,
  ),
  {
    ...configFor(
      layers.filter((layer) => layer.client),
      true,
    ),
    async onSuccess() {
      await mkdir('dist', { recursive: true });
      await copyFile('src/styles.css', 'dist/styles.css');
    },
  },
  cli,
]);
