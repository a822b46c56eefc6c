import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRemindersAt } from '../server/src/modules/reminders/index.js';
import { clearFollowup, insertTestObligations } from '../server/src/test-support/obligations.js';
import { type DemoServer, launchChromium, login, screenshot, startDemoServer } from './support.js';

/** The reminder screens: the bell and its drawer, the letter page, the plan's ladder — desktop and 360 px. */
describe('reminders and escalation in Chromium', () => {
  let server: DemoServer;
  let browser: Browser;
  let planId: string;

  beforeAll(async () => {
    server = await startDemoServer();
    planId = (await server.db.selectFrom('plan').select('id').executeTakeFirstOrThrow()).id;
    // The demo's follow-through moves with today's date (modules/followup/demo.seed.ts): its
    // notifications and letters would mix with this period's in the bell. The screens are shown
    // with this test's reminders alone.
    await clearFollowup(server.db);
    await insertTestObligations(server.db, planId, [
      { key: '2026-Q3', start: '2026-07-01', end: '2026-09-15', due: '2026-09-20' },
    ]);
    for (const day of ['2026-09-17', '2026-09-21', '2026-09-27']) await runRemindersAt(server.db, `${day}T02:00:00Z`);
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const settle = (page: Page) => expect.poll(() => page.locator('.ant-spin-blur, .ant-spin-spinning').count()).toBe(0);
  const noOverflow = async (page: Page) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

  it('a commune officer sees the unread count and the reminders, on a desktop and a phone', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await login(page, server.baseUrl, 'xa1-canbo');
    const bell = page.getByTestId('notification-bell');
    await expect
      .poll(async () => (await bell.getAttribute('aria-label')) ?? '')
      .toMatch(/Thông báo \([1-9]\d* chưa đọc\)/);
    await bell.click();
    const list = page.getByTestId('notification-list');
    await expect.poll(() => list.textContent()).toContain('Đôn đốc báo cáo quá hạn');
    expect(await list.textContent()).toContain('Nhắc báo cáo');
    expect(await list.textContent()).toContain('20/09/2026');
    await settle(page);
    await screenshot(page, 'notifications-officer-desktop');
    await page.getByRole('button', { name: 'Đánh dấu đã đọc hết' }).click();
    await expect.poll(async () => (await bell.getAttribute('aria-label')) ?? '').toBe('Thông báo (0 chưa đọc)');

    await page.setViewportSize({ width: 360, height: 800 });
    await page.reload();
    await page.getByTestId('notification-bell').click();
    await expect.poll(() => page.getByTestId('notification-list').textContent()).toContain('Nhắc báo cáo');
    await settle(page);
    await noOverflow(page);
    await screenshot(page, 'notifications-officer-phone');
    await page.close();
  });

  it('the district monitor opens the drafted letter from the bell, edits, downloads and issues it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await login(page, server.baseUrl, 'giamsat');
    await page.getByTestId('notification-bell').click();
    const item = page.locator('.tk-notification', { hasText: 'Yêu cầu giải trình (dự thảo)' }).first();
    await item.click();
    await page.waitForURL(/\/explanation-letters\//);
    const form = page.getByTestId('letter-form');
    await expect
      .poll(() => page.getByLabel('Nội dung (các đoạn cách nhau một dòng trống)').inputValue())
      .toContain('20/09/2026');
    await page.getByLabel('Họ tên người ký').fill('Lò Văn Minh');
    await page.getByTestId('letter-save').click();
    await expect.poll(() => page.getByText('Đã lưu dự thảo.').count()).toBeGreaterThan(0);
    await settle(page);
    await screenshot(page, 'letter-monitor-desktop');
    const href = (await page.getByTestId('letter-download').getAttribute('href')) as string;
    const docx = await page.request.get(`${server.baseUrl}${href}`);
    expect(docx.status()).toBe(200);
    expect((await docx.body()).subarray(0, 2).toString()).toBe('PK');

    await page.setViewportSize({ width: 360, height: 800 });
    await page.reload();
    await expect.poll(() => form.isVisible()).toBe(true);
    await settle(page);
    await noOverflow(page);
    await screenshot(page, 'letter-monitor-phone');

    await page.getByTestId('letter-number').fill('27');
    await page.getByTestId('letter-issue').click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /OK|Đồng ý/ })
      .click();
    await expect.poll(() => page.getByText('Đã ban hành: số 27').count()).toBeGreaterThan(0);
    await screenshot(page, 'letter-issued-phone');
    await page.close();
  });

  it('the monitor edits the plan’s reminder ladder on the plan page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await login(page, server.baseUrl, 'giamsat');
    await page.goto(`${server.baseUrl}/plans/${planId}`);
    const card = page.getByTestId('followup-settings');
    await expect.poll(() => card.textContent()).toContain('Mặc định');
    await card.locator('input.ant-input-number-input').first().fill('5');
    await page.getByTestId('followup-settings-save').click();
    await expect.poll(() => page.getByText('Đã lưu thang nhắc việc.').count()).toBeGreaterThan(0);
    await expect.poll(() => card.textContent()).not.toContain('Mặc định');
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-output/screenshots/followup-settings-desktop.png' });
    await page.setViewportSize({ width: 360, height: 800 });
    await page.reload();
    await expect.poll(() => page.getByTestId('followup-settings').textContent()).toContain('Nhắc');
    await page.getByTestId('followup-settings').scrollIntoViewIfNeeded();
    await noOverflow(page);
    await page.screenshot({ path: 'test-output/screenshots/followup-settings-phone.png' });
    await page.close();
  });
});
