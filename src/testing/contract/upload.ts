import { MAX_FILE_NAME_LENGTH, type MediaKind } from 'mediashelf/core';
import { describe, expect, it } from 'vitest';
import { createTestFile, fixtures } from '../fixtures';
import type { ContractContext } from './context';
import { expectMediaError, idsOf, upload } from './helpers';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
// The characters a display name must never keep (see the contract's name rules).
// biome-ignore lint/suspicious/noControlCharactersInRegex: detecting control characters is the point.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const KINDS: [keyof typeof fixtures, MediaKind][] = [
  ['png', 'image'],
  ['jpeg', 'image'],
  ['mp4', 'video'],
  ['mp3', 'audio'],
  ['pdf', 'document'],
  ['text', 'document'],
];

/** uploadMedia: the stored file, names, kinds and progress. */
export function describeUpload(ctx: ContractContext): void {
  describe('uploadMedia', () => {
    it('answers an active version-1 file with every contract field', async () => {
      const file = createTestFile({ name: 'diagram.png', type: 'image/png', size: 321 });
      const uploaded = await ctx.adapter.uploadMedia({ file });
      expect(uploaded).toMatchObject({
        id: expect.any(String),
        fileName: 'diagram.png',
        originalFileName: 'diagram.png',
        fileSize: 321,
        fileType: 'image/png',
        kind: 'image',
        status: 'active',
        version: 1,
        usageCount: 0,
        deletedAt: null,
        url: expect.any(String),
      });
      expect(uploaded.id).not.toBe('');
      expect(uploaded.url).not.toBe('');
      for (const field of ['uploadDate', 'createdAt', 'updatedAt'] as const) {
        expect(uploaded[field], field).toMatch(ISO_DATE);
      }
    });

    it('gives every upload its own id', async () => {
      const first = await ctx.adapter.uploadMedia({ file: fixtures.text });
      const second = await ctx.adapter.uploadMedia({ file: fixtures.text });
      expect(first.id).not.toBe(second.id);
      expect((await ctx.adapter.listMedia()).items).toHaveLength(2);
    });

    it('can be read back with getMedia and found with listMedia', async () => {
      const uploaded = await ctx.adapter.uploadMedia({ file: fixtures.pdf });
      const read = await ctx.adapter.getMedia({ id: uploaded.id });
      expect(read).toMatchObject({
        id: uploaded.id,
        fileName: uploaded.fileName,
        fileSize: uploaded.fileSize,
        fileType: uploaded.fileType,
        status: 'active',
        version: 1,
      });
      expect(idsOf((await ctx.adapter.listMedia()).items)).toEqual([uploaded.id]);
    });

    for (const [fixture, kind] of KINDS) {
      it(`derives kind ${kind} for ${fixtures[fixture].type}`, async () => {
        const uploaded = await ctx.adapter.uploadMedia({ file: fixtures[fixture] });
        expect(uploaded.kind).toBe(kind);
        expect(uploaded.fileType).toBe(fixtures[fixture].type);
        expect(uploaded.fileSize).toBe(fixtures[fixture].size);
      });
    }

    it("takes the display name from the File's name", async () => {
      const uploaded = await upload(ctx.adapter, { name: 'Week 1 - Welcome.mp4', type: 'video/mp4' });
      expect(uploaded.fileName).toBe('Week 1 - Welcome.mp4');
    });

    it('prefers an explicit fileName', async () => {
      const uploaded = await upload(ctx.adapter, { name: 'IMG_0001.png' }, 'Campus map.png');
      expect(uploaded.fileName).toBe('Campus map.png');
    });

    it('trims an explicit fileName', async () => {
      const uploaded = await upload(ctx.adapter, { name: 'a.txt' }, '   spaced out.txt  ');
      expect(uploaded.fileName).toBe('spaced out.txt');
    });

    for (const [what, name] of [
      ['an empty', ''],
      ['a whitespace-only', '  \t '],
      ['a control-characters-only', '\u0000\u202e'],
    ] as const) {
      it(`rejects ${what} explicit fileName with VALIDATION_ERROR and keeps nothing`, async () => {
        await expectMediaError(upload(ctx.adapter, { name: 'a.txt' }, name), 'VALIDATION_ERROR');
        expect((await ctx.adapter.listMedia()).items).toEqual([]);
      });
    }

    it(`shortens a name over ${MAX_FILE_NAME_LENGTH} characters, keeping its extension`, async () => {
      const uploaded = await upload(ctx.adapter, { name: `${'x'.repeat(300)}.pdf`, type: 'application/pdf' });
      expect(uploaded.fileName).toHaveLength(MAX_FILE_NAME_LENGTH);
      expect(uploaded.fileName).toBe(`${'x'.repeat(MAX_FILE_NAME_LENGTH - 4)}.pdf`);
    });

    it('shortens an over-long explicit fileName the same way', async () => {
      const uploaded = await upload(ctx.adapter, { name: 'a.txt' }, `${'y'.repeat(400)}.txt`);
      expect(uploaded.fileName.length).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
      expect(uploaded.fileName.endsWith('.txt')).toBe(true);
      expect(uploaded.fileName.startsWith('yyy')).toBe(true);
    });

    it('removes control and bidi-override characters from the name', async () => {
      const uploaded = await upload(ctx.adapter, {
        name: 'in\u0000vo\u0007ice\u202e\u2066\u200f.pdf',
        type: 'application/pdf',
      });
      expect(uploaded.fileName).toBe('invoice.pdf');
      expect(uploaded.fileName).not.toMatch(UNSAFE);
    });

    it('keeps non-ASCII letters in names', async () => {
      const uploaded = await upload(ctx.adapter, {
        name: 'Übung – Kapitel 1 📚.pdf',
        type: 'application/pdf',
      });
      expect(uploaded.fileName).toBe('Übung – Kapitel 1 📚.pdf');
    });

    it('reports progress that never goes back and ends at (total, total)', async () => {
      const file = createTestFile({ name: 'large.mp4', type: 'video/mp4', size: 512 * 1024 });
      const calls: [number, number][] = [];
      await ctx.adapter.uploadMedia({ file, onProgress: (loaded, total) => calls.push([loaded, total]) });
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.at(-1)).toEqual([file.size, file.size]);
      for (let index = 0; index < calls.length; index++) {
        const [loaded, total] = calls[index]!;
        expect(total).toBe(file.size);
        expect(loaded).toBeGreaterThanOrEqual(0);
        expect(loaded).toBeLessThanOrEqual(total);
        if (index > 0) expect(loaded).toBeGreaterThanOrEqual(calls[index - 1]![0]);
      }
    });
  });
}
