import { describe, expect, it } from 'vitest';
import { checkLayers, importsOf, readSourceFiles } from '../scripts/checkLayers';

describe('import layers (DESIGN.md §1)', () => {
  it('the source tree keeps every rule', () => {
    const files = readSourceFiles();
    expect(files.length).toBeGreaterThan(10);
    expect(checkLayers(files)).toEqual([]);
  });

  it('finds every kind of import', () => {
    const text = [
      "import { a } from 'one';",
      "import type { B } from 'two';",
      "export * from 'three';",
      "import 'four';",
      "const five = await import('five');",
      "const six = require('six');",
      "// import { x } from 'commented-out';",
    ].join('\n');
    expect(importsOf(text)).toEqual(['one', 'two', 'three', 'four', 'five', 'six']);
  });

  it('fails when core imports React', () => {
    const violations = checkLayers([{ path: 'src/core/bad.ts', text: "import { useState } from 'react';" }]);
    expect(violations).toEqual([
      { file: 'src/core/bad.ts', specifier: 'react', rule: 'core imports no packages' },
    ]);
  });

  it('fails when core uses a Node built-in', () => {
    const violations = checkLayers([
      { path: 'src/core/bad.ts', text: "import { readFile } from 'node:fs';" },
    ]);
    expect(violations[0]?.rule).toBe('core must not use Node-only APIs');
  });

  it('fails when a component imports an adapter', () => {
    const violations = checkLayers([
      {
        path: 'src/components/Bad.tsx',
        text: "import { createMemoryAdapter } from 'mediashelf/adapters/memory';",
      },
    ]);
    expect(violations[0]?.rule).toBe('components may not import adapters/memory');
  });

  it('fails when a layer reaches into another with a relative path', () => {
    const violations = checkLayers([
      { path: 'src/headless/useX.ts', text: "import { MediaError } from '../core/MediaError';" },
    ]);
    expect(violations[0]?.rule).toMatch(/relative import crosses from headless into core/);
  });

  it('fails when the server imports React or a React layer', () => {
    const violations = checkLayers([
      {
        path: 'src/server/bad.ts',
        text: "import React from 'react';\nimport { useMediaList } from 'mediashelf/headless';",
      },
    ]);
    expect(violations.map((violation) => violation.rule)).toEqual([
      'server must not import React libraries',
      'server may not import headless',
    ]);
  });

  it('allows what the design allows', () => {
    expect(
      checkLayers([
        {
          path: 'src/headless/useX.ts',
          text: "import { useQuery } from '@tanstack/react-query';\nimport { mediaKeys } from 'mediashelf/core';",
        },
        {
          path: 'src/components/X.tsx',
          text: "import { useMediaList } from 'mediashelf/headless';\nimport { formatDate } from 'mediashelf/core';",
        },
        {
          path: 'src/server/x.ts',
          text: "import { createHash } from 'node:crypto';\nimport { MediaError } from 'mediashelf/core';",
        },
        { path: 'src/core/x.ts', text: "import { MediaError } from './MediaError';" },
      ]),
    ).toEqual([]);
  });
});
