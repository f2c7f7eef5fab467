import { kindOf, type MediaFile, type MediaHistoryEntry, type MediaUsage } from 'mediashelf/core';
import type { MediaFileHistoryRow, MediaFileRow, MediaUsageRow } from '../db/MediaDatabase';
import type { ServiceRuntime } from './ServiceRuntime';

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

/** A `media_files` row as the contract's {@link MediaFile}. */
export function toMediaFile(row: MediaFileRow, runtime: ServiceRuntime): MediaFile {
  return {
    id: row.id,
    fileName: row.file_name,
    originalFileName: row.original_file_name,
    fileSize: Number(row.file_size),
    fileType: row.file_type,
    kind: row.kind ?? kindOf(row.file_type),
    status: row.status,
    version: row.version,
    usageCount: row.usage_count,
    uploadDate: iso(row.upload_date),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    deletedAt: row.deleted_at ? iso(row.deleted_at) : null,
    url: runtime.contentUrl({ id: row.id, version: row.version }),
    thumbnailUrl: null,
  };
}

/** A `media_usage` row as the contract's {@link MediaUsage}. */
export function toMediaUsage(row: MediaUsageRow): MediaUsage {
  const usage: MediaUsage = {
    id: row.id,
    mediaId: row.media_id,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    linkedAt: iso(row.linked_at),
  };
  if (row.resource_title !== null) usage.resourceTitle = row.resource_title;
  return usage;
}

/** A `media_file_history` row as the contract's {@link MediaHistoryEntry}. */
export function toHistoryEntry(row: MediaFileHistoryRow): MediaHistoryEntry {
  const entry: MediaHistoryEntry = {
    id: row.id,
    mediaId: row.media_id,
    operation: row.operation,
    data: row.operation_data,
    timestamp: iso(row.timestamp),
  };
  if (row.actor_id !== null) entry.actorId = row.actor_id;
  return entry;
}
