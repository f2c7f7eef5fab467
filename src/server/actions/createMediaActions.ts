import {
  type BulkOperationType,
  isMediaError,
  type ListMediaParams,
  type MediaActions,
  MediaError,
  type MediaSort,
  resolveUploadFileName,
  type SortOrder,
  toEnvelope,
  type UsageFilter,
} from 'mediashelf/core';
import type { MediaContext, MediaService } from '../service/MediaService';
import {
  type Fields,
  fieldsOf,
  formFile,
  formOf,
  formString,
  optionalBoolean,
  optionalNumber,
  optionalString,
  optionalStringOrList,
  requiredIdList,
  requiredInteger,
  requiredString,
} from './validateActionInput';

/** Options of {@link createMediaActions}. */
export interface MediaActionsOptions {
  /**
   * Who is calling, from the request being handled (session cookie, auth library); null when
   * nobody is signed in, which answers `UNAUTHENTICATED`.
   */
  getContext: () => Promise<MediaContext | null> | MediaContext | null;
  /**
   * Receives unexpected errors (anything not a `MediaError`) before they are answered as a
   * generic `INTERNAL`: their messages may hold internals a public endpoint must not reveal.
   * Default: `console.error`.
   */
  onError?: (error: unknown) => void;
}

/**
 * Creates the media library's server actions over a {@link MediaService}: one plain async
 * function per adapter method, each answering the envelope and never throwing, so a host can
 * re-export them from a `'use server'` module for `createServerActionAdapter`.
 *
 * Server actions are public endpoints: every call resolves the caller through `getContext`
 * first, and every argument is checked (wrong types answer `VALIDATION_ERROR`; unknown fields
 * are dropped). Uploads take `FormData` and stream the file to the service. There is no realtime
 * through actions: poll `getOperation`.
 *
 * @example
 * // app/media-actions.ts
 * 'use server';
 * import { createMediaActions } from 'mediashelf/server';
 * const actions = createMediaActions(service, {
 *   getContext: async () => {
 *     const session = await auth();
 *     return session ? { tenantId: session.orgId, userId: session.userId } : null;
 *   },
 * });
 * export const listMedia = actions.listMedia;
 * export const uploadMedia = actions.uploadMedia; // ...one export per action
 */
