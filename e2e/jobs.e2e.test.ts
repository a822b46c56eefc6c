import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, launchChromium, login, screenshot, startDemoServer } from './support.js';

describe('the background jobs page in Chromium', () => {
  let server: DemoServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startDemoServer();
    server.jobs.define({
      name: 'test.report',
      retryLimit: 0,
      handler: async () => {
        throw new Error('Máy chủ báo cáo không trả lời');
      },
    });
    await server.jobs.send('test.report', {}, { key: 'bao-cao-quy-1' });
    await server.jobs.send('auth.purge-sessions', {}, { startAfter: new Date(Date.now() + 86_400_000) });
    await server.jobs.start({ pollingIntervalSeconds: 0.5, schedules: true });
    const deadline = Date.now() + 30_000;
    while ((await server.jobs.counts()).failed !== 1 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    await server.jobs.stop();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the administrator sees queued and failed jobs in Vietnamese and runs the failed one again', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await login(page, server.baseUrl, 'admin');
    await page.getByRole('link', { name: 'Công việc nền' }).click();
    await page.waitForURL(/\/jobs$/);
    const table = page.getByTestId('jobs-table');
    await expect.poll(() => table.textContent()).toContain('Dọn phiên đăng nhập hết hạn');
    expect(await table.textContent()).toContain('Đang chờ');
    expect(await page.getByTestId('job-schedules').textContent()).toContain('Dọn phiên đăng nhập hết hạn (30 2 * * *)');
    const failed = page.locator('tr', { hasText: 'bao-cao-quy-1' });
    expect(await failed.textContent()).toContain('Lỗi');
    await expect.poll(() => page.locator('.ant-spin-blur, .ant-spin-spinning').count()).toBe(0);
    await screenshot(page, 'jobs-admin-desktop');
    await failed.getByRole('button', { name: 'Chạy lại' }).click();
    await expect.poll(() => failed.textContent()).toContain('Chờ thử lại');

    await page.setViewportSize({ width: 360, height: 800 });
    await page.reload();
    await expect.poll(() => page.getByTestId('jobs-table').textContent()).toContain('Chờ thử lại');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect.poll(() => page.locator('.ant-spin-blur, .ant-spin-spinning').count()).toBe(0);
    await screenshot(page, 'jobs-admin-phone');
    await page.close();
  });

  it('a monitor has no jobs menu and is refused the page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await login(page, server.baseUrl, 'giamsat');
    expect(await page.getByRole('link', { name: 'Công việc nền' }).count()).toBe(0);
    await page.goto(`${server.baseUrl}/jobs`);
    await expect.poll(() => page.textContent('body')).not.toContain('Dọn phiên đăng nhập');
    await page.close();
  });
});
