// Bulk delete of 10,000 files through the HTTP API with a WebSocket client connected: events per
// second on the wire per operation (max over 1 s windows; must never exceed 10), delivery
// latency (server send -> client receive; target p95 <= 10 ms on loopback) and total time. Then
// the same on 10,000 fresh files with the REST adapter, whose WebSocket is terminated at ~50%
// and reconnects: it must end with the correct final state. Writes
// bench/results/http-bulk-delete.{json,md}. Stops by itself after 10 minutes at most.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createRestAdapter } from 'mediashelf/adapters/rest';
import type { BulkOperation, MediaEvent } from 'mediashelf/core';
import {
  createDatabase,
  createMediaHandler,
  createMediaService,
  createMemoryStorage,
  createNodeServer,
  type MediaService,
  type TenantEventSource,
} from 'mediashelf/server';
import WebSocket from 'ws';
import type { ReceivedMessage } from './wsClientWorker';

const FILES = Number(process.env.MEDIASHELF_BENCH_BULK_FILES ?? 10_000);
const SEED_CONCURRENCY = 8;
const DEADLINE_MS = 10 * 60 * 1000;
const TENANT = 'bench';
const identity = { tenantId: TENANT, userId: 'bench' };
const resultsDir = join(import.meta.dirname, '..', 'results');
const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);
const now = () => performance.timeOrigin + performance.now();

const deadline = setTimeout(() => {
  console.error(`bulk-delete bench: still running after ${DEADLINE_MS / 60_000} minutes; stopping`);
  process.exit(1);
}, DEADLINE_MS);
deadline.unref();

/**
 * The service's events, each stamped with the time it was emitted and, through `toJSON`, the
 * time the WebSocket server serialises it, i.e. just before `socket.send`.
 */
function stampedEvents(service: MediaService): TenantEventSource {
  return {
    subscribe(listener) {
      return service.subscribe(({ tenantId, event }) => {
        const emittedAt = now();
        const stamped = {
          ...event,
          emittedAt,
          toJSON() {
            const { toJSON: _drop, ...rest } = this as typeof stamped;
            return { ...rest, sentAt: now() };
          },
        };
        listener({ tenantId, event: stamped as MediaEvent });
      });
    },
  };
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Most events in any 1 s window (sliding, starting at each event). */
function maxPerSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let start = 0, end = 0; start < sorted.length; start++) {
    while (end < sorted.length && sorted[end]! - sorted[start]! < 1000) end++;
    best = Math.max(best, end - start);
  }
  return best;
}

async function seed(service: MediaService, count: number): Promise<{ ids: string[]; seconds: number }> {
  const start = performance.now();
  const ids: string[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: SEED_CONCURRENCY }, async () => {
      for (let index = next++; index < count; index = next++) {
        const file = await service.uploadMedia(identity, {
          body: PNG,
          fileName: `bench-${String(index).padStart(5, '0')}.png`,
          contentType: 'image/png',
          size: PNG.length,
        });
        ids[index] = file.id;
      }
    }),
  );
  return { ids, seconds: (performance.now() - start) / 1000 };
}

