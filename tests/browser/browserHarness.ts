import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { describe } from 'vitest';

/**
 * Real-browser test support: pages bundled by Vite from the repo's source, served on loopback,
 * driven in Debian's Chromium through playwright-core (`npx playwright install` cannot work
 * here). Suites skip with a printed reason where Chromium is missing; CI installs it and sets
 * MEDIASHELF_REQUIRE_CHROMIUM, so there a missing browser fails the run.
 */

/** Where Debian's `chromium` package puts the browser (override with CHROMIUM_PATH). */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);
const skipReason = `no Chromium at ${chromiumPath} (apt-get install -y chromium)`;

/** `describe` for a browser suite: skipped with the reason printed when Chromium is missing. */
export function describeWithChromium(name: string, body: () => void): void {
  if (!hasChromium && process.env.MEDIASHELF_REQUIRE_CHROMIUM) {
    throw new Error(`${name}: MEDIASHELF_REQUIRE_CHROMIUM is set but there is ${skipReason}`);
  }
  if (!hasChromium) console.info(`[mediashelf] browser suite skipped: ${skipReason} (${name})`);
  describe.skipIf(!hasChromium)(hasChromium ? name : `${name} [skipped: ${skipReason}]`, body);
}

// The flags DESIGN.md §7 names: without the background-networking ones Chromium keeps dialling
// Google's hosts, which this machine's closed network refuses.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts headless Chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
}

const src = fileURLToPath(new URL('../../src/', import.meta.url));

/** A page of tests/browser/pages bundled into a temporary folder and served on loopback. */
export interface ServedPage {
  /** The page's origin, e.g. `http://127.0.0.1:41234`. */
  origin: string;
  /** URL of the page's index.html. */
  url: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * Bundles `tests/browser/pages/<name>.html` (and what it imports, `mediashelf/*` from the
 * source) with Vite and serves the result on 127.0.0.1 on a free port.
 */
export async function servePage(name: string): Promise<ServedPage> {
  const { build } = await import('vite');
  const outDir = mkdtempSync(join(tmpdir(), 'mediashelf-browser-'));
  await build({
    configFile: false,
    root: fileURLToPath(new URL('./pages/', import.meta.url)),
    logLevel: 'warn',
    resolve: {
      alias: [
        { find: /^mediashelf$/, replacement: `${src}index.ts` },
        { find: /^mediashelf\/(.+)$/, replacement: `${src}$1/index.ts` },
      ],
    },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'esnext',
      rolldownOptions: { input: fileURLToPath(new URL(`./pages/${name}.html`, import.meta.url)) },
    },
  });
  const server: Server = createServer((request, response) => {
    // URL parsing resolves `..` segments, so the path stays inside outDir.
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const file = join(outDir, path);
    if (!path.includes('.') || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: `${origin}/${name}.html`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
