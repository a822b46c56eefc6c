import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, launchChromium, login, screenshot, startDemoServer } from './support.js';

const settled = async (page: Page) => {
  await expect.poll(() => page.locator('.ant-spin-blur, .ant-spin-spinning').count()).toBe(0);
  await page.waitForTimeout(600);
};

/**
 * The indicator dashboard with figures inserted for the district's communes (2021–2024): the
 * district monitor sees the roll-up, its colours and charts, drills into a commune; the same page
 * at 360 px has no horizontal overflow. Screenshots in test-output/screenshots/.
 */
describe('indicator dashboard in Chromium', () => {
  let server: DemoServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startDemoServer();
    const db = server.db;
    await db.deleteFrom('data_value_history').execute();
    await db.deleteFrom('data_value').execute();
    const el = async (code: string) =>
      (await db.selectFrom('data_element').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
    const [tong, nu] = [await el('CU_TONG'), await el('CU_NU')];
    const committees = await db
      .selectFrom('org_unit')
      .select(['id', 'code'])
      .where('kind', '=', 'party_committee')
      .where('level', '=', 'commune')
      .orderBy('code')
      .execute();
    const rows = [];
    for (const [i, u] of committees.entries()) {
      for (const year of [2021, 2022, 2023, 2024]) {
        const members = 13 + (i % 5);
        // Spread of shares: some below the 25 % target, some near it, some above.
        const women = Math.max(1, Math.round(members * (0.1 + ((i * 7) % 20) / 60 + (year - 2021) * 0.01)));
        rows.push({ unit_id: u.id, period_key: String(year), element_id: tong, combo: '', value: members });
        rows.push({
          unit_id: u.id,
          period_key: String(year),
          element_id: nu,
          combo: 'AGE:duoi40|ETH:kinh',
          value: Math.ceil(women / 2),
        });
        rows.push({
          unit_id: u.id,
          period_key: String(year),
          element_id: nu,
          combo: 'AGE:tu40|ETH:thai',
          value: Math.floor(women / 2),
        });
      }
    }
    await db.insertInto('data_value').values(rows).execute();
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the district monitor compares the communes, drills into one, and reads it at 360 px', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await login(page, server.baseUrl, 'giamsat');
    await page.goto(`${server.baseUrl}/indicators?indicator=W21-LD01&period=2024`);
    await expect.poll(() => page.getByTestId('dashboard-total').textContent()).toContain('Huyện Bắc Yên');
    await expect
      .poll(() => page.locator('[data-testid="chart-units"] canvas').count(), { message: errors.join('\n') })
      .toBeGreaterThan(0);
    expect(await page.locator('[data-testid^="status-"]').count()).toBeGreaterThan(3);
    await settled(page);
    await screenshot(page, 'indicators-dashboard-desktop');

    await page.getByLabel('Xem chi tiết Xã Hang Chú').click();
    await expect.poll(() => page.getByTestId('dashboard-total').textContent()).toContain('Xã Hang Chú');
    await settled(page);
    await screenshot(page, 'indicators-dashboard-commune');

    const phone = await browser.newPage({ viewport: { width: 360, height: 800 }, locale: 'vi-VN', hasTouch: true });
    await login(phone, server.baseUrl, 'giamsat');
    await phone.goto(`${server.baseUrl}/indicators?indicator=W21-LD01&period=2024`);
    await expect.poll(() => phone.locator('[data-testid="chart-units"] canvas').count()).toBeGreaterThan(0);
    await settled(phone);
    const overflow = await phone.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone, 'indicators-dashboard-360');
  });
});
