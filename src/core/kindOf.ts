import type { MediaKind } from './types';

const DOCUMENT_TYPES = new Set([
  'application/pdf',
  'application/msword',
  'application/rtf',
  'application/epub+zip',
  'application/json',
  'application/xml',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
]);
const DOCUMENT_PREFIXES = [
  'text/',
  'application/vnd.openxmlformats-officedocument.',
  'application/vnd.oasis.opendocument.',
];

/** The {@link MediaKind} of a MIME type (parameters such as `; charset=` are ignored). */
export function kindOf(mimeType: string | null | undefined): MediaKind {
  const type = (mimeType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('audio/')) return 'audio';
  if (DOCUMENT_TYPES.has(type) || DOCUMENT_PREFIXES.some((prefix) => type.startsWith(prefix)))
    return 'document';
  return 'other';
}

const TYPES_BY_EXTENSION: Record<string, string> = {
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
  mkv: 'video/x-matroska',
  avi: 'video/x-msvideo',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  flac: 'audio/flac',
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  vtt: 'text/vtt',
  srt: 'application/x-subrip',
  json: 'application/json',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  zip: 'application/zip',
};

/** Normalises a declared MIME type, falling back to the name's extension, then `application/octet-stream`. */
export function resolveMimeType(declared: string | null | undefined, fileName = ''): string {
  const type = (declared ?? '').split(';')[0]!.trim().toLowerCase();
  if (/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type) && type !== 'application/octet-stream')
    return type;
  const extension = fileName.includes('.') ? fileName.split('.').pop()!.toLowerCase() : '';
  return TYPES_BY_EXTENSION[extension] ?? 'application/octet-stream';
}
