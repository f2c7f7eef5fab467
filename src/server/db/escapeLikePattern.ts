/**
 * Escapes `%`, `_` and `\` so user text matches literally inside a LIKE pattern (PostgreSQL's
 * default escape character is the backslash).
 */
export function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * The pattern for a case-insensitive "contains" search on `lower(column)`, the form the
 * trigram index on `lower(file_name)` serves: `lower(file_name) LIKE containsPattern(term)`.
 */
export function containsPattern(term: string): string {
  return `%${escapeLikePattern(term.toLowerCase())}%`;
}
