/**
 * The package's layers: each owns a source folder and is published as one entry point.
 * Layers import each other only by package specifier (`mediashelf/core`), which the build keeps
 * external; the build reads this table for its entries and the architecture test reads it to
 * enforce which layer may import which.
 */
export interface Layer {
  /** Name used in error messages and the allow lists below. */
  name: string;
  /** Folder (relative to the repo root) whose files belong to the layer. */
  dir: string;
  /** Source file of the entry point. */
  entry: string;
  /** Output path inside dist/ without extension. */
  out: string;
  /** Package specifier a consumer imports. */
  specifier: string;
  /** Layers this one may import. */
  mayImport: string[];
  /** Whether the entry is a React client module ('use client'). */
  client?: boolean;
  /** ESM only (no CommonJS build), for entries whose dependencies cannot be required. */
  esmOnly?: boolean;
}

export const layers: Layer[] = [
  {
    name: 'core',
    dir: 'src/core',
    entry: 'src/core/index.ts',
    out: 'core/index',
    specifier: 'mediashelf/core',
    mayImport: [],
  },
  {
    name: 'headless',
    dir: 'src/headless',
    entry: 'src/headless/index.ts',
    out: 'headless/index',
    specifier: 'mediashelf/headless',
    mayImport: ['core'],
    client: true,
  },
  {
    name: 'components',
    dir: 'src/components',
    entry: 'src/index.ts',
    out: 'index',
    specifier: 'mediashelf',
    mayImport: ['core', 'headless'],
    client: true,
  },
  {
    name: 'adapters/memory',
    dir: 'src/adapters/memory',
    entry: 'src/adapters/memory/index.ts',
    out: 'adapters/memory/index',
    specifier: 'mediashelf/adapters/memory',
    mayImport: ['core'],
  },
  {
    name: 'adapters/rest',
    dir: 'src/adapters/rest',
    entry: 'src/adapters/rest/index.ts',
    out: 'adapters/rest/index',
    specifier: 'mediashelf/adapters/rest',
    mayImport: ['core'],
  },
  {
    name: 'adapters/server-actions',
    dir: 'src/adapters/server-actions',
    entry: 'src/adapters/server-actions/index.ts',
    out: 'adapters/server-actions/index',
    specifier: 'mediashelf/adapters/server-actions',
    mayImport: ['core'],
  },
  {
    name: 'server',
    dir: 'src/server',
    entry: 'src/server/index.ts',
    out: 'server/index',
    specifier: 'mediashelf/server',
    mayImport: ['core'],
  },
  {
    name: 'testing',
    dir: 'src/testing',
    entry: 'src/testing/index.ts',
    out: 'testing/index',
    specifier: 'mediashelf/testing',
    mayImport: ['core', 'adapters/memory'],
    // vitest, which the contract suite runs on, cannot be loaded with require().
    esmOnly: true,
  },
];

const normalise = (path: string) => path.replaceAll('\\', '/');

/** The layer owning a repo-relative path, or undefined for files outside the layers. */
export function layerOf(repoRelativePath: string): Layer | undefined {
  const path = normalise(repoRelativePath);
  if (path === 'src/index.ts') return layers.find((layer) => layer.name === 'components');
  return layers.find((layer) => path.startsWith(`${layer.dir}/`));
}
