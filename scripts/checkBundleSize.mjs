// Checks what each browser entry point of the built package adds to an app: the entry bundled
// with everything it imports (React excluded: the host has it), minified and gzipped, against
// the limits in bundleSizeLimits.json. Run after `npm run build`; exits 1 when over a limit.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const { limits } = JSON.parse(readFileSync(join(root, 'scripts', 'bundleSizeLimits.json'), 'utf8'));

/** Resolves `mediashelf` and `mediashelf/<layer>` to the built ESM files, as the exports map does. */
const builtPackage = {
  name: 'built-mediashelf',
  setup(plugin) {
    plugin.onResolve({ filter: /^mediashelf(\/.*)?$/ }, (args) => {
      const layer = args.path.slice('mediashelf'.length);
      if (layer.endsWith('.css')) return { path: join(dist, layer) };
      return { path: join(dist, layer, 'index.js') };
    });
  },
};

async function gzippedSize(specifier) {
  if (specifier.endsWith('.css')) {
    const css = readFileSync(join(dist, specifier.slice('mediashelf/'.length)));
    return gzipSync(css, { level: 9 }).length;
  }
  const result = await build({
    stdin: { contents: `export * from '${specifier}';`, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'error',
    external: ['react', 'react-dom', 'react/*', 'react-dom/*'],
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [builtPackage],
  });
  return gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
}

let over = 0;
const rows = [];
for (const [specifier, limit] of Object.entries(limits)) {
  const size = await gzippedSize(specifier);
  const ok = size <= limit;
  if (!ok) over++;
  rows.push({
    entry: specifier,
    'gzip bytes': size,
    limit,
    share: `${Math.round((size / limit) * 100)}%`,
    ok,
  });
}
console.table(rows);
if (over > 0) {
  console.error(`${over} entry point(s) over their size limit (scripts/bundleSizeLimits.json)`);
  process.exit(1);
}
