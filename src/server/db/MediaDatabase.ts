import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  BulkOperationStatus,
  BulkOperationType,
  MediaHistoryOperation,
  MediaKind,
  MediaStatus,
} from 'mediashelf/core';

/** A `timestamptz` column: read as a Date, written as a Date or an ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** A `timestamptz` column with a database default. */
export type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/**
 * A `jsonb` object column. Only objects are allowed: `pg` would send a JavaScript array as a
 * PostgreSQL array literal, not as JSON.
 */
export type JsonObject = Record<string, unknown>;

/** `media_files`: one row per file, describing its current version. */
export interface MediaFilesTable {
  id: Generated<string>;
  tenant_id: string;
  owner_id: string | null;
  file_name: string;
  original_file_name: string;
  /** Bytes of the current version (`bigint`, read as a number; see {@link parseInt8}). */
  file_size: number;
  file_type: string;
  kind: MediaKind;
  /** Object key of the current version; unique across all files. */
  storage_key: string;
  /** Lower-case hex SHA-256 of the current version, when known. */
  checksum_sha256: string | null;
  status: ColumnType<MediaStatus, MediaStatus | undefined, MediaStatus>;
  version: ColumnType<number, number | undefined, number>;
  /**
   * Number of `media_usage` rows, kept by a trigger in the transaction that links or unlinks,
   * so it is never written by application code and never drifts.
   */
  usage_count: ColumnType<number, never, never>;
  upload_date: GeneratedTimestamp;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  /** Set exactly when `status` is `deleted` (a CHECK constraint keeps the two in step). */
  deleted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** `media_file_history`: append-only log of what happened to a file. */
export interface MediaFileHistoryTable {
  id: Generated<string>;
  media_id: string;
  tenant_id: string;
  actor_id: string | null;
  operation: MediaHistoryOperation;
  operation_data: ColumnType<JsonObject, JsonObject | undefined, JsonObject>;
  /** Defaults to `clock_timestamp()`, so entries written in one transaction keep their order. */
  timestamp: GeneratedTimestamp;
  /**
   * Insertion order (an identity column, read as a number): entries written in the same
   * millisecond, or with an injected clock, still list in the order they happened.
   */
  seq: ColumnType<number, never, never>;
}

/** `media_usage`: one row per (file, resource type, resource id). */
export interface MediaUsageTable {
  id: Generated<string>;
  media_id: string;
  tenant_id: string;
  resource_type: string;
  resource_id: string;
  resource_title: string | null;
  linked_at: GeneratedTimestamp;
}

/** `media_file_versions`: every version of a file's content, the current one included. */
export interface MediaFileVersionsTable {
  id: Generated<string>;
  media_id: string;
  tenant_id: string;
  version_number: number;
  storage_key: string;
  file_size: number;
  file_type: string;
  checksum: string | null;
  replaced_at: GeneratedTimestamp;
}

/** `media_operations`: one row per bulk job, with its progress and worker lease. */
export interface MediaOperationsTable {
  id: Generated<string>;
  tenant_id: string;
  actor_id: string | null;
  type: BulkOperationType;
  status: ColumnType<BulkOperationStatus, BulkOperationStatus | undefined, BulkOperationStatus>;
  total: number;
  /** Items done, succeeded or failed. */
  processed: ColumnType<number, number | undefined, number>;
  /** Of `processed`, how many failed (the items themselves are in `media_operation_items`). */
  failed_count: ColumnType<number, number | undefined, number>;
  /** Why the job itself failed (status `failed`), or null. */
  error: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  /** Set exactly when the status is final (`completed`, `failed` or `cancelled`). */
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Worker currently running the job. */
  locked_by: string | null;
  /** Until when that worker's lease holds; an expired lease lets another worker resume the job. */
  locked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** How many times a worker has claimed the job. */
  attempts: ColumnType<number, number | undefined, number>;
}

/** State of one item of a bulk job. */
export type OperationItemState = 'pending' | 'succeeded' | 'failed';

/**
 * `media_operation_items`: one row per id of a bulk job, so a worker resumes from the first
 * pending position after a restart and records each outcome with a small row update instead of
 * rewriting one large JSONB document per batch.
 */
export interface MediaOperationItemsTable {
  operation_id: string;
  /** 0-based position in the (deduplicated) id list; items are processed in this order. */
  position: number;
  tenant_id: string;
  /** The id as requested: text, because an id that is not a UUID must still be reported. */
  media_id: string;
  state: ColumnType<OperationItemState, OperationItemState | undefined, OperationItemState>;
  /** A `MediaErrorCode` when `state` is `failed`. */
  code: string | null;
  message: string | null;
  updated_at: GeneratedTimestamp;
}

/**
 * `media_storage_intents`: storage objects being written (`upload`) or to be deleted
 * (`delete`). A row outlives its storage step only when something failed in between; the sweep
 * finishes the work, so storage and rows always end up matching.
 */
export interface MediaStorageIntentsTable {
  storage_key: string;
  tenant_id: string;
  reason: 'upload' | 'delete';
  created_at: GeneratedTimestamp;
}

/** `media_stats_daily`: count and size of files per tenant, status, kind, used and upload day. */
export interface MediaStatsDailyTable {
  tenant_id: string;
  status: 'active' | 'deleted';
  kind: MediaKind;
  used: boolean;
  upload_day: ColumnType<Date, Date | string, Date | string>;
  file_count: number;
  total_size: number;
}

/** `mediashelf_migrations`: names of the applied migrations. */
export interface MediashelfMigrationsTable {
  name: string;
  applied_at: GeneratedTimestamp;
}

/** Every table of the media library, for `Kysely<MediaDatabase>`. */
export interface MediaDatabase {
  media_files: MediaFilesTable;
  media_file_history: MediaFileHistoryTable;
  media_usage: MediaUsageTable;
  media_file_versions: MediaFileVersionsTable;
  media_operations: MediaOperationsTable;
  media_operation_items: MediaOperationItemsTable;
  media_storage_intents: MediaStorageIntentsTable;
  media_stats_daily: MediaStatsDailyTable;
  mediashelf_migrations: MediashelfMigrationsTable;
}

/** A `media_files` row as read. */
export type MediaFileRow = Selectable<MediaFilesTable>;
/** A `media_files` row as inserted. */
export type NewMediaFileRow = Insertable<MediaFilesTable>;
/** A `media_files` update. */
export type MediaFileUpdate = Updateable<MediaFilesTable>;
/** A `media_file_history` row as read. */
export type MediaFileHistoryRow = Selectable<MediaFileHistoryTable>;
/** A `media_file_history` row as inserted. */
export type NewMediaFileHistoryRow = Insertable<MediaFileHistoryTable>;
/** A `media_usage` row as read. */
export type MediaUsageRow = Selectable<MediaUsageTable>;
/** A `media_usage` row as inserted. */
export type NewMediaUsageRow = Insertable<MediaUsageTable>;
/** A `media_file_versions` row as read. */
export type MediaFileVersionRow = Selectable<MediaFileVersionsTable>;
/** A `media_file_versions` row as inserted. */
export type NewMediaFileVersionRow = Insertable<MediaFileVersionsTable>;
/** A `media_operations` row as read. */
export type MediaOperationRow = Selectable<MediaOperationsTable>;
/** A `media_operations` row as inserted. */
export type NewMediaOperationRow = Insertable<MediaOperationsTable>;
/** A `media_operations` update. */
export type MediaOperationUpdate = Updateable<MediaOperationsTable>;
/** A `media_operation_items` row as read. */
export type MediaOperationItemRow = Selectable<MediaOperationItemsTable>;
/** A `media_operation_items` row as inserted. */
export type NewMediaOperationItemRow = Insertable<MediaOperationItemsTable>;
