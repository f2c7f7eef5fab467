/** Broad family of a file, derived from its MIME type by {@link kindOf}. */
export type MediaKind = 'video' | 'image' | 'audio' | 'document' | 'other';

/** Every kind, in display order. */
export const MEDIA_KINDS: readonly MediaKind[] = ['video', 'image', 'audio', 'document', 'other'];

/**
 * Lifecycle of a file: `active` files are in the library, `deleted` ones are in the trash
 * (restorable until purged), `processing` ones are still being written.
 */
export type MediaStatus = 'active' | 'deleted' | 'processing';

/** A file in the library as every adapter returns it. Dates are ISO 8601 strings. */
export interface MediaFile {
  /** Stable identifier; React lists key by it. */
  id: string;
  /** Display name, renameable, sanitised (see {@link sanitizeFileName}). */
  fileName: string;
  /** Name the file had when first uploaded. */
  originalFileName: string;
  /** Size of the current version in bytes. */
  fileSize: number;
  /** MIME type of the current version. */
  fileType: string;
  /** Family derived from `fileType`. */
  kind: MediaKind;
  status: MediaStatus;
  /** Current version number, starting at 1; every replace or version restore adds one. */
  version: number;
  /** Number of places (course, chapter, lesson, ...) that link this file. */
  usageCount: number;
  /** When the file was first uploaded. */
  uploadDate: string;
  createdAt: string;
  updatedAt: string;
  /** When the file went to the trash, or null while active. */
  deletedAt: string | null;
  /**
   * Where the current content can be read. Adapters return either an authorised endpoint (it needs
   * the caller's credentials) or a signed, expiring URL — never a URL that grants access by itself.
   */
  url: string;
  /** Optional preview image. */
  thumbnailUrl?: string | null;
}

/** A place that uses a file. One row per (file, resourceType, resourceId). */
export interface MediaUsage {
  id: string;
  mediaId: string;
  /** For example `course`, `chapter` or `lesson`; any non-empty string is accepted. */
  resourceType: string;
  resourceId: string;
  /** Human-readable title of the resource, for display. */
  resourceTitle?: string;
  linkedAt: string;
}

/** Operations recorded in a file's history. */
export type MediaHistoryOperation =
  | 'upload'
  | 'rename'
  | 'delete'
  | 'restore'
  | 'link'
  | 'unlink'
  | 'replace'
  | 'version_restore'
  | 'purge';

/** One entry of a file's history, newest first in {@link Page | pages}. */
export interface MediaHistoryEntry {
  id: string;
  mediaId: string;
  operation: MediaHistoryOperation;
  /** Operation details, e.g. `{ from, to }` for a rename or `{ version }` for a replace. */
  data: Record<string, unknown>;
  timestamp: string;
  /** Who did it, when the adapter knows. */
  actorId?: string;
}

/** One version of a file's content. */
export interface MediaVersion {
  versionNumber: number;
  fileSize: number;
  fileType: string;
  /** When this version was created (uploaded, replaced in or restored). */
  replacedAt: string;
  url: string;
  /** True for the version the file currently serves. */
  current: boolean;
}

/** Count and total size of a group of files. */
export interface CountAndSize {
  count: number;
  size: number;
}

/** Storage figures for the library. Sizes in bytes. */
export interface StorageAnalytics {
  /** Active files. */
  totalFiles: number;
  /** Active files linked at least once. */
  usedFiles: number;
  /** Active files linked nowhere. */
  unusedFiles: number;
  /** Size of the active files' current versions. */
  totalSize: number;
  /** Active, unused and uploaded more than `orphanAgeDays` ago. */
  orphanedFiles: number;
  orphanedSize: number;
  /** Files in the trash. */
  trashFiles: number;
  trashSize: number;
  /** Active files by kind. */
  byKind: Record<MediaKind, CountAndSize>;
}

/** Kinds of bulk operation. */
export type BulkOperationType = 'bulk-delete' | 'bulk-restore' | 'bulk-purge';

/**
 * Status of a bulk operation. `completed` also covers partial failure (see `failed` items);
 * `failed` means the job itself could not run.
 */
export type BulkOperationStatus = 'queued' | 'processing' | 'completed' | 'failed' | 'cancelled';

/** A per-item failure inside a bulk operation. */
export interface BulkItemFailure {
  mediaId: string;
  /** A {@link MediaErrorCode}, e.g. `MEDIA_IN_USE` or `NOT_FOUND`. */
  code: string;
  message: string;
}

/** A bulk job and its progress. */
export interface BulkOperation {
  id: string;
  type: BulkOperationType;
  status: BulkOperationStatus;
  /** Number of ids the operation was started with (after removing duplicates). */
  total: number;
  /** Items done so far, succeeded or failed. */
  processed: number;
  /** `processed / total` as a whole number 0..100 (100 for an empty operation). */
  percentage: number;
  succeeded: string[];
  failed: BulkItemFailure[];
  /** Addition to the agreed shape: when the operation was started. */
  createdAt: string;
  /** Addition to the agreed shape: when it reached a final status, or null. */
  finishedAt: string | null;
}

/** A page of results with a keyset cursor for the next one. */
export interface Page<T> {
  items: T[];
  /** Opaque cursor of the next page, or null on the last page. */
  nextCursor: string | null;
  /** Total matching items, present when asked for with `includeTotal`. */
  total?: number;
}

/** What an adapter can do beyond the required methods. */
export interface MediaAdapterCapabilities {
  /** `subscribe` delivers events as they happen (otherwise hooks poll). */
  realtime: boolean;
  /** Uploads can resume after an interruption. */
  resumableUpload: boolean;
  /** `replaceMedia`, `listVersions` and `restoreVersion` are supported. */
  versions: boolean;
}
