import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { layers } from '../../scripts/layers';

// Runs after `npm run build` (see `npm run test:package`): a consumer project in a temp folder
// resolves the built package through its `exports` map, from ESM and from CJS.
const root = resolve(import.meta.dirname, '../..');
const specifiers = layers.map((layer) => layer.specifier);
let consumer: string;

function run(file: string, source: string): Record<string, unknown> {
  writeFileSync(join(consumer, file), source);
  return JSON.parse(execFileSync(process.execPath, [file], { cwd: consumer, encoding: 'utf8' }));
}

beforeAll(() => {
  if (!existsSync(join(root, 'dist/core/index.js')))
    throw new Error('dist/ is missing: run `npm run build` first');
  consumer = mkdtempSync(join(tmpdir(), 'mediashelf-consumer-'));
  mkdirSync(join(consumer, 'node_modules'));
  symlinkSync(root, join(consumer, 'node_modules/mediashelf'), 'dir');
  writeFileSync(join(consumer, 'package.json'), '{"name":"consumer","private":true}');
});

afterAll(() => {
  if (consumer) rmSync(consumer, { recursive: true, force: true });
});

describe('built package', () => {
  it('lists every layer in its exports map with types for import and require', () => {
    for (const layer of layers) {
      const key = layer.specifier === 'mediashelf' ? '.' : `./${layer.specifier.slice('mediashelf/'.length)}`;
      const entry = (
        packageJson.exports as unknown as Record<
          string,
          { import: { types: string }; require?: { types: string } }
        >
      )[key];
      expect(entry, key).toBeDefined();
      const files = layer.esmOnly ? [entry!.import.types] : [entry!.import.types, entry!.require!.types];
      if (layer.esmOnly) expect(entry!.require, `${key} has no CommonJS build`).toBeUndefined();
      for (const file of files) expect(existsSync(join(root, file)), file).toBe(true);
    }
  });

  it('resolves every entry point from ESM', () => {
    const exported = run(
      'esm.mjs',
      `const out = {};
for (const s of ${JSON.stringify(specifiers)}) out[s] = Object.keys(await import(s)).sort();
console.log(JSON.stringify(out));`,
    );
    expect(Object.keys(exported)).toEqual(specifiers);
    expect(exported['mediashelf/core']).toEqual(
      expect.arrayContaining(['MediaError', 'kindOf', 'mediaKeys']),
    );
    expect(exported['mediashelf/adapters/memory']).toContain('createMemoryAdapter');
    expect(exported['mediashelf/testing']).toEqual(
      expect.arrayContaining(['runMediaAdapterContract', 'createTestAdapter']),
    );
  });

  it('resolves every entry point from CommonJS', () => {
    const exported = run(
      'cjs.cjs',
      `const out = {};
for (const s of ${JSON.stringify(layers.filter((layer) => !layer.esmOnly).map((layer) => layer.specifier))}) out[s] = Object.keys(require(s)).sort();
out.styles = require.resolve('mediashelf/styles.css');
console.log(JSON.stringify(out));`,
    );
    expect(exported['mediashelf/core']).toEqual(
      expect.arrayContaining(['MediaError', 'kindOf', 'mediaKeys']),
    );
    expect(exported['mediashelf/adapters/memory']).toContain('createMemoryAdapter');
    expect(String(exported.styles)).toMatch(/dist\/styles\.css$/);
  });

  it('ships one copy of each layer: errors from an adapter are instances of the core class', () => {
    const source = (load: string) => `${load}
const adapter = memory.createMemoryAdapter();
adapter.getMedia({ id: 'missing' }).catch((error) => {
  console.log(JSON.stringify({ core: error instanceof core.MediaError, root: error instanceof root.MediaError, code: error.code }));
});`;
    const expected = { core: true, root: true, code: 'NOT_FOUND' };
    expect(
      run(
        'identity.mjs',
        source(
          "import * as core from 'mediashelf/core'; import * as root from 'mediashelf'; import * as memory from 'mediashelf/adapters/memory';",
        ),
      ),
    ).toEqual(expected);
    expect(
      run(
        'identity.cjs',
        source(
          "const core = require('mediashelf/core'); const root = require('mediashelf'); const memory = require('mediashelf/adapters/memory');",
        ),
      ),
    ).toEqual(expected);
  });

  it("keeps 'use client' on client entries only", () => {
    for (const layer of layers) {
      for (const extension of layer.esmOnly ? ['js'] : ['js', 'cjs']) {
        const firstLine = readFileSync(join(root, `dist/${layer.out}.${extension}`), 'utf8').split('\n')[0];
        expect(firstLine === "'use client';", `${layer.out}.${extension}`).toBe(Boolean(layer.client));
      }
    }
  });
});
