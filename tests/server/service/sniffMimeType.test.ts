import { describe, expect, it } from 'vitest';
import { checkContentType, sniffMimeType } from '../../../src/server/service/sniffMimeType';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(
    parts.flatMap((part) => (typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part)),
  );

const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'rest');
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF');
const MP4 = bytes([0, 0, 0, 0x18], 'ftypisom', [0, 0, 2, 0]);
const PDF = bytes('%PDF-1.7\n');
const EXE = bytes('MZ', [0x90, 0, 3, 0]);
const ELF = bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);

describe('sniffMimeType', () => {
  it('recognises common signatures', () => {
    expect(sniffMimeType(PNG)).toBe('image/png');
    expect(sniffMimeType(JPEG)).toBe('image/jpeg');
    expect(sniffMimeType(MP4)).toBe('video/mp4');
    expect(sniffMimeType(bytes([0, 0, 0, 0x14], 'ftypqt  '))).toBe('video/quicktime');
    expect(sniffMimeType(PDF)).toBe('application/pdf');
    expect(sniffMimeType(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffMimeType(bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt '))).toBe('audio/wav');
    expect(sniffMimeType(bytes('ID3', [4, 0]))).toBe('audio/mpeg');
    expect(sniffMimeType(bytes([0xff, 0xfb, 0x90, 0x64]))).toBe('audio/mpeg');
    expect(sniffMimeType(EXE)).toBe('application/x-msdownload');
    expect(sniffMimeType(ELF)).toBe('application/x-executable');
    expect(sniffMimeType(bytes('#!/bin/sh\n'))).toBe('text/x-shellscript');
    expect(sniffMimeType(bytes('hello world'))).toBeNull();
    expect(sniffMimeType(new Uint8Array())).toBeNull();
  });
});

describe('checkContentType', () => {
  it('accepts honest files', () => {
    expect(checkContentType('image/png', PNG)).toBe('image/png');
    expect(checkContentType('video/mp4', MP4)).toBe('video/mp4');
    expect(checkContentType('text/plain', bytes('just text'))).toBe('text/plain');
    expect(
      checkContentType(
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        bytes('PK', [3, 4]),
      ),
    ).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(checkContentType('video/x-matroska', bytes([0x1a, 0x45, 0xdf, 0xa3]))).toBe('video/x-matroska');
  });

  it('refuses an executable declared as an image or document', () => {
    for (const [declared, content] of [
      ['image/png', EXE],
      ['application/pdf', ELF],
      ['text/plain', bytes('#!/usr/bin/env node\n')],
    ] as const) {
      expect(() => checkContentType(declared, content)).toThrowError(
        expect.objectContaining({ code: 'UNSUPPORTED_TYPE', message: expect.stringContaining('executable') }),
      );
    }
  });

  it('refuses content of another kind and declared signatures that are missing', () => {
    expect(() => checkContentType('image/png', PDF)).toThrowError(/content is application\/pdf/);
    expect(() => checkContentType('image/png', bytes('plain text'))).toThrowError(
      /does not look like image\/png/,
    );
    expect(() => checkContentType('application/pdf', bytes('nope'))).toThrowError(
      expect.objectContaining({ code: 'UNSUPPORTED_TYPE' }),
    );
  });

  it('corrects the subtype within one kind and names unknown content by its declaration', () => {
    expect(checkContentType('image/png', JPEG)).toBe('image/jpeg');
    expect(checkContentType('application/octet-stream', PNG)).toBe('image/png');
    expect(checkContentType('application/octet-stream', EXE)).toBe('application/x-msdownload');
  });
});
