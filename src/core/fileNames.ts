import { MAX_FILE_NAME_LENGTH } from './constants';
import { MediaError } from './MediaError';

// C0/C1 controls plus the bidi embedding, override and isolate marks that can make
// "exe.pdf" display as "fdp.exe".
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const MAX_EXTENSION_LENGTH = 16;

/** Removes control and bidi-override characters and trims; does not shorten. */
export function stripUnsafeCharacters(name: string): string {
  return name.replace(UNSAFE_CHARACTERS, '').trim();
}

function cutAt(text: string, length: number): string {
  let cut = text.slice(0, length);
  // Never leave half of a surrogate pair at the end.
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return cut;
}

/**
 * Shortens a name to `maxLength` characters, keeping its extension (up to 16 characters).
 */
export function shortenFileName(name: string, maxLength = MAX_FILE_NAME_LENGTH): string {
  if (name.length <= maxLength) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= MAX_EXTENSION_LENGTH + 1 ? name.slice(dot) : '';
  return `${cutAt(name.slice(0, name.length - extension.length), maxLength - extension.length).trimEnd()}${extension}`;
}

/**
 * Sanitises a display name for an upload: control and bidi-override characters removed,
 * trimmed, shortened to 255 characters keeping the extension. Answers `fallback` when nothing is
 * left.
 */
export function sanitizeFileName(name: string, fallback = 'untitled'): string {
  const cleaned = shortenFileName(stripUnsafeCharacters(name));
  return cleaned === '' ? fallback : cleaned;
}

/**
 * Checks a new name for a rename: after removing unsafe characters and trimming it must be
 * non-empty and at most 255 characters, otherwise `VALIDATION_ERROR`. Answers the clean name.
 */
export function validateNewFileName(name: unknown): string {
  if (typeof name !== 'string') {
    throw new MediaError('VALIDATION_ERROR', 'fileName must be a string', { details: { field: 'fileName' } });
  }
  const cleaned = stripUnsafeCharacters(name);
  if (cleaned === '') {
    throw new MediaError('VALIDATION_ERROR', 'fileName must not be empty', {
      details: { field: 'fileName' },
    });
  }
  if (cleaned.length > MAX_FILE_NAME_LENGTH) {
    throw new MediaError('VALIDATION_ERROR', `fileName must be at most ${MAX_FILE_NAME_LENGTH} characters`, {
      details: { field: 'fileName', maxLength: MAX_FILE_NAME_LENGTH, length: cleaned.length },
    });
  }
  return cleaned;
}

/**
 * The display name of an upload: an explicit `fileName` must not be blank (`VALIDATION_ERROR`);
 * without one, the `File`'s own name is used, or `untitled`. The result is sanitised and
 * shortened.
 */
export function resolveUploadFileName(file: Blob, explicit?: unknown): string {
  if (explicit !== undefined && explicit !== null) {
    if (typeof explicit !== 'string') {
      throw new MediaError('VALIDATION_ERROR', 'fileName must be a string', {
        details: { field: 'fileName' },
      });
    }
    if (stripUnsafeCharacters(explicit) === '') {
      throw new MediaError('VALIDATION_ERROR', 'fileName must not be empty', {
        details: { field: 'fileName' },
      });
    }
    return sanitizeFileName(explicit);
  }
  const ownName = (file as Partial<File>).name;
  return sanitizeFileName(typeof ownName === 'string' ? ownName : '');
}
