import { MediaError } from 'mediashelf/core';

/** HTTP methods the protocol uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A route: a method and a path pattern below the base path, with `:name` parameters. */
export interface RoutePattern {
  method: HttpMethod;
  /** For example `/files/:id/versions/:n/restore`. */
  path: string;
}

/** What {@link matchRoute} found. */
export type RouteMatch<R extends RoutePattern> =
  | { kind: 'matched'; route: R /** Still percent-encoded. */; params: Record<string, string> }
  | { kind: 'wrong-method'; allow: HttpMethod[] }
  | { kind: 'none' };

/**
 * Decodes the still percent-encoded parameters of a match; a malformed encoding is
 * `VALIDATION_ERROR`. Separate from matching so that authentication is checked first.
 */
export function decodeRouteParams(params: Record<string, string>): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    try {
      decoded[name] = decodeURIComponent(value);
    } catch {
      throw new MediaError('VALIDATION_ERROR', `The path parameter ${name} is malformed`, {
        details: { field: name },
      });
    }
  }
  return decoded;
}

function matchSegments(pattern: string[], segments: string[]): Record<string, string> | null {
  if (pattern.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let index = 0; index < pattern.length; index++) {
    const expected = pattern[index]!;
    const actual = segments[index]!;
    if (expected.startsWith(':')) {
      if (actual === '') return null;
      params[expected.slice(1)] = actual;
    } else if (expected !== actual) {
      return null;
    }
  }
  return params;
}

/**
 * Finds the route of a path (relative to the base path, still percent-encoded) and method. The
 * path is split on `/` before decoding, so an encoded slash (`..%2F..%2Fetc`) stays inside one
 * parameter and can never reach another route. Parameters come back still encoded (see
 * {@link decodeRouteParams}).
 */
export function matchRoute<R extends RoutePattern>(
  routes: readonly R[],
  method: string,
  path: string,
): RouteMatch<R> {
  const segments = path.split('/').slice(1);
  const allow: HttpMethod[] = [];
  for (const route of routes) {
    const params = matchSegments(route.path.split('/').slice(1), segments);
    if (params === null) continue;
    if (route.method !== method) {
      allow.push(route.method);
      continue;
    }
    return { kind: 'matched', route, params };
  }
  return allow.length > 0 ? { kind: 'wrong-method', allow } : { kind: 'none' };
}
