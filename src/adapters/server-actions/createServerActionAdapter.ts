import {
  type BulkOperation,
  type MediaActions,
  type MediaAdapter,
  type MediaFile,
  type MediaHistoryEntry,
  type MediaUsage,
  type MediaVersion,
  type Page,
  type ProgressCallback,
  resolveUploadFileName,
  type StorageAnalytics,
  throwIfAborted,
} from 'mediashelf/core';
import { callAction, compact, invokeAction, raceAbort } from './callAction';

/**
 * Uploads through an action: progress is reported only at the start (0) and the end (total), as
 * a server action gives no view of its request body. A signal fired before the call sends
 * nothing; fired during it, the call rejects `ABORTED` at once and `onLate` receives the file
 * the server still stored.
 */
async function sendForm(
  name: string,
  run: (form: FormData) => Promise<unknown>,
  form: FormData,
  file: Blob,
  onProgress: ProgressCallback | undefined,
  signal: AbortSignal | undefined,
  onLate?: (file: MediaFile) => void,
): Promise<MediaFile> {
  throwIfAborted(signal);
  onProgress?.(0, file.size);
  // The progress callback may have aborted: then nothing is sent.
  throwIfAborted(signal);
  const sent = invokeAction<MediaFile>(name, () => run(form));
  const result = await raceAbort(sent, signal).catch((error: unknown) => {
    if (signal?.aborted && onLate) void sent.then(onLate, () => {});
    throw error;
  });
  onProgress?.(file.size, file.size);
  return result;
}

/**
 * The client-side `MediaAdapter` over the server actions of `createMediaActions` (re-exported by
 * the host from a `'use server'` module). Each call unwraps the action's envelope, so errors keep
 * their codes.
 *
 * - `capabilities.realtime` is false and there is no `subscribe`: actions cannot push events, so
 *   the hooks layer polls `getOperation` for bulk progress and refetches after changes.
 * - Upload progress is reported at the start and the end only.
 * - A signal rejects at once with `ABORTED`, but a call already sent runs to its end on the
 *   server. An upload aborted in flight is removed again (moved to the trash and purged) when it
 *   lands; a replacement aborted in flight may still take effect.
 *
 * @example
 * // app/media-actions.ts
 * 'use server';
 * const actions = createMediaActions(service, { getContext });
 * export const listMedia = actions.listMedia; // ...one export per action
 *
 * // client
 * import * as mediaActions from './media-actions';
 * const adapter = createServerActionAdapter(mediaActions);
 */
export function createServerActionAdapter(actions: MediaActions): MediaAdapter {
  const removeLateUpload = (file: MediaFile) => {
    void (async () => {
      await actions.deleteMedia({ id: file.id });
      await actions.purgeMedia({ id: file.id });
    })().catch(() => {});
  };
  return {
    capabilities: { realtime: false, resumableUpload: false, versions: true },
    listMedia: async (params = {}) => {
      const { signal, ...rest } = params;
      return callAction<Page<MediaFile>>('listMedia', () => actions.listMedia(compact(rest)), signal);
    },
    getMedia: async ({ id, signal }) =>
      callAction<MediaFile>('getMedia', () => actions.getMedia({ id }), signal),
    uploadMedia: async (params) => {
      throwIfAborted(params.signal);
      const fileName = resolveUploadFileName(params.file, params.fileName);
      const form = new FormData();
      form.append('file', params.file, fileName);
      form.append('fileName', fileName);
      return sendForm(
        'uploadMedia',
        (form) => actions.uploadMedia(form),
        form,
        params.file,
        params.onProgress,
        params.signal,
        removeLateUpload,
      );
    },
    renameMedia: async ({ id, fileName }) =>
      callAction<MediaFile>('renameMedia', () => actions.renameMedia({ id, fileName })),
    deleteMedia: async ({ id, signal }) =>
      callAction<MediaFile>('deleteMedia', () => actions.deleteMedia({ id }), signal),
    restoreMedia: async ({ id, signal }) =>
      callAction<MediaFile>('restoreMedia', () => actions.restoreMedia({ id }), signal),
    purgeMedia: async ({ id, signal }) => {
      await callAction<null>('purgeMedia', () => actions.purgeMedia({ id }), signal);
    },
    getHistory: async ({ id, cursor, limit, signal }) =>
      callAction<Page<MediaHistoryEntry>>(
        'getHistory',
        () => actions.getHistory(compact({ id, cursor, limit })),
        signal,
      ),
    getUsage: async ({ id, signal }) =>
      callAction<MediaUsage[]>('getUsage', () => actions.getUsage({ id }), signal),
    linkMedia: async ({ mediaId, resourceType, resourceId, resourceTitle }) =>
      callAction<MediaUsage>('linkMedia', () =>
        actions.linkMedia(compact({ mediaId, resourceType, resourceId, resourceTitle })),
      ),
    unlinkMedia: async ({ mediaId, resourceType, resourceId }) => {
      await callAction<null>('unlinkMedia', () => actions.unlinkMedia({ mediaId, resourceType, resourceId }));
    },
    replaceMedia: async (params) => {
      throwIfAborted(params.signal);
      const form = new FormData();
      form.append('id', params.id);
      form.append('file', params.file);
      return sendForm(
        'replaceMedia',
        (body) => actions.replaceMedia(body),
        form,
        params.file,
        params.onProgress,
        params.signal,
      );
    },
    listVersions: async ({ id, signal }) =>
      callAction<MediaVersion[]>('listVersions', () => actions.listVersions({ id }), signal),
    restoreVersion: async ({ id, versionNumber }) =>
      callAction<MediaFile>('restoreVersion', () => actions.restoreVersion({ id, versionNumber })),
    getAnalytics: async (params = {}) =>
      callAction<StorageAnalytics>(
        'getAnalytics',
        () => actions.getAnalytics(compact({ orphanAgeDays: params.orphanAgeDays })),
        params.signal,
      ),
    startBulkOperation: async ({ type, ids }) =>
      callAction<BulkOperation>('startBulkOperation', () => actions.startBulkOperation({ type, ids })),
    getOperation: async ({ id, signal }) =>
      callAction<BulkOperation>('getOperation', () => actions.getOperation({ id }), signal),
  };
}
