import { type BulkOperationType, MediaError } from 'mediashelf/core';
import { bodyFields } from './bodyFields';
import { jsonReply } from './jsonReply';
import type { RoutePattern } from './matchRoute';
import { parseListQuery } from './parseListQuery';
import { nonNegativeNumberValue, positiveIntegerValue, singleQueryValue } from './queryValues';
import type { RouteContext, RouteHandler } from './RouteContext';
import { readJsonBody } from './readJsonBody';
import { readUploadRequest } from './readUploadRequest';
import { serveContent } from './serveContent';
import { serveEvents } from './serveEvents';

/** One route of the protocol: method, path below the base path, and its handler. */
export interface MediaRoute extends RoutePattern {
  /** Short name, also the OpenAPI `operationId`. */
  operationId: string;
  handle: RouteHandler;
}

const BULK_TYPES: readonly BulkOperationType[] = ['bulk-delete', 'bulk-restore', 'bulk-purge'];

async function jsonFields(context: RouteContext, maxBytes = context.options.maxJsonBodyBytes) {
  return bodyFields(await readJsonBody(context.request, maxBytes));
}

function upload(context: RouteContext) {
  const { request, options } = context;
  const { body, fileName, contentType, size } = readUploadRequest(request, options.maxUploadBytes);
  return {
    body,
    fileName,
    contentType,
    signal: request.signal,
    ...(size === undefined ? {} : { size }),
  };
}

const route = (
  method: MediaRoute['method'],
  path: string,
  operationId: string,
  handle: RouteHandler,
): MediaRoute => ({ method, path, operationId, handle });

/**
 * Every route of the HTTP protocol (DESIGN.md §5), in matching order. The OpenAPI document is
 * checked against this table, so a route cannot be added without being documented.
 */
export const MEDIA_ROUTES: readonly MediaRoute[] = [
  route('GET', '/files', 'listMedia', async ({ service, identity, url, request }) =>
    jsonReply(
      await service.listMedia(identity, { ...parseListQuery(url.searchParams), signal: request.signal }),
    ),
  ),
  route('POST', '/files', 'uploadMedia', async (context) => {
    const file = await context.service.uploadMedia(context.identity, upload(context));
    return jsonReply(file, 201, {
      Location: `${context.options.basePath}/files/${encodeURIComponent(file.id)}`,
    });
  }),
  route('GET', '/files/:id', 'getMedia', async ({ service, identity, params }) =>
    jsonReply(await service.getMedia(identity, { id: params.id! })),
  ),
  route('PATCH', '/files/:id', 'renameMedia', async (context) => {
    const fileName = (await jsonFields(context)).string('fileName');
    return jsonReply(
      await context.service.renameMedia(context.identity, { id: context.params.id!, fileName }),
    );
  }),
  route('DELETE', '/files/:id', 'deleteMedia', async ({ service, identity, params }) =>
    jsonReply(await service.deleteMedia(identity, { id: params.id! })),
  ),
  route('POST', '/files/:id/restore', 'restoreMedia', async ({ service, identity, params }) =>
    jsonReply(await service.restoreMedia(identity, { id: params.id! })),
  ),
  route('DELETE', '/files/:id/permanent', 'purgeMedia', async ({ service, identity, params }) => {
    await service.purgeMedia(identity, { id: params.id! });
    return jsonReply(null);
  }),
  route('GET', '/files/:id/content', 'getContent', serveContent),
  route('PUT', '/files/:id/content', 'replaceMedia', async (context) => {
    const { fileName: _ignored, ...params } = upload(context);
    return jsonReply(
      await context.service.replaceMedia(context.identity, { ...params, id: context.params.id! }),
    );
  }),
  route('GET', '/files/:id/history', 'getHistory', async ({ service, identity, params, url }) => {
    const cursor = singleQueryValue(url.searchParams, 'cursor');
    const limit = positiveIntegerValue('limit', singleQueryValue(url.searchParams, 'limit'));
    return jsonReply(
      await service.getHistory(identity, {
        id: params.id!,
        ...(cursor === undefined ? {} : { cursor }),
        ...(limit === undefined ? {} : { limit }),
      }),
    );
  }),
  route('GET', '/files/:id/versions', 'listVersions', async ({ service, identity, params }) =>
    jsonReply(await service.listVersions(identity, { id: params.id! })),
  ),
  route('POST', '/files/:id/versions/:n/restore', 'restoreVersion', async ({ service, identity, params }) => {
    const versionNumber = positiveIntegerValue('n', params.n)!;
    return jsonReply(await service.restoreVersion(identity, { id: params.id!, versionNumber }));
  }),
  route('GET', '/files/:id/usage', 'getUsage', async ({ service, identity, params }) =>
    jsonReply(await service.getUsage(identity, { id: params.id! })),
  ),
  route('POST', '/files/:id/usage', 'linkMedia', async (context) => {
    const fields = await jsonFields(context);
    const resourceType = fields.string('resourceType');
    const resourceId = fields.string('resourceId');
    const resourceTitle = fields.optionalString('resourceTitle');
    const { service, identity } = context;
    const mediaId = context.params.id!;
    // Linking is idempotent; 201 only when this request created the link.
    const before = await service.getUsage(identity, { id: mediaId });
    const existed = before.some(
      (usage) => usage.resourceType === resourceType && usage.resourceId === resourceId,
    );
    const usage = await service.linkMedia(identity, {
      mediaId,
      resourceType,
      resourceId,
      ...(resourceTitle === undefined ? {} : { resourceTitle }),
    });
    return jsonReply(usage, existed ? 200 : 201);
  }),
  route(
    'DELETE',
    '/files/:id/usage/:resourceType/:resourceId',
    'unlinkMedia',
    async ({ service, identity, params }) => {
      await service.unlinkMedia(identity, {
        mediaId: params.id!,
        resourceType: params.resourceType!,
        resourceId: params.resourceId!,
      });
      return jsonReply(null);
    },
  ),
  route('GET', '/analytics', 'getAnalytics', async ({ service, identity, url }) => {
    const orphanAgeDays = nonNegativeNumberValue(
      'orphanAgeDays',
      singleQueryValue(url.searchParams, 'orphanAgeDays'),
    );
    return jsonReply(
      await service.getAnalytics(identity, orphanAgeDays === undefined ? {} : { orphanAgeDays }),
    );
  }),
  route('POST', '/operations', 'startBulkOperation', async (context) => {
    const fields = await jsonFields(context, context.options.maxOperationBodyBytes);
    const type = fields.string('type');
    if (!(BULK_TYPES as readonly string[]).includes(type)) {
      throw new MediaError('VALIDATION_ERROR', `type must be one of ${BULK_TYPES.join(', ')}`, {
        details: { field: 'type' },
      });
    }
    const ids = fields.stringArray('ids');
    const operation = await context.service.startBulkOperation(context.identity, {
      type: type as BulkOperationType,
      ids,
    });
    return jsonReply(operation, 202, {
      Location: `${context.options.basePath}/operations/${encodeURIComponent(operation.id)}`,
    });
  }),
  route('GET', '/operations/:id', 'getOperation', async ({ service, identity, params }) =>
    jsonReply(await service.getOperation(identity, { id: params.id! })),
  ),
  route('GET', '/events', 'streamEvents', serveEvents),
];
