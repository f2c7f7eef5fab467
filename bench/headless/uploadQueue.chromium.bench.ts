// Enqueues 10,000 files into a rendered upload tray in real headless Chromium (layout and paint
// included, React's production build) and measures the same as ./uploadQueue.bench.ts does in
// jsdom, plus the browser's own long tasks and dropped frames. The page is ./browser/, bundled
// by Vite from the repo's src into a temp folder and served on 127.0.0.1; see ./browser/page.ts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNodeServer } from '../../src/server/http';
import { bundlePage, chromiumPath, hasChromium, launchChromium } from '../../tests/browser/chromium';
import type { Rows, ScenarioResult } from './browser/page';

if (!hasChromium) {
  console.log(
    `Chromium bench skipped: no Chromium at ${chromiumPath} (install it with: apt-get install -y chromium)`,
  );
  process.exit(0);
}

const repo = join(import.meta.dirname, '..', '..');
const bundle = await bundlePage({ root: join(import.meta.dirname, 'browser'), mode: 'production' });
const server = await createNodeServer({ port: 0, handler: async (request) => bundle.serve(request) });
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(`${server.url}${bundle.path}`);
  await page.waitForFunction(() => typeof window.runScenario === 'function');
  const calibrationMs = await page.evaluate(() => window.calibrate());
  const development = await page.evaluate(() => window.mediashelfDevelopment);
  const results: ScenarioResult[] = [];
  for (const rows of ['window', 'window', 'all'] satisfies Rows[])
    results.push(await page.evaluate((rows) => window.runScenario(rows), rows));
  const environment = `Chromium ${browser.version()} (headless), React production build`;
  console.table(results);
  console.log(environment);
  console.log(`mediashelf development checks in the page: ${development ? 'on' : 'off'}`);
  console.log(`calibration: 10000 Map inserts in the page took ${calibrationMs} ms`);
  mkdirSync(join(repo, 'bench', 'results'), { recursive: true });
  const out = join(repo, 'bench', 'results', 'headless-upload-queue-chromium.json');
  writeFileSync(
    out,
    `${JSON.stringify({ date: new Date().toISOString(), environment, calibrationMs, results }, null, 2)}\n`,
  );
  console.log(`written ${out}`);
} finally {
  await browser.close();
  await server.close();
  bundle.remove();
}
process.exit(0);
