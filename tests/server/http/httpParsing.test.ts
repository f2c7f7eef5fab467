import { isMediaError } from 'mediashelf/core';
import { describe, expect, it } from 'vitest';
import { MEDIA_ROUTES } from '../../../src/server/http';
import { decodeRouteParams, matchRoute } from '../../../src/server/http/matchRoute';
import { parseListQuery } from '../../../src/server/http/parseListQuery';
import { parseRangeHeader } from '../../../src/server/http/parseRangeHeader';
import { readJsonBody } from '../../../src/server/http/readJsonBody';
import { readUploadRequest } from '../../../src/server/http/readUploadRequest';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isMediaError(error) ? error.code : 'not a MediaError';
  }
  return undefined;
}

describe('parseRangeHeader', () => {
  it.each([
    ['bytes=0-99', { kind: 'from', start: 0, end: 99 }],
    ['bytes=100-', { kind: 'from', start: 100 }],
    ['bytes=-500', { kind: 'suffix', length: 500 }],
    ['bytes = 5 - 9', { kind: 'from', start: 5, end: 9 }],
  ])('parses %s', (header, expected) => {
    expect(parseRangeHeader(header)).toEqual(expected);
  });

  it.each([
    null,
    'bytes=0-1,5-6',
    'items=0-1',
    'bytes=9-5',
    'bytes=-',
    'bytes=a-b',
    'bytes=1.5-2',
    'bytes=-1-2',
  ])('ignores %s', (header) => {
    expect(parseRangeHeader(header)).toBeNull();
  });
});

describe('matchRoute', () => {
  it('matches static segments and parameters, still encoded', () => {
    const match = matchRoute(MEDIA_ROUTES, 'DELETE', '/files/abc/usage/course/c%2F1');
    expect(match).toMatchObject({
      kind: 'matched',
      params: { id: 'abc', resourceType: 'course', resourceId: 'c%2F1' },
    });
    if (match.kind === 'matched') expect(decodeRouteParams(match.params).resourceId).toBe('c/1');
  });

  it('keeps an encoded slash inside one parameter', () => {
    expect(matchRoute(MEDIA_ROUTES, 'GET', '/files/..%2F..%2Fetc%2Fpasswd')).toMatchObject({
      kind: 'matched',
      route: { path: '/files/:id' },
    });
  });

  it('lists the allowed methods of a known path', () => {
    expect(matchRoute(MEDIA_ROUTES, 'PUT', '/files/x')).toEqual({
      kind: 'wrong-method',
      allow: ['GET', 'PATCH', 'DELETE'],
    });
  });

  it('finds nothing for unknown paths, empty parameters and trailing slashes', () => {
    for (const path of ['/nope', '/files/', '/files//content', '/files/x/content/extra', '']) {
      expect(matchRoute(MEDIA_ROUTES, 'GET', path).kind).toBe('none');
    }
  });

  it('refuses a malformed encoding when decoding', () => {
    expect(codeOf(() => decodeRouteParams({ id: '%E0%A4%A' }))).toBe('VALIDATION_ERROR');
  });
});

describe('parseListQuery', () => {
  it('splits arrays on commas and parses numbers strictly', () => {
    expect(
      parseListQuery(
        new URLSearchParams('kind=video,image&limit=20&orphanAgeDays=7.5&includeTotal=1&search=a%20b'),
      ),
    ).toEqual({ kind: ['video', 'image'], limit: 20, orphanAgeDays: 7.5, includeTotal: true, search: 'a b' });
  });

  it.each([
    'limit=abc',
    'limit=1.5',
    'limit=',
    'limit=0',
    'limit=-1',
    'limit=1e3',
    'limit=1&limit=2',
    'orphanAgeDays=x',
    'includeTotal=yes',
  ])('refuses %s', (query) => {
    expect(codeOf(() => parseListQuery(new URLSearchParams(query)))).toBe('VALIDATION_ERROR');
  });
});

describe('readJsonBody', () => {
  const post = (body: BodyInit, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    new Request('http://x/', { method: 'POST', body, headers });

  it('parses JSON', async () => {
    await expect(readJsonBody(post('{"a":1}'))).resolves.toEqual({ a: 1 });
  });

  it.each([
    ['malformed JSON', post('{"a":'), 'VALIDATION_ERROR'],
    ['an empty body', post(''), 'VALIDATION_ERROR'],
    ['invalid UTF-8', post(new Uint8Array([0x22, 0xff, 0x22])), 'VALIDATION_ERROR'],
    ['a body over the limit', post(`"${'x'.repeat(70_000)}"`), 'FILE_TOO_LARGE'],
    ['another content type', post('{}', { 'content-type': 'text/plain' }), 'UNSUPPORTED_TYPE'],
  ])('refuses %s', async (_name, request, code) => {
    await expect(readJsonBody(request)).rejects.toMatchObject({ code });
  });
});

describe('readUploadRequest', () => {
  it('decodes X-File-Name and defaults it', () => {
    const named = readUploadRequest(
      new Request('http://x/', {
        method: 'POST',
        body: 'x',
        headers: { 'x-file-name': encodeURIComponent('été.png') },
      }),
    );
    expect(named.fileName).toBe('été.png');
    expect(readUploadRequest(new Request('http://x/', { method: 'POST', body: 'x' })).fileName).toBe(
      'untitled',
    );
  });

  it('refuses malformed names and lengths, and a declared size over the limit', () => {
    const withHeaders = (headers: Record<string, string>) =>
      new Request('http://x/', { method: 'POST', body: 'x', headers });
    expect(codeOf(() => readUploadRequest(withHeaders({ 'x-file-name': '%E0%A4%A' })))).toBe(
      'VALIDATION_ERROR',
    );
    expect(codeOf(() => readUploadRequest(withHeaders({ 'content-length': 'abc' })))).toBe(
      'VALIDATION_ERROR',
    );
    expect(codeOf(() => readUploadRequest(withHeaders({ 'content-length': '11' }), 10))).toBe(
      'FILE_TOO_LARGE',
    );
  });

  it('fails the stream when the body outgrows its Content-Length or the limit', async () => {
    const body = () => new Uint8Array(100);
    const longer = readUploadRequest(
      new Request('http://x/', { method: 'POST', body: body(), headers: { 'content-length': '10' } }),
    );
    await expect(new Response(longer.body).arrayBuffer()).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    const chunked = readUploadRequest(new Request('http://x/', { method: 'POST', body: body() }), 50);
    await expect(new Response(chunked.body).arrayBuffer()).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
    const shorter = readUploadRequest(
      new Request('http://x/', { method: 'POST', body: body(), headers: { 'content-length': '200' } }),
    );
    await expect(new Response(shorter.body).arrayBuffer()).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    });
  });
});
