import { isMediaError, MediaError } from 'mediashelf/core';
import type { MediaContent } from '../service/MediaService';
import type { ByteRange } from '../storage/StorageDriver';
import { contentEtag, contentHeaders, etagMatches } from './contentHeaders';
import { errorReply } from './jsonReply';
import { parseRangeHeader } from './parseRangeHeader';
import { booleanValue, positiveIntegerValue, singleQueryValue } from './queryValues';
import type { RouteContext } from './RouteContext';

function unsatisfiable(size: number): Response {
  return errorReply(
    new MediaError('RANGE_NOT_SATISFIABLE', `The range is outside the file's ${size} bytes`, {
      details: { size },
    }),
    { 'Content-Range': `bytes */${size}` },
  );
}

async function versionSize(context: RouteContext, id: string, version: number | undefined) {
  const { identity, service } = context;
  if (version === undefined) {
    const file = await service.getMedia(identity, { id });
    return { version: file.version, size: file.fileSize };
  }
  const found = (await service.listVersions(identity, { id })).find((item) => item.versionNumber === version);
  if (!found) {
    throw new MediaError('NOT_FOUND', `The file has no version ${version}`, {
      details: { id, versionNumber: version },
    });
  }
  return { version, size: found.fileSize };
}

/**
 * `GET /files/:id/content`: streams a version (`?v=`, default current) with single-range support,
 * ETag revalidation (304) and a safe `Content-Disposition` (`?download=1` for attachment). With
 * signed URLs enabled, the current version answers 302 to a short-lived storage URL instead.
 */
export async function serveContent(context: RouteContext): Promise<Response> {
  const { request, url, identity, service, options } = context;
  const id = context.params.id!;
  let version = positiveIntegerValue('v', singleQueryValue(url.searchParams, 'v'));
  const download = booleanValue('download', singleQueryValue(url.searchParams, 'download')) ?? false;

  if (options.signedUrlSeconds !== null && version === undefined && !download) {
    const location = await service.signedContentUrl(identity, {
      id,
      expiresInSeconds: options.signedUrlSeconds,
    });
    if (location !== null) {
      return new Response(
        JSON.stringify({
          success: true,
          data: { url: location, expiresInSeconds: options.signedUrlSeconds },
        }),
        {
          status: 302,
          headers: {
            Location: location,
            'Content-Type': 'application/json; charset=utf-8',
            'Cache-Control': 'no-store',
          },
        },
      );
    }
  }

  const requested = parseRangeHeader(request.headers.get('range'));
  let range: ByteRange | undefined;
  if (requested?.kind === 'from') {
    range =
      requested.end === undefined
        ? { start: requested.start }
        : { start: requested.start, end: requested.end };
  } else if (requested?.kind === 'suffix') {
    // A suffix needs the size first; pin the version so a concurrent replace cannot shift it.
    const known = await versionSize(context, id, version);
    version = known.version;
    if (requested.length === 0 || known.size === 0) return unsatisfiable(known.size);
    range = { start: Math.max(0, known.size - requested.length) };
  }

  let content: MediaContent;
  try {
    content = await service.openContent(identity, {
      id,
      ...(version === undefined ? {} : { version }),
      ...(range === undefined ? {} : { range }),
    });
  } catch (error) {
    if (isMediaError(error, 'RANGE_NOT_SATISFIABLE')) {
      const size = Number(error.details?.size);
      if (Number.isSafeInteger(size)) return unsatisfiable(size);
    }
    throw error;
  }

  const etag = contentEtag(content.checksumSha256, content.versionNumber, content.size);
  const headers = contentHeaders({
    fileType: content.fileType,
    fileName: content.file.fileName,
    download,
    etag,
  });
  if (etagMatches(request.headers.get('if-none-match'), etag)) {
    await content.body.cancel().catch(() => undefined);
    const { 'Content-Type': _type, 'Content-Disposition': _disposition, ...rest } = headers;
    return new Response(null, { status: 304, headers: rest });
  }
  headers['Content-Length'] = String(content.contentLength);
  if (content.range) {
    headers['Content-Range'] = `bytes ${content.range.start}-${content.range.end}/${content.size}`;
    return new Response(content.body, { status: 206, headers });
  }
  return new Response(content.body, { status: 200, headers });
}
