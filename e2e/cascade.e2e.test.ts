import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, launchChromium, login, SCREENSHOTS, screenshot, startDemoServer } from './support.js';

/** The cascade names the first units of each status; "Xem tất cả" pages through every one. */
describe('the cascade in Chromium', () => {
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

  it('giamsat sees the district plan’s counts and first units, then every unit by pages, searched and filtered', async () => {
    const district = await server.db
      .selectFrom('document')
      .select('id')
      .where('symbol', '=', '45-KH/HU')
      .executeTakeFirstOrThrow();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await login(page, server.baseUrl, 'giamsat');
    await page.goto(`${server.baseUrl}/documents/${district.id}`);
    const cascade = page.getByTestId('cascade');
    await cascade.waitFor();
    const summary = page.getByTestId('coverage-summary').first();
    await expect.poll(() => summary.textContent()).toContain('/20 đơn vị đã ban hành kế hoạch');
    // At most five of each status in the answer: fewer rows than the 20 expected units.
    const first = await cascade.getByTestId('coverage-row').count();
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(20);
    await screenshot(page, 'cascade-desktop');

    await page.getByTestId('coverage-all').first().click();
    const list = page.getByTestId('coverage-list');
    await list.waitFor();
    await expect.poll(() => list.getByTestId('coverage-row').count()).toBe(20);
    await page.waitForTimeout(600);
    await page.screenshot({ path: join(SCREENSHOTS, 'cascade-all-desktop.png') });

    // Search by name, without diacritics.
    await list.getByRole('searchbox').fill('hang chu');
    await list.getByRole('searchbox').press('Enter');
    await expect.poll(() => list.getByTestId('coverage-row').count()).toBe(1);
    expect(await list.getByTestId('coverage-row').first().textContent()).toContain('Đảng ủy xã Hang Chú');

    // Filter by status: only the units that have issued late.
    await list.getByRole('searchbox').fill('');
    await list.getByRole('searchbox').press('Enter');
    // The whole list back before the filter opens (a refetch re-renders the filter under the click).
    await expect.poll(() => list.getByTestId('coverage-row').count()).toBe(20);
    await list.getByTestId('coverage-status').click();
    await page.getByTitle('Ban hành chậm').click();
    await expect.poll(() => list.getByTestId('coverage-row').count()).toBe(4);
    const statuses = await list
      .locator('[data-testid="coverage-row"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
    expect(new Set(statuses)).toEqual(new Set(['late']));
    await page.waitForTimeout(600);
    await page.screenshot({ path: join(SCREENSHOTS, 'cascade-all-late-desktop.png') });
    await page.keyboard.press('Escape');

    await page.setViewportSize({ width: 360, height: 800 });
    await page.reload();
    await page.getByTestId('cascade').waitFor();
    await expect.poll(() => page.getByTestId('coverage-row').count()).toBe(first);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'cascade-phone');
    // What the phone shows: the viewport, at the cascade.
    await page.getByTestId('cascade').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'cascade-phone-view.png') });
    await page.getByTestId('coverage-all').first().click();
    await page.getByTestId('coverage-list').waitFor();
    await expect.poll(() => page.getByTestId('coverage-list').getByTestId('coverage-row').count()).toBe(20);
    // The modal's opening animation ends before the picture.
    await page.waitForTimeout(600);
    await page.screenshot({ path: join(SCREENSHOTS, 'cascade-all-phone.png') });
    await page.close();
  });
});
