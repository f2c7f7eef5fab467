import { MAX_RESOURCE_FIELD_LENGTH, MediaError, stripUnsafeCharacters } from 'mediashelf/core';

function invalid(field: string, message: string, extra: Record<string, unknown> = {}): MediaError {
  return new MediaError('VALIDATION_ERROR', message, { details: { field, ...extra } });
}

/** The params object of a call; JavaScript callers may pass nothing or a primitive. */
export function requireParams<T extends object>(params: T | undefined | null): T {
  if (typeof params !== 'object' || params === null) throw invalid('params', 'params must be an object');
  return params;
}

/** A non-empty (not blank) string id, or `VALIDATION_ERROR`. */
export function requireId(value: unknown, field = 'id'): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid(field, `${field} must be a non-empty string`);
  }
  return value;
}

/** A trimmed, non-empty resource type or id of at most 255 characters, or `VALIDATION_ERROR`. */
export function requireResourceField(value: unknown, field: string): string {
  if (typeof value !== 'string') throw invalid(field, `${field} must be a string`);
  const trimmed = value.trim();
  if (trimmed === '') throw invalid(field, `${field} must not be empty`);
  if (trimmed.length > MAX_RESOURCE_FIELD_LENGTH) {
    throw invalid(field, `${field} must be at most ${MAX_RESOURCE_FIELD_LENGTH} characters`, {
      maxLength: MAX_RESOURCE_FIELD_LENGTH,
    });
  }
  return trimmed;
}

/**
 * An optional display title: unsafe characters removed and trimmed; blank means none. Capped at
 * 255 characters like the other usage fields.
 */
export function optionalResourceTitle(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid('resourceTitle', 'resourceTitle must be a string');
  const cleaned = stripUnsafeCharacters(value);
  if (cleaned.length > MAX_RESOURCE_FIELD_LENGTH) {
    throw invalid('resourceTitle', `resourceTitle must be at most ${MAX_RESOURCE_FIELD_LENGTH} characters`, {
      maxLength: MAX_RESOURCE_FIELD_LENGTH,
    });
  }
  return cleaned === '' ? undefined : cleaned;
}

/**
 * A Blob-like value. Checked by shape rather than `instanceof` so that Blobs of another realm
 * (jsdom, an iframe) are accepted.
 */
export function requireBlob(value: unknown, field = 'file'): Blob {
  const candidate = value as Partial<Blob> | null | undefined;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    typeof candidate.size !== 'number' ||
    typeof candidate.slice !== 'function'
  ) {
    throw invalid(field, `${field} must be a Blob or File`);
  }
  return value as Blob;
}

/** A positive integer, or `VALIDATION_ERROR`. */
export function requirePositiveInteger(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw invalid(field, `${field} must be a positive integer`);
  }
  return value;
}
