// Runs the benchmarks: every bench/**/*.bench.ts, or those whose path contains one of the
// arguments (`npm run bench -- search upload`). Each runs in its own process so that memory
// figures are not disturbed by the others; results are printed and written to bench/results/.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname);
const filters = process.argv.slice(2);

function find(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'results' ? [] : find(path);
    return entry.name.endsWith('.bench.ts') ? [path] : [];
  });
}

const benches = find(root)
  .filter((path) => filters.length === 0 || filters.some((filter) => path.includes(filter)))
  .sort();
if (benches.length === 0) {
  console.error(`No benchmark matches ${filters.join(', ')}`);
  process.exit(1);
}
let failed = 0;
for (const bench of benches) {
  console.log(`\n=== ${relative(root, bench)} ===`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', bench], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
