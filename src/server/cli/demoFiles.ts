import { deflateSync } from 'node:zlib';

/** A generated demo file: real leading bytes for its type, so the magic-byte check accepts it. */
export interface DemoFile {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

/** A small deterministic PRNG (mulberry32), so `seed` produces the same files every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ascii = (text: string) => Buffer.from(text, 'latin1');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([ascii(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real, decodable PNG: a diagonal gradient between two colours. */
function png(width: number, height: number, next: () => number): Uint8Array {
  const from = [next() * 255, next() * 255, next() * 255];
  const to = [next() * 255, next() * 255, next() * 255];
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const t = (x / width + y / height) / 2;
      for (let c = 0; c < 3; c++) row[1 + x * 3 + c] = Math.round(from[c]! + (to[c]! - from[c]!) * t);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', new Uint8Array()),
  ]);
}

/** A real one-page PDF with a title line. */
function pdf(title: string): Uint8Array {
  const text = title.replace(/[()\\]/g, '');
  const stream = `BT /F1 24 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return ascii(body);
}

/** A real WAV file: 16-bit mono PCM, a quiet sine tone. */
function wav(seconds: number, next: () => number): Uint8Array {
  const rate = 8000;
  const samples = Math.round(rate * seconds);
  const data = Buffer.alloc(samples * 2);
  const frequency = 220 + Math.round(next() * 440);
  for (let i = 0; i < samples; i++) {
    data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * frequency * i) / rate) * 3000), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** Leading bytes of a container format followed by pseudo-random filler up to `size`. */
function padded(head: Uint8Array, size: number, next: () => number): Uint8Array {
  const bytes = Buffer.alloc(Math.max(size, head.length));
  bytes.set(head);
  for (let i = head.length; i < bytes.length; i++) bytes[i] = Math.floor(next() * 256);
  return bytes;
}

const MP4_HEAD = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  ascii('ftypmp42'),
  Buffer.from([0, 0, 0, 0]),
  ascii('mp42isom'),
]);
const WEBM_HEAD = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01]);
const MP3_HEAD = Buffer.concat([ascii('ID3'), Buffer.from([4, 0, 0, 0, 0, 0, 0])]);
const ZIP_HEAD = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]);

const TOPICS = [
  'Introduction to Biology',
  'Cell Structure',
  'Photosynthesis',
  'Genetics Basics',
  'The Water Cycle',
  'World History: Rome',
  'Fractions and Decimals',
  'Essay Writing',
  'Chemical Bonds',
  'Intro to Programming',
  'Climate and Weather',
  'Music Theory 101',
];

const KINDS = [
  'video',
  'image',
  'document',
  'audio',
  'image',
  'video',
  'document',
  'audio',
  'image',
  'other',
];

/**
 * The `index`-th demo file (deterministic): lecture videos (MP4, WebM), diagrams (PNG), handouts
 * (PDF), recordings (WAV, MP3), notes (text) and slide decks (zip-based PPTX header).
 */
export function demoFile(index: number): DemoFile {
  const next = random(index + 1);
  const topic = TOPICS[index % TOPICS.length]!;
  const number = String(index + 1).padStart(2, '0');
  const kind = KINDS[index % KINDS.length]!;
  const variant = Math.floor(index / KINDS.length) % 2;
  const kib = (min: number, max: number) => Math.round((min + next() * (max - min)) * 1024);
  switch (kind) {
    case 'video':
      return variant === 0
        ? {
            fileName: `Lecture ${number} - ${topic}.mp4`,
            contentType: 'video/mp4',
            bytes: padded(MP4_HEAD, kib(256, 1536), next),
          }
        : {
            fileName: `Lab demo ${number} - ${topic}.webm`,
            contentType: 'video/webm',
            bytes: padded(WEBM_HEAD, kib(256, 1024), next),
          };
    case 'image':
      return {
        fileName: `${topic} diagram ${number}.png`,
        contentType: 'image/png',
        bytes: png(160 + Math.round(next() * 480), 120 + Math.round(next() * 360), next),
      };
    case 'document':
      return variant === 0
        ? {
            fileName: `${topic} - handout ${number}.pdf`,
            contentType: 'application/pdf',
            bytes: pdf(`${topic} (handout ${number})`),
          }
        : {
            fileName: `${topic} - notes ${number}.txt`,
            contentType: 'text/plain',
            bytes: ascii(`${topic}\n\n${'Key points to remember. '.repeat(20 + Math.round(next() * 200))}\n`),
          };
    case 'audio':
      return variant === 0
        ? {
            fileName: `${topic} - pronunciation ${number}.wav`,
            contentType: 'audio/wav',
            bytes: wav(1 + next() * 3, next),
          }
        : {
            fileName: `Podcast ${number} - ${topic}.mp3`,
            contentType: 'audio/mpeg',
            bytes: padded(MP3_HEAD, kib(64, 512), next),
          };
    default:
      return {
        fileName: `${topic} slides ${number}.pptx`,
        contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
        bytes: padded(ZIP_HEAD, kib(32, 256), next),
      };
  }
}
