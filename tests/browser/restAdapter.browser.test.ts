import type { BulkOperation, MediaEvent } from 'mediashelf/core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDatabase, type MediaDatabaseHandle } from '../../src/server/db';
import { createMediaHandler, createNodeServer, type NodeMediaServer } from '../../src/server/http';
import { createMediaService } from '../../src/server/service/createMediaService';
import type { MediaContext, MediaService } from '../../src/server/service/MediaService';
import { createMemoryStorage, type MemoryStorage } from '../../src/server/storage';
import { waitUntil } from '../server/http/httpTestKit';
import {
  authenticateSession as authenticate,
  describeWithChromium,
  launchChromium,
  SESSION_COOKIE,
  type ServedPage,
  servePage,
} from './browserHarness';

// The REST adapter in real Chromium against a real server on another origin (another port):
// the browser's own CORS, cookies, XMLHttpRequest upload progress and WebSocket decide here.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeWithChromium('REST adapter in Chromium, cross-origin', () => {
  let db: MediaDatabaseHandle;
  let storage: MemoryStorage;
  let service: MediaService;
  let api: NodeMediaServer;
  let strictApi: NodeMediaServer;
  let page: ServedPage;
  let browser: Browser;
  const strictRequests: string[] = [];
  let tenantCount = 0;
  let slowUploadsHandled = 0;

  beforeAll(async () => {
    page = await servePage('adapters');
    db = await createDatabase({ migrate: true });
    storage = createMemoryStorage();
    service = createMediaService({ db, storage, bulk: { batchSize: 10 } });
    const handler = createMediaHandler({
      service,
      authenticate,
      cors: { origin: page.origin, credentials: true },
    });
    api = await createNodeServer({
      // Uploads whose name starts with "slow" wait before the handler reads them, so a test can
      // abort one in flight.
      handler: async (request) => {
        if (!request.headers.get('x-file-name')?.startsWith('slow')) return handler(request);
        await sleep(1000);
        try {
          return await handler(request);
        } finally {
          slowUploadsHandled++;
        }
      },
      websocket: { service, authenticate },
    });
    const strict = createMediaHandler({ service, authenticate, cors: { origin: 'https://lms.example' } });
    strictApi = await createNodeServer({
      handler: (request) => {
        strictRequests.push(request.method);
        return strict(request);
      },
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await strictApi?.close();
    await api?.close();
    await service?.close();
    await db?.close();
    await page?.close();
  });

  /** A fresh browser context with the page open, logged in by cookie as a new tenant. */
  async function openPage(auth: 'cookie' | 'none' = 'cookie'): Promise<{
    context: BrowserContext;
    tab: Page;
    caller: MediaContext;
  }> {
    const caller = { tenantId: `school-${++tenantCount}`, userId: 'teacher' };
    const context = await browser.newContext();
    if (auth === 'cookie') {
      // Cookies are per host, not per port: the page's and the API's origins share this one.
      await context.addCookies([
        {
          name: SESSION_COOKIE,
          value: `${caller.tenantId}.${caller.userId}`,
          domain: '127.0.0.1',
          path: '/',
        },
      ]);
    }
    const tab = await context.newPage();
    tab.on('pageerror', (error) => console.error('page error:', error));
    await tab.goto(page.url);
    await tab.waitForFunction(() => document.title === 'ready');
    return { context, tab, caller };
  }

  const apiBase = () => `${api.url}/api/media`;

  it('uploads through XMLHttpRequest with upload progress, by session cookie, and reads a Range', async () => {
    const { context, tab, caller } = await openPage();
    const size = 4 * 1024 * 1024;
    const result = await tab.evaluate(
      async ({ baseUrl, size }) => {
        const adapter = window.mediashelf.createRestAdapter({ baseUrl, credentials: 'include' });
        const progress: [number, number][] = [];
        const bytes = new Uint8Array(size).map((_, index) => 97 + (index % 26));
        const file = await adapter.uploadMedia({
          file: new File([bytes], 'Week 1 – notes.txt', { type: 'text/plain' }),
          onProgress: (loaded, total) => progress.push([loaded, total]),
        });
        const listed = await adapter.listMedia();
        const content = await fetch(`${baseUrl}/files/${file.id}/content`, {
          credentials: 'include',
          headers: { range: 'bytes=0-9' },
        });
        return {
          file,
          progress,
          listed: listed.items.map((item) => item.id),
          status: content.status,
          contentRange: content.headers.get('content-range'),
          text: await content.text(),
        };
      },
      { baseUrl: apiBase(), size },
    );
    expect(result.file).toMatchObject({
      fileName: 'Week 1 – notes.txt',
      fileSize: size,
      fileType: 'text/plain',
    });
    expect(result.progress.at(-1)).toEqual([size, size]);
    expect(result.progress.every(([, total]) => total === size)).toBe(true);
    expect(result.listed).toEqual([result.file.id]);
    // The cookie decided the tenant; the Range reply's headers are readable cross-origin.
    expect((await service.getMedia(caller, { id: result.file.id })).fileSize).toBe(size);
    expect(result).toMatchObject({ status: 206, contentRange: `bytes 0-9/${size}`, text: 'abcdefghij' });
    await context.close();
  });

  it('aborts an upload in flight: ABORTED in the page, nothing kept on the server', async () => {
    const { context, tab, caller } = await openPage();
    const keysBefore = storage.keys().length;
    const outcome = await tab.evaluate(async (baseUrl) => {
      const adapter = window.mediashelf.createRestAdapter({ baseUrl, credentials: 'include' });
      const controller = new AbortController();
      try {
        await adapter.uploadMedia({
          file: new File([new Uint8Array(32 * 1024 * 1024)], 'slow lecture.bin'),
          signal: controller.signal,
          onProgress: (loaded) => {
            if (loaded > 0) controller.abort();
          },
        });
        return 'uploaded';
      } catch (error) {
        return window.mediashelf.isMediaError(error) ? error.code : String(error);
      }
    }, apiBase());
    expect(outcome).toBe('ABORTED');
    // The server gives up on the body when the browser drops the connection.
    await waitUntil(() => slowUploadsHandled === 1, 30_000);
    expect((await service.listMedia(caller, {})).items).toEqual([]);
    expect(storage.keys().length).toBe(keysBefore);
    await context.close();
  });

  async function seedFiles(caller: MediaContext, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let index = 0; index < count; index++) {
      const body = new TextEncoder().encode(`file ${index}`);
      ids.push((await service.uploadMedia(caller, { body, fileName: `f${index}.txt` })).id);
    }
    return ids;
  }

  async function runBulkDelete(tab: Page, adapterOptions: Record<string, unknown>, ids: string[]) {
    return tab.evaluate(
      async ({ adapterOptions, ids }) => {
        const adapter = window.mediashelf.createRestAdapter(adapterOptions as never);
        const events: MediaEvent[] = [];
        const done = new Promise<void>((resolve) => {
          adapter.subscribe((event) => {
            events.push(event);
            if (event.type === 'operation.progress' && event.operation.status === 'completed') resolve();
          });
        });
        // Let the realtime connection open before the job starts, as a mounted UI would.
        const opened = Date.now();
        while (adapter.realtimeTransport === null && Date.now() - opened < 10_000) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        const started = await adapter.startBulkOperation({ type: 'bulk-delete', ids });
        await done;
        const transport = adapter.realtimeTransport;
        adapter.close();
        return { started, events, transport };
      },
      { adapterOptions, ids },
    );
  }

  function finalOf(events: MediaEvent[], id: string): BulkOperation | undefined {
    const progress = events.filter(
      (event): event is Extract<MediaEvent, { type: 'operation.progress' }> =>
        event.type === 'operation.progress' && event.operation.id === id,
    );
    return progress.at(-1)?.operation;
  }

  it('follows a bulk delete live over WebSocket, authenticated by the cookie', async () => {
    const { context, tab, caller } = await openPage();
    const ids = await seedFiles(caller, 60);
    const { started, events, transport } = await runBulkDelete(
      tab,
      { baseUrl: apiBase(), credentials: 'include' },
      ids,
    );
    expect(transport).toBe('websocket');
    expect(finalOf(events, started.id)).toMatchObject({ status: 'completed', processed: 60, failed: [] });
    expect(events.some((event) => event.type === 'media.changed')).toBe(true);
    expect((await service.listMedia(caller, { status: 'deleted', limit: 100 })).items).toHaveLength(60);
    await context.close();
  });

  it('falls back to Server-Sent Events when the socket cannot carry the bearer token', async () => {
    const { context, tab, caller } = await openPage('none');
    const ids = await seedFiles(caller, 30);
    const { started, events, transport } = await runBulkDelete(
      tab,
      { baseUrl: apiBase(), headers: { authorization: `Bearer ${caller.tenantId}.${caller.userId}` } },
      ids,
    );
    // Browsers cannot add headers to a WebSocket upgrade: 401 there, SSE over fetch sends them.
    expect(transport).toBe('sse');
    expect(finalOf(events, started.id)).toMatchObject({ status: 'completed', processed: 30 });
    await context.close();
  });

  it('cannot be called from an origin the server does not allow', async () => {
    const { context, tab } = await openPage('none');
    strictRequests.length = 0;
    const code = await tab.evaluate(async (baseUrl) => {
      const adapter = window.mediashelf.createRestAdapter({
        baseUrl,
        headers: { authorization: 'Bearer intruder.x' },
      });
      try {
        await adapter.listMedia();
        return 'listed';
      } catch (error) {
        return window.mediashelf.isMediaError(error) ? error.code : String(error);
      }
    }, `${strictApi.url}/api/media`);
    expect(code).toBe('NETWORK_ERROR');
    // The preflight was refused, so the request itself never reached the handler.
    await waitUntil(() => strictRequests.length > 0);
    expect(strictRequests).toEqual(['OPTIONS']);
    await context.close();
  });
});
