import { MediaError } from 'mediashelf/core';

function wrongType(field: string, expected: string): MediaError {
  return new MediaError('VALIDATION_ERROR', `${field} must be ${expected}`, { details: { field } });
}

/** Typed readers over a parsed JSON body object; each failure names its field. */
export interface BodyFields {
  /** A required string. */
  string(field: string): string;
  /** An optional string: absent or null answers undefined. */
  optionalString(field: string): string | undefined;
  /** A required array of strings. */
  stringArray(field: string): string[];
}

/**
 * Checks that a parsed JSON body is an object (not an array, null or a scalar) and returns
 * typed readers for its fields. Unknown fields are ignored.
 */
export function bodyFields(body: unknown): BodyFields {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new MediaError('VALIDATION_ERROR', 'The request body must be a JSON object', {
      details: { field: 'body' },
    });
  }
  const record = body as Record<string, unknown>;
  return {
    string(field) {
      const value = record[field];
      if (typeof value !== 'string') throw wrongType(field, 'a string');
      return value;
    },
    optionalString(field) {
      const value = record[field];
      if (value === undefined || value === null) return undefined;
      if (typeof value !== 'string') throw wrongType(field, 'a string');
      return value;
    },
    stringArray(field) {
      const value = record[field];
      if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
        throw wrongType(field, 'an array of strings');
      }
      return value as string[];
    },
  };
}
