// Child process of upload.bench.ts: the media handler on a real Node server (PGlite in memory,
// local disk storage in the directory given as argv[2]). Reports its URL over IPC and closes
// on a 'close' message, so the parent can sample this process's RSS without disturbing it.
import { join } from 'node:path';
import {
  createDatabase,
  createLocalStorage,
  createMediaHandler,
  createMediaService,
  createNodeServer,
} from 'mediashelf/server';

const directory = process.argv[2];
if (!directory || !process.send) throw new Error('usage: forked by upload.bench.ts with a storage directory');

const database = await createDatabase({ migrate: true });
const service = createMediaService({
  db: database,
  storage: createLocalStorage({ directory: join(directory, 'files') }),
});
const identity = { tenantId: 'bench', userId: 'bench' };
const handler = createMediaHandler({ service, authenticate: () => identity });
const server = await createNodeServer({ handler, port: 0 });

process.on('message', (message: { type: string }) => {
  if (message.type === 'gc') {
    (globalThis as { gc?: () => void }).gc?.();
    process.send?.({ type: 'gc-done', ...process.memoryUsage() });
  }
  if (message.type === 'close') {
    void server
      .close()
      .then(() => service.close())
      .then(() => database.close())
      .then(() => process.exit(0));
  }
});
process.send({ type: 'ready', url: server.url });

// Reports this process's memory every 50 ms: the parent keeps the peaks (RSS is also read from
// /proc by the parent; these add the V8 heap and Buffer memory to tell garbage from retention).
const reporter = setInterval(() => {
  const { rss, heapUsed, arrayBuffers, external } = process.memoryUsage();
  process.send?.({ type: 'memory', rss, heapUsed, arrayBuffers, external });
}, 50);
reporter.unref();
