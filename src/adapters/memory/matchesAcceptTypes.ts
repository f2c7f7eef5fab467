/**
 * Whether a MIME type matches one of the patterns: exact types (`application/pdf`), wildcard
 * subtypes (`image/*`) or everything (`*` and `*` + `/*`). Case-insensitive; MIME parameters
 * (`; charset=`) are ignored. An absent pattern list accepts everything.
 */
export function matchesAcceptTypes(mimeType: string, patterns: readonly string[] | undefined): boolean {
  if (!patterns) return true;
  const type = (mimeType.split(';')[0] ?? '').trim().toLowerCase();
  return patterns.some((raw) => {
    const pattern = raw.trim().toLowerCase();
    if (pattern === '*' || pattern === '*/*') return true;
    if (pattern.endsWith('/*')) return type.startsWith(pattern.slice(0, -1));
    return type === pattern;
  });
}
