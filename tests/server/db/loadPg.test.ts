import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMediaError } from 'mediashelf/core';
import { afterEach, describe, expect, it, vi } from 'vitest';

const sourceDir = join(import.meta.dirname, '../../../src/server/db');

describe('pg stays an optional peer dependency', () => {
  afterEach(() => {
    vi.doUnmock('pg');
    vi.resetModules();
  });

  it('is never imported statically by the database layer', async () => {
    const files = (await readdir(sourceDir, { recursive: true })).filter((file) => file.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = await readFile(join(sourceDir, file), 'utf8');
      expect(text, file).not.toMatch(/^\s*import\s+(?!type\b)[^;]*from\s+['"]pg['"]/m);
    }
  });

  it('explains how to install pg when a PostgreSQL URL is used without it', async () => {
    vi.doMock('pg', () => {
      throw new Error("Cannot find package 'pg'");
    });
    const { createDatabase } = await import('../../../src/server/db');
    const error = await createDatabase({ connectionString: 'postgresql://localhost/x' }).catch(
      (e: unknown) => e,
    );
    expect(isMediaError(error, 'INTERNAL')).toBe(true);
    expect((error as Error).message).toMatch(/optional peer dependency 'pg'.*npm install pg/);
  });
});
