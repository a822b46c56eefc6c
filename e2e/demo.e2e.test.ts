import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, launchChromium, login, screenshot, startDemoServer } from './support.js';

describe('the demo in Chromium', () => {
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

  it('giamsat opens the founding plan: 9 tasks, the Mass Mobilisation Board leads III.5', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await login(page, server.baseUrl, 'giamsat');
    await page.goto(`${server.baseUrl}/plans`);
    await page.getByText('Kế hoạch triển khai thực hiện Chỉ thị số 21-CT/TW').first().click();
    await page.waitForURL(/\/plans\/[0-9a-f-]{36}$/);
    const tasks = page.getByTestId('task');
    await expect.poll(() => tasks.count()).toBe(9);
    const lead = page.locator('[data-testid="task"][data-ref="III.5"] [data-testid="assignment"][data-role="lead"]');
    await expect.poll(() => lead.textContent()).toContain('Ban Dân vận Huyện ủy');
    await screenshot(page, 'plan-giamsat-desktop');

    await page.setViewportSize({ width: 360, height: 800 });
    await page.reload();
    await expect.poll(() => page.getByTestId('task').count()).toBe(9);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'plan-giamsat-phone');
    await page.close();
  });

  it('xa1-canbo opens their own commune but is refused another commune’s page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await login(page, server.baseUrl, 'xa1-canbo');
    await page.goto(`${server.baseUrl}/units/${await server.unitId('xa-ta-xua')}`);
    await expect.poll(() => page.getByRole('heading', { name: 'Xã Tà Xùa' }).count()).toBeGreaterThan(0);
    await screenshot(page, 'unit-own-commune');

    await page.goto(`${server.baseUrl}/units/${await server.unitId('xa-hang-chu')}`);
    const refusal = page.getByTestId('forbidden');
    await expect.poll(() => refusal.count()).toBe(1);
    expect(await refusal.textContent()).toContain('Bạn không có quyền xem dữ liệu của đơn vị này.');
    expect(await page.getByText('Xã Hang Chú').count()).toBe(0);
    await screenshot(page, 'unit-other-commune-forbidden');
    await page.close();
  });
});
