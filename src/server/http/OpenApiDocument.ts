/** A JSON Schema (2020-12, as OpenAPI 3.1 uses it). */
export type JsonSchema = { [keyword: string]: unknown };

/** An OpenAPI parameter object. */
export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  description?: string;
  schema: JsonSchema;
  style?: 'simple' | 'form';
  explode?: boolean;
}

/** An OpenAPI response object. */
export interface OpenApiResponse {
  description: string;
  headers?: Record<string, { description?: string; schema: JsonSchema; required?: boolean }>;
  content?: Record<string, { schema: JsonSchema }>;
}

/** An OpenAPI operation object. */
export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description?: string;
  parameters?: OpenApiParameter[];
  requestBody?: { required: boolean; description?: string; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, OpenApiResponse>;
}

/** Lower-case HTTP methods as OpenAPI path items key them. */
export type OpenApiMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The subset of OpenAPI 3.1 this document uses. */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: { url: string; description: string }[];
  security: Record<string, string[]>[];
  paths: Record<string, Partial<Record<OpenApiMethod, OpenApiOperation>>>;
  components: {
    schemas: Record<string, JsonSchema>;
    parameters: Record<string, OpenApiParameter>;
    responses: Record<string, OpenApiResponse>;
    securitySchemes: Record<string, { type: string; description: string; [key: string]: unknown }>;
  };
  /** How realtime events reach clients over WebSocket (not an HTTP path of the handler). */
  'x-websocket': {
    path: string;
    description: string;
    clientMessages: JsonSchema;
    serverMessages: JsonSchema;
  };
}
