import { MEDIA_KINDS } from 'mediashelf/core';
import type { OpenApiDocument } from './OpenApiDocument';
import {
  errors,
  fileResult,
  idParam,
  json,
  paramRef,
  rawBody,
  ref,
  success,
  uploadHeaders,
} from './openApiBuilders';

/** Every path and method of the protocol, relative to the base path. */
export const openApiPaths: OpenApiDocument['paths'] = {
  '/files': {
    get: {
      operationId: 'listMedia',
      summary: 'List files (keyset pagination)',
      parameters: [
        {
          name: 'search',
          in: 'query',
          description: 'Case-insensitive contains on the display name',
          schema: { type: 'string' },
        },
        {
          name: 'kind',
          in: 'query',
          description: 'Comma-separated kinds',
          style: 'form',
          explode: false,
          schema: { type: 'array', items: { enum: [...MEDIA_KINDS] } },
        },
        { name: 'status', in: 'query', schema: { enum: ['active', 'deleted'], default: 'active' } },
        { name: 'usage', in: 'query', schema: { enum: ['used', 'unused', 'orphaned'] } },
        { name: 'orphanAgeDays', in: 'query', schema: { type: 'number', minimum: 0, default: 30 } },
        {
          name: 'sort',
          in: 'query',
          schema: { enum: ['uploadDate', 'fileName', 'fileSize'], default: 'uploadDate' },
        },
        { name: 'order', in: 'query', schema: { enum: ['asc', 'desc'], default: 'desc' } },
        {
          name: 'cursor',
          in: 'query',
          description: '`nextCursor` of the previous page',
          schema: { type: 'string' },
        },
        paramRef('limit'),
        { name: 'includeTotal', in: 'query', schema: { enum: ['true', 'false', '1', '0'] } },
      ],
      responses: { ...success(200, 'A page of files', ref('MediaFilePage')), ...errors(400) },
    },
    post: {
      operationId: 'uploadMedia',
      summary: 'Upload a file (raw streamed body)',
      parameters: uploadHeaders,
      requestBody: rawBody,
      responses: { ...fileResult(201, 'The new file; `Location` names it'), ...errors(400, 413, 415, 502) },
    },
  },
  '/files/{id}': {
    get: {
      operationId: 'getMedia',
      summary: 'One file, in any status',
      parameters: [idParam],
      responses: { ...fileResult(200, 'The file'), ...errors(404) },
    },
    patch: {
      operationId: 'renameMedia',
      summary: 'Rename a file',
      parameters: [idParam],
      requestBody: { required: true, content: json(ref('RenameRequest')) },
      responses: { ...fileResult(200, 'The renamed file'), ...errors(400, 404, 413, 415) },
    },
    delete: {
      operationId: 'deleteMedia',
      summary: 'Move a file to the trash (409 MEDIA_IN_USE while linked)',
      parameters: [idParam],
      responses: { ...fileResult(200, 'The file, now in the trash'), ...errors(404, 409) },
    },
  },
  '/files/{id}/restore': {
    post: {
      operationId: 'restoreMedia',
      summary: 'Bring a file back from the trash',
      parameters: [idParam],
      responses: { ...fileResult(200, 'The restored file'), ...errors(404, 409) },
    },
  },
  '/files/{id}/permanent': {
    delete: {
      operationId: 'purgeMedia',
      summary: 'Remove a file for good (only from the trash, 409 otherwise)',
      parameters: [idParam],
      responses: { ...success(200, 'Purged; data is null', { type: 'null' }), ...errors(404, 409, 502) },
    },
  },
  '/files/{id}/content': {
    get: {
      operationId: 'getContent',
      summary: 'Download (authorised), with single-range support',
      description:
        "Streams the bytes with `Accept-Ranges: bytes`, `ETag`, `Content-Disposition` (inline; RFC 6266 `filename*=UTF-8''…` plus an ASCII fallback), `X-Content-Type-Options: nosniff` and `Cache-Control: private`. HTML, SVG and XML are always served as attachments. With signed URLs enabled on the server, the current version may answer 302 to a short-lived storage URL.",
      parameters: [
        idParam,
        {
          name: 'v',
          in: 'query',
          description: 'Version number (default: current)',
          schema: { type: 'integer', minimum: 1 },
        },
        {
          name: 'download',
          in: 'query',
          description: '`1` for `Content-Disposition: attachment`',
          schema: { enum: ['1', '0', 'true', 'false'] },
        },
        {
          name: 'Range',
          in: 'header',
          description: '`bytes=start-end`, `bytes=start-` or `bytes=-suffix`; several ranges are ignored',
          schema: { type: 'string' },
        },
        { name: 'If-None-Match', in: 'header', schema: { type: 'string' } },
      ],
      responses: {
        200: {
          description: 'The whole file',
          content: { '*/*': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } },
        },
        206: {
          description: 'The requested range',
          headers: { 'Content-Range': { schema: { type: 'string' }, required: true } },
          content: { '*/*': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } },
        },
        302: {
          description: 'Redirect to a signed, expiring storage URL; the envelope holds it too',
          headers: { Location: { schema: { type: 'string', format: 'uri' }, required: true } },
          content: json({
            type: 'object',
            properties: {
              success: { const: true },
              data: {
                type: 'object',
                properties: { url: { type: 'string' }, expiresInSeconds: { type: 'integer' } },
              },
            },
          }),
        },
        304: { description: 'Not modified (If-None-Match matched the ETag)' },
        ...errors(400, 404, 416, 502),
      },
    },
    put: {
      operationId: 'replaceMedia',
      summary: 'Replace the content as a new version (raw streamed body)',
      parameters: [idParam, uploadHeaders[1]!],
      requestBody: rawBody,
      responses: {
        ...fileResult(200, 'The file at its new version'),
        ...errors(400, 404, 409, 413, 415, 502),
      },
    },
  },
  '/files/{id}/history': {
    get: {
      operationId: 'getHistory',
      summary: "A file's history, newest first",
      parameters: [idParam, { name: 'cursor', in: 'query', schema: { type: 'string' } }, paramRef('limit')],
      responses: {
        ...success(200, 'A page of history entries', ref('MediaHistoryPage')),
        ...errors(400, 404),
      },
    },
  },
  '/files/{id}/versions': {
    get: {
      operationId: 'listVersions',
      summary: 'Versions, newest first',
      parameters: [idParam],
      responses: {
        ...success(200, 'The versions', { type: 'array', items: ref('MediaVersion') }),
        ...errors(404),
      },
    },
  },
  '/files/{id}/versions/{n}/restore': {
    post: {
      operationId: 'restoreVersion',
      summary: 'Make a new current version with the content of version n',
      parameters: [
        idParam,
        { name: 'n', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
      ],
      responses: { ...fileResult(200, 'The file at its new version'), ...errors(400, 404, 409) },
    },
  },
  '/files/{id}/usage': {
    get: {
      operationId: 'getUsage',
      summary: 'Where a file is used, oldest link first',
      parameters: [idParam],
      responses: {
        ...success(200, 'The usage links', { type: 'array', items: ref('MediaUsage') }),
        ...errors(404),
      },
    },
    post: {
      operationId: 'linkMedia',
      summary: 'Record that a resource uses the file (idempotent)',
      parameters: [idParam],
      requestBody: { required: true, content: json(ref('LinkRequest')) },
      responses: {
        ...success(201, 'A new link', ref('MediaUsage')),
        ...success(200, 'The link already existed', ref('MediaUsage')),
        ...errors(400, 404, 409, 413, 415),
      },
    },
  },
  '/files/{id}/usage/{resourceType}/{resourceId}': {
    delete: {
      operationId: 'unlinkMedia',
      summary: 'Remove a usage link (absent links are fine)',
      parameters: [
        idParam,
        {
          name: 'resourceType',
          in: 'path',
          required: true,
          description: 'URI-encoded',
          schema: { type: 'string' },
        },
        {
          name: 'resourceId',
          in: 'path',
          required: true,
          description: 'URI-encoded (may contain an encoded `/`)',
          schema: { type: 'string' },
        },
      ],
      responses: { ...success(200, 'Unlinked; data is null', { type: 'null' }), ...errors(400, 404) },
    },
  },
  '/analytics': {
    get: {
      operationId: 'getAnalytics',
      summary: 'Storage figures',
      parameters: [
        { name: 'orphanAgeDays', in: 'query', schema: { type: 'number', minimum: 0, default: 30 } },
      ],
      responses: { ...success(200, 'The figures', ref('StorageAnalytics')), ...errors(400) },
    },
  },
  '/operations': {
    post: {
      operationId: 'startBulkOperation',
      summary: 'Start a bulk job; it runs asynchronously',
      requestBody: { required: true, content: json(ref('BulkOperationRequest')) },
      responses: {
        ...success(202, 'The job, queued; `Location` names it', ref('BulkOperation')),
        ...errors(400, 413, 415),
      },
    },
  },
  '/operations/{id}': {
    get: {
      operationId: 'getOperation',
      summary: 'Current state of a bulk job (polling)',
      parameters: [idParam],
      responses: { ...success(200, 'The job', ref('BulkOperation')), ...errors(404) },
    },
  },
  '/events': {
    get: {
      operationId: 'streamEvents',
      summary: "Server-Sent Events of the caller's tenant",
      description:
        "Each event is `event: <type>` and `data: <JSON of the MediaEvent>`. Progress is batched per operation at most every 100 ms and the final state is always sent; `media.changed` ids are merged per change kind within 100 ms. A comment line is sent every 15 s as a heartbeat. `operationId` sends those operations' current state first (resume after reconnecting).",
      parameters: [
        {
          name: 'operationId',
          in: 'query',
          description: 'Comma-separated operation ids',
          style: 'form',
          explode: false,
          schema: { type: 'array', items: { type: 'string' } },
        },
      ],
      responses: {
        200: {
          description: 'The event stream',
          content: { 'text/event-stream': { schema: ref('MediaEvent') } },
        },
        ...errors(),
      },
    },
  },
};
