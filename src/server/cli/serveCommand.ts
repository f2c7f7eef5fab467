import {
  createMediaHandler,
  createMediaService,
  createNodeServer,
  type NodeMediaServer,
} from 'mediashelf/server';
import { CliError, rootMessage } from './CliError';
import type { CommandIo } from './commands';
import { DEV_IDENTITY_WARNING, devAuthenticate } from './devAuthenticate';
import { describeDatabase, describeStorage, openDatabase, openStorage } from './openBackends';
import { formatSize } from './parseSize';
import type { CliConfig } from './resolveConfig';

/** How often `serve` removes expired trash. */
export const PURGE_INTERVAL_MS = 24 * 60 * 60 * 1000;
const BASE_PATH = '/api/media';

/**
 * `mediashelf serve`: migrates, opens storage, serves the HTTP API with the WebSocket endpoint,
 * resumes unfinished bulk jobs, purges expired trash at start and daily, and shuts down cleanly
 * (server, service, database) when `stop` aborts. Resolves with the exit code.
 */
export async function serveCommand(config: CliConfig, io: CommandIo, stop: AbortSignal): Promise<number> {
  io.out(`database: ${describeDatabase(config)}`);
  io.out(`storage:  ${describeStorage(config)}`);
  const database = await openDatabase(config, true);
  let server: NodeMediaServer | undefined;
  let service: ReturnType<typeof createMediaService> | undefined;
  let purging: Promise<unknown> = Promise.resolve();
  let purgeTimer: ReturnType<typeof setInterval> | undefined;
  try {
    const storage = await openStorage(config);
    service = createMediaService({ db: database, storage, limits: { maxFileSize: config.maxFileSize } });
    const media = service;
    const handler = createMediaHandler({
      service: media,
      authenticate: devAuthenticate,
      basePath: BASE_PATH,
      limits: { maxUploadBytes: config.maxFileSize },
      ...(config.corsOrigins ? { cors: { origin: config.corsOrigins } } : {}),
    });
    try {
      server = await createNodeServer({
        handler,
        port: config.port,
        host: config.host,
        websocket: { service: media, authenticate: devAuthenticate, basePath: BASE_PATH },
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') {
        throw new CliError(
          `port ${config.port} on ${config.host} is in use; pass --port (0 picks a free one)`,
          1,
        );
      }
      throw new CliError(`cannot listen on ${config.host}:${config.port}: ${rootMessage(error)}`, 1);
    }
    // Jobs a previous run left unfinished (createMediaService also looks once at start).
    void media.resumeOperations();
    const purge = () => {
      purging = purging.then(() =>
        media.purgeExpired().then(
          (result) => {
            if (result.purged > 0 || result.sweptObjects > 0) {
              io.out(
                `purged ${result.purged} expired file(s), finished ${result.sweptObjects} storage operation(s)`,
              );
            }
          },
          (error: unknown) => io.err(`purge failed: ${rootMessage(error)}`),
        ),
      );
    };
    purge();
    purgeTimer = setInterval(purge, PURGE_INTERVAL_MS);
    purgeTimer.unref();

    io.err(DEV_IDENTITY_WARNING);
    io.out(`max file size: ${formatSize(config.maxFileSize)}`);
    if (config.corsOrigins) io.out(`cross-origin: ${config.corsOrigins.join(', ')}`);
    io.out(`websocket: ${server.url.replace(/^http/, 'ws')}${BASE_PATH}/ws`);
    io.out(`mediashelf listening on ${server.url}${BASE_PATH}`);

    await new Promise<void>((resolve) => {
      if (stop.aborted) resolve();
      else stop.addEventListener('abort', () => resolve(), { once: true });
    });
    io.out('shutting down');
    return 0;
  } finally {
    if (purgeTimer) clearInterval(purgeTimer);
    await server
      ?.close()
      .catch((error: unknown) => io.err(`closing the server failed: ${rootMessage(error)}`));
    await service
      ?.close()
      .catch((error: unknown) => io.err(`stopping the service failed: ${rootMessage(error)}`));
    await purging;
    await database
      .close()
      .catch((error: unknown) => io.err(`closing the database failed: ${rootMessage(error)}`));
  }
}
