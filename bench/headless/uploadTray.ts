// The upload tray both upload-queue benches render (jsdom and Chromium): rows that follow their
// own file, a summary, and either a virtualised window of rows or every row.
import type { UploadQueue } from 'mediashelf/headless';
import { useUploadQueue, useUploadQueueItem, useUploadQueueSummary } from 'mediashelf/headless';
import { createElement as h, memo } from 'react';

/** Files each scenario enqueues. */
export const FILES = 10_000;
/** Rows a virtualised tray would mount. */
export const WINDOW = 60;

/** Which rows the tray mounts. */
export type Rows = 'window' | 'all';

function Row({ queue, id }: { queue: UploadQueue; id: string }) {
  const item = useUploadQueueItem(queue, id);
  return h('li', null, `${item?.fileName} ${item?.status} ${Math.round((item?.progress ?? 0) * 100)}%`);
}
const MemoRow = memo(Row);

function Summary({ queue }: { queue: UploadQueue }) {
  const summary = useUploadQueueSummary(queue);
  return h('p', { id: 'summary' }, `${summary.done}/${summary.total}`);
}

/** The mounted tray's queue handle, for the bench to enqueue into. */
export let trayQueue: ReturnType<typeof useUploadQueue> | null = null;

/** The tray: three uploads at once, `rows` decides how many rows are mounted. */
export function Tray({ rows }: { rows: Rows }) {
  const handle = useUploadQueue({ concurrency: 3 });
  trayQueue = handle;
  const shown = rows === 'all' ? handle.keys : handle.keys.slice(0, WINDOW);
  return h(
    'section',
    null,
    h(Summary, { queue: handle.queue }),
    h('ul', null, ...shown.map((key) => h(MemoRow, { key, queue: handle.queue, id: key }))),
  );
}

/** A trivial loop of FILES Map inserts: how slow the (possibly shared) machine is right now. */
export function calibrate(): number {
  const started = performance.now();
  const map = new Map<string, { index: number }>();
  for (let index = 0; index < FILES; index++) map.set(`k${index}`, { index });
  return Number((performance.now() - started).toFixed(1));
}
