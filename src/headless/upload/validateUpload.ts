import { formatFileSize } from 'mediashelf/core';
import type { MediaLabels } from '../provider/MediaLabels';
import { matchesAccept } from './matchesAccept';
import type { UploadError } from './UploadItem';

/** Client-side upload limits; the server enforces its own as well. */
export interface UploadRules {
  /** Accept patterns (see {@link matchesAccept}). */
  accept?: readonly string[];
  /** Largest file in bytes. */
  maxSize?: number;
}

/**
 * Checks a file before it is sent, so a 2 GB video or an `.exe` fails instantly with a clear
 * message instead of after the upload. Messages come from the labels, sizes in the locale.
 */
export function validateUpload(
  file: Blob & { name?: string },
  rules: UploadRules,
  labels: MediaLabels,
  locale?: string,
): UploadError | null {
  const name = file.name ?? 'file';
  if (rules.maxSize !== undefined && file.size > rules.maxSize) {
    const limit = formatFileSize(rules.maxSize, locale === undefined ? {} : { locale });
    return { code: 'FILE_TOO_LARGE', message: labels.fileTooLarge(name, limit), retryable: false };
  }
  if (rules.accept && !matchesAccept({ name, type: file.type }, rules.accept)) {
    return { code: 'UNSUPPORTED_TYPE', message: labels.unsupportedType(name, file.type), retryable: false };
  }
  return null;
}
