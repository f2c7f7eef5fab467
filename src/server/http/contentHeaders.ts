import { contentDisposition } from '../storage/contentDisposition';

// Types a browser would run as a page (or script) on our origin: never shown inline.
const ACTIVE_CONTENT =
  /^(text\/html|application\/xhtml\+xml|image\/svg\+xml|text\/xml|application\/xml|text\/javascript|application\/javascript)$/i;

/** The strong ETag of one version's bytes: they never change once written. */
export function contentEtag(checksumSha256: string | null, versionNumber: number, size: number): string {
  return checksumSha256
    ? `"${checksumSha256.slice(0, 32)}-v${versionNumber}"`
    : `"v${versionNumber}-${size}"`;
}

/** Whether an `If-None-Match` header matches an ETag (weak comparison, as RFC 9110 asks for GET). */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (ifNoneMatch === null) return false;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => tag === '*' || tag.replace(/^W\//, '') === bare);
}

/**
 * Headers of a file download: its type, a safe `Content-Disposition` (RFC 6266 with an RFC 8187
 * `filename*` for non-ASCII names), `nosniff` and private caching. Uploaded HTML, SVG or XML is
 * always downloaded, never shown inline, so it can never run as a page of the application's
 * origin.
 */
export function contentHeaders(params: {
  fileType: string;
  fileName: string;
  download: boolean;
  etag: string;
}): Record<string, string> {
  const active = ACTIVE_CONTENT.test(params.fileType.split(';')[0]!.trim());
  return {
    'Content-Type': params.fileType,
    'Content-Disposition': contentDisposition(
      params.download || active ? 'attachment' : 'inline',
      params.fileName,
    ),
    'Accept-Ranges': 'bytes',
    ETag: params.etag,
    'Cache-Control': 'private',
    'X-Content-Type-Options': 'nosniff',
  };
}
