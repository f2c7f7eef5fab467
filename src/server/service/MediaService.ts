import type {
  BulkOperation,
  GetAnalyticsParams,
  GetHistoryParams,
  LinkMediaParams,
  ListMediaParams,
  MediaEvent,
  MediaFile,
  MediaHistoryEntry,
  MediaUsage,
  MediaVersion,
  Page,
  RenameMediaParams,
  RestoreVersionParams,
  StartBulkOperationParams,
  StorageAnalytics,
  UnlinkMediaParams,
} from 'mediashelf/core';
import type { ByteRange, ResolvedByteRange, StorageBody } from '../storage/StorageDriver';

/** Who is calling: every query is scoped to `tenantId`; `userId` is recorded in the history. */
export interface MediaContext {
  tenantId: string;
  userId: string;
}

/** Parameters of {@link MediaService.uploadMedia}: the body as a stream, not a Blob. */
export interface ServiceUploadParams {
  body: StorageBody;
  /** Display name (sanitised; an over-long one is shortened keeping its extension). */
  fileName: string;
  /** Declared MIME type; checked against the content's magic bytes. */
  contentType?: string | null;
  /** Expected size when known (Content-Length), for progress; the real size is counted. */
  size?: number;
  /** Bytes received so far, after every chunk. */
  onProgress?: (loaded: number, total: number | undefined) => void;
  signal?: AbortSignal;
}

/** Parameters of {@link MediaService.replaceMedia}. */
export interface ServiceReplaceParams extends Omit<ServiceUploadParams, 'fileName'> {
  id: string;
}

/** Parameters of {@link MediaService.openContent}. */
export interface OpenContentParams {
  id: string;
  /** A version number; the current version when omitted. */
  version?: number;
  range?: ByteRange;
}

/** An opened file version, ready to stream. */
export interface MediaContent {
  file: MediaFile;
  versionNumber: number;
  fileType: string;
  body: ReadableStream<Uint8Array>;
  /** Size of the whole version. */
  size: number;
  contentLength: number;
  range?: ResolvedByteRange;
  checksumSha256: string | null;
}

/** An event and the tenant it belongs to; transports deliver it to that tenant only. */
export interface TenantEvent {
  tenantId: string;
  event: MediaEvent;
}

/** What {@link MediaService.purgeExpired} did. */
export interface PurgeExpiredResult {
  /** Files removed from the trash for good. */
  purged: number;
  /** Storage objects whose pending write or delete was finished. */
  sweptObjects: number;
}

/**
 * The media library on a database and object storage: every operation of the adapter contract
 * for a caller {@link MediaContext}. Rejects with `MediaError` exactly as the contract says;
 * ids of other tenants answer `NOT_FOUND`.
 */
export interface MediaService {
  listMedia(context: MediaContext, params?: ListMediaParams): Promise<Page<MediaFile>>;
  getMedia(context: MediaContext, params: { id: string }): Promise<MediaFile>;
  uploadMedia(context: MediaContext, params: ServiceUploadParams): Promise<MediaFile>;
  renameMedia(context: MediaContext, params: RenameMediaParams): Promise<MediaFile>;
  deleteMedia(context: MediaContext, params: { id: string }): Promise<MediaFile>;
  restoreMedia(context: MediaContext, params: { id: string }): Promise<MediaFile>;
  purgeMedia(context: MediaContext, params: { id: string }): Promise<void>;
  getHistory(context: MediaContext, params: GetHistoryParams): Promise<Page<MediaHistoryEntry>>;
  getUsage(context: MediaContext, params: { id: string }): Promise<MediaUsage[]>;
  linkMedia(context: MediaContext, params: LinkMediaParams): Promise<MediaUsage>;
  unlinkMedia(context: MediaContext, params: UnlinkMediaParams): Promise<void>;
  replaceMedia(context: MediaContext, params: ServiceReplaceParams): Promise<MediaFile>;
  listVersions(context: MediaContext, params: { id: string }): Promise<MediaVersion[]>;
  restoreVersion(context: MediaContext, params: RestoreVersionParams): Promise<MediaFile>;
  getAnalytics(context: MediaContext, params?: GetAnalyticsParams): Promise<StorageAnalytics>;
  startBulkOperation(context: MediaContext, params: StartBulkOperationParams): Promise<BulkOperation>;
  getOperation(context: MediaContext, params: { id: string }): Promise<BulkOperation>;
  /** Opens a version's bytes (optionally a range) for download. */
  openContent(context: MediaContext, params: OpenContentParams): Promise<MediaContent>;
  /** A short-lived URL straight to storage, when the driver can sign one; otherwise null. */
  signedContentUrl(
    context: MediaContext,
    params: { id: string; expiresInSeconds?: number },
  ): Promise<string | null>;
  /** Removes trash older than the retention period and finishes interrupted storage work. Idempotent. */
  purgeExpired(): Promise<PurgeExpiredResult>;
  /** Receives every event with its tenant (transports filter by tenant). */
  subscribe(listener: (event: TenantEvent) => void): () => void;
  /** Picks up bulk operations left unfinished (after a restart); called by `createMediaService`. */
  resumeOperations(): Promise<void>;
  /** Stops the bulk worker and waits for its current batch. The database stays open. */
  close(): Promise<void>;
}
