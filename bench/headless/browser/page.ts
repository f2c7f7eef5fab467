// The page the Chromium upload-queue bench drives (built by ../uploadQueue.chromium.bench.ts):
// the same tray as ../uploadQueue.bench.ts, rendered by real React DOM in a real browser.

import { createMemoryAdapter } from 'mediashelf/adapters/memory';
import { isDevelopment } from 'mediashelf/core';
import { MediaProvider } from 'mediashelf/headless';
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { calibrate, FILES, type Rows, Tray, trayQueue, WINDOW } from '../uploadTray';
import { measureMainThread } from './measureMainThread';

export type { Rows } from '../uploadTray';
export type ScenarioResult = Awaited<ReturnType<typeof runScenario>>;

declare global {
  interface Window {
    runScenario(rows: Rows): Promise<ScenarioResult>;
    calibrate(): number;
    /** Whether mediashelf wraps the adapter in its development-only result checks. */
    mediashelfDevelopment: boolean;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with the time the list first holds `count` rows (a mutation observer, not polling). */
function rowsInDom(container: HTMLElement, count: number) {
  return new Promise<number>((resolve) => {
    const observer = new MutationObserver(() => {
      if ((container.querySelector('ul')?.childElementCount ?? 0) < count) return;
      observer.disconnect();
      resolve(performance.now());
    });
    observer.observe(container, { childList: true, subtree: true });
  });
}

/** The first task after the next frame: the rows have been laid out and painted by then. */
function nextPaint() {
  return new Promise<number>((resolve) =>
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)),
  );
}

async function runScenario(rows: Rows) {
  const adapter = createMemoryAdapter({ objectUrls: false, latency: 5 });
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  root.render(h(MediaProvider, { adapter }, h(Tray, { rows })));
  await sleep(50);
  const creating = performance.now();
  const files = Array.from(
    { length: FILES },
    (_, index) => new File([new Uint8Array(64)], `lecture-${index}.txt`, { type: 'text/plain' }),
  );
  // Each File is registered with the browser process: slow, and not the queue's cost.
  const createFilesMs = performance.now() - creating;
  const expected = rows === 'all' ? FILES : WINDOW;
  const inDom = rowsInDom(container, expected);
  const monitor = measureMainThread();
  await sleep(20);
  const started = performance.now();
  trayQueue!.enqueue(files);
  const enqueueMs = performance.now() - started;
  const renderedMs = (await inDom) - started;
  // Let uploads and progress notifications run for a while (3 at once, ~5 ms each); the window
  // starts when the rows are in the DOM, as in the jsdom bench, so it includes the first paint.
  const uploading = sleep(2_000);
  const paintedMs = (await nextPaint()) - started;
  await uploading;
  const summary = trayQueue!.queue.getSummary();
  const blocking = monitor.stop();
  trayQueue!.cancelAll();
  root.unmount();
  container.remove();
  adapter.dispose();
  const round = (ms: number) => Number(ms.toFixed(1));
  return {
    rows: rows === 'all' ? `all ${FILES} rows mounted` : `${WINDOW} rows mounted (virtualised)`,
    createFilesMs: round(createFilesMs),
    enqueueMs: round(enqueueMs),
    enqueueToRowsInDomMs: round(renderedMs),
    enqueueToPaintMs: round(paintedMs),
    uploadedIn2s: summary.done,
    longestLongTaskMs: round(blocking.longestLongTaskMs),
    longTasksOver50ms: blocking.longTasksOver50ms,
    longestGapMs: round(blocking.longestGapMs),
    p99GapMs: round(blocking.p99GapMs),
    longestFrameMs: round(blocking.longestFrameMs),
  };
}

window.runScenario = runScenario;
window.calibrate = calibrate;
window.mediashelfDevelopment = isDevelopment();
