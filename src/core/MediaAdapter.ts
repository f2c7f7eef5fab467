import type { MediaEvent } from './events';
import type {
  BulkOperation,
  BulkOperationType,
  MediaAdapterCapabilities,
  MediaFile,
  MediaHistoryEntry,
  MediaKind,
  MediaUsage,
  MediaVersion,
  Page,
  StorageAnalytics,
} from './types';

/** Sort keys of {@link ListMediaParams}. */
export type MediaSort = 'uploadDate' | 'fileName' | 'fileSize';
/** Sort direction. */
export type SortOrder = 'asc' | 'desc';
/** Usage filter: linked somewhere, linked nowhere, or unused and older than `orphanAgeDays`. */
export type UsageFilter = 'used' | 'unused' | 'orphaned';

/** Parameters of {@link MediaAdapter.listMedia}. */
export interface ListMediaParams {
  /** Case-insensitive "contains" match on the display name; `%`, `_` and `\` match literally. */
  search?: string;
  kind?: MediaKind | MediaKind[];
  /** Defaults to `active`; `deleted` lists the trash. */
  status?: 'active' | 'deleted';
  usage?: UsageFilter;
  /** Addition: age threshold of the `orphaned` usage filter (default 30 days). */
  orphanAgeDays?: number;
  /** Defaults to `uploadDate`. */
  sort?: MediaSort;
  /** Defaults to `desc`. */
  order?: SortOrder;
  /** `nextCursor` of the previous page. A cursor only fits the filters and sort it came from. */
  cursor?: string | null;
  /** Page size, default 50, at most 200 (larger values are clamped). */
  limit?: number;
  /** Addition: also count all matching items into `Page.total`. */
  includeTotal?: boolean;
  signal?: AbortSignal;
}

/** Parameters identifying one file. */
export interface MediaIdParams {
  id: string;
  signal?: AbortSignal;
}

/** Upload progress callback: bytes sent so far and the total. */
export type ProgressCallback = (loaded: number, total: number) => void;

/** Parameters of {@link MediaAdapter.uploadMedia}. */
export interface UploadMediaParams {
  file: Blob;
  /** Display name; defaults to the `File`'s name. Sanitised; an over-long name is shortened keeping its extension. */
  fileName?: string;
  onProgress?: ProgressCallback;
  /** Aborting rejects with `ABORTED` and leaves nothing behind. */
  signal?: AbortSignal;
}

/** Parameters of {@link MediaAdapter.renameMedia}. */
export interface RenameMediaParams {
  id: string;
  /** New display name; empty, blank or over 255 characters rejects `VALIDATION_ERROR`. */
  fileName: string;
}

/** Parameters of {@link MediaAdapter.getHistory}. */
export interface GetHistoryParams {
  id: string;
  cursor?: string | null;
  limit?: number;
  signal?: AbortSignal;
}

/** Parameters of {@link MediaAdapter.linkMedia}. */
export interface LinkMediaParams {
  mediaId: string;
  resourceType: string;
  resourceId: string;
  resourceTitle?: string;
}

/** Parameters of {@link MediaAdapter.unlinkMedia}. */
export interface UnlinkMediaParams {
  mediaId: string;
  resourceType: string;
  resourceId: string;
}

/** Parameters of {@link MediaAdapter.replaceMedia}. */
export interface ReplaceMediaParams {
  id: string;
  file: Blob;
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
}

/** Parameters of {@link MediaAdapter.restoreVersion}. */
export interface RestoreVersionParams {
  id: string;
  versionNumber: number;
}

/** Parameters of {@link MediaAdapter.getAnalytics}. */
export interface GetAnalyticsParams {
  /** Age after which an unused file counts as orphaned; default 30. */
  orphanAgeDays?: number;
  signal?: AbortSignal;
}

/** Parameters of {@link MediaAdapter.startBulkOperation}. */
export interface StartBulkOperationParams {
  type: BulkOperationType;
  /** Files to act on; duplicates are ignored, unknown ids end up in `failed` as `NOT_FOUND`. */
  ids: string[];
}

/** Listener of {@link MediaAdapter.subscribe}. */
export type MediaEventListener = (event: MediaEvent) => void;

/**
 * The contract between the UI layers and a backend. Methods resolve with data or reject with a
 * {@link MediaError}. Prove an implementation with `runMediaAdapterContract` from
 * `mediashelf/testing`.
 */
export interface MediaAdapter {
  /** Lists files by keyset pagination. */
  listMedia(params?: ListMediaParams): Promise<Page<MediaFile>>;
  /** One file, in any status. `NOT_FOUND` when unknown. */
  getMedia(params: MediaIdParams): Promise<MediaFile>;
  /** Uploads a new file (version 1). */
  uploadMedia(params: UploadMediaParams): Promise<MediaFile>;
  /** Renames a file. */
  renameMedia(params: RenameMediaParams): Promise<MediaFile>;
  /** Moves a file to the trash; `MEDIA_IN_USE` (with `details.usage`) while it is linked. */
  deleteMedia(params: MediaIdParams): Promise<MediaFile>;
  /** Brings a file back from the trash. */
  restoreMedia(params: MediaIdParams): Promise<MediaFile>;
  /** Removes a file for good; only from the trash (`CONFLICT` otherwise). */
  purgeMedia(params: MediaIdParams): Promise<void>;
  /** A file's history, newest first. */
  getHistory(params: GetHistoryParams): Promise<Page<MediaHistoryEntry>>;
  /** Where a file is used, oldest link first. */
  getUsage(params: MediaIdParams): Promise<MediaUsage[]>;
  /** Records that a resource uses a file; idempotent. `CONFLICT` for a file in the trash. */
  linkMedia(params: LinkMediaParams): Promise<MediaUsage>;
  /** Removes a usage link; unlinking an absent link resolves. */
  unlinkMedia(params: UnlinkMediaParams): Promise<void>;
  /** Replaces the content as a new version; every link keeps working. */
  replaceMedia(params: ReplaceMediaParams): Promise<MediaFile>;
  /** Versions of a file, newest first. */
  listVersions(params: MediaIdParams): Promise<MediaVersion[]>;
  /** Makes a new current version with the content of version `versionNumber`. */
  restoreVersion(params: RestoreVersionParams): Promise<MediaFile>;
  /** Storage figures. */
  getAnalytics(params?: GetAnalyticsParams): Promise<StorageAnalytics>;
  /** Starts a bulk job; it runs asynchronously and reports through `getOperation` and events. */
  startBulkOperation(params: StartBulkOperationParams): Promise<BulkOperation>;
  /** Current state of a bulk job. */
  getOperation(params: MediaIdParams): Promise<BulkOperation>;
  /** Receives progress and change events; returns the unsubscribe function. */
  subscribe?(listener: MediaEventListener): () => void;
  readonly capabilities: MediaAdapterCapabilities;
}

/** Names of the adapter's methods. */
export type MediaAdapterMethod = Exclude<keyof MediaAdapter, 'capabilities'>;

/**
 * The adapter's request methods (every method but `subscribe`), in contract order: for tools that
 * wrap or stub an adapter method by method.
 */
export const MEDIA_ADAPTER_METHODS = [
  'listMedia',
  'getMedia',
  'uploadMedia',
  'renameMedia',
  'deleteMedia',
  'restoreMedia',
  'purgeMedia',
  'getHistory',
  'getUsage',
  'linkMedia',
  'unlinkMedia',
  'replaceMedia',
  'listVersions',
  'restoreVersion',
  'getAnalytics',
  'startBulkOperation',
  'getOperation',
] as const satisfies readonly Exclude<MediaAdapterMethod, 'subscribe'>[];
