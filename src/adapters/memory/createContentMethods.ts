import {
  kindOf,
  type MediaAdapter,
  MediaError,
  resolveMimeType,
  resolveUploadFileName,
  throwIfAborted,
} from 'mediashelf/core';
import type { GetContentParams, MemoryContent } from './MemoryAdapterOptions';
import { checkAcceptance, ensureOpen, type MemoryContext } from './MemoryContext';
import { currentVersion, type StoredFile, type StoredVersion } from './MemoryStore';
import { readBlobContent } from './readBlobContent';
import { requireBlob, requireId, requireParams, requirePositiveInteger } from './validateParams';

/** The upload and version methods of the memory adapter, plus its `getContent` addition. */
export type ContentMethods = Pick<
  MediaAdapter,
  'uploadMedia' | 'replaceMedia' | 'listVersions' | 'restoreVersion'
> & {
  getContent(params: GetContentParams): Promise<MemoryContent>;
};

function findVersion(file: StoredFile, versionNumber: number): StoredVersion {
  const version = file.versions.find((candidate) => candidate.versionNumber === versionNumber);
  if (!version) {
    throw new MediaError('NOT_FOUND', `Media ${file.id} has no version ${versionNumber}`, {
      details: { id: file.id, versionNumber },
    });
  }
  return version;
}

/**
 * Builds the content methods. Uploads and replacements are read in chunks (progress after each,
 * the last one `(total, total)`), hashed with SHA-256 and only then committed in one synchronous
 * step: an abort or failure before that leaves no file, version, history entry or event. A file
 * trashed or purged while its replacement was being read rejects `CONFLICT` or `NOT_FOUND` at
 * commit time. `restoreVersion` skips the size and type limits: the content was accepted before.
 */
export function createContentMethods(context: MemoryContext): ContentMethods {
  const { store, network } = context;

  return {
    async uploadMedia(params) {
      const { file, fileName, onProgress, signal } = requireParams(params);
      return network.call(signal, async () => {
        const blob = requireBlob(file);
        const name = resolveUploadFileName(blob, fileName);
        const fileType = resolveMimeType(blob.type, name);
        checkAcceptance(context, blob.size, fileType);
        const { bytes, checksum } = await readBlobContent(blob, {
          chunkSize: context.chunkSize,
          ...(onProgress ? { onProgress } : {}),
          ...(signal ? { signal } : {}),
        });
        ensureOpen(context);
        throwIfAborted(signal);
        const now = store.now();
        const id = store.newId('media', (candidate) => store.files.has(candidate));
        const content = new Blob([bytes], { type: fileType });
        const fields = { versionNumber: 1, fileSize: bytes.length, fileType, kind: kindOf(fileType) };
        const stored: StoredFile = {
          id,
          fileName: name,
          nameKey: name.toLowerCase(),
          originalFileName: name,
          status: 'active',
          uploadDate: now,
          uploadMs: Date.parse(now),
          createdAt: now,
          updatedAt: now,
          deletedAt: null,
          versions: [store.createVersion(id, { ...fields, content, checksum }, now)],
          usage: [],
          history: [],
        };
        store.addHistory(stored, 'upload', { fileName: name, ...fields, version: 1 }, now);
        store.files.set(id, stored);
        store.touch();
        context.changed([id], 'created');
        return store.toMediaFile(stored);
      });
    },

    async replaceMedia(params) {
      const { id, file, onProgress, signal } = requireParams(params);
      return network.call(signal, async () => {
        requireId(id);
        const blob = requireBlob(file);
        const before = store.requireActive(id, 'replace');
        const ownName = (blob as Partial<File>).name;
        const fileType = resolveMimeType(blob.type, typeof ownName === 'string' ? ownName : before.fileName);
        checkAcceptance(context, blob.size, fileType);
        const { bytes, checksum } = await readBlobContent(blob, {
          chunkSize: context.chunkSize,
          ...(onProgress ? { onProgress } : {}),
          ...(signal ? { signal } : {}),
        });
        ensureOpen(context);
        throwIfAborted(signal);
        // Re-read: the file may have gone to the trash (or been purged) while the bytes arrived.
        const target = store.requireActive(id, 'replace');
        const previousVersion = currentVersion(target).versionNumber;
        const now = store.now();
        const fields = {
          versionNumber: previousVersion + 1,
          fileSize: bytes.length,
          fileType,
          kind: kindOf(fileType),
        };
        const content = new Blob([bytes], { type: fileType });
        target.versions.push(store.createVersion(id, { ...fields, content, checksum }, now));
        target.updatedAt = now;
        const data = { version: fields.versionNumber, previousVersion, fileSize: fields.fileSize, fileType };
        store.addHistory(target, 'replace', data, now);
        store.touch();
        context.changed([id], 'replaced');
        return store.toMediaFile(target);
      });
    },

    async listVersions(params) {
      const { id, signal } = requireParams(params);
      return network.call(signal, () => store.toVersionList(store.require(requireId(id))));
    },

    async restoreVersion(params) {
      const { id, versionNumber } = requireParams(params);
      return network.call(undefined, () => {
        requireId(id);
        requirePositiveInteger(versionNumber, 'versionNumber');
        const file = store.require(id);
        const source = findVersion(file, versionNumber);
        const target = store.requireActive(id, 'restore a version of');
        const number = currentVersion(target).versionNumber + 1;
        const now = store.now();
        const { fileSize, fileType, kind, content, checksum } = source;
        target.versions.push(
          store.createVersion(
            id,
            { versionNumber: number, fileSize, fileType, kind, content, checksum },
            now,
          ),
        );
        target.updatedAt = now;
        store.addHistory(target, 'version_restore', { from: versionNumber, version: number }, now);
        store.touch();
        context.changed([id], 'replaced');
        return store.toMediaFile(target);
      });
    },

    async getContent(params) {
      const { id, versionNumber, signal } = requireParams(params);
      return network.call(signal, async () => {
        requireId(id);
        const file = store.require(id);
        const version =
          versionNumber === undefined
            ? currentVersion(file)
            : findVersion(file, requirePositiveInteger(versionNumber, 'versionNumber'));
        if (version.content !== null && version.checksum === null) {
          // Seeded content is hashed on first read; the hash is cached on the version.
          version.checksum = (await readBlobContent(version.content)).checksum;
        }
        return {
          versionNumber: version.versionNumber,
          fileSize: version.fileSize,
          fileType: version.fileType,
          blob: version.content,
          checksumSha256: version.checksum,
        };
      });
    },
  };
}
