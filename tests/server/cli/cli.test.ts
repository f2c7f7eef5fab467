import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSize } from '../../../src/server/cli/parseSize';
import { resolveConfig } from '../../../src/server/cli/resolveConfig';
import { packageVersion, runCli } from '../../../src/server/cli/runCli';
import { createDatabase, migrationStatus } from '../../../src/server/db';
import { captureOutput, cleanEnv, LISTENING, PNG, spawnCli, tempDataDir } from './cliHarness';

const postgresUrl = process.env.DATABASE_URL || undefined;
const SLOW = 240_000;

interface Envelope<T> {
  success: boolean;
  data: T;
}

async function listCount(base: string, status: 'active' | 'deleted', tenant?: string): Promise<number> {
  const headers: Record<string, string> = tenant ? { 'x-tenant-id': tenant } : {};
  const reply = await fetch(`${base}/files?status=${status}&limit=200`, { headers });
  const body = (await reply.json()) as Envelope<{ items: { fileName: string }[] }>;
  expect(body.success).toBe(true);
  return body.data.items.length;
}

/** Runs `serve` in-process until `work` is done, then stops it; resolves with the exit code. */
async function withInProcessServer(
  args: string[],
  work: (base: string) => Promise<void>,
): Promise<{ code: number; out: string[]; err: string[] }> {
  const output = captureOutput();
  const stop = new AbortController();
  let resolveUrl!: (url: string) => void;
  const url = new Promise<string>((resolve) => {
    resolveUrl = resolve;
  });
  const running = runCli(['serve', '--port', '0', ...args], {
    env: {},
    stop: stop.signal,
    err: output.options.err,
    out: (line) => {
      output.out.push(line);
      const match = line.match(LISTENING);
      if (match) resolveUrl(match[1]!);
    },
  });
  const base = await Promise.race([
    url,
    running.then(() => Promise.reject(new Error(output.err.join('\n')))),
  ]);
  try {
    await work(base);
  } finally {
    stop.abort();
  }
  return { code: await running, out: output.out, err: output.err };
}

