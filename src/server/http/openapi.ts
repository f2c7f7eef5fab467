import { MAX_PAGE_SIZE } from 'mediashelf/core';
import type { OpenApiDocument } from './OpenApiDocument';
import { ERROR_STATUSES, json, ref } from './openApiBuilders';
import { openApiPaths } from './openApiPaths';
import { openApiSchemas } from './openApiSchemas';

export type {
  JsonSchema,
  OpenApiDocument,
  OpenApiMethod,
  OpenApiOperation,
  OpenApiParameter,
  OpenApiResponse,
} from './OpenApiDocument';

/**
 * The HTTP protocol of `createMediaHandler` as an OpenAPI 3.1 document, so that backends in
 * other languages can implement it and clients can be generated. Paths are relative to the base
 * path (default `/api/media`). A test keeps it in step with the handler's route table.
 */
export const openApiDocument: OpenApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'mediashelf media API',
    version: '1',
    description:
      'Every JSON reply is an envelope `{success: true, data}` or `{success: false, error: {code, message, details?}}` with the status of its error code. Success is 201 for an upload and a new link, 202 for a started operation, 200 otherwise (never 204). JSON request bodies must be `application/json` and at most 64 KiB (4 MiB for `POST /operations`). Query arrays are comma-separated (`kind=video,image`). Downloads (`GET /files/{id}/content`) and `GET /events` are the only replies that are not envelopes. Every GET route also answers HEAD (the same status and headers, no body). A server configured for cross-origin access answers CORS preflights (`OPTIONS` with `Access-Control-Request-Method`) before authentication: 200 with the envelope for an allowed origin, 403 `FORBIDDEN` otherwise.',
  },
  servers: [{ url: '/api/media', description: 'The default base path' }],
  security: [{ hostSession: [] }],
  paths: openApiPaths,
  components: {
    securitySchemes: {
      hostSession: {
        type: 'apiKey',
        in: 'cookie',
        name: 'session',
        description:
          "The host application's own authentication (cookie, bearer token, ...); the server maps it to a tenant and a user.",
      },
    },
    parameters: {
      id: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'A UUID; ids of other tenants answer 404',
        schema: { type: 'string' },
      },
      limit: {
        name: 'limit',
        in: 'query',
        description: `Page size, default 50, clamped to ${MAX_PAGE_SIZE}`,
        schema: { type: 'integer', minimum: 1 },
      },
    },
    responses: Object.fromEntries(
      Object.entries(ERROR_STATUSES).map(([status, description]) => [
        `Error${status}`,
        { description, content: json(ref('ErrorEnvelope')) },
      ]),
    ),
    schemas: openApiSchemas,
  },
  'x-websocket': {
    path: '/ws',
    description:
      'Served by the standalone Node server (createNodeServer), not by the request handler. The upgrade request is authenticated like any request (401 rejects it). The server sends the same batched events as `GET /events`, one JSON `MediaEvent` per message, and pings; clients that miss a pong are dropped.',
    clientMessages: {
      type: 'object',
      required: ['type', 'operationId'],
      properties: { type: { const: 'subscribe' }, operationId: { type: 'string' } },
      description:
        'Answered at once with `{type: "operation.progress", operation}` (or `{type: "error", operationId, error}`).',
    },
    serverMessages: {
      oneOf: [
        ref('MediaEvent'),
        {
          type: 'object',
          required: ['type', 'error'],
          properties: {
            type: { const: 'error' },
            operationId: { type: 'string' },
            error: { type: 'object' },
          },
        },
      ],
    },
  },
};
