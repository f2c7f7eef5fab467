import { resolveMimeType } from 'mediashelf/core';
import { magicBytesFor } from './magicBytes';

/** Options of {@link createTestFile}. */
export interface TestFileOptions {
  /** File name; defaults to `test-file.<extension of type>`. */
  name?: string;
  /** Declared MIME type; defaults to the type of the name's extension, else `text/plain`. */
  type?: string;
  /**
   * Exact size in bytes. The signature and `content` come first, the rest is filler. Defaults to
   * signature plus content. Smaller than signature plus content throws a `RangeError`.
   */
  size?: number;
  /** Bytes placed right after the type's signature (a string is UTF-8 encoded). */
  content?: string | Uint8Array;
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
  'audio/ogg': 'ogg',
  'application/pdf': 'pdf',
  'application/zip': 'zip',
  'application/json': 'json',
  'text/plain': 'txt',
  'text/csv': 'csv',
  'text/markdown': 'md',
};

const encoder = new TextEncoder();

const isTextual = (type: string) => type.startsWith('text/') || type === 'application/json';

// Text files must stay valid text all the way through; binary formats tolerate trailing zeros.
function defaultContent(type: string): Uint8Array {
  if (isTextual(type)) return encoder.encode('Hello from mediashelf.\n');
  if (type === 'application/pdf') return encoder.encode('1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
  return new Uint8Array(0);
}

function resolveType(options: TestFileOptions): string {
  if (options.type !== undefined) return options.type;
  if (options.name !== undefined) {
    const fromName = resolveMimeType(undefined, options.name);
    if (fromName !== 'application/octet-stream') return fromName;
  }
  return 'text/plain';
}

/**
 * Builds a `File` whose bytes start with the real signature ("magic bytes") of its declared type:
 * the PNG signature for `image/png`, `FF D8 FF` for `image/jpeg`, an `ftypisom` box for
 * `video/mp4`, `%PDF-` for `application/pdf`, an ID3 tag and MPEG frame for `audio/mpeg`, plain
 * text for `text/*`. Backends that check MIME types against content accept these files, so a
 * test never fails for a dishonest fixture. Types without a known signature get `content` only.
 *
 * @example
 * const big = createTestFile({ name: 'lecture.mp4', size: 1024 * 1024 });
 */
export function createTestFile(options: TestFileOptions = {}): File {
  const type = resolveType(options);
  const baseType = type.split(';')[0]!.trim().toLowerCase();
  const name = options.name ?? `test-file.${EXTENSIONS[baseType] ?? 'bin'}`;
  const magic = magicBytesFor(baseType);
  const content =
    options.content === undefined
      ? defaultContent(baseType)
      : typeof options.content === 'string'
        ? encoder.encode(options.content)
        : options.content;
  const minimum = magic.length + content.length;
  const size = options.size ?? minimum;
  if (!Number.isInteger(size) || size < minimum) {
    throw new RangeError(
      `createTestFile: size ${size} is too small for ${type} (signature and content need ${minimum} bytes)`,
    );
  }
  const bytes = new Uint8Array(size);
  bytes.set(magic, 0);
  bytes.set(content, magic.length);
  if (isTextual(baseType)) bytes.fill(0x2e, minimum); // '.' keeps the filler printable
  return new File([bytes], name, { type });
}

/** Ready-made small files, one per common kind, each with honest magic bytes. */
export interface TestFixtures {
  /** A 1x1 PNG image, `image.png`. */
  readonly png: File;
  /** A JPEG header, `photo.jpg`, 256 bytes. */
  readonly jpeg: File;
  /** An MP4 `ftyp` box, `clip.mp4`, 512 bytes. */
  readonly mp4: File;
  /** A minimal PDF, `handout.pdf`. */
  readonly pdf: File;
  /** An MP3 with an ID3 tag, `podcast.mp3`, 384 bytes. */
  readonly mp3: File;
  /** A plain-text file, `notes.txt`. */
  readonly text: File;
}

/** Ready-made fixtures, see {@link TestFixtures}. Files are immutable, so sharing them is safe. */
export const fixtures: TestFixtures = {
  png: createTestFile({ name: 'image.png', type: 'image/png' }),
  jpeg: createTestFile({ name: 'photo.jpg', type: 'image/jpeg', size: 256 }),
  mp4: createTestFile({ name: 'clip.mp4', type: 'video/mp4', size: 512 }),
  pdf: createTestFile({ name: 'handout.pdf', type: 'application/pdf' }),
  mp3: createTestFile({ name: 'podcast.mp3', type: 'audio/mpeg', size: 384 }),
  text: createTestFile({ name: 'notes.txt', type: 'text/plain' }),
};
