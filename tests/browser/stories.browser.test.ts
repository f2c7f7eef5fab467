import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithChromium, launchChromium, type ServedPage, servePage } from './browserHarness';

// Every story of stories/ rendered in Chromium as a portable story (its play function runs),
// checked for the state it promises and for WCAG 2.1 A/AA violations with axe.

describeWithChromium('stories in Chromium', () => {
  let served: ServedPage;
  let browser: Browser;

  beforeAll(async () => {
    served = await servePage('stories');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  async function openStory(name: string, theme: 'light' | 'dark' = 'light'): Promise<Page> {
    const tab = await browser.newPage();
    tab.setDefaultTimeout(15_000);
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(String(error)));
    await tab.goto(`${served.url}?theme=${theme}#${name}`);
    await tab.evaluate(() => window.storyDone);
    expect(errors).toEqual([]);
    return tab;
  }

  async function expectAccessible(tab: Page) {
    expect(await tab.evaluate(() => window.axeViolations())).toEqual([]);
  }

  it('Populated: lists the seeded files with their usage', async () => {
    const tab = await openStory('Populated');
    // Rendered inside the preview's theme decorator, as in Storybook.
    expect(await tab.locator('.mediashelf[data-theme="light"]').count()).toBe(1);
    await tab.getByRole('checkbox').first().waitFor();
    expect(await tab.getByRole('checkbox').count()).toBeGreaterThan(10);
    expect(await tab.getByText(/Used in \d+ place/).count()).toBeGreaterThan(0);
    await expectAccessible(tab);
    await tab.close();
  });

  it('Populated in the dark theme: the same, with enough contrast', async () => {
    const tab = await openStory('Populated', 'dark');
    expect(await tab.locator('.mediashelf[data-theme="dark"]').count()).toBe(1);
    await tab.getByRole('checkbox').first().waitFor();
    await expectAccessible(tab);
    await tab.close();
  });

  it('Empty: says the library is empty', async () => {
    const tab = await openStory('Empty');
    await tab.getByText('No files yet').waitFor();
    await expectAccessible(tab);
    await tab.close();
  });

  it('Loading: shows the loading status, then the files', async () => {
    const tab = await openStory('Loading');
    await tab.getByRole('status').waitFor();
    await expectAccessible(tab);
    await tab.getByRole('checkbox').first().waitFor();
    await tab.close();
  });

  it('Error: shows the error with a retry button', async () => {
    const tab = await openStory('ErrorState');
    await tab.getByRole('alert').waitFor();
    expect(await tab.getByRole('button', { name: 'Try again' }).count()).toBe(1);
    await expectAccessible(tab);
    await tab.close();
  });

  it('BulkDelete: its play function starts a bulk delete that runs to the end', async () => {
    const tab = await openStory('BulkDelete');
    await tab.getByText(/· completed/).waitFor({ timeout: 30_000 });
    await expectAccessible(tab);
    await tab.close();
  });
});
