import {
  MediaError,
  type MediaFile,
  type MediaHistoryEntry,
  type MediaHistoryOperation,
  type MediaKind,
  type MediaUsage,
  type MediaVersion,
} from 'mediashelf/core';

/** One stored version of a file's content. */
export interface StoredVersion {
  versionNumber: number;
  fileSize: number;
  fileType: string;
  kind: MediaKind;
  /** Null for synthetic seed content. */
  content: Blob | null;
  /** Hex SHA-256, computed at upload or lazily for seeded content. */
  checksum: string | null;
  url: string;
  /** Whether `url` came from `URL.createObjectURL` and must be revoked. */
  objectUrl: boolean;
  createdAt: string;
}

/** A usage link plus its insertion sequence. */
export interface StoredUsage {
  usage: MediaUsage;
  seq: number;
}

/** A history entry plus its insertion sequence, which orders entries with equal timestamps. */
export interface StoredHistory {
  entry: MediaHistoryEntry;
  seq: number;
}

/** A file as the store holds it; never handed out (see {@link MemoryStore.toMediaFile}). */
export interface StoredFile {
  id: string;
  fileName: string;
  /** Lower-cased `fileName`: search and name sort key. */
  nameKey: string;
  originalFileName: string;
  status: 'active' | 'deleted';
  uploadDate: string;
  uploadMs: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  thumbnailUrl?: string | null;
  /** Oldest first; the last one is current. */
  versions: StoredVersion[];
  /** Oldest first. */
  usage: StoredUsage[];
  /** Oldest first. */
  history: StoredHistory[];
}

/** How the store builds urls and reads time. */
export interface MemoryStoreOptions {
  clock: () => Date;
  actorId?: string;
  objectUrls: boolean;
}

const ID_DIGITS = 6;

/**
 * The adapter's state: files with their versions, links and history. Synchronous, so every
 * mutation is atomic with respect to other calls.
 */
export class MemoryStore {
  readonly files = new Map<string, StoredFile>();
  /** Bumped on every mutation; listing caches sort orders per revision. */
  revision = 0;
  private sequence = 0;
  private readonly counters = new Map<string, number>();

  constructor(private readonly options: MemoryStoreOptions) {}

  /** Current time from the injected clock. */
  nowMs(): number {
    const value = this.options.clock();
    const ms = value instanceof Date ? value.getTime() : Number.NaN;
    if (Number.isNaN(ms))
      throw new MediaError('INTERNAL', 'The memory adapter clock returned an invalid date');
    return ms;
  }

  /** Current time as an ISO string. */
  now(): string {
    return new Date(this.nowMs()).toISOString();
  }

  /** Next insertion sequence number: the tie breaker of equal timestamps. */
  nextSeq(): number {
    this.sequence += 1;
    return this.sequence;
  }

  /**
   * A fresh id such as `media-000001`. Zero-padded counters keep ids in creation order, which
   * makes `(uploadDate, id)` ties follow upload order.
   */
  newId(prefix: string, taken?: (id: string) => boolean): string {
    for (;;) {
      const next = (this.counters.get(prefix) ?? 0) + 1;
      this.counters.set(prefix, next);
      const id = `${prefix}-${String(next).padStart(ID_DIGITS, '0')}`;
      if (!taken?.(id)) return id;
    }
  }

  /** Marks the store as changed. */
  touch(): void {
    this.revision += 1;
  }

  /** The stored file, or `NOT_FOUND`. */
  require(id: string): StoredFile {
    const file = this.files.get(id);
    if (!file) throw new MediaError('NOT_FOUND', `Media ${id} not found`, { details: { id } });
    return file;
  }

  /** The stored file, or `NOT_FOUND` when unknown and `CONFLICT` when it is in the trash. */
  requireActive(id: string, action: string): StoredFile {
    const file = this.require(id);
    if (file.status !== 'active') {
      throw new MediaError('CONFLICT', `Cannot ${action} media ${id}: it is in the trash`, {
        details: { id, status: file.status },
      });
    }
    return file;
  }

  /** Appends a history entry with the configured actor. */
  addHistory(
    file: StoredFile,
    operation: MediaHistoryOperation,
    data: Record<string, unknown>,
    timestamp: string,
  ): void {
    const entry: MediaHistoryEntry = {
      id: this.newId('history'),
      mediaId: file.id,
      operation,
      data,
      timestamp,
    };
    if (this.options.actorId !== undefined) entry.actorId = this.options.actorId;
    file.history.push({ entry, seq: this.nextSeq() });
  }

  /** A version record with its url (an object URL when enabled and available). */
  createVersion(
    mediaId: string,
    fields: Omit<StoredVersion, 'url' | 'objectUrl' | 'createdAt'>,
    createdAt: string,
  ): StoredVersion {
    const canUseObjectUrl =
      this.options.objectUrls && fields.content !== null && typeof URL.createObjectURL === 'function';
    const url = canUseObjectUrl
      ? URL.createObjectURL(fields.content as Blob)
      : `memory://${encodeURIComponent(mediaId)}/v${fields.versionNumber}`;
    return { ...fields, url, objectUrl: canUseObjectUrl, createdAt };
  }

  /** Removes a file with everything it owns and revokes its object URLs. */
  remove(file: StoredFile): void {
    this.files.delete(file.id);
    revokeVersions(file);
    this.touch();
  }

  /** Drops everything (revoking object URLs) and restarts the id counters. */
  clear(): void {
    for (const file of this.files.values()) revokeVersions(file);
    this.files.clear();
    this.counters.clear();
    this.sequence = 0;
    this.touch();
  }

  /** A copy of a file as the contract returns it. */
  toMediaFile(file: StoredFile): MediaFile {
    const current = currentVersion(file);
    const copy: MediaFile = {
      id: file.id,
      fileName: file.fileName,
      originalFileName: file.originalFileName,
      fileSize: current.fileSize,
      fileType: current.fileType,
      kind: current.kind,
      status: file.status,
      version: current.versionNumber,
      usageCount: file.usage.length,
      uploadDate: file.uploadDate,
      createdAt: file.createdAt,
      updatedAt: file.updatedAt,
      deletedAt: file.deletedAt,
      url: current.url,
    };
    if (file.thumbnailUrl !== undefined) copy.thumbnailUrl = file.thumbnailUrl;
    return copy;
  }

  /** Copies of a file's links, oldest first. */
  toUsageList(file: StoredFile): MediaUsage[] {
    return file.usage.map(({ usage }) => ({ ...usage }));
  }

  /** Copies of a file's versions, newest first. */
  toVersionList(file: StoredFile): MediaVersion[] {
    const current = currentVersion(file).versionNumber;
    return file.versions
      .map((version) => ({
        versionNumber: version.versionNumber,
        fileSize: version.fileSize,
        fileType: version.fileType,
        replacedAt: version.createdAt,
        url: version.url,
        current: version.versionNumber === current,
      }))
      .reverse();
  }
}

/** The version a file currently serves (the newest). */
export function currentVersion(file: StoredFile): StoredVersion {
  const version = file.versions[file.versions.length - 1];
  if (!version) throw new MediaError('INTERNAL', `Media ${file.id} has no version`);
  return version;
}

/** A copy of a history entry. */
export function copyHistoryEntry(entry: MediaHistoryEntry): MediaHistoryEntry {
  return { ...entry, data: structuredClone(entry.data) };
}

function revokeVersions(file: StoredFile): void {
  for (const version of file.versions) {
    if (version.objectUrl && typeof URL.revokeObjectURL === 'function') URL.revokeObjectURL(version.url);
  }
}
