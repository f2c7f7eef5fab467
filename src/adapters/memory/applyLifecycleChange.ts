import { type MediaChange, MediaError, type MediaFile } from 'mediashelf/core';
import type { MemoryStore } from './MemoryStore';

/** Trash transitions shared by the single methods and bulk jobs. */
export type LifecycleAction = 'delete' | 'restore' | 'purge';

/** The `media.changed` change each action reports. */
export const CHANGE_BY_ACTION: Readonly<Record<LifecycleAction, MediaChange>> = {
  delete: 'deleted',
  restore: 'restored',
  purge: 'purged',
};

/**
 * Applies one trash transition with the contract's rules, synchronously so that the checks and
 * the change cannot interleave with another call:
 * - `delete`: active → deleted; `MEDIA_IN_USE` (with `details.usage`) while linked, `CONFLICT`
 *   when already in the trash.
 * - `restore`: deleted → active; `CONFLICT` when active.
 * - `purge`: removes a deleted file with its versions, links and history; `CONFLICT` when active.
 *
 * Unknown ids reject `NOT_FOUND`. Nothing changes when it throws. `data` is merged into the
 * history entry (bulk jobs record their operation id). Answers the file after the change, or
 * null after a purge. Emits no event: callers batch them.
 */
export function applyLifecycleChange(
  store: MemoryStore,
  id: string,
  action: LifecycleAction,
  data: Record<string, unknown> = {},
): MediaFile | null {
  const file = store.require(id);
  if (action === 'delete') {
    if (file.status === 'deleted') {
      throw new MediaError('CONFLICT', `Media ${id} is already in the trash`, { details: { id } });
    }
    if (file.usage.length > 0) {
      const usage = store.toUsageList(file);
      throw new MediaError('MEDIA_IN_USE', `Media ${id} is used in ${usage.length} place(s)`, {
        details: { id, usage },
      });
    }
    const now = store.now();
    file.status = 'deleted';
    file.deletedAt = now;
    file.updatedAt = now;
    store.addHistory(file, 'delete', data, now);
    store.touch();
    return store.toMediaFile(file);
  }
  if (file.status !== 'deleted') {
    throw new MediaError('CONFLICT', `Media ${id} is not in the trash`, { details: { id } });
  }
  if (action === 'purge') {
    store.remove(file);
    return null;
  }
  const now = store.now();
  file.status = 'active';
  file.deletedAt = null;
  file.updatedAt = now;
  store.addHistory(file, 'restore', data, now);
  store.touch();
  return store.toMediaFile(file);
}
