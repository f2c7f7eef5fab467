import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const entry = path.join(repoRoot, 'src/server/cli/index.ts');

/** Environment without the variables the CLI reads, so the host's settings never leak in. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^(PORT|HOST|DATABASE_URL|MEDIASHELF_.*|AWS_.*)$/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/** A CLI process started with `node --import tsx src/server/cli/index.ts`. */
export interface CliProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stdout line matching `pattern` (its match). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code once the process ends. */
  exited: Promise<number | null>;
}

export function spawnCli(args: string[], env: Record<string, string> = cleanEnv()): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    for (const waiter of [...waiters]) waiter();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor(pattern, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = out.match(pattern);
          if (match) {
            cleanup();
            resolve(match);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out waiting for ${pattern}\nstdout:\n${out}\nstderr:\n${err}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        void exited.then((code) => {
          if (!waiters.has(check)) return;
          cleanup();
          reject(new Error(`exited with ${code} before ${pattern}\nstdout:\n${out}\nstderr:\n${err}`));
        });
        waiters.add(check);
        check();
      });
    },
  };
}

/** The URL line `serve` prints: `mediashelf listening on http://127.0.0.1:PORT/api/media`. */
export const LISTENING = /^mediashelf listening on (http:\/\/\S+\/api\/media)$/m;

/** A temporary data folder, removed by the returned function. */
export async function tempDataDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mediashelf-cli-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Captured output of an in-process `runCli`. */
export function captureOutput() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    options: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) },
  };
}

/** A PNG signature and a few bytes: passes the magic-byte check. */
export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5, 6, 7, 8]);