function workerMessage<T>(worker: Worker, type: string, timeoutMs = DEADLINE_MS): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`worker: no '${type}' within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const listener = (message: { type: string }) => {
      if (message.type === 'error') {
        clearTimeout(timer);
        worker.off('message', listener);
        reject(new Error(`worker: ${(message as { message?: string }).message}`));
      }
      if (message.type !== type) return;
      clearTimeout(timer);
      worker.off('message', listener);
      resolve(message as T);
    };
    worker.on('message', listener);
  });
}

async function main() {
  const database = await createDatabase({ migrate: true });
  // A bulk delete moves files to the trash: storage is not touched, so memory storage changes
  // nothing measured here and spares 20,000 fsyncs while seeding through the real service.
  const service = createMediaService({ db: database, storage: createMemoryStorage() });
  const authenticate = () => identity;
  const handler = createMediaHandler({ service, authenticate });
  const server = await createNodeServer({
    handler,
    port: 0,
    websocket: { service, authenticate, events: stampedEvents(service) },
  });
  const api = `${server.url}/api/media`;
  try {
    // ---- Run 1: bulk delete with a WebSocket client in a worker thread. ----
    console.log(
      `seeding ${FILES.toLocaleString('en')} files through the service (concurrency ${SEED_CONCURRENCY})`,
    );
    const first = await seed(service, FILES);
    console.log(`seeded in ${first.seconds.toFixed(1)} s`);
    // Workers do not inherit tsx's loader on Node 20: register it, then load the TypeScript file.
    const workerFile = new URL('./wsClientWorker.ts', import.meta.url).href;
    const worker = new Worker(
      `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(workerFile)}); });`,
      { eval: true, workerData: { url: `${api.replace(/^http/, 'ws')}/ws`, headers: {} } },
    );
    await workerMessage(worker, 'open', 30_000);
    const started = now();
    const reply = await fetch(`${api}/operations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'bulk-delete', ids: first.ids }),
    });
    if (reply.status !== 202)
      throw new Error(`POST /operations answered ${reply.status}: ${await reply.text()}`);
    const operation = ((await reply.json()) as { data: BulkOperation }).data;
    const finalMessage = await workerMessage<{ operationId: string; status: string }>(worker, 'final');
    const totalSeconds = (now() - started) / 1000;
    worker.postMessage({ type: 'report' });
    const { received } = await workerMessage<{ received: ReceivedMessage[] }>(worker, 'report');
    worker.postMessage({ type: 'close' });
    const finalState = (
      (await (await fetch(`${api}/operations/${operation.id}`)).json()) as { data: BulkOperation }
    ).data;

    const progress = received.filter((message) => message.operationId === operation.id);
    const changed = received.filter((message) => message.type === 'media.changed');
    const wire = progress.filter((message) => message.sentAt !== undefined).map((m) => m.at - m.sentAt!);
    const sinceEmit = progress
      .filter((message) => message.emittedAt !== undefined)
      .map((m) => m.at - m.emittedAt!);
    const run1 = {
      files: FILES,
      seedSeconds: first.seconds,
      totalSeconds,
      final: {
        status: finalState.status,
        processed: finalState.processed,
        total: finalState.total,
        succeeded: finalState.succeeded.length,
        failed: finalState.failed.length,
      },
      finalEventStatus: finalMessage.status,
      progressEvents: progress.length,
      maxProgressEventsPerSecond: maxPerSecond(progress.map((message) => message.at)),
      mediaChangedEvents: changed.length,
      maxMediaChangedEventsPerSecond: maxPerSecond(changed.map((message) => message.at)),
      maxAllEventsPerSecond: maxPerSecond(received.map((message) => message.at)),
      latencyMs: {
        sendToReceive: { p50: percentile(wire, 50), p95: percentile(wire, 95), max: Math.max(...wire) },
        emitToReceive: {
          p50: percentile(sinceEmit, 50),
          p95: percentile(sinceEmit, 95),
          max: Math.max(...sinceEmit),
        },
      },
      largestProgressMessageBytes: Math.max(...progress.map((message) => message.bytes)),
    };
    console.log(JSON.stringify(run1, null, 2));

    // ---- Run 2: the REST adapter loses its WebSocket at ~50% and reconnects. ----
    console.log(`seeding ${FILES.toLocaleString('en')} fresh files for the reconnect run`);
    const second = await seed(service, FILES);
    const sockets: WebSocket[] = [];
    class TrackedWebSocket extends WebSocket {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        sockets.push(this);
      }
    }
    const adapter = createRestAdapter({
      baseUrl: api,
      realtime: 'websocket',
      WebSocket: TrackedWebSocket as unknown as NonNullable<
        Parameters<typeof createRestAdapter>[0]['WebSocket']
      >,
    });
    let dropAt: number | undefined;
    let droppedAtProcessed = 0;
    let opId: string | undefined;
    const seen: { at: number; processed: number; status: string }[] = [];
    let resolveFinal!: (operation: BulkOperation) => void;
    const finalOperation = new Promise<BulkOperation>((resolve) => {
      resolveFinal = resolve;
    });
    const unsubscribe = adapter.subscribe((event) => {
      if (event.type !== 'operation.progress' || (opId && event.operation.id !== opId)) return;
      const { processed, total, status } = event.operation;
      seen.push({ at: now(), processed, status });
      if (dropAt === undefined && processed >= total / 2 && status === 'processing') {
        dropAt = now();
        droppedAtProcessed = processed;
        sockets.at(-1)?.terminate();
      }
      if (status === 'completed' || status === 'failed' || status === 'cancelled')
        resolveFinal(event.operation);
    });
    for (let waited = 0; adapter.realtimeTransport !== 'websocket' && waited < 10_000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const started2 = now();
    const op2 = await adapter.startBulkOperation({ type: 'bulk-delete', ids: second.ids });
    opId = op2.id;
    let giveUp: ReturnType<typeof setTimeout> | undefined;
    const ended = await Promise.race([
      finalOperation,
      new Promise<never>((_, reject) => {
        giveUp = setTimeout(() => reject(new Error('no final state within 5 minutes')), 300_000);
      }),
    ]).finally(() => clearTimeout(giveUp));
    const total2 = (now() - started2) / 1000;
    const afterDrop = seen.filter((entry) => dropAt !== undefined && entry.at > dropAt);
    const analytics = await adapter.getAnalytics();
    unsubscribe();
    adapter.close();
    const run2 = {
      files: FILES,
      seedSeconds: second.seconds,
      totalSeconds: total2,
      droppedAtProcessed,
      socketsOpened: sockets.length,
      eventsAfterReconnect: afterDrop.length,
      firstEventAfterDropMs: afterDrop[0] && dropAt !== undefined ? afterDrop[0].at - dropAt : null,
      final: {
        status: ended.status,
        processed: ended.processed,
        total: ended.total,
        succeeded: ended.succeeded.length,
        failed: ended.failed.length,
      },
      trashFilesAfter: analytics.trashFiles,
      correct:
        ended.status === 'completed' &&
        ended.processed === ended.total &&
        ended.total === FILES &&
        ended.succeeded.length === FILES &&
        sockets.length >= 2 &&
        dropAt !== undefined,
    };
    console.log(JSON.stringify(run2, null, 2));

    const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
    const summary = {
      bench: 'http-bulk-delete',
      date: new Date().toISOString(),
      node: process.version,
      run1,
      run2,
      loadAverage: loadavg(),
    };
    const markdown = [
      `# HTTP bulk delete benchmark: ${FILES.toLocaleString('en')} files, realtime over WebSocket`,
      '',
      'In-process server (createNodeServer + createMediaHandler + WebSocket endpoint), PGlite in memory, memory storage (a bulk',
      'delete moves files to the trash and never touches storage),',
      `files seeded through the service (16-byte PNGs, ${SEED_CONCURRENCY} at a time). Run 1: \`POST /operations\` bulk-delete of`,
      'all files with a `ws` client in a worker thread. Events are stamped when the service emits them and again (via',
      '`toJSON`) when the WebSocket server serialises them just before `socket.send`; the worker records receive times.',
      '',
      '## Run 1: bulk delete with a WebSocket client',
      '',
      '| measure | value | target |',
      '|---|---:|---|',
      `| seed ${FILES.toLocaleString('en')} files | ${run1.seedSeconds.toFixed(1)} s | |`,
      `| total time (POST to final event received) | ${run1.totalSeconds.toFixed(2)} s | |`,
      `| final state | ${run1.final.status}, processed ${run1.final.processed}/${run1.final.total}, ${run1.final.succeeded} succeeded, ${run1.final.failed} failed | completed |`,
      `| operation.progress events received | ${run1.progressEvents} | |`,
      `| max progress events per 1 s window (this operation) | ${run1.maxProgressEventsPerSecond} | <= 10 ${run1.maxProgressEventsPerSecond <= 10 ? 'met' : 'NOT met'} |`,
      `| media.changed events (max per 1 s) | ${run1.mediaChangedEvents} (${run1.maxMediaChangedEventsPerSecond}) | |`,
      `| all messages, max per 1 s window | ${run1.maxAllEventsPerSecond} | |`,
      `| delivery latency send -> receive p50 / p95 / max | ${ms(run1.latencyMs.sendToReceive.p50)} / ${ms(run1.latencyMs.sendToReceive.p95)} / ${ms(run1.latencyMs.sendToReceive.max)} ms | p95 <= 10 ms ${run1.latencyMs.sendToReceive.p95 <= 10 ? 'met' : 'NOT met'} |`,
      `| emit -> receive (includes the 100 ms batching) p50 / p95 / max | ${ms(run1.latencyMs.emitToReceive.p50)} / ${ms(run1.latencyMs.emitToReceive.p95)} / ${ms(run1.latencyMs.emitToReceive.max)} ms | |`,
      `| largest progress message | ${(run1.largestProgressMessageBytes / 1024).toFixed(0)} KiB | |`,
      '',
      '## Run 2: REST adapter, WebSocket terminated at ~50%, reconnect',
      '',
      '| measure | value |',
      '|---|---:|',
      `| total time | ${run2.totalSeconds.toFixed(2)} s |`,
      `| socket terminated at | processed ${run2.droppedAtProcessed}/${FILES} |`,
      `| sockets opened | ${run2.socketsOpened} |`,
      `| first event after the drop | ${run2.firstEventAfterDropMs === null ? 'none' : `${run2.firstEventAfterDropMs.toFixed(0)} ms`} |`,
      `| progress events after the drop | ${run2.eventsAfterReconnect} |`,
      `| final state | ${run2.final.status}, processed ${run2.final.processed}/${run2.final.total}, ${run2.final.succeeded} succeeded, ${run2.final.failed} failed |`,
      `| files in the trash afterwards (both runs) | ${run2.trashFilesAfter} |`,
      `| correct final state after reconnect | ${run2.correct ? 'yes' : 'NO'} |`,
      '',
      `Node ${process.version}, load average at the end ${summary.loadAverage.map((value) => value.toFixed(2)).join(' / ')} (2 cores).`,
      '',
    ].join('\n');
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(join(resultsDir, 'http-bulk-delete.json'), `${JSON.stringify(summary, null, 2)}\n`);
    writeFileSync(join(resultsDir, 'http-bulk-delete.md'), markdown);
    console.log(markdown);
    const ok =
      run1.final.status === 'completed' &&
      run1.final.processed === FILES &&
      run1.maxProgressEventsPerSecond <= 10 &&
      run2.correct;
    if (!ok) process.exitCode = 1;
  } finally {
    await server.close();
    await service.close();
    await database.close();
  }
}

await main();
