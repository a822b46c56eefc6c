import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, launchChromium, login, screenshot, startDemoServer } from './support.js';

describe('the indicator catalogue in Chromium', () => {
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

  it('a commune officer reads definitions, formulas in words and targets with sources at 360 px, without edit buttons', async () => {
    const phone = await browser.newPage({ viewport: { width: 360, height: 800 }, locale: 'vi-VN', hasTouch: true });
    await login(phone, server.baseUrl, 'xa1-canbo');
    await phone.goto(`${server.baseUrl}/indicators/catalogue`);
    await phone.getByTestId('catalogue-indicator-W21-LD01').click();
    await expect.poll(() => phone.getByTestId('catalogue-formula').first().textContent()).toContain('Nữ cấp ủy viên');
    const body = await phone.locator('body').textContent();
    expect(body).toContain('Nghị quyết 11-NQ/TW');
    expect(body).toContain('Số nữ cấp ủy viên ÷ tổng số cấp ủy viên');
    expect(await phone.getByTestId('catalogue-edit-W21-LD01').count()).toBe(0);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone, 'indicators-catalogue-360');
    await phone.close();
  });

  it('an administrator edits an indicator in a drawer; a broken formula is refused with its problem', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await login(page, server.baseUrl, 'admin');
    await page.goto(`${server.baseUrl}/indicators/catalogue`);
    await page.getByTestId('catalogue-indicator-W21-LD06').click();
    await page.getByTestId('catalogue-edit-W21-LD06').click();
    const form = page.getByTestId('catalogue-indicator-form');
    await form.locator('#denominator').fill('QH_KHONG_CO');
    await page.getByTestId('catalogue-save').click();
    await expect.poll(() => page.getByTestId('catalogue-error').textContent()).toContain('QH_KHONG_CO');
    await form.locator('#denominator').fill('QH_TONG');
    await form.locator('#nameVi').fill('Tỷ lệ nữ trong quy hoạch cán bộ');
    await page.getByTestId('catalogue-save').click();
    await expect
      .poll(() => page.getByTestId('catalogue-indicator-W21-LD06').textContent())
      .toContain('Tỷ lệ nữ trong quy hoạch cán bộ');
    const row = await server.db
      .selectFrom('indicator')
      .select(['name_vi', 'denominator', 'version'])
      .where('code', '=', 'W21-LD06')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name_vi: 'Tỷ lệ nữ trong quy hoạch cán bộ', denominator: 'QH_TONG', version: 2 });
    await page.close();
  });
});
