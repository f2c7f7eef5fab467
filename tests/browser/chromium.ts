import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

/**
 * Real-browser support shared by the browser tests and the Chromium benches: Debian's Chromium
 * driven by playwright-core (`npx playwright install` cannot work here), and pages bundled by
 * Vite from the repo's source. No vitest import, so benches can use it too.
 */

/** Where Debian's `chromium` package puts the browser (override with CHROMIUM_PATH). */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Whether the browser is installed. */
export const hasChromium = existsSync(chromiumPath);

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

/** Options of {@link bundlePage}. */
export interface BundleOptions {
  /** Folder of the page's HTML (Vite's root). */
  root: string;
  /** The HTML file inside `root` (default `index.html`). */
  html?: string;
  /** `production` (default: React's production build, development checks dropped) or `development`. */
  mode?: 'production' | 'development';
}

/** A bundled page in a temporary folder. */
export interface BundledPage {
  dir: string;
  /** Path of the HTML file below `dir`, with a leading slash. */
  path: string;
  /** Answers GET requests for the bundle's files (404 for anything else). */
  serve(request: Request): Response;
  remove(): void;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Bundles a page with Vite, resolving `mediashelf` and `mediashelf/*` to the repo's source. */
export async function bundlePage(options: BundleOptions): Promise<BundledPage> {
  const { build } = await import('vite');
  const html = options.html ?? 'index.html';
  const mode = options.mode ?? 'production';
  const dir = mkdtempSync(join(tmpdir(), 'mediashelf-page-'));
  await build({
    configFile: false,
    root: options.root,
    mode,
    logLevel: 'warn',
    resolve: {
      alias: [
        { find: /^mediashelf$/, replacement: `${src}index.ts` },
        { find: /^mediashelf\/(.+)$/, replacement: `${src}$1/index.ts` },
      ],
    },
    define: { 'process.env.NODE_ENV': JSON.stringify(mode) },
    oxc: { jsx: { runtime: 'automatic', development: mode === 'development' } },
    build: {
      outDir: dir,
      emptyOutDir: true,
      target: 'esnext',
      minify: mode === 'production',
      // Test pages are single bundles by design (Storybook's runtime alone is large).
      chunkSizeWarningLimit: 10_000,
      rolldownOptions: {
        input: join(options.root, html),
        // React Query's "use client" directives mean nothing in a client-only bundle.
        onwarn: (warning, warn) => {
          if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
        },
      },
    },
  });
  return {
    dir,
    path: `/${html}`,
    serve(request) {
      // URL parsing resolves `..` segments; the check keeps every path inside the bundle.
      const file = resolve(dir, `.${new URL(request.url).pathname}`);
      if (request.method !== 'GET' || !file.startsWith(`${dir}/`) || !existsSync(file) || !extname(file)) {
        return new Response('Not found', { status: 404 });
      }
      return new Response(readFileSync(file), {
        headers: { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' },
      });
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
