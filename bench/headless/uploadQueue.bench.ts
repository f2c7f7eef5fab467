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
const headless = await import('mediashelf/headless');
const { MediaProvider, useUploadQueue, useUploadQueueItem, useUploadQueueSummary } = headless;
type Queue = InstanceType<typeof headless.UploadQueue>;
const h = React.createElement;

const FILES = 10_000;
const WINDOW = 60; // rows a virtualised tray would mount

function Row({ queue, id }: { queue: Queue; id: string }) {
  const item = useUploadQueueItem(queue, id);
  return h('li', null, `${item?.fileName} ${item?.status} ${Math.round((item?.progress ?? 0) * 100)}%`);
}
const MemoRow = React.memo(Row);

function Summary({ queue }: { queue: Queue }) {
  const summary = useUploadQueueSummary(queue);
  return h('p', { id: 'summary' }, `${summary.done}/${summary.total}`);
}

let api: ReturnType<typeof useUploadQueue> | null = null;
function Tray({ rows }: { rows: 'window' | 'all' }) {
  const handle = useUploadQueue({ concurrency: 3 });
  api = handle;
  const shown = rows === 'all' ? handle.keys : handle.keys.slice(0, WINDOW);
  return h(
    'section',
    null,
    h(Summary, { queue: handle.queue }),
    h('ul', null, ...shown.map((key) => h(MemoRow, { key, queue: handle.queue, id: key }))),
  );
}

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
  api!.enqueue(files);
  const enqueueMs = performance.now() - started;
  // Wait for the rows to be in the DOM: the enqueue's one notification -> one React commit.
  const expected = rows === 'all' ? FILES : WINDOW;
  while (container.querySelectorAll('li').length < expected)
    await new Promise((resolve) => setTimeout(resolve, 1));
  const renderedMs = performance.now() - started;
  // Let uploads and progress notifications run for a while (3 at once, ~5 ms each).
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const summary = api!.queue.getSummary();
  const eventLoop = loop.stop();
  api!.cancelAll();
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

// The machine may be shared: a trivial loop of the same size shows how slow it is right now.
function calibrate(): number {
  const started = performance.now();
  const map = new Map<string, { index: number }>();
  for (let index = 0; index < FILES; index++) map.set(`k${index}`, { index });
  return Number((performance.now() - started).toFixed(1));
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
