import { HTTP_STATUS_BY_CODE, MEDIA_ERROR_CODES } from 'mediashelf/core';
import { describe, expect, it } from 'vitest';
import { MEDIA_ROUTES, openApiDocument } from '../../../src/server/http';

const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

function routeTable(): Map<string, Set<string>> {
  const table = new Map<string, Set<string>>();
  for (const route of MEDIA_ROUTES) {
    const path = toOpenApiPath(route.path);
    table.set(path, (table.get(path) ?? new Set()).add(route.method.toLowerCase()));
  }
  return table;
}

describe('openApiDocument', () => {
  it('is OpenAPI 3.1 and serialisable', () => {
    expect(openApiDocument.openapi).toBe('3.1.0');
    expect(JSON.parse(JSON.stringify(openApiDocument))).toEqual(openApiDocument);
  });

  it('documents every route the handler serves, with the same methods, and nothing else', () => {
    const documented = new Map(
      Object.entries(openApiDocument.paths).map(([path, item]) => [path, new Set(Object.keys(item))]),
    );
    expect(documented).toEqual(routeTable());
  });

  it('uses each route operationId and declares every path parameter', () => {
    for (const route of MEDIA_ROUTES) {
      const path = toOpenApiPath(route.path);
      const operation = openApiDocument.paths[path]?.[route.method.toLowerCase() as 'get'];
      expect(operation?.operationId).toBe(route.operationId);
      const declared = (operation?.parameters ?? []).map((parameter) =>
        '$ref' in parameter
          ? String((parameter as { $ref: string }).$ref)
              .split('/')
              .pop()
          : parameter.name,
      );
      for (const name of route.path.match(/:([A-Za-z]+)/g) ?? []) expect(declared).toContain(name.slice(1));
    }
  });

  it('has the envelope schemas, every error code and the success statuses of the protocol', () => {
    const { schemas, responses } = openApiDocument.components;
    expect((schemas.ErrorCode as { enum: string[] }).enum).toEqual([...MEDIA_ERROR_CODES]);
    for (const name of [
      'MediaFile',
      'MediaUsage',
      'MediaHistoryEntry',
      'MediaVersion',
      'StorageAnalytics',
      'BulkOperation',
      'ErrorEnvelope',
      'SuccessEnvelope',
    ]) {
      expect(schemas[name]).toBeDefined();
    }
    for (const status of new Set(Object.values(HTTP_STATUS_BY_CODE)))
      expect(responses[`Error${status}`]).toBeDefined();
    expect(Object.keys(openApiDocument.paths['/files']!.post!.responses)).toContain('201');
    expect(Object.keys(openApiDocument.paths['/files/{id}/usage']!.post!.responses)).toContain('201');
    expect(Object.keys(openApiDocument.paths['/operations']!.post!.responses)).toContain('202');
    expect(openApiDocument.paths['/files']!.post!.parameters!.map((parameter) => parameter.name)).toContain(
      'X-File-Name',
    );
  });

  it('resolves every local $ref', () => {
    const text = JSON.stringify(openApiDocument);
    for (const [, pointer] of text.matchAll(/"\$ref":"#\/([^"]+)"/g)) {
      let node: unknown = openApiDocument;
      for (const key of pointer!.split('/')) node = (node as Record<string, unknown>)[key];
      expect(node, pointer).toBeDefined();
    }
  });
});
