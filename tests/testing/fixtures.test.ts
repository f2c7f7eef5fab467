import { createTestFile, fixtures, MAGIC_BYTES, magicBytesFor } from 'mediashelf/testing';
import { describe, expect, it } from 'vitest';

const head = async (file: Blob, length: number) => [
  ...new Uint8Array(await file.slice(0, length).arrayBuffer()),
];
const ascii = (text: string) => Array.from(text, (char) => char.charCodeAt(0));

describe('createTestFile', () => {
  it('starts a PNG with the PNG signature and an IHDR chunk', async () => {
    const file = createTestFile({ type: 'image/png' });
    expect(await head(file, 8)).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(await head(file.slice(12), 4)).toEqual(ascii('IHDR'));
  });

  it('starts a JPEG with FF D8 FF', async () => {
    expect(await head(createTestFile({ type: 'image/jpeg' }), 3)).toEqual([0xff, 0xd8, 0xff]);
  });

  it('starts an MP4 with an ftyp box of brand isom', async () => {
    const bytes = await head(createTestFile({ type: 'video/mp4' }), 12);
    expect(bytes.slice(4)).toEqual(ascii('ftypisom'));
    expect(bytes.slice(0, 4)).toEqual([0, 0, 0, 0x18]);
  });

  it('starts a PDF with %PDF-', async () => {
    expect(await head(createTestFile({ type: 'application/pdf' }), 5)).toEqual(ascii('%PDF-'));
  });

  it('starts an MP3 with an ID3 tag followed by an MPEG frame sync', async () => {
    const bytes = await head(createTestFile({ type: 'audio/mpeg' }), 12);
    expect(bytes.slice(0, 3)).toEqual(ascii('ID3'));
    expect(bytes[10]).toBe(0xff);
    expect(bytes[11]! & 0xe0).toBe(0xe0);
  });

  it('makes a text file of readable text', async () => {
    const file = createTestFile({ type: 'text/plain', size: 64 });
    const text = await file.text();
    expect(text.startsWith('Hello from mediashelf.')).toBe(true);
    expect(text).toHaveLength(64);
    expect(text).toMatch(/^[\x20-\x7e\n]+$/);
  });

  it('pads to the exact size and keeps the signature first', async () => {
    const file = createTestFile({ type: 'image/png', size: 10_000 });
    expect(file.size).toBe(10_000);
    expect(await head(file, 4)).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('places content right after the signature', async () => {
    const file = createTestFile({ type: 'application/pdf', content: 'BODY', size: 100 });
    expect(await head(file, 13)).toEqual(ascii('%PDF-1.4\nBODY'));
  });

  it('accepts bytes as content', async () => {
    const file = createTestFile({ type: 'text/plain', content: new Uint8Array([0x41, 0x42]) });
    expect(await file.text()).toBe('AB');
  });

  it('throws a RangeError when the size cannot hold the signature and content', () => {
    expect(() => createTestFile({ type: 'image/png', size: 4 })).toThrow(RangeError);
    expect(() => createTestFile({ type: 'text/plain', content: 'hello', size: 3 })).toThrow(/too small/);
    expect(() => createTestFile({ size: 2.5 })).toThrow(RangeError);
  });

  it('derives the type from the name and the name from the type', () => {
    expect(createTestFile({ name: 'lecture.mp4' }).type).toBe('video/mp4');
    expect(createTestFile({ type: 'audio/mpeg' }).name).toBe('test-file.mp3');
    const plain = createTestFile();
    expect([plain.name, plain.type]).toEqual(['test-file.txt', 'text/plain']);
  });

  it('keeps a declared type even when the name says otherwise', () => {
    expect(createTestFile({ name: 'photo.txt', type: 'image/png' }).type).toBe('image/png');
  });

  it('answers no signature for types without one', () => {
    expect(magicBytesFor('application/x-unknown')).toEqual(new Uint8Array(0));
    expect(magicBytesFor('IMAGE/PNG; charset=binary')[0]).toBe(0x89);
    expect(Object.keys(MAGIC_BYTES)).toContain('video/mp4');
  });
});

describe('fixtures', () => {
  const expected = {
    png: ['image.png', 'image/png', [0x89, 0x50, 0x4e, 0x47]],
    jpeg: ['photo.jpg', 'image/jpeg', [0xff, 0xd8, 0xff]],
    mp4: ['clip.mp4', 'video/mp4', [0, 0, 0, 0x18, ...ascii('ftyp')]],
    pdf: ['handout.pdf', 'application/pdf', ascii('%PDF-')],
    mp3: ['podcast.mp3', 'audio/mpeg', ascii('ID3')],
    text: ['notes.txt', 'text/plain', ascii('Hello')],
  } as const;

  for (const [key, [name, type, signature]] of Object.entries(expected)) {
    it(`${key} is ${name} (${type}) with its magic bytes`, async () => {
      const file = fixtures[key as keyof typeof fixtures];
      expect(file).toBeInstanceOf(File);
      expect([file.name, file.type]).toEqual([name, type]);
      expect(await head(file, signature.length)).toEqual([...signature]);
    });
  }

  it('are small and of the documented sizes', () => {
    expect(fixtures.jpeg.size).toBe(256);
    expect(fixtures.mp4.size).toBe(512);
    expect(fixtures.mp3.size).toBe(384);
    for (const file of Object.values(fixtures)) expect(file.size).toBeLessThan(1024);
    expect(fixtures.png.size).toBe(MAGIC_BYTES['image/png']!.length);
  });

  it('ends the PDF with %%EOF', async () => {
    expect((await fixtures.pdf.text()).trimEnd().endsWith('%%EOF')).toBe(true);
  });
});
