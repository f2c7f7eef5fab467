import { MAX_FILE_NAME_LENGTH } from 'mediashelf/core';
import { describe, expect, it } from 'vitest';
import type { ContractContext } from './context';
import { expectMediaError, idsOf, upload } from './helpers';

const INVALID_NAMES: [string, string][] = [
  ['an empty name', ''],
  ['a whitespace-only name', '   \t\n'],
  ['a name of only control characters', '\u0007\u202e\u2066'],
  [`a name over ${MAX_FILE_NAME_LENGTH} characters`, `${'n'.repeat(MAX_FILE_NAME_LENGTH)}.txt`],
];

/** renameMedia: success, sanitising and refusals. */
export function describeRename(ctx: ContractContext): void {
  describe('renameMedia', () => {
    it('renames a file and keeps its id and original name', async () => {
      const file = await upload(ctx.adapter, { name: 'draft.pdf' });
      const renamed = await ctx.adapter.renameMedia({ id: file.id, fileName: 'Final syllabus.pdf' });
      expect(renamed).toMatchObject({
        id: file.id,
        fileName: 'Final syllabus.pdf',
        originalFileName: 'draft.pdf',
      });
      expect((await ctx.adapter.getMedia({ id: file.id })).fileName).toBe('Final syllabus.pdf');
    });

    it('makes the new name searchable and the old one not', async () => {
      const file = await upload(ctx.adapter, { name: 'draft.pdf' });
      await ctx.adapter.renameMedia({ id: file.id, fileName: 'syllabus.pdf' });
      expect(idsOf((await ctx.adapter.listMedia({ search: 'syllabus' })).items)).toEqual([file.id]);
      expect((await ctx.adapter.listMedia({ search: 'draft' })).items).toEqual([]);
    });

    it('trims the name and removes control and bidi-override characters', async () => {
      const file = await upload(ctx.adapter, { name: 'a.txt' });
      const renamed = await ctx.adapter.renameMedia({ id: file.id, fileName: '  sum\u0000mary\u202e.txt  ' });
      expect(renamed.fileName).toBe('summary.txt');
    });

    it(`accepts a name of exactly ${MAX_FILE_NAME_LENGTH} characters`, async () => {
      const file = await upload(ctx.adapter, { name: 'a.txt' });
      const name = `${'m'.repeat(MAX_FILE_NAME_LENGTH - 4)}.txt`;
      expect((await ctx.adapter.renameMedia({ id: file.id, fileName: name })).fileName).toBe(name);
    });

    for (const [what, fileName] of INVALID_NAMES) {
      it(`rejects ${what} with VALIDATION_ERROR and keeps the old name`, async () => {
        const file = await upload(ctx.adapter, { name: 'keep-me.txt' });
        await expectMediaError(ctx.adapter.renameMedia({ id: file.id, fileName }), 'VALIDATION_ERROR');
        expect((await ctx.adapter.getMedia({ id: file.id })).fileName).toBe('keep-me.txt');
      });
    }
  });
}