export function createMediaActions(service: MediaService, options: MediaActionsOptions): MediaActions {
  const onError =
    options.onError ?? ((error: unknown) => console.error('[mediashelf] server action failed', error));
  const conceal = (error: unknown) => {
    if (isMediaError(error)) return error;
    onError(error);
    return new MediaError('INTERNAL', 'The media library could not complete the request');
  };
  const run = <T>(work: (context: MediaContext) => Promise<T>) =>
    toEnvelope(async () => {
      try {
        const context = await options.getContext();
        if (!context) throw new MediaError('UNAUTHENTICATED', 'Sign in to use the media library');
        return await work(context);
      } catch (error) {
        throw conceal(error);
      }
    });
  const idOf = (params: unknown) => ({ id: requiredString(fieldsOf(params), 'id') });
  const nothing = async (done: Promise<void>) => {
    await done;
    return null;
  };

  return {
    listMedia: (params) => run((context) => service.listMedia(context, listParams(fieldsOf(params, true)))),
    getMedia: (params) => run((context) => service.getMedia(context, idOf(params))),
    uploadMedia: (formData) =>
      run((context) => {
        const form = formOf(formData);
        const file = formFile(form, 'file');
        const fileName = resolveUploadFileName(file, formString(form, 'fileName'));
        return service.uploadMedia(context, {
          body: file.stream(),
          fileName,
          contentType: file.type || null,
          size: file.size,
        });
      }),
    renameMedia: (params) =>
      run((context) => {
        const fields = fieldsOf(params);
        return service.renameMedia(context, {
          id: requiredString(fields, 'id'),
          fileName: requiredString(fields, 'fileName', true),
        });
      }),
    deleteMedia: (params) => run((context) => service.deleteMedia(context, idOf(params))),
    restoreMedia: (params) => run((context) => service.restoreMedia(context, idOf(params))),
    purgeMedia: (params) => run((context) => nothing(service.purgeMedia(context, idOf(params)))),
    getHistory: (params) =>
      run((context) => {
        const fields = fieldsOf(params);
        return service.getHistory(context, {
          id: requiredString(fields, 'id'),
          cursor: optionalString(fields, 'cursor') ?? null,
          limit: optionalNumber(fields, 'limit'),
        });
      }),
    getUsage: (params) => run((context) => service.getUsage(context, idOf(params))),
    linkMedia: (params) =>
      run((context) => {
        const fields = fieldsOf(params);
        const resourceTitle = optionalString(fields, 'resourceTitle');
        return service.linkMedia(context, {
          mediaId: requiredString(fields, 'mediaId'),
          resourceType: requiredString(fields, 'resourceType', true),
          resourceId: requiredString(fields, 'resourceId', true),
          ...(resourceTitle === undefined ? {} : { resourceTitle }),
        });
      }),
    unlinkMedia: (params) =>
      run((context) => {
        const fields = fieldsOf(params);
        return nothing(
          service.unlinkMedia(context, {
            mediaId: requiredString(fields, 'mediaId'),
            resourceType: requiredString(fields, 'resourceType', true),
            resourceId: requiredString(fields, 'resourceId', true),
          }),
        );
      }),
    replaceMedia: (formData) =>
      run((context) => {
        const form = formOf(formData);
        const id = formString(form, 'id');
        if (id === undefined || id === '') {
          throw new MediaError('VALIDATION_ERROR', 'id must be a non-empty string', {
            details: { field: 'id' },
          });
        }
        const file = formFile(form, 'file');
        return service.replaceMedia(context, {
          id,
          body: file.stream(),
          contentType: file.type || null,
          size: file.size,
        });
      }),
    listVersions: (params) => run((context) => service.listVersions(context, idOf(params))),
    restoreVersion: (params) =>
      run((context) => {
        const fields = fieldsOf(params);
        return service.restoreVersion(context, {
          id: requiredString(fields, 'id'),
          versionNumber: requiredInteger(fields, 'versionNumber'),
        });
      }),
    getAnalytics: (params) =>
      run((context) =>
        service.getAnalytics(context, {
          orphanAgeDays: optionalNumber(fieldsOf(params, true), 'orphanAgeDays'),
        }),
      ),
    startBulkOperation: (params) =>
      run((context) => {
        const fields = fieldsOf(params);
        return service.startBulkOperation(context, {
          type: requiredString(fields, 'type') as BulkOperationType,
          ids: requiredIdList(fields, 'ids'),
        });
      }),
    getOperation: (params) => run((context) => service.getOperation(context, idOf(params))),
  };
}

/**
 * Picks the known list fields with their types checked; the service checks their values
 * (`normalizeListParams`), so an unknown sort or kind still answers `VALIDATION_ERROR`.
 */
function listParams(fields: Fields): ListMediaParams {
  const optionalText = (field: string) => optionalString(fields, field);
  // Only the type is checked here: anything but a number reaches the service as an invalid value.
  const limit = fields.limit;
  if (limit !== undefined && limit !== null && typeof limit !== 'number') {
    throw new MediaError('VALIDATION_ERROR', 'limit must be a positive integer', {
      details: { field: 'limit' },
    });
  }
  return {
    search: optionalText('search'),
    kind: optionalStringOrList(fields, 'kind') as ListMediaParams['kind'],
    status: optionalText('status') as ListMediaParams['status'],
    usage: optionalText('usage') as UsageFilter | undefined,
    orphanAgeDays: optionalNumber(fields, 'orphanAgeDays'),
    sort: optionalText('sort') as MediaSort | undefined,
    order: optionalText('order') as SortOrder | undefined,
    cursor: optionalText('cursor') ?? null,
    limit: limit ?? undefined,
    includeTotal: optionalBoolean(fields, 'includeTotal'),
  };
}
