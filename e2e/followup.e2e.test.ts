import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../server/src/platform/clock.js';
import { insertTestObligations } from '../server/src/test-support/obligations.js';
import { type DemoServer, launchChromium, login, screenshot, startDemoServer } from './support.js';

const shift = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** "Việc cần làm" and the leader's home (features/followup), desktop and 360 px. */
describe('what I owe and the leader’s home in Chromium', () => {
  let server: DemoServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startDemoServer();
    // The demo's Tà Xùa has handed in every past report; a period past its deadline with nothing
    // handed in gives the commune something overdue, which must come first.
    const plan = await server.db
      .selectFrom('plan')
      .innerJoin('document', 'document.id', 'plan.document_id')
      .select('plan.id')
      .where('document.symbol', '=', '45-KH/HU')
      .executeTakeFirstOrThrow();
    const now = today();
    await insertTestObligations(server.db, plan.id, [
      { key: 'KY-QH', start: shift(now, -120), end: shift(now, -40), due: shift(now, -30) },
    ]);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a commune officer lands on Việc cần làm: overdue first, filtered, usable at 360 px', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await login(page, server.baseUrl, 'xa1-canbo');
    await page.waitForURL(/\/todo$/);
    const rows = page.getByTestId('obligation-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    expect(await rows.first().getByTestId('obligation-state').textContent()).toBe('Quá hạn');
    expect(await page.getByTestId('todo-units').textContent()).toContain('Tà Xùa');
    const href = await rows.first().getAttribute('href');
    expect(href).toMatch(/^\/obligations\/[0-9a-f-]{36}$/);
    await screenshot(page, 'followup-todo-desktop');

    // The demo's accepted reports (its history) are listed after what is owed; the filter shows them only.
    await page.getByTestId('todo-filter').getByText('Đã duyệt').click();
    await expect
      .poll(async () => new Set(await rows.getByTestId('obligation-state').allTextContents()))
      .toEqual(new Set(['Đã duyệt']));

    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${server.baseUrl}/todo`);
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'followup-todo-phone');
    await page.close();
  });

  it('a commune without its own plan sees “issue your own implementing plan”', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const hangChu = await server.unitId('xa-hang-chu');
    const { hashPassword } = await import('../server/src/platform/auth/password.js');
    const user = await server.db
      .insertInto('app_user')
      .values({
        username: 'hc-truong',
        display_name: 'Bí thư Hang Chú',
        password_hash: await hashPassword('e2e-demo-password'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await server.db
      .insertInto('role_grant')
      .values({ user_id: user.id, unit_id: hangChu, role: 'unit_head' })
      .execute();
    await login(page, server.baseUrl, 'hc-truong');
    await page.waitForURL(/\/todo$/);
    const issue = page.getByTestId('plans-to-issue');
    await expect.poll(() => issue.textContent()).toContain('45-KH/HU');
    expect(await issue.textContent()).toContain('Nhập kế hoạch');
    await screenshot(page, 'followup-todo-issue-plan');
    await page.close();
  });

  it('the district monitor lands on the home: counts by state and the most urgent', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await login(page, server.baseUrl, 'giamsat');
    await page.waitForURL(/\/home$/);
    const counts = page.getByTestId('home-counts');
    await expect.poll(() => counts.textContent()).toContain('Quá hạn');
    await expect.poll(() => page.getByTestId('obligation-row').count()).toBeGreaterThan(0);
    await screenshot(page, 'followup-home-desktop');
    await page.setViewportSize({ width: 360, height: 800 });
    await page.reload();
    await expect.poll(() => page.getByTestId('obligation-row').count()).toBeGreaterThan(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'followup-home-phone');
    await page.close();
  });
});
