import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';
import { createNodeServer, type WebSocketOptions } from '../../src/server/http';
import type { MediaContext } from '../../src/server/service/MediaService';
import { bundlePage, chromiumPath, hasChromium } from './chromium';

export { launchChromium } from './chromium';

/**
 * Browser suites skip with a printed reason where Chromium is missing; CI installs it and sets
 * MEDIASHELF_REQUIRE_CHROMIUM, so there a missing browser fails the run.
 */
const skipReason = `no Chromium at ${chromiumPath} (apt-get install -y chromium)`;

/** `describe` for a browser suite: skipped with the reason printed when Chromium is missing. */
export function describeWithChromium(name: string, body: () => void): void {
  if (!hasChromium && process.env.MEDIASHELF_REQUIRE_CHROMIUM) {
    throw new Error(`${name}: MEDIASHELF_REQUIRE_CHROMIUM is set but there is ${skipReason}`);
  }
  if (!hasChromium) console.info(`[mediashelf] browser suite skipped: ${skipReason} (${name})`);
  describe.skipIf(!hasChromium)(hasChromium ? name : `${name} [skipped: ${skipReason}]`, body);
}

/** A page of tests/browser/pages bundled and served on loopback. */
export interface ServedPage {
  /** The page's origin, e.g. `http://127.0.0.1:41234`. */
  origin: string;
  /** URL of the page. */
  url: string;
  close(): Promise<void>;
}

/** The folder of the test pages. */
export const PAGES_DIR = fileURLToPath(new URL('./pages/', import.meta.url));

/** A same-origin backend for {@link servePage}. */
export interface PageBackend {
  /** Answers the requests under `/api/`. */
  api: (request: Request) => Promise<Response>;
  /** The WebSocket endpoint at `/api/media/ws`. */
  websocket?: WebSocketOptions;
}

/**
 * Bundles `tests/browser/pages/<name>.html` and serves it on 127.0.0.1 on a free port, with an
 * optional backend on the same origin.
 */
export async function servePage(name: string, backend?: PageBackend): Promise<ServedPage> {
  const page = await bundlePage({ root: PAGES_DIR, html: `${name}.html` });
  const server = await createNodeServer({
    port: 0,
    handler: async (request) =>
      backend && new URL(request.url).pathname.startsWith('/api/')
        ? backend.api(request)
        : page.serve(request),
    ...(backend?.websocket ? { websocket: backend.websocket } : {}),
  });
  return {
    origin: server.url,
    url: `${server.url}${page.path}`,
    async close() {
      await server.close();
      page.remove();
    },
  };
}

/** The session cookie of the browser tests: `ms_session=<tenant>.<user>`. */
export const SESSION_COOKIE = 'ms_session';

/**
 * The test identity: the session cookie (what a host's session would resolve), else a bearer
 * token `Bearer <tenant>.<user>`.
 */
export function authenticateSession(request: Request): MediaContext | null {
  const cookie = (request.headers.get('cookie') ?? '')
    .split(';')
    .map((part) => part.trim().split('='))
    .find(([name]) => name === SESSION_COOKIE)?.[1];
  const bearer = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
  const [tenantId, userId] = (cookie ?? bearer ?? '').split('.');
  return tenantId && userId ? { tenantId, userId } : null;
}