describe('mediashelf CLI: configuration', () => {
  it('reads flags before the environment before the defaults', () => {
    const cwd = '/srv/app';
    const defaults = resolveConfig([], {}, cwd);
    expect(defaults).toMatchObject({
      command: 'serve',
      port: 4000,
      host: '127.0.0.1',
      dataDir: path.resolve(cwd, '.data'),
      databaseUrl: null,
      s3: null,
      maxFileSize: 5 * 1024 ** 3,
    });
    const env = {
      PORT: '5000',
      HOST: '0.0.0.0',
      MEDIASHELF_DATA_DIR: '/var/media',
      DATABASE_URL: 'postgres://x@h/db',
    };
    expect(resolveConfig([], env, cwd)).toMatchObject({ port: 5000, host: '0.0.0.0', dataDir: '/var/media' });
    expect(
      resolveConfig(['--port', '0', '--data-dir', 'd', '--max-file-size', '500MB'], env, cwd),
    ).toMatchObject({
      port: 0,
      dataDir: path.resolve(cwd, 'd'),
      maxFileSize: 500 * 1024 ** 2,
      databaseUrl: 'postgres://x@h/db',
    });
    expect(resolveConfig(['seed', '7', '--tenant', 't1'], {}, cwd).seed).toEqual({
      count: 7,
      tenantId: 't1',
      userId: 'demo',
    });
  });

  it('reads CORS origins from --cors or MEDIASHELF_CORS_ORIGINS and rejects what is not an origin', () => {
    expect(resolveConfig([], {}, '/').corsOrigins).toBeNull();
    expect(
      resolveConfig(['--cors', 'http://localhost:6006/, https://lms.example'], {}, '/').corsOrigins,
    ).toEqual(['http://localhost:6006', 'https://lms.example']);
    expect(resolveConfig([], { MEDIASHELF_CORS_ORIGINS: '*' }, '/').corsOrigins).toEqual(['*']);
    expect(() => resolveConfig(['--cors', 'localhost:6006'], {}, '/')).toThrow(/--cors takes origins/);
    expect(() => resolveConfig(['--cors', 'http://a.example/path'], {}, '/')).toThrow(/no path/);
    expect(() => resolveConfig(['--cors', ' , '], {}, '/')).toThrow(/--cors is empty/);
  });

  it('configures S3 from the environment', () => {
    const config = resolveConfig(
      [],
      {
        MEDIASHELF_S3_BUCKET: 'media',
        MEDIASHELF_S3_ENDPOINT: 'http://127.0.0.1:9000',
        AWS_ACCESS_KEY_ID: 'key',
        AWS_SECRET_ACCESS_KEY: 'secret',
      },
      '/',
    );
    expect(config.s3).toEqual({
      bucket: 'media',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9000',
      credentials: { accessKeyId: 'key', secretAccessKey: 'secret' },
      forcePathStyle: true,
    });
  });

  it('parses sizes with binary units', () => {
    expect(parseSize('1024', 'x')).toBe(1024);
    expect(parseSize('2GiB', 'x')).toBe(2 * 1024 ** 3);
    expect(parseSize('1.5k', 'x')).toBe(1536);
    expect(() => parseSize('lots', 'x')).toThrow(/size/);
  });

  it('prints help and the version', async () => {
    const help = captureOutput();
    expect(await runCli(['--help'], { env: {}, ...help.options })).toBe(0);
    expect(help.out.join('\n')).toMatch(/Usage: mediashelf \[command\]/);
    expect(help.out.join('\n')).toMatch(/MEDIASHELF_S3_BUCKET/);
    const version = captureOutput();
    expect(await runCli(['--version'], { env: {}, ...version.options })).toBe(0);
    expect(version.out).toEqual([packageVersion()]);
    expect(packageVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each([
    [['--prot', '3000']],
    [['--port', 'abc']],
    [['--port', '70000']],
    [['serve', 'extra']],
    [['deploy']],
    [['seed', 'many']],
    [['migrate', '--tenant', 'x']],
    [['--max-file-size', 'huge']],
  ])('rejects %j with exit code 2 and a usage message', async (args) => {
    const output = captureOutput();
    expect(await runCli(args, { env: {}, ...output.options })).toBe(2);
    expect(output.err[0]).toMatch(/^mediashelf: /);
    expect(output.err.join('\n')).toMatch(/Usage: mediashelf/);
  });

  it('rejects a bad PORT from the environment with exit code 2', async () => {
    const output = captureOutput();
    expect(await runCli([], { env: { PORT: 'eighty' }, ...output.options })).toBe(2);
    expect(output.err[0]).toMatch(/PORT must be a port number/);
  });

  it(
    'exits 2 on a bad flag as a process too',
    async () => {
      const cli = spawnCli(['--no-such-flag']);
      expect(await cli.exited).toBe(2);
      expect(cli.stderr()).toMatch(/Unknown option '--no-such-flag'/);
    },
    SLOW,
  );

  it(
    'exits 1 with one clear line when DATABASE_URL is unreachable',
    async () => {
      const cli = spawnCli(
        ['migrate'],
        cleanEnv({ DATABASE_URL: 'postgresql://postgres:secret@127.0.0.1:1/test' }),
      );
      expect(await cli.exited).toBe(1);
      const lines = cli.stderr().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^mediashelf: cannot open the database \(PostgreSQL at postgresql:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/test\): .*ECONNREFUSED/,
      );
      expect(cli.stderr()).not.toMatch(/secret|\n\s+at /);
    },
    SLOW,
  );
});

describe('mediashelf serve (a real process)', () => {
  let data: Awaited<ReturnType<typeof tempDataDir>>;
  beforeAll(async () => {
    data = await tempDataDir();
  });
  afterAll(async () => {
    await data.remove();
  });

  it(
    'serves uploads and lists, stops cleanly on SIGTERM and keeps its data for the next start',
    async () => {
      const first = spawnCli(['serve', '--port', '0', '--data-dir', data.dir]);
      const [, base] = await first.waitFor(LISTENING);
      expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/media$/);
      expect(base).not.toMatch(/:4000\//);
      expect(first.stderr()).toMatch(/WARNING: development identity/);
      expect(first.stderr()).toMatch(/authenticate/);

      const upload = await fetch(`${base}/files`, {
        method: 'POST',
        headers: { 'content-type': 'image/png', 'x-file-name': encodeURIComponent('Cell diagram.png') },
        body: PNG,
      });
      expect(upload.status).toBe(201);
      const uploaded = ((await upload.json()) as Envelope<{ id: string }>).data;
      // Another tenant (x-tenant-id) sees nothing of tenant demo.
      expect(await listCount(base!, 'active', 'other-school')).toBe(0);
      const listed = await fetch(`${base}/files`);
      const page = ((await listed.json()) as Envelope<{ items: { id: string; fileName: string }[] }>).data;
      expect(page.items.map((item) => [item.id, item.fileName])).toEqual([[uploaded.id, 'Cell diagram.png']]);

      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      expect(first.stdout()).toMatch(/shutting down/);
      expect(existsSync(path.join(data.dir, 'db'))).toBe(true);
      expect(existsSync(path.join(data.dir, 'files'))).toBe(true);

      const second = spawnCli(['serve', '--port', '0', '--data-dir', data.dir]);
      const [, again] = await second.waitFor(LISTENING);
      const content = await fetch(`${again}/files/${uploaded.id}/content`);
      expect(content.status).toBe(200);
      expect(new Uint8Array(await content.arrayBuffer())).toEqual(PNG);
      const relisted = await fetch(`${again}/files`);
      const items = ((await relisted.json()) as Envelope<{ items: { id: string }[] }>).data.items;
      expect(items.map((item) => item.id)).toEqual([uploaded.id]);
      second.child.kill('SIGINT');
      expect(await second.exited).toBe(0);
    },
    SLOW,
  );
});

describe('mediashelf migrate', () => {
  it(
    'migrates PGlite in the data folder, then reports it up to date',
    async () => {
      const data = await tempDataDir();
      try {
        const first = captureOutput();
        expect(await runCli(['migrate', '--data-dir', data.dir], { env: {}, ...first.options })).toBe(0);
        expect(first.out.join('\n')).toMatch(/applied 0001_initial_schema/);
        const second = captureOutput();
        expect(await runCli(['migrate'], { env: { MEDIASHELF_DATA_DIR: data.dir }, ...second.options })).toBe(
          0,
        );
        expect(second.out.join('\n')).toMatch(/database is up to date/);
        const database = await createDatabase({ pglite: { dataDir: path.join(data.dir, 'db') } });
        try {
          expect((await migrationStatus(database.db)).pending).toEqual([]);
        } finally {
          await database.close();
        }
      } finally {
        await data.remove();
      }
    },
    SLOW,
  );

  if (!postgresUrl) console.info('[mediashelf] CLI migrate on PostgreSQL skipped: DATABASE_URL is not set');
  it.skipIf(!postgresUrl)(
    `migrates PostgreSQL at DATABASE_URL${postgresUrl ? '' : ' [skipped: DATABASE_URL is not set]'}`,
    async () => {
      const schema = `mediashelf_cli_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: postgresUrl });
      await admin.connect();
      try {
        await admin.query('select pg_advisory_lock(7021)');
        await admin.query('create extension if not exists pg_trgm with schema public');
        await admin.query('select pg_advisory_unlock(7021)');
        await admin.query(`create schema "${schema}"`);
        const url = new URL(postgresUrl!);
        url.searchParams.set('options', `-c search_path=${schema},public`);
        const output = captureOutput();
        expect(await runCli(['migrate'], { env: { DATABASE_URL: url.toString() }, ...output.options })).toBe(
          0,
        );
        expect(output.out[0]).toMatch(/^database: PostgreSQL at postgres/);
        expect(output.out.join('\n')).toMatch(/applied 0001_initial_schema/);
        const tables = await admin.query(
          'select count(*)::int as n from information_schema.tables where table_schema = $1 and table_name = $2',
          [schema, 'media_files'],
        );
        expect(tables.rows[0].n).toBe(1);
        const again = captureOutput();
        expect(await runCli(['migrate'], { env: { DATABASE_URL: url.toString() }, ...again.options })).toBe(
          0,
        );
        expect(again.out.join('\n')).toMatch(/database is up to date/);
      } finally {
        await admin.query(`drop schema if exists "${schema}" cascade`);
        await admin.end();
      }
    },
    SLOW,
  );
});

describe('mediashelf seed and purge', () => {
  it(
    'seed 20 uploads 20 files (some linked, some in the trash) that serve then lists',
    async () => {
      const data = await tempDataDir();
      try {
        const seeded = captureOutput();
        expect(await runCli(['seed', '20', '--data-dir', data.dir], { env: {}, ...seeded.options })).toBe(0);
        expect(seeded.out.at(-1)).toMatch(/seeded 20 file\(s\) .* into tenant 'demo': 17 active \(7 linked/);
        const purged = captureOutput();
        expect(await runCli(['purge', '--data-dir', data.dir], { env: {}, ...purged.options })).toBe(0);
        // Nothing is older than the retention period yet: the trash stays.
        expect(purged.out.at(-1)).toMatch(/^purged 0 file\(s\)/);

        const storybook = 'http://localhost:6006';
        const args = ['--data-dir', data.dir, '--cors', storybook];
        const { code, out } = await withInProcessServer(args, async (base) => {
          // A Storybook on another port may call the dev server, with its identity headers.
          const preflight = await fetch(`${base}/files`, {
            method: 'OPTIONS',
            headers: {
              origin: storybook,
              'access-control-request-method': 'GET',
              'access-control-request-headers': 'x-tenant-id, x-user-id',
            },
          });
          expect(preflight.status).toBe(200);
          expect(preflight.headers.get('access-control-allow-origin')).toBe(storybook);
          expect(preflight.headers.get('access-control-allow-headers')).toContain('x-tenant-id');
          const listed = await fetch(`${base}/files`, { headers: { origin: storybook } });
          expect(listed.headers.get('access-control-allow-origin')).toBe(storybook);
          const active = await listCount(base, 'active');
          const trash = await listCount(base, 'deleted');
          expect(active + trash).toBe(20);
          expect(trash).toBeGreaterThan(0);
          const analytics = (await (await fetch(`${base}/analytics`)).json()) as Envelope<{
            totalFiles: number;
            usedFiles: number;
            byKind: Record<string, { count: number }>;
          }>;
          expect(analytics.data.usedFiles).toBe(7);
          for (const kind of ['video', 'image', 'audio', 'document']) {
            expect(analytics.data.byKind[kind]!.count).toBeGreaterThan(0);
          }
        });
        expect(code).toBe(0);
        expect(out).toContain(`cross-origin: ${storybook}`);
      } finally {
        await data.remove();
      }
    },
    SLOW,
  );
});
