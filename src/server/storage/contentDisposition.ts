// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE_IN_HEADER = /[\u0000-\u001f\u007f-\u009f]/g;

function encodeRfc8187(value: string): string {
  // encodeURIComponent leaves these five as they are; RFC 8187 attr-chars do not allow them.
  return encodeURIComponent(value).replace(
    /['()*!]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * A `Content-Disposition` value that names the file safely in every browser: a plain ASCII
 * `filename` (non-ASCII characters, quotes and backslashes replaced by `_`) for old clients, and
 * the exact name in `filename*` (RFC 6266 / RFC 8187) when it differs. Control characters are
 * dropped, so the value can never split a header.
 */
export function contentDisposition(disposition: 'inline' | 'attachment', fileName?: string): string {
  const name = fileName?.replace(UNSAFE_IN_HEADER, '').trim();
  if (!name) return disposition;
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const header = `${disposition}; filename="${fallback}"`;
  return fallback === name ? header : `${header}; filename*=UTF-8''${encodeRfc8187(name)}`;
}
