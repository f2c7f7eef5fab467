import type { Envelope } from './envelope';
import type {
  GetAnalyticsParams,
  GetHistoryParams,
  LinkMediaParams,
  ListMediaParams,
  RenameMediaParams,
  RestoreVersionParams,
  StartBulkOperationParams,
  UnlinkMediaParams,
} from './MediaAdapter';
import type {
  BulkOperation,
  MediaFile,
  MediaHistoryEntry,
  MediaUsage,
  MediaVersion,
  Page,
  StorageAnalytics,
} from './types';

/** `listMedia` parameters as an action receives them: everything but the signal. */
export type ListMediaActionParams = Omit<ListMediaParams, 'signal'>;
/** `getHistory` parameters as an action receives them. */
export type GetHistoryActionParams = Omit<GetHistoryParams, 'signal'>;
/** `getAnalytics` parameters as an action receives them. */
export type GetAnalyticsActionParams = Omit<GetAnalyticsParams, 'signal'>;
/** Parameters naming one file or operation. */
export interface IdActionParams {
  id: string;
}

/**
 * The server actions of the media library: one plain async function per adapter method, each
 * answering the `{success, data | error}` envelope instead of throwing, so errors cross the
 * server boundary with their code. Arguments are serialisable (no signals, no callbacks);
 * uploads take `FormData`. Methods with no result answer `null` data (an `undefined` would be
 * dropped by JSON-based transports).
 *
 * It lives in core because both sides agree on it: `createMediaActions` (in `mediashelf/server`)
 * answers it and `createServerActionAdapter` (in `mediashelf/adapters/server-actions`) consumes it.
 */
export interface MediaActions {
  listMedia(params?: ListMediaActionParams): Promise<Envelope<Page<MediaFile>>>;
  getMedia(params: IdActionParams): Promise<Envelope<MediaFile>>;
  /** FormData with `file` (a Blob or File) and optionally `fileName` (a string). */
  uploadMedia(formData: FormData): Promise<Envelope<MediaFile>>;
  renameMedia(params: RenameMediaParams): Promise<Envelope<MediaFile>>;
  deleteMedia(params: IdActionParams): Promise<Envelope<MediaFile>>;
  restoreMedia(params: IdActionParams): Promise<Envelope<MediaFile>>;
  purgeMedia(params: IdActionParams): Promise<Envelope<null>>;
  getHistory(params: GetHistoryActionParams): Promise<Envelope<Page<MediaHistoryEntry>>>;
  getUsage(params: IdActionParams): Promise<Envelope<MediaUsage[]>>;
  linkMedia(params: LinkMediaParams): Promise<Envelope<MediaUsage>>;
  unlinkMedia(params: UnlinkMediaParams): Promise<Envelope<null>>;
  /** FormData with `id` (a string) and `file` (a Blob or File). */
  replaceMedia(formData: FormData): Promise<Envelope<MediaFile>>;
  listVersions(params: IdActionParams): Promise<Envelope<MediaVersion[]>>;
  restoreVersion(params: RestoreVersionParams): Promise<Envelope<MediaFile>>;
  getAnalytics(params?: GetAnalyticsActionParams): Promise<Envelope<StorageAnalytics>>;
  startBulkOperation(params: StartBulkOperationParams): Promise<Envelope<BulkOperation>>;
  getOperation(params: IdActionParams): Promise<Envelope<BulkOperation>>;
}
