import {
  type BulkOperation,
  type MediaFile,
  type MediaHistoryEntry,
  type MediaUsage,
  type MediaVersion,
  type Page,
  resolveUploadFileName,
  type StorageAnalytics,
} from 'mediashelf/core';
import { buildListQuery } from './buildListQuery';
import { createHttpClient, segment } from './createHttpClient';
import { createRestRealtime } from './createRestRealtime';
import type { RestAdapter, RestAdapterOptions } from './RestAdapterOptions';
import { sendFile } from './sendFile';

/**
 * A `MediaAdapter` over the HTTP protocol of `createMediaHandler` (DESIGN.md §5).
 *
 * - Every reply is the `{success, data | error}` envelope; an error keeps the server's code. A
 *   reply that is not an envelope (an HTML error page, a proxy's 502) rejects with a code derived
 *   from its status; an unreachable server `NETWORK_ERROR`; an aborted call `ABORTED`.
 * - Uploads and replacements send the raw file (XMLHttpRequest for real progress in browsers,
 *   streaming `fetch` elsewhere).
 * - `subscribe` shares ONE connection among all listeners (WebSocket, else SSE, else polling; see
 *   {@link RestAdapterOptions.realtime}), opened for the first listener and closed after the last.
 *   It reconnects with backoff and, after every (re)connection, re-fetches each operation not yet
 *   final, so progress is never lost and the final state always arrives.
 * - `capabilities.realtime` is true unless `realtime: 'poll'`: in poll mode `subscribe` still
 *   delivers `operation.progress` for operations this adapter started or read, but no
 *   `media.changed`, so the hooks layer refetches on its own.
 *
 * @example
 * const adapter = createRestAdapter({
 *   baseUrl: '/api/media',
 *   headers: async () => ({ authorization: `Bearer ${await getToken()}` }),
 * });
 */
export function createRestAdapter(options: RestAdapterOptions): RestAdapter {
  const client = createHttpClient(options);
  const fetchOperation = (id: string, signal?: AbortSignal) =>
    client.request<BulkOperation>('GET', `/operations/${segment(id)}`, { signal });
  const hub = createRestRealtime(options, client, (id) => fetchOperation(id));
  const file = (id: string) => `/files/${segment(id)}`;
  // Changes wait for a connection being opened by a new subscriber, so their events reach it.
  const change = async <T>(run: () => Promise<T>): Promise<T> => {
    await hub.settled();
    return run();
  };

  return {
    capabilities: {
      realtime: (options.realtime ?? 'auto') !== 'poll',
      resumableUpload: false,
      versions: true,
    },
    listMedia: async (params = {}) =>
      client.request<Page<MediaFile>>('GET', '/files', {
        query: buildListQuery(params),
        signal: params.signal,
      }),
    getMedia: async (params) => client.request<MediaFile>('GET', file(params.id), { signal: params.signal }),
    uploadMedia: async (params) => {
      const fileName = resolveUploadFileName(params.file, params.fileName);
      return change(() =>
        sendFile<MediaFile>(client, options, {
          method: 'POST',
          path: '/files',
          file: params.file,
          fileName,
          onProgress: params.onProgress,
          signal: params.signal,
        }),
      );
    },
    renameMedia: (params) =>
      change(() =>
        client.request<MediaFile>('PATCH', file(params.id), { body: { fileName: params.fileName } }),
      ),
    deleteMedia: (params) =>
      change(() => client.request<MediaFile>('DELETE', file(params.id), { signal: params.signal })),
    restoreMedia: (params) =>
      change(() =>
        client.request<MediaFile>('POST', `${file(params.id)}/restore`, { signal: params.signal }),
      ),
    purgeMedia: (params) =>
      change(async () => {
        await client.request<unknown>('DELETE', `${file(params.id)}/permanent`, { signal: params.signal });
      }),
    getHistory: async (params) =>
      client.request<Page<MediaHistoryEntry>>('GET', `${file(params.id)}/history`, {
        query: { cursor: params.cursor || undefined, limit: params.limit },
        signal: params.signal,
      }),
    getUsage: async (params) =>
      client.request<MediaUsage[]>('GET', `${file(params.id)}/usage`, { signal: params.signal }),
    linkMedia: (params) =>
      change(() =>
        client.request<MediaUsage>('POST', `${file(params.mediaId)}/usage`, {
          body: {
            resourceType: params.resourceType,
            resourceId: params.resourceId,
            ...(params.resourceTitle === undefined ? {} : { resourceTitle: params.resourceTitle }),
          },
        }),
      ),
    unlinkMedia: (params) =>
      change(async () => {
        await client.request<unknown>(
          'DELETE',
          `${file(params.mediaId)}/usage/${segment(params.resourceType)}/${segment(params.resourceId)}`,
        );
      }),
    replaceMedia: (params) =>
      change(() =>
        sendFile<MediaFile>(client, options, {
          method: 'PUT',
          path: `${file(params.id)}/content`,
          file: params.file,
          onProgress: params.onProgress,
          signal: params.signal,
        }),
      ),
    listVersions: async (params) =>
      client.request<MediaVersion[]>('GET', `${file(params.id)}/versions`, { signal: params.signal }),
    restoreVersion: (params) =>
      change(() =>
        client.request<MediaFile>(
          'POST',
          `${file(params.id)}/versions/${segment(params.versionNumber)}/restore`,
        ),
      ),
    getAnalytics: async (params = {}) =>
      client.request<StorageAnalytics>('GET', '/analytics', {
        query: { orphanAgeDays: params.orphanAgeDays },
        signal: params.signal,
      }),
    startBulkOperation: (params) =>
      change(async () => {
        const operation = await client.request<BulkOperation>('POST', '/operations', {
          body: { type: params.type, ids: params.ids },
        });
        hub.offer(operation);
        return operation;
      }),
    getOperation: async (params) => {
      const operation = await fetchOperation(params.id, params.signal);
      hub.offer(operation);
      return operation;
    },
    subscribe: (listener) => hub.subscribe(listener),
    get realtimeTransport() {
      return hub.transport;
    },
    close: () => hub.close(),
  };
}
