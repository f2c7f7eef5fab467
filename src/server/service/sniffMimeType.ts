import { kindOf, MediaError } from 'mediashelf/core';

/** How many leading bytes {@link sniffMimeType} needs. */
export const SNIFF_BYTES = 64;

interface Signature {
  type: string;
  offset?: number;
  bytes: (number | null)[];
}

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

// null matches any byte. Order matters where one signature is a prefix of another (RIFF).
const SIGNATURES: Signature[] = [
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/gif', bytes: ascii('GIF8') },
  { type: 'image/webp', bytes: [...ascii('RIFF'), null, null, null, null, ...ascii('WEBP')] },
  { type: 'audio/wav', bytes: [...ascii('RIFF'), null, null, null, null, ...ascii('WAVE')] },
  { type: 'video/x-msvideo', bytes: [...ascii('RIFF'), null, null, null, null, ...ascii('AVI ')] },
  { type: 'image/avif', offset: 4, bytes: ascii('ftypavif') },
  { type: 'video/quicktime', offset: 4, bytes: ascii('ftypqt') },
  { type: 'audio/mp4', offset: 4, bytes: ascii('ftypM4A') },
  { type: 'video/mp4', offset: 4, bytes: ascii('ftyp') },
  { type: 'video/webm', bytes: [0x1a, 0x45, 0xdf, 0xa3] },
  { type: 'audio/ogg', bytes: ascii('OggS') },
  { type: 'audio/flac', bytes: ascii('fLaC') },
  { type: 'audio/mpeg', bytes: ascii('ID3') },
  { type: 'application/pdf', bytes: ascii('%PDF-') },
  { type: 'application/zip', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { type: 'application/x-msdownload', bytes: ascii('MZ') },
  { type: 'application/x-executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { type: 'application/x-mach-binary', bytes: [0xcf, 0xfa, 0xed, 0xfe] },
  { type: 'application/x-mach-binary', bytes: [0xfe, 0xed, 0xfa, 0xcf] },
  { type: 'application/x-mach-binary', bytes: [0xca, 0xfe, 0xba, 0xbe] },
  { type: 'text/x-shellscript', bytes: ascii('#!') },
];

const EXECUTABLES = new Set([
  'application/x-msdownload',
  'application/x-executable',
  'application/x-mach-binary',
  'text/x-shellscript',
]);

// Containers whose signature says little about the declared subtype (docx, epub, mkv are zip/EBML).
const CONTAINER_FAMILIES: Record<string, (declared: string) => boolean> = {
  'application/zip': (declared) =>
    declared.startsWith('application/vnd.openxmlformats') ||
    declared.startsWith('application/vnd.oasis.opendocument') ||
    declared === 'application/epub+zip' ||
    declared.includes('zip'),
  'video/webm': (declared) => declared === 'video/x-matroska' || declared === 'audio/webm',
  'video/mp4': (declared) =>
    declared.startsWith('video/') || declared === 'audio/mp4' || declared === 'audio/x-m4a',
  'audio/ogg': (declared) =>
    declared === 'video/ogg' || declared === 'application/ogg' || declared.startsWith('audio/'),
};

// Declared types that must carry their signature: a file claiming them without it is refused.
const MUST_MATCH = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'video/mp4',
]);

function matches(head: Uint8Array, signature: Signature): boolean {
  const offset = signature.offset ?? 0;
  if (head.length < offset + signature.bytes.length) return false;
  return signature.bytes.every((byte, index) => byte === null || head[offset + index] === byte);
}

/** The MIME type the leading bytes of a file reveal, or null when they match no known signature. */
export function sniffMimeType(head: Uint8Array): string | null {
  if (head.length >= 2 && head[0] === 0xff && (head[1]! & 0xe0) === 0xe0 && head[1] !== 0xff)
    return 'audio/mpeg';
  return SIGNATURES.find((signature) => matches(head, signature))?.type ?? null;
}

/**
 * Checks a declared MIME type against the file's leading bytes and answers the type to store.
 * Refuses (`UNSUPPORTED_TYPE`) an executable declared as anything else, content of another kind
 * than declared (a "PNG" that is a PDF), and a declared PNG, JPEG, GIF, WebP, PDF or MP4 without
 * its signature. Where both agree on the kind, the sniffed type wins (a JPEG sent as image/png
 * is stored as image/jpeg). Unknown content keeps the declared type.
 */
export function checkContentType(declared: string, head: Uint8Array): string {
  const sniffed = sniffMimeType(head);
  const refuse = (reason: string) =>
    new MediaError('UNSUPPORTED_TYPE', `The file is declared as ${declared} but ${reason}`, {
      details: { declared, detected: sniffed },
    });
  if (sniffed === null) {
    if (MUST_MATCH.has(declared)) throw refuse(`its content does not look like ${declared}`);
    return declared;
  }
  if (EXECUTABLES.has(sniffed) && !EXECUTABLES.has(declared) && declared !== 'application/octet-stream') {
    throw refuse('its content is an executable program');
  }
  if (sniffed === declared || CONTAINER_FAMILIES[sniffed]?.(declared)) return declared;
  if (kindOf(sniffed) !== kindOf(declared) && declared !== 'application/octet-stream') {
    throw refuse(`its content is ${sniffed}`);
  }
  return sniffed;
}
