import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithChromium, launchChromium, type ServedPage, servePage } from './browserHarness';

// The memory adapter is the backend of stories and demos, so it must hold up in a real browser:
// Blob URLs, Web Crypto hashing, timers of the bulk jobs and abortable uploads.

describeWithChromium('memory adapter in Chromium', () => {
  let served: ServedPage;
  let browser: Browser;
  let tab: Page;

  beforeAll(async () => {
    served = await servePage('adapters');
    browser = await launchChromium();
    tab = await browser.newPage();
    tab.on('pageerror', (error) => console.error('page error:', error));
    await tab.goto(served.url);
    await tab.waitForFunction(() => document.title === 'ready');
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('serves uploads and versions as Blob URLs the page can read, and revokes replaced ones on purge', async () => {
    const result = await tab.evaluate(async () => {
      const adapter = window.mediashelf.createMemoryAdapter();
      const read = async (url: string) => {
        try {
          return await (await fetch(url)).text();
        } catch {
          return 'unreadable';
        }
      };
      const progress: number[] = [];
      const first = await adapter.uploadMedia({
        file: new File(['first draft'], 'essay.txt', { type: 'text/plain' }),
        onProgress: (loaded) => progress.push(loaded),
      });
      const second = await adapter.replaceMedia({
        id: first.id,
        file: new File(['final essay'], 'essay.txt', { type: 'text/plain' }),
      });
      const versions = await adapter.listVersions({ id: first.id });
      const urls = versions.map((version) => version.url);
      const contents = await Promise.all(urls.map(read));
      await adapter.deleteMedia({ id: first.id });
      await adapter.purgeMedia({ id: first.id });
      const afterPurge = await Promise.all(urls.map(read));
      adapter.dispose();
      return { first, second, urls, contents, afterPurge, progress };
    });
    expect(result.first.url).toMatch(/^blob:/);
    expect(result.second.version).toBe(2);
    expect(result.urls.every((url) => url.startsWith('blob:'))).toBe(true);
    expect(result.contents.sort()).toEqual(['final essay', 'first draft']);
    expect(result.afterPurge).toEqual(['unreadable', 'unreadable']);
    expect(result.progress.at(-1)).toBe('first draft'.length);
  });

  it('runs a bulk job on browser timers to completion with batched progress events', async () => {
    const result = await tab.evaluate(async () => {
      const adapter = window.mediashelf.createMemoryAdapter({ latency: 2 });
      const files = await Promise.all(
        Array.from({ length: 120 }, (_, index) =>
          adapter.uploadMedia({ file: new File([`file ${index}`], `f${index}.txt`, { type: 'text/plain' }) }),
        ),
      );
      const statuses: string[] = [];
      const done = new Promise<void>((resolve) =>
        adapter.subscribe((event) => {
          if (event.type !== 'operation.progress') return;
          statuses.push(event.operation.status);
          if (event.operation.status === 'completed') resolve();
        }),
      );
      const started = await adapter.startBulkOperation({
        type: 'bulk-delete',
        ids: files.map((file) => file.id),
      });
      await done;
      const final = await adapter.getOperation({ id: started.id });
      const trash = await adapter.listMedia({ status: 'deleted', limit: 200 });
      adapter.dispose();
      return { final, statuses, trashed: trash.items.length };
    });
    expect(result.final).toMatchObject({ status: 'completed', processed: 120, percentage: 100, failed: [] });
    expect(result.statuses.at(-1)).toBe('completed');
    expect(result.trashed).toBe(120);
  });

  it('aborts an upload with ABORTED and keeps nothing', async () => {
    const outcome = await tab.evaluate(async () => {
      const adapter = window.mediashelf.createMemoryAdapter({ latency: 200 });
      const controller = new AbortController();
      const uploading = adapter.uploadMedia({
        file: new File(['x'.repeat(10_000)], 'big.txt', { type: 'text/plain' }),
        signal: controller.signal,
      });
      setTimeout(() => controller.abort(), 20);
      const code = await uploading.then(
        () => 'uploaded',
        (error: unknown) => (window.mediashelf.isMediaError(error) ? error.code : String(error)),
      );
      const listed = await adapter.listMedia({ limit: 10 });
      adapter.dispose();
      return { code, count: listed.items.length };
    });
    expect(outcome).toEqual({ code: 'ABORTED', count: 0 });
  });
});
