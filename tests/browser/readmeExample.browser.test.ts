import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultMediaLabels } from 'mediashelf/headless';
import { createTestFile } from 'mediashelf/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDatabase, type MediaDatabaseHandle } from '../../src/server/db';
import { createMediaHandler } from '../../src/server/http';
import { createMediaService } from '../../src/server/service/createMediaService';
import type { MediaContext, MediaService } from '../../src/server/service/MediaService';
import { createMemoryStorage } from '../../src/server/storage';
import {
  authenticateSession as authenticate,
  describeWithChromium,
  launchChromium,
  PAGES_DIR,
  SESSION_COOKIE,
  type ServedPage,
  servePage,
} from './browserHarness';

// The README's "Headless usage" example, copied out of README.md as it stands and run in
// Chromium against a real server on the same origin: if the documented code breaks, this fails.

const README = join(import.meta.dirname, '..', '..', 'README.md');
const labels = defaultMediaLabels;

function extractExample(): string {
  const readme = readFileSync(README, 'utf8');
  const section = readme.indexOf('## Headless usage');
  const start = readme.indexOf('```tsx\n', section);
  const end = readme.indexOf('\n```', start + 7);
  if (section < 0 || start < 0 || end < 0)
    throw new Error('README has no tsx block under "## Headless usage"');
  return `// Generated from README.md by readmeExample.browser.test.ts; do not edit.\n${readme.slice(start + 7, end)}\n`;
}

async function asUpload(file: File) {
  return { name: file.name, mimeType: file.type, buffer: Buffer.from(await file.arrayBuffer()) };
}

describeWithChromium('README headless example in Chromium', () => {
  let db: MediaDatabaseHandle;
  let service: MediaService;
  let served: ServedPage;
  let browser: Browser;
  let tab: Page;
  const teacher: MediaContext = { tenantId: 'school-readme', userId: 'teacher' };

  beforeAll(async () => {
    mkdirSync(join(PAGES_DIR, 'generated'), { recursive: true });
    writeFileSync(join(PAGES_DIR, 'generated', 'readmeExample.tsx'), extractExample());
    db = await createDatabase({ migrate: true });
    service = createMediaService({ db, storage: createMemoryStorage() });
    served = await servePage('headless', {
      api: createMediaHandler({ service, authenticate }),
      websocket: { service, authenticate },
    });
    browser = await launchChromium();
    const context = await browser.newContext();
    context.setDefaultTimeout(15_000);
    await context.addCookies([
      { name: SESSION_COOKIE, value: `${teacher.tenantId}.${teacher.userId}`, url: served.origin },
    ]);
    tab = await context.newPage();
    tab.on('pageerror', (error) => console.error('page error:', error));
    await tab.goto(served.url);
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
    await service?.close();
    await db?.close();
  });

  const fileRows = () => tab.locator('section').nth(1).locator('ul > li');
  const nameFields = () => tab.getByRole('textbox', { name: 'File name' });

  it('is a production bundle without the development checks', async () => {
    expect(await tab.evaluate(() => window.mediashelfDevelopment)).toBe(false);
  });

  it('uploads the files a user picks, refuses a type it does not accept, and lists the uploads', async () => {
    const png = createTestFile({ name: 'Cell diagram.png', type: 'image/png', size: 4096 });
    const pdf = createTestFile({ name: 'Syllabus.pdf', type: 'application/pdf', size: 2048 });
    const text = createTestFile({ name: 'notes.txt', type: 'text/plain' });
    await tab
      .locator('input[type=file]')
      .setInputFiles([await asUpload(png), await asUpload(pdf), await asUpload(text)]);
    const tray = tab.locator('section').first().locator('ul > li');
    await expect.poll(() => tray.count()).toBe(3);
    await expect.poll(() => tray.filter({ hasText: 'done 100%' }).count(), { timeout: 15_000 }).toBe(2);
    await expect
      .poll(() => tray.filter({ hasText: 'notes.txt' }).getByRole('alert').textContent())
      .toContain(labels.unsupportedType('notes.txt', 'text/plain'));
    await expect
      .poll(() =>
        nameFields().evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value)),
      )
      .toEqual(expect.arrayContaining(['Cell diagram.png', 'Syllabus.pdf']));
    const stored = await service.listMedia(teacher, {});
    expect(stored.items.map((file) => file.fileName).sort()).toEqual(['Cell diagram.png', 'Syllabus.pdf']);
  });

  it('renames from the inline field, optimistically and on the server', async () => {
    // A handle, not a locator: the value attribute the locator matches changes while typing.
    const field = (await nameFields().and(tab.locator('[value="Syllabus.pdf"]')).elementHandle())!;
    await field.fill('Syllabus 2026.pdf');
    await field.press('Enter');
    await expect
      .poll(async () => (await service.listMedia(teacher, { search: 'Syllabus' })).items[0]?.fileName)
      .toBe('Syllabus 2026.pdf');
  });

  it('shows a change made elsewhere through the realtime connection', async () => {
    const { items } = await service.listMedia(teacher, { search: 'Cell' });
    await service.linkMedia(teacher, {
      mediaId: items[0]!.id,
      resourceType: 'lesson',
      resourceId: 'bio-101-3',
      resourceTitle: 'Lesson 3: The cell',
    });
    const row = fileRows().filter({ has: tab.locator('[value="Cell diagram.png"]') });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain(labels.usedIn(1));
  });

  it('refuses to trash a file a course uses and says where it is used', async () => {
    const row = fileRows().filter({ has: tab.locator('[value="Cell diagram.png"]') });
    await row.getByRole('button', { name: labels.delete }).click();
    const dialog = tab.getByRole('dialog', { name: labels.deleteDialogTitle });
    await expect.poll(() => dialog.textContent()).toContain('lesson: Lesson 3: The cell');
    expect(await dialog.textContent()).toContain(labels.deleteInUseMessage(1));
    // The optimistic removal was rolled back: the file is still listed, and still active.
    expect(await row.count()).toBe(1);
    const { items } = await service.listMedia(teacher, { search: 'Cell' });
    expect(items[0]?.status).toBe('active');
    await dialog.getByRole('button', { name: labels.close }).click();
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('moves an unused file to the trash', async () => {
    const row = fileRows().filter({ has: tab.locator('[value="Syllabus 2026.pdf"]') });
    await row.getByRole('button', { name: labels.delete }).click();
    await expect.poll(() => row.count()).toBe(0);
    await expect
      .poll(async () =>
        (await service.listMedia(teacher, { status: 'deleted' })).items.map((file) => file.fileName),
      )
      .toEqual(['Syllabus 2026.pdf']);
  });
});
