import { kindOf, MediaError, resolveMimeType, sanitizeFileName } from 'mediashelf/core';
import type { MemorySeedFile, MemorySeedUsage } from './MemoryAdapterOptions';
import type { MemoryStore, StoredFile } from './MemoryStore';
import { optionalResourceTitle, requireResourceField } from './validateParams';

const MINUTE_MS = 60_000;

function invalid(index: number, field: string, message: string): MediaError {
  return new MediaError('VALIDATION_ERROR', `seed[${index}].${field} ${message}`, {
    details: { field: `seed[${index}].${field}` },
  });
}

function parseDate(value: Date | string | null | undefined, index: number, field: string): number | null {
  if (value === undefined || value === null) return null;
  const ms =
    value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw invalid(index, field, 'must be a Date or an ISO date string');
  return ms;
}

function toBlob(content: MemorySeedFile['content'], index: number): Blob | null {
  if (content === undefined) return null;
  if (typeof content === 'string') return new Blob([content]);
  // Copy, so that later changes to the caller's buffer cannot reach the store.
  if (content instanceof Uint8Array) return new Blob([content.slice()]);
  if (typeof content === 'object' && content !== null && typeof content.slice === 'function') return content;
  throw invalid(index, 'content', 'must be a Blob, a Uint8Array or a string');
}

interface SeedEvent {
  ms: number;
  apply: (timestamp: string) => void;
}

function seedOne(store: MemoryStore, seed: MemorySeedFile, index: number, nowMs: number): StoredFile {
  if (typeof seed !== 'object' || seed === null) throw invalid(index, 'file', 'must be an object');
  if (typeof seed.fileName !== 'string') throw invalid(index, 'fileName', 'must be a string');
  const fileName = sanitizeFileName(seed.fileName);
  const content = toBlob(seed.content, index);
  const fileType = resolveMimeType(seed.fileType ?? content?.type, fileName);
  const fileSize = content ? content.size : (seed.fileSize ?? 0);
  if (!Number.isInteger(fileSize) || fileSize < 0)
    throw invalid(index, 'fileSize', 'must be an integer >= 0');
  const versionCount = seed.versions ?? 1;
  if (!Number.isInteger(versionCount) || versionCount < 1) {
    throw invalid(index, 'versions', 'must be a positive integer');
  }
  const status = seed.status ?? 'active';
  if (status !== 'active' && status !== 'deleted')
    throw invalid(index, 'status', 'must be active or deleted');
  const usage: MemorySeedUsage[] = seed.usage ?? [];
  if (status === 'deleted' && usage.length > 0) {
    throw invalid(index, 'usage', 'must be empty for a deleted file (the trash holds no linked files)');
  }
  if (seed.id !== undefined && (typeof seed.id !== 'string' || seed.id.trim() === '')) {
    throw invalid(index, 'id', 'must be a non-empty string');
  }
  if (seed.id !== undefined && store.files.has(seed.id)) throw invalid(index, 'id', `${seed.id} is taken`);
  const id = seed.id ?? store.newId('media', (candidate) => store.files.has(candidate));

  const uploadMs = parseDate(seed.uploadDate, index, 'uploadDate') ?? nowMs;
  const deletedMs =
    status === 'deleted'
      ? Math.max(uploadMs, parseDate(seed.deletedAt, index, 'deletedAt') ?? Math.max(nowMs, uploadMs))
      : null;
  const endMs = Math.max(uploadMs, deletedMs ?? nowMs);
  const uploadDate = new Date(uploadMs).toISOString();
  const file: StoredFile = {
    id,
    fileName,
    nameKey: fileName.toLowerCase(),
    originalFileName:
      seed.originalFileName === undefined ? fileName : sanitizeFileName(seed.originalFileName),
    // The delete event below moves a trashed seed file to the trash.
    status: 'active',
    uploadDate,
    uploadMs,
    createdAt: uploadDate,
    updatedAt: uploadDate,
    deletedAt: null,
    versions: [],
    usage: [],
    history: [],
  };
  if (seed.thumbnailUrl !== undefined) file.thumbnailUrl = seed.thumbnailUrl;

  const fields = { fileSize, fileType, kind: kindOf(fileType), content, checksum: null };
  const events: SeedEvent[] = [];
  for (let number = 1; number <= versionCount; number++) {
    const ms = uploadMs + Math.floor(((endMs - uploadMs) * (number - 1)) / versionCount);
    events.push({
      ms,
      apply: (timestamp) => {
        file.versions.push(store.createVersion(id, { ...fields, versionNumber: number }, timestamp));
        file.updatedAt = timestamp;
        if (number === 1) {
          store.addHistory(file, 'upload', { fileName, fileSize, fileType, version: 1 }, timestamp);
        } else {
          const data = { version: number, previousVersion: number - 1, fileSize, fileType };
          store.addHistory(file, 'replace', data, timestamp);
        }
      },
    });
  }
  const seen = new Set<string>();
  usage.forEach((link, position) => {
    const resourceType = requireResourceField(link?.resourceType, `seed[${index}].usage.resourceType`);
    const resourceId = requireResourceField(link?.resourceId, `seed[${index}].usage.resourceId`);
    const resourceTitle = optionalResourceTitle(link.resourceTitle);
    const key = JSON.stringify([resourceType, resourceId]);
    if (seen.has(key)) throw invalid(index, 'usage', `links ${resourceType}/${resourceId} twice`);
    seen.add(key);
    const givenMs = parseDate(link.linkedAt, index, 'usage.linkedAt');
    // A link cannot predate the upload; clamping keeps history starting with the upload.
    const linkedMs = Math.max(uploadMs, givenMs ?? Math.min(uploadMs + (position + 1) * MINUTE_MS, endMs));
    events.push({
      ms: linkedMs,
      apply: (timestamp) => {
        const row = { id: store.newId('usage'), mediaId: id, resourceType, resourceId, linkedAt: timestamp };
        file.usage.push({ usage: resourceTitle ? { ...row, resourceTitle } : row, seq: store.nextSeq() });
        const data = resourceTitle
          ? { resourceType, resourceId, resourceTitle }
          : { resourceType, resourceId };
        store.addHistory(file, 'link', data, timestamp);
      },
    });
  });
  if (deletedMs !== null) {
    events.push({
      ms: deletedMs,
      apply: (timestamp) => {
        file.status = 'deleted';
        file.deletedAt = timestamp;
        file.updatedAt = timestamp;
        store.addHistory(file, 'delete', {}, timestamp);
      },
    });
  }
  // Stable sort: equal times keep the order above (upload first), and the insertion sequence
  // then keeps that order in history pages.
  events.sort((a, b) => a.ms - b.ms);
  for (const event of events) event.apply(new Date(event.ms).toISOString());
  return file;
}

/**
 * Loads seed files into an empty or partly filled store, building each file's versions, links
 * and history (upload, replaces, links, delete) in time order. Invalid seed data throws
 * `VALIDATION_ERROR` naming the offending field.
 */
export function seedStore(store: MemoryStore, seed: readonly MemorySeedFile[] | undefined): void {
  if (seed === undefined) return;
  if (!Array.isArray(seed)) {
    throw new MediaError('VALIDATION_ERROR', 'seed must be an array', { details: { field: 'seed' } });
  }
  const nowMs = store.nowMs();
  seed.forEach((entry, index) => {
    const file = seedOne(store, entry, index, nowMs);
    store.files.set(file.id, file);
  });
  store.touch();
}
