import { MediaError } from 'mediashelf/core';

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/**
 * Throws `VALIDATION_ERROR` unless `contentType` is a non-empty, single-line string: it ends up
 * in HTTP headers, where a line break would split the header.
 */
export function assertValidContentType(contentType: unknown): asserts contentType is string {
  if (typeof contentType !== 'string' || contentType.trim() === '' || CONTROL_CHARACTERS.test(contentType)) {
    throw new MediaError('VALIDATION_ERROR', 'A content type must be a non-empty, single-line string', {
      details: { contentType: String(contentType).slice(0, 200) },
    });
  }
}
