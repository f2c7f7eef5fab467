import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { layerOf, layers } from './layers';

/** One broken import rule. */
export interface LayerViolation {
  file: string;
  specifier: string;
  rule: string;
}

/** A source file to check: repo-relative path and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

const IMPORT_PATTERN = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;
const NODE_BUILTINS = new Set(builtinModules);
const REACT_PACKAGES =
  /^(react|react-dom|@tanstack\/react-query|zustand|@radix-ui\/|react-virtuoso|react-dropzone)/;
const LAYERS_BY_SPECIFIER = new Map(layers.map((layer) => [layer.specifier, layer]));

/** Import specifiers of a module's text (static, dynamic, re-exports and require). */
export function importsOf(text: string): string[] {
  const withoutComments = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...withoutComments.matchAll(IMPORT_PATTERN)].map((match) => match[1]!);
}

function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || NODE_BUILTINS.has(specifier.split('/')[0]!);
}

/**
 * Checks DESIGN.md §1's import rules on a set of files: layers import each other only by package
 * specifier and only where allowed; core imports nothing (no React, no Node built-ins); only the
 * React layers import React; nothing in src/ imports the components layer except itself.
 */
export function checkLayers(files: SourceFile[]): LayerViolation[] {
  const violations: LayerViolation[] = [];
  for (const file of files) {
    const layer = layerOf(file.path);
    if (!layer) continue;
    for (const specifier of importsOf(file.text)) {
      const report = (rule: string) => violations.push({ file: file.path, specifier, rule });
      if (specifier.startsWith('.')) {
        const target = relative(process.cwd(), resolve(dirname(resolve(file.path)), specifier));
        const targetLayer = layerOf(target) ?? layerOf(`${target}/index.ts`);
        if (targetLayer && targetLayer.name !== layer.name) {
          report(
            `a relative import crosses from ${layer.name} into ${targetLayer.name}; import '${targetLayer.specifier}'`,
          );
        }
        continue;
      }
      const targetLayer = LAYERS_BY_SPECIFIER.get(specifier);
      if (targetLayer) {
        if (targetLayer.name !== layer.name && !layer.mayImport.includes(targetLayer.name)) {
          report(`${layer.name} may not import ${targetLayer.name}`);
        }
        continue;
      }
      if (specifier === 'mediashelf' || specifier.startsWith('mediashelf/')) {
        report('unknown mediashelf entry point');
        continue;
      }
      if (layer.name === 'core') {
        report(isNodeBuiltin(specifier) ? 'core must not use Node-only APIs' : 'core imports no packages');
      } else if (REACT_PACKAGES.test(specifier) && !layer.client) {
        report(`${layer.name} must not import React libraries`);
      }
    }
  }
  return violations;
}

function walk(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return walk(path);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Reads every source file under src/ (relative to the current directory). */
export function readSourceFiles(root = 'src'): SourceFile[] {
  return walk(root).map((path) => ({ path: path.replaceAll('\\', '/'), text: readFileSync(path, 'utf8') }));
}
