import { MAX_FILE_NAME_LENGTH } from 'mediashelf/core';
import type { JsonSchema, OpenApiParameter, OpenApiResponse } from './OpenApiDocument';

/** A `$ref` to a component schema. */
export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
/** An `application/json` content map. */
export const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
/** An ISO 8601 date-time string. */
export const dateTime: JsonSchema = { type: 'string', format: 'date-time' };
/** A `$ref` to a component parameter. */
export const paramRef = (name: string) =>
  ({ $ref: `#/components/parameters/${name}` }) as unknown as OpenApiParameter;

/** A success reply: the envelope with `data` of the given schema. */
export function success(
  status: number,
  description: string,
  data: JsonSchema,
): Record<string, OpenApiResponse> {
  return {
    [status]: {
      description,
      content: json({
        type: 'object',
        required: ['success', 'data'],
        properties: { success: { const: true }, data },
      }),
    },
  };
}

/** Error replies by status (401 and 500 always); every one is the error envelope. */
export function errors(...statuses: number[]): Record<string, OpenApiResponse> {
  const all: Record<string, OpenApiResponse> = {};
  for (const status of [401, ...statuses, 500]) {
    all[status] = { $ref: `#/components/responses/Error${status}` } as unknown as OpenApiResponse;
  }
  return all;
}

/** Every error status of the protocol and the codes it carries. */
export const ERROR_STATUSES: Record<number, string> = {
  400: 'VALIDATION_ERROR (malformed JSON, a field of the wrong type, a bad query value) or ABORTED',
  401: 'UNAUTHENTICATED: no identity',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND: unknown route, or an id that does not exist for this tenant',
  405: 'METHOD_NOT_ALLOWED, with an `Allow` header',
  409: 'MEDIA_IN_USE (details.usage) or CONFLICT',
  413: 'FILE_TOO_LARGE: the body is over the limit (details.maxSize)',
  415: 'UNSUPPORTED_TYPE: the content does not match its declared type, or the type is not accepted',
  416: 'RANGE_NOT_SATISFIABLE, with `Content-Range: bytes */size`',
  429: 'RATE_LIMITED',
  500: 'INTERNAL: a generic message; the cause is logged on the server',
  502: 'STORAGE_ERROR or NETWORK_ERROR',
};

/** The `{id}` path parameter. */
export const idParam = paramRef('id');
/** Headers of a raw upload. */
export const uploadHeaders: OpenApiParameter[] = [
  {
    name: 'X-File-Name',
    in: 'header',
    description: `Display name, URI-encoded (encodeURIComponent). Sanitised by the server: control and bidi-override characters removed, trimmed, shortened to ${MAX_FILE_NAME_LENGTH} characters keeping the extension. Default \`untitled\`.`,
    schema: { type: 'string' },
  },
  {
    name: 'Content-Length',
    in: 'header',
    description: 'Optional (chunked bodies are accepted). A body longer than declared is refused with 400.',
    schema: { type: 'integer', minimum: 0 },
  },
];
/** The streamed body of an upload or replacement. */
export const rawBody = {
  required: true,
  description:
    'The file bytes, streamed. `Content-Type` is the declared MIME type; it is checked against the magic bytes (a mismatch is 415).',
  content: { '*/*': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } },
};

/** A success reply carrying a MediaFile. */
export const fileResult = (status: number, description: string) =>
  success(status, description, ref('MediaFile'));
