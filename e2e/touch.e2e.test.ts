import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, launchChromium, login, screenshot, startDemoServer } from './support.js';

/** Controls a finger taps: each must be at least 40 × 40 px on a touch screen. */
const TAPPABLE = [
  'button',
  'a[href]',
  '[role="button"]',
  '[role="menuitem"]',
  'input:not([type="hidden"])',
  '.ant-select',
  '.ant-picker',
  '.ant-pagination-item',
  '.ant-checkbox-wrapper',
  '.ant-switch',
  '.ant-tree-switcher:not(.ant-tree-switcher-noop)',
].join(',');

interface Small {
  what: string;
  width: number;
  height: number;
}

/** Visible tap targets smaller than 40 px in either direction (inputs: the box around them). */
function smallTargets(page: Page): Promise<Small[]> {
  return page.evaluate((selector) => {
    const small: Small[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      // An input inside a wrapper (search box, select, checkbox) is measured by its wrapper.
      const box = (
        el.tagName === 'INPUT'
          ? (el.closest(
              '.ant-input-affix-wrapper, .ant-input-search, .ant-select, .ant-picker, .ant-checkbox-wrapper, .ant-segmented-item',
            ) ?? el)
          : el
      ).getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
      if (el.closest('[aria-hidden="true"], .ant-select-dropdown, .ant-dropdown-hidden')) continue;
      if (box.width < 39.5 || box.height < 39.5) {
        const text = (el.textContent ?? el.getAttribute('aria-label') ?? '').trim().slice(0, 40);
        small.push({
          what: `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 80)} “${text}”`,
          width: Math.round(box.width),
          height: Math.round(box.height),
        });
      }
    }
    return small;
  }, TAPPABLE);
}

describe('phone and tablet', () => {
  let server: DemoServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const width of [360, 768, 800]) {
    it(`at ${width} px on a touch screen: no horizontal overflow, every tap target at least 40 px`, async () => {
      const context = await browser.newContext({
        viewport: { width, height: 800 },
        hasTouch: true,
        isMobile: width < 768,
        locale: 'vi-VN',
      });
      const page = await context.newPage();
      await login(page, server.baseUrl, 'admin');
      const unit = await server.unitId('xa-ta-xua');
      for (const path of ['/home', '/plans', '/documents', '/units', `/units/${unit}`, '/audit', '/users']) {
        await page.goto(`${server.baseUrl}${path}`);
        await page.waitForLoadState('networkidle');
        await page
          .locator('.ant-spin-spinning')
          .first()
          .waitFor({ state: 'detached', timeout: 10_000 })
          .catch(() => {});
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${path} at ${width}px overflows`).toBeLessThanOrEqual(0);
        expect(await smallTargets(page), `${path} at ${width}px`).toEqual([]);
      }
      await screenshot(page, `touch-${width}-users`);
      await context.close();
    });
  }

  it('the desktop menu does not collapse to "···" at 1024 px', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 800 }, locale: 'vi-VN' });
    await login(page, server.baseUrl, 'admin');
    await page.goto(`${server.baseUrl}/plans`);
    await expect.poll(() => page.locator('.tk-header-menu .ant-menu-overflow-item-rest:visible').count()).toBe(0);
    await expect.poll(() => page.getByRole('menuitem', { name: 'Người dùng' }).isVisible()).toBe(true);
    await page.close();
  });
});
