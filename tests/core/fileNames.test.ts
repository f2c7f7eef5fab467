import {
  kindOf,
  MAX_FILE_NAME_LENGTH,
  resolveMimeType,
  resolveUploadFileName,
  sanitizeFileName,
  shortenFileName,
  stripUnsafeCharacters,
  validateNewFileName,
} from 'mediashelf/core';
import { describe, expect, it } from 'vitest';

describe('file names', () => {
  it('removes control and bidi-override characters and trims', () => {
    expect(stripUnsafeCharacters('  lecture\u0000\u0007 1.mp4\n ')).toBe('lecture 1.mp4');
    // U+202E would display "invoice\u202Efdp.exe" as "invoiceexe.pdf".
    expect(stripUnsafeCharacters('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(stripUnsafeCharacters('a\u2066b\u2069c\u200Fd\u061Ce')).toBe('abcde');
    expect(stripUnsafeCharacters('Ünïcødé 🎬 — ok')).toBe('Ünïcødé 🎬 — ok');
  });

  it('shortens over-long names keeping the extension and whole characters', () => {
    const long = `${'a'.repeat(300)}.mp4`;
    const short = shortenFileName(long);
    expect(short).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(short.endsWith('.mp4')).toBe(true);
    const emoji = shortenFileName(`${'🎬'.repeat(200)}.png`, 10);
    expect(emoji.endsWith('.png')).toBe(true);
    expect(emoji.length).toBeLessThanOrEqual(10);
    expect(/[\ud800-\udbff]$/.test(emoji.slice(0, -4))).toBe(false);
    expect(shortenFileName('x'.repeat(300)).length).toBe(255);
    expect(shortenFileName('short.txt')).toBe('short.txt');
  });

  it('sanitises upload names with a fallback when nothing is left', () => {
    expect(sanitizeFileName(' \u202E ')).toBe('untitled');
    expect(sanitizeFileName('clip.mov')).toBe('clip.mov');
  });

  it('validates rename targets with VALIDATION_ERROR', () => {
    expect(validateNewFileName('  Intro.mp4 ')).toBe('Intro.mp4');
    expect(validateNewFileName('x'.repeat(255))).toHaveLength(255);
    for (const bad of ['', '   ', '\u202E\u0000', 'x'.repeat(256), 42]) {
      expect(() => validateNewFileName(bad)).toThrowError(
        expect.objectContaining({ code: 'VALIDATION_ERROR' }),
      );
    }
  });

  it('resolves upload names from the explicit name, the File, or a fallback', () => {
    const file = new File(['x'], 'from-file.txt', { type: 'text/plain' });
    expect(resolveUploadFileName(file)).toBe('from-file.txt');
    expect(resolveUploadFileName(file, ' explicit.txt ')).toBe('explicit.txt');
    expect(resolveUploadFileName(new Blob(['x']))).toBe('untitled');
    expect(() => resolveUploadFileName(file, '  ')).toThrowError(/must not be empty/);
    expect(() => resolveUploadFileName(file, 7)).toThrowError(/must be a string/);
    expect(resolveUploadFileName(file, `${'n'.repeat(400)}.pdf`)).toMatch(/^n{251}\.pdf$/);
  });
});

describe('MIME types and kinds', () => {
  it('derives kinds from MIME types', () => {
    expect(kindOf('video/mp4')).toBe('video');
    expect(kindOf('IMAGE/PNG')).toBe('image');
    expect(kindOf('audio/mpeg')).toBe('audio');
    expect(kindOf('application/pdf')).toBe('document');
    expect(kindOf('text/plain; charset=utf-8')).toBe('document');
    expect(kindOf('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe(
      'document',
    );
    expect(kindOf('application/zip')).toBe('other');
    expect(kindOf('')).toBe('other');
    expect(kindOf(undefined)).toBe('other');
  });

  it('falls back to the extension when the declared type is missing or generic', () => {
    expect(resolveMimeType('', 'lecture.MP4')).toBe('video/mp4');
    expect(resolveMimeType('application/octet-stream', 'notes.pdf')).toBe('application/pdf');
    expect(resolveMimeType('image/png; foo=bar', 'x.jpg')).toBe('image/png');
    expect(resolveMimeType('not a mime', 'x.unknown')).toBe('application/octet-stream');
    expect(resolveMimeType(undefined)).toBe('application/octet-stream');
  });
});
