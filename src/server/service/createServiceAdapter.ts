import type { MediaAdapter, UploadMediaParams } from 'mediashelf/core';
import { resolveUploadFileName, throwIfAborted } from 'mediashelf/core';
import type { MediaContext, MediaService } from './MediaService';

/** The caller context, fixed or resolved per call (e.g. from the request being rendered). */
export type ContextSource = MediaContext | (() => MediaContext | Promise<MediaContext>);

/**
 * A {@link MediaAdapter} that calls the service in-process for one caller: for server-side
 * rendering, scripts, and to run the adapter contract suite on the service itself. Events are
 * filtered to the caller's tenant.
 */
export function createServiceAdapter(service: MediaService, context: ContextSource): MediaAdapter {
  const resolve = async () => (typeof context === 'function' ? context() : context);
  const upload = (params: UploadMediaParams) => ({
    body: params.file.stream(),
    contentType: params.file.type,
    size: params.file.size,
    signal: params.signal,
    onProgress: params.onProgress
      ? (loaded: number) => params.onProgress?.(loaded, params.file.size)
      : undefined,
  });
  let tenantForEvents: string | null = typeof context === 'function' ? null : context.tenantId;
  return {
    capabilities: { realtime: true, resumableUpload: false, versions: true },
    listMedia: async (params) => service.listMedia(await resolve(), params),
    getMedia: async (params) => service.getMedia(await resolve(), params),
    uploadMedia: async (params) => {
      throwIfAborted(params.signal);
      const fileName = resolveUploadFileName(params.file, params.fileName);
      const file = await service.uploadMedia(await resolve(), { ...upload(params), fileName });
      params.onProgress?.(params.file.size, params.file.size);
      return file;
    },
    renameMedia: async (params) => service.renameMedia(await resolve(), params),
    deleteMedia: async (params) => service.deleteMedia(await resolve(), params),
    restoreMedia: async (params) => service.restoreMedia(await resolve(), params),
    purgeMedia: async (params) => service.purgeMedia(await resolve(), params),
    getHistory: async (params) => service.getHistory(await resolve(), params),
    getUsage: async (params) => service.getUsage(await resolve(), params),
    linkMedia: async (params) => service.linkMedia(await resolve(), params),
    unlinkMedia: async (params) => service.unlinkMedia(await resolve(), params),
    replaceMedia: async (params) => {
      throwIfAborted(params.signal);
      const file = await service.replaceMedia(await resolve(), { ...upload(params), id: params.id });
      params.onProgress?.(params.file.size, params.file.size);
      return file;
    },
    listVersions: async (params) => service.listVersions(await resolve(), params),
    restoreVersion: async (params) => service.restoreVersion(await resolve(), params),
    getAnalytics: async (params) => service.getAnalytics(await resolve(), params),
    startBulkOperation: async (params) => service.startBulkOperation(await resolve(), params),
    getOperation: async (params) => service.getOperation(await resolve(), params),
    subscribe: (listener) => {
      if (tenantForEvents === null) void resolve().then((resolved) => (tenantForEvents = resolved.tenantId));
      return service.subscribe(({ tenantId, event }) => {
        if (tenantId === tenantForEvents) listener(event);
      });
    },
  };
}
