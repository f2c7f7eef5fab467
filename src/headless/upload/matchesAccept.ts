import { kindOf, type MediaKind, resolveMimeType } from 'mediashelf/core';

/**
 * Whether a file matches an accept list in the style of `<input accept>`: MIME types
 * (`application/pdf`), wildcards (`image/*`), extensions (`.docx`) and, as an addition, media
 * kinds (`video`, `document`). An empty list accepts everything.
 */
export function matchesAccept(file: { name?: string; type: string }, accept: readonly string[]): boolean {
  if (accept.length === 0) return true;
  const name = (file.name ?? '').toLowerCase();
  const type = resolveMimeType(file.type, name).toLowerCase();
  const kind: MediaKind = kindOf(type);
  return accept.some((raw) => {
    const pattern = raw.trim().toLowerCase();
    if (pattern === '' || pattern === '*' || pattern === '*/*') return true;
    if (pattern.startsWith('.')) return name.endsWith(pattern);
    if (pattern.endsWith('/*')) return type.startsWith(pattern.slice(0, -1));
    if (pattern.includes('/')) return type === pattern;
    return kind === pattern;
  });
}
