import type { Kysely } from 'kysely';
import { DEFAULT_TRASH_RETENTION_DAYS, type MediaEvent } from 'mediashelf/core';
import type { MediaDatabaseHandle } from '../db/createDatabase';
import type { MediaDatabase } from '../db/MediaDatabase';
import type { StorageDriver } from '../storage/StorageDriver';
import { getAnalytics } from './analytics';
import { BulkWorker, type BulkWorkerOptions } from './bulk/BulkWorker';
import { getOperation, startBulkOperation } from './bulk/startBulkOperation';
import { openContent, signedContentUrl } from './content';
import { deleteMedia, renameMedia, restoreMedia } from './fileStateChanges';
import { getMedia } from './getMedia';
import { getHistory } from './history';
import { listMedia } from './listMedia';
import type { MediaService, TenantEvent } from './MediaService';
import { purgeExpired } from './purgeExpired';
import { purgeMedia } from './purgeMedia';
import type { MediaServiceLimits, ServiceRuntime } from './ServiceRuntime';
import { replaceMedia, uploadMedia } from './uploadMedia';
import { getUsage, linkMedia, unlinkMedia } from './usage';
import { listVersions, restoreVersion } from './versions';

/** Largest upload by default: 5 GiB. */
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 ** 3;

/** Options of {@link createMediaService}. */
export interface MediaServiceOptions {
  /** The database: a handle from `createDatabase` or a Kysely instance (already migrated). */
  db: MediaDatabaseHandle | Kysely<MediaDatabase>;
  storage: StorageDriver;
  /** Source of every timestamp the service writes; default `() => new Date()`. */
  clock?: () => Date;
  limits?: MediaServiceLimits;
  /** Days a file stays in the trash before `purgeExpired` removes it; default 30. */
  retentionDays?: number;
  /**
   * `MediaFile.url` and `MediaVersion.url` of a version. Default
   * `/api/media/files/:id/content?v=:version`, the HTTP handler's authorised download route.
   */
  contentUrl?: (file: { id: string; version: number }) => string;
  /** Bulk worker tuning (batch size, lease, polling). */
  bulk?: BulkWorkerOptions;
}

function kyselyOf(db: MediaServiceOptions['db']): Kysely<MediaDatabase> {
  return 'db' in db && 'dialect' in db ? db.db : (db as Kysely<MediaDatabase>);
}

/**
 * Creates the media service: every operation of the adapter contract on a database and object
 * storage, scoped by the caller's tenant, plus the durable bulk worker (which resumes unfinished
 * jobs at once) and tenant-tagged events for the realtime transports.
 */
export function createMediaService(options: MediaServiceOptions): MediaService {
  const listeners = new Set<(event: TenantEvent) => void>();
  const runtime: ServiceRuntime = {
    db: kyselyOf(options.db),
    storage: options.storage,
    clock: options.clock ?? (() => new Date()),
    maxFileSize: options.limits?.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    acceptTypes: options.limits?.acceptTypes ?? null,
    retentionDays: options.retentionDays ?? DEFAULT_TRASH_RETENTION_DAYS,
    contentUrl:
      options.contentUrl ??
      ((file) =>
        `/api/media/files/${encodeURIComponent(file.id)}/content?v=${encodeURIComponent(file.version)}`),
    emit: (tenantId: string, event: MediaEvent) => {
      for (const listener of [...listeners]) {
        try {
          listener({ tenantId, event });
        } catch (error) {
          console.error('[mediashelf] event listener failed', error);
        }
      }
    },
  };
  const worker = new BulkWorker(runtime, options.bulk);
  const wake = () => void worker.wake();
  wake();
  return {
    listMedia: (context, params) => listMedia(runtime, context, params),
    getMedia: (context, params) => getMedia(runtime, context, params),
    uploadMedia: (context, params) => uploadMedia(runtime, context, params),
    renameMedia: (context, params) => renameMedia(runtime, context, params),
    deleteMedia: (context, params) => deleteMedia(runtime, context, params),
    restoreMedia: (context, params) => restoreMedia(runtime, context, params),
    purgeMedia: (context, params) => purgeMedia(runtime, context, params),
    getHistory: (context, params) => getHistory(runtime, context, params),
    getUsage: (context, params) => getUsage(runtime, context, params),
    linkMedia: (context, params) => linkMedia(runtime, context, params),
    unlinkMedia: (context, params) => unlinkMedia(runtime, context, params),
    replaceMedia: (context, params) => replaceMedia(runtime, context, params),
    listVersions: (context, params) => listVersions(runtime, context, params),
    restoreVersion: (context, params) => restoreVersion(runtime, context, params),
    getAnalytics: (context, params) => getAnalytics(runtime, context, params),
    startBulkOperation: (context, params) => startBulkOperation(runtime, context, params, wake),
    getOperation: (context, params) => getOperation(runtime, context, params),
    openContent: (context, params) => openContent(runtime, context, params),
    signedContentUrl: (context, params) => signedContentUrl(runtime, context, params),
    purgeExpired: () => purgeExpired(runtime),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    resumeOperations: () => worker.wake(),
    close: () => worker.stop(),
  };
}
