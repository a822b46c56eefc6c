import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, launchChromium, login, screenshot, startDemoServer } from './support.js';

/** "Việc cần làm" and the leader's home (features/followup), desktop and 360 px. */
describe('what I owe and the leader’s home in Chromium', () => {
  let server: DemoServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startDemoServer();
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

    await page.getByTestId('todo-filter').getByText('Đã duyệt').click();
    await expect.poll(() => page.getByText('Không có báo cáo nào.').count()).toBe(1);

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
