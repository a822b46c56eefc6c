import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, launchChromium, login, PASSWORD, screenshot, startDemoServer } from './support.js';

/** Two administrators edit the same unit: the second is told, sees the current values, loses nothing. */
describe('an edit made from an old version, in Chromium', () => {
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

  /** The other administrator, through the API. */
  async function otherAdminRenames(unitId: string, name: string) {
    const res = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const patch = await fetch(`${server.baseUrl}/api/v1/org-units/${unitId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ name }),
    });
    expect(patch.status).toBe(200);
  }

  it('shows the other change in Vietnamese and saves only after the current values are loaded', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await login(page, server.baseUrl, 'admin');
    const id = await server.unitId('xa-ta-xua');
    await page.goto(`${server.baseUrl}/units/${id}`);
    await page.getByTestId('edit-unit').click();
    const form = page.getByTestId('unit-form');
    await form.getByLabel('Tên viết tắt').fill('TX');

    await otherAdminRenames(id, 'Xã Tà Xùa (đổi tên)');
    await page.getByRole('button', { name: 'Lưu' }).click();
    const stale = page.getByTestId('stale-version');
    await expect.poll(() => stale.count()).toBe(1);
    expect(await stale.textContent()).toContain('Người khác đã sửa đơn vị này');
    expect(await stale.textContent()).toContain('Xã Tà Xùa (đổi tên)');
    await screenshot(page, 'unit-edit-stale-version');

    await page.getByTestId('stale-reload').click();
    expect(await form.getByLabel('Tên đơn vị').inputValue()).toBe('Xã Tà Xùa (đổi tên)');
    await form.getByLabel('Tên viết tắt').fill('TX');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => page.getByTestId('unit-form').count()).toBe(0);
    const res = await page.evaluate(async (unit) => (await fetch(`/api/v1/org-units/${unit}`)).json(), id);
    expect(res).toMatchObject({ name: 'Xã Tà Xùa (đổi tên)', shortName: 'TX', version: 3 });
    await page.close();
  });
});
