import {
  decodeCursor,
  encodeCursor,
  type MediaAdapter,
  MediaError,
  type MediaHistoryEntry,
  normalizeListParams,
  normalizeOrphanAgeDays,
  normalizePageSize,
  type Page,
  validateNewFileName,
} from 'mediashelf/core';
import { applyLifecycleChange, CHANGE_BY_ACTION, type LifecycleAction } from './applyLifecycleChange';
import { computeAnalytics } from './computeAnalytics';
import { createMediaLister } from './createMediaLister';
import type { MemoryContext } from './MemoryContext';
import { copyHistoryEntry } from './MemoryStore';
import { requireId, requireParams } from './validateParams';

/** The file, trash, history and analytics methods of the memory adapter. */
export type FileMethods = Pick<
  MediaAdapter,
  | 'listMedia'
  | 'getMedia'
  | 'renameMedia'
  | 'deleteMedia'
  | 'restoreMedia'
  | 'purgeMedia'
  | 'getHistory'
  | 'getAnalytics'
>;

function readHistoryPosition(tag: string, cursor: unknown): number | null {
  if (cursor === undefined || cursor === null || cursor === '') return null;
  if (typeof cursor !== 'string') {
    throw new MediaError('VALIDATION_ERROR', 'cursor must be a string', { details: { field: 'cursor' } });
  }
  const [seq, ...rest] = decodeCursor(tag, cursor);
  if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 1 || rest.length > 0) {
    throw new MediaError('VALIDATION_ERROR', 'cursor is malformed', { details: { field: 'cursor' } });
  }
  return seq;
}

/**
 * Builds the file methods. Notable choices:
 * - `renameMedia` renames active files only; a file in the trash rejects `CONFLICT`. Renaming to
 *   the current name changes nothing and records no history.
 * - History is ordered by insertion sequence, so entries with equal timestamps (a frozen clock)
 *   still come newest first; its cursor is bound to the file.
 */
export function createFileMethods(context: MemoryContext): FileMethods {
  const { store, network } = context;
  const listMedia = createMediaLister(store);

  const lifecycle = (params: { id: string } | undefined, action: LifecycleAction) => {
    const { id } = requireParams(params);
    return network.call(undefined, () => {
      const file = applyLifecycleChange(store, requireId(id), action);
      context.changed([id], CHANGE_BY_ACTION[action]);
      return file;
    });
  };

  return {
    async listMedia(params) {
      return network.call(params?.signal, () => listMedia(normalizeListParams(params ?? {}), store.nowMs()));
    },

    async getMedia(params) {
      const { id, signal } = requireParams(params);
      return network.call(signal, () => store.toMediaFile(store.require(requireId(id))));
    },

    async renameMedia(params) {
      const { id, fileName } = requireParams(params);
      return network.call(undefined, () => {
        requireId(id);
        const name = validateNewFileName(fileName);
        const file = store.requireActive(id, 'rename');
        if (name === file.fileName) return store.toMediaFile(file);
        const now = store.now();
        const from = file.fileName;
        file.fileName = name;
        file.nameKey = name.toLowerCase();
        file.updatedAt = now;
        store.addHistory(file, 'rename', { from, to: name }, now);
        store.touch();
        context.changed([id], 'updated');
        return store.toMediaFile(file);
      });
    },

    async deleteMedia(params) {
      return (await lifecycle(params, 'delete'))!;
    },

    async restoreMedia(params) {
      return (await lifecycle(params, 'restore'))!;
    },

    async purgeMedia(params) {
      await lifecycle(params, 'purge');
    },

    async getHistory(params) {
      const { id, cursor, limit, signal } = requireParams(params);
      return network.call(signal, () => {
        requireId(id);
        const pageSize = normalizePageSize(limit);
        const tag = `history:${id}`;
        const after = readHistoryPosition(tag, cursor);
        const file = store.require(id);
        const items: MediaHistoryEntry[] = [];
        let lastSeq = 0;
        let hasMore = false;
        for (let index = file.history.length - 1; index >= 0; index--) {
          const { entry, seq } = file.history[index]!;
          if (after !== null && seq >= after) continue;
          if (items.length === pageSize) {
            hasMore = true;
            break;
          }
          items.push(copyHistoryEntry(entry));
          lastSeq = seq;
        }
        const page: Page<MediaHistoryEntry> = {
          items,
          nextCursor: hasMore ? encodeCursor(tag, [lastSeq]) : null,
        };
        return page;
      });
    },

    async getAnalytics(params) {
      return network.call(params?.signal, () =>
        computeAnalytics(store, normalizeOrphanAgeDays(params?.orphanAgeDays), store.nowMs()),
      );
    },
  };
}
