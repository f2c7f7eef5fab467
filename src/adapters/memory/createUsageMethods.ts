import type { MediaAdapter, MediaUsage } from 'mediashelf/core';
import type { MemoryContext } from './MemoryContext';
import type { StoredFile } from './MemoryStore';
import { optionalResourceTitle, requireId, requireParams, requireResourceField } from './validateParams';

/** The usage methods of the memory adapter. */
export type UsageMethods = Pick<MediaAdapter, 'getUsage' | 'linkMedia' | 'unlinkMedia'>;

function findLink(file: StoredFile, resourceType: string, resourceId: string): number {
  return file.usage.findIndex(
    ({ usage }) => usage.resourceType === resourceType && usage.resourceId === resourceId,
  );
}

/**
 * Builds the usage methods. Resource types and ids are trimmed before they are stored or
 * compared, so ` course ` and `course` are one link. Repeating a link answers the existing row
 * unchanged (its title included) and records nothing; unlinking an absent link resolves and
 * records nothing. Links do not change a file's `updatedAt` (only `usageCount`).
 */
export function createUsageMethods(context: MemoryContext): UsageMethods {
  const { store, network } = context;

  return {
    async getUsage(params) {
      const { id, signal } = requireParams(params);
      return network.call(signal, () => store.toUsageList(store.require(requireId(id))));
    },

    async linkMedia(params) {
      const { mediaId, resourceType, resourceId, resourceTitle } = requireParams(params);
      return network.call(undefined, () => {
        requireId(mediaId, 'mediaId');
        const type = requireResourceField(resourceType, 'resourceType');
        const resource = requireResourceField(resourceId, 'resourceId');
        const title = optionalResourceTitle(resourceTitle);
        const file = store.requireActive(mediaId, 'link');
        const existing = file.usage[findLink(file, type, resource)];
        if (existing) return { ...existing.usage };
        const now = store.now();
        const usage: MediaUsage = {
          id: store.newId('usage'),
          mediaId,
          resourceType: type,
          resourceId: resource,
          linkedAt: now,
        };
        if (title !== undefined) usage.resourceTitle = title;
        file.usage.push({ usage, seq: store.nextSeq() });
        const data: Record<string, unknown> = { resourceType: type, resourceId: resource };
        if (title !== undefined) data.resourceTitle = title;
        store.addHistory(file, 'link', data, now);
        store.touch();
        context.changed([mediaId], 'linked');
        return { ...usage };
      });
    },

    async unlinkMedia(params) {
      const { mediaId, resourceType, resourceId } = requireParams(params);
      return network.call(undefined, () => {
        requireId(mediaId, 'mediaId');
        const type = requireResourceField(resourceType, 'resourceType');
        const resource = requireResourceField(resourceId, 'resourceId');
        const file = store.require(mediaId);
        const index = findLink(file, type, resource);
        if (index === -1) return;
        file.usage.splice(index, 1);
        store.addHistory(file, 'unlink', { resourceType: type, resourceId: resource }, store.now());
        store.touch();
        context.changed([mediaId], 'unlinked');
      });
    },
  };
}
