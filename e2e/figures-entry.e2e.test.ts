import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearFigures } from '../server/src/test-support/indicators.js';
import { type DemoServer, launchChromium, login, screenshot, startDemoServer } from './support.js';

/** The annual period open today (Decree 09: the year's window ends on 14 December). */
function openPeriod(): string {
  const vn = new Date(Date.now() + 7 * 3_600_000);
  const late = vn.getUTCMonth() === 11 && vn.getUTCDate() >= 15;
  return String(vn.getUTCFullYear() + (late ? 1 : 0));
}

const settled = async (page: Page) => {
  await expect.poll(() => page.locator('.ant-spin-blur, .ant-spin-spinning').count()).toBe(0);
  await page.waitForTimeout(400);
};

describe('entering figures in Chromium', () => {
  let server: DemoServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startDemoServer();
    await clearFigures(server.db);
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a commune officer types figures, sees the broken rule on the cell as she types, fixes it and saves', async () => {
    const period = openPeriod();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await login(page, server.baseUrl, 'xa1-canbo');
    await page.goto(`${server.baseUrl}/indicators/entry?period=${period}`);
    await page.getByRole('link', { name: 'Đảng ủy xã Tà Xùa' }).first().click();
    await page.waitForURL(/\/indicators\/forms\//);
    await page.getByTestId('cell-CU_TONG-').fill('10');
    const cell = page.getByTestId('cell-CU_NU-AGE:duoi40|ETH:thai');
    await cell.fill('12');
    // Validation as you type: the rule women ≤ members is on the cell and in the summary.
    await expect.poll(() => page.getByTestId('figures-summary').textContent()).toMatch(/1 lỗi/);
    await expect
      .poll(() => page.locator('[data-testid="element-CU_NU"] .ant-input-number-status-error').count())
      .toBeGreaterThan(0);
    await screenshot(page, 'figures-form-error-desktop');
    await cell.fill('3');
    await expect.poll(() => page.getByTestId('figures-summary').textContent()).toMatch(/0 lỗi/);
    await expect.poll(() => page.getByTestId('total-CU_NU').textContent()).toMatch(/3/);
    await page.getByTestId('figures-save').click();
    await expect.poll(() => page.getByText('Đã lưu 2 ô.').count()).toBeGreaterThan(0);
    const du = await server.unitId('xa-ta-xua-du');
    const rows = await server.db
      .selectFrom('data_value')
      .select(['combo', 'value'])
      .where('unit_id', '=', du)
      .where('period_key', '=', period)
      .orderBy('combo')
      .execute();
    expect(rows.map((r) => [r.combo, Number(r.value)])).toEqual([
      ['', 10],
      ['AGE:duoi40|ETH:thai', 3],
    ]);
    await settled(page);
    await screenshot(page, 'figures-form-desktop');
    await page.goto(`${server.baseUrl}/indicators/entry?period=${period}`);
    await settled(page);
    await screenshot(page, 'figures-entry-desktop');

    const phone = await browser.newPage({
      viewport: { width: 360, height: 800 },
      locale: 'vi-VN',
      hasTouch: true,
      isMobile: true,
    });
    await login(phone, server.baseUrl, 'xa1-canbo');
    await phone.goto(`${server.baseUrl}/indicators/forms/${du}/${period}`);
    await expect.poll(() => phone.getByTestId('total-CU_NU').textContent()).toMatch(/3/);
    await settled(phone);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(phone, 'figures-form-360');
    await phone.goto(`${server.baseUrl}/indicators/entry?period=${period}`);
    await settled(phone);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(phone, 'figures-entry-360');
  }, 180_000);
});
