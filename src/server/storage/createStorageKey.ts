import { createHash, randomUUID } from 'node:crypto';
import { MediaError } from 'mediashelf/core';

/** Options of {@link createStorageKey}. */
export interface CreateStorageKeyOptions {
  /** Tenant the object belongs to; any string, encoded into a safe first segment. */
  tenantId: string;
  /** Version number of the media file, a positive integer. Defaults to 1. */
  version?: number;
  /** Time that picks the `yyyy/mm` folder (UTC). Defaults to now. */
  now?: Date;
  /** Unique part of the key (letters, digits, `-`). Defaults to a random UUID. */
  id?: string;
}

const MAX_TENANT_SEGMENT = 128;
const SAFE_TENANT_BYTE = /^[A-Za-z0-9_-]$/;
const ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;

/**
 * Encodes a tenant id into one key segment. Letters, digits, `_` and `-` stay; every other UTF-8
 * byte becomes `~XX`. The mapping is one-to-one, so two tenants never share a prefix (`a/b` and
 * `a_b` stay apart), and `.`/`..` cannot come out of it. Very long ids are cut and suffixed with
 * a hash of the whole id to stay unique.
 */
export function encodeTenantSegment(tenantId: string): string {
  if (typeof tenantId !== 'string' || tenantId.length === 0) {
    throw new MediaError('VALIDATION_ERROR', 'A storage key needs a non-empty tenant id');
  }
  let encoded = '';
  for (const byte of new TextEncoder().encode(tenantId)) {
    const char = String.fromCharCode(byte);
    encoded += SAFE_TENANT_BYTE.test(char) ? char : `~${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  if (encoded.length <= MAX_TENANT_SEGMENT) return encoded;
  const digest = createHash('sha256').update(tenantId).digest('hex').slice(0, 16);
  return `${encoded.slice(0, MAX_TENANT_SEGMENT - 17)}-${digest}`;
}

/**
 * A fresh storage key `<tenant>/<yyyy>/<mm>/<uuid>/v<n>`, e.g.
 * `acme/2025/03/0b5e…/v1`. Each upload and each replacement gets its own key, so a reader never
 * meets a half-written object and old versions stay readable.
 */
export function createStorageKey(options: CreateStorageKeyOptions): string {
  const { tenantId, version = 1, now = new Date(), id = randomUUID() } = options;
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new MediaError('VALIDATION_ERROR', 'A storage key version must be a positive integer', {
      details: { version },
    });
  }
  if (!ID_PATTERN.test(id)) {
    throw new MediaError('VALIDATION_ERROR', 'A storage key id must be 1-64 letters, digits or "-"', {
      details: { id },
    });
  }
  if (Number.isNaN(now.getTime())) {
    throw new MediaError('VALIDATION_ERROR', 'A storage key needs a valid date');
  }
  const year = String(now.getUTCFullYear()).padStart(4, '0');
  const month = String(now.getUTCMonth() + 1).padStart(2, '0');
  return `${encodeTenantSegment(tenantId)}/${year}/${month}/${id}/v${version}`;
}
