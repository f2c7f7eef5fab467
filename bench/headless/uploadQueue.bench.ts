// Enqueues 10,000 files into a rendered upload tray and measures how long enqueueing takes and
// the longest main-thread block while React renders and uploads run (memory adapter, 3 at once).
// Runs in Node with jsdom (no layout or paint; DOM operations are slower than a browser's).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { installJsdom } from './installJsdom';
import { measureEventLoop } from './measureEventLoop';

installJsdom();
const React = await import('react');
const { createRoot } = await import('react-dom/client');
const { createMemoryAdapter } = await import('mediashelf/adapters/memory');
const { MediaProvider } = await import('mediashelf/headless');
// Imported after installJsdom, like React: React DOM looks for a DOM when it loads.
const tray = await import('./uploadTray');
const { calibrate, FILES, Tray, WINDOW } = tray;
const h = React.createElement;

async function scenario(rows: 'window' | 'all') {
  const adapter = createMemoryAdapter({ objectUrls: false, latency: 5 });
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  root.render(h(MediaProvider, { adapter }, h(Tray, { rows })));
  await new Promise((resolve) => setTimeout(resolve, 50));
  const files = Array.from(
    { length: FILES },
    (_, index) => new File([new Uint8Array(64)], `lecture-${index}.txt`, { type: 'text/plain' }),
  );
  const loop = measureEventLoop();
  await new Promise((resolve) => setTimeout(resolve, 20));
  const started = performance.now();
  tray.trayQueue!.enqueue(files);
  const enqueueMs = performance.now() - started;
  // Wait for the rows to be in the DOM: the enqueue's one notification -> one React commit.
  const expected = rows === 'all' ? FILES : WINDOW;
  while (container.querySelectorAll('li').length < expected)
    await new Promise((resolve) => setTimeout(resolve, 1));
  const renderedMs = performance.now() - started;
  // Let uploads and progress notifications run for a while (3 at once, ~5 ms each).
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const summary = tray.trayQueue!.queue.getSummary();
  const eventLoop = loop.stop();
  tray.trayQueue!.cancelAll();
  root.unmount();
  container.remove();
  adapter.dispose();
  return {
    rows: rows === 'all' ? `all ${FILES} rows mounted` : `${WINDOW} rows mounted (virtualised)`,
    enqueueMs: Number(enqueueMs.toFixed(1)),
    enqueueToRowsInDomMs: Number(renderedMs.toFixed(1)),
    uploadedIn2s: summary.done,
    longestMainThreadBlockMs: Number(eventLoop.longestMs.toFixed(1)),
    p99GapMs: Number(eventLoop.p99Ms.toFixed(1)),
    blocksOver50ms: eventLoop.over50ms,
  };
}

const calibrationMs = calibrate();
const results = [await scenario('window'), await scenario('window'), await scenario('all')];
console.table(results);
console.log(`calibration: ${FILES} Map inserts took ${calibrationMs} ms (about 1-3 ms on an idle laptop)`);
const out = join(import.meta.dirname, '..', 'results', 'headless-upload-queue.json');
mkdirSync(join(out, '..'), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify({ date: new Date().toISOString(), environment: `node ${process.version} + jsdom`, calibrationMs, results }, null, 2)}\n`,
);
console.log(`written ${out}`);
process.exit(0);
