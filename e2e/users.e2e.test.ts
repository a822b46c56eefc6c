import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, launchChromium, login, PASSWORD, screenshot, startDemoServer } from './support.js';

/** Clicks the option of the open select whose text matches. */
async function pick(page: Page, text: RegExp) {
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

describe('people, grants and passwords in Chromium', () => {
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

  it('an administrator creates a user with a grant, gives a second grant and deactivates the account', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await login(page, server.baseUrl, 'admin');
    await page.getByRole('menuitem', { name: 'Người dùng' }).click();
    await page.waitForURL(/\/users$/);
    await page.getByTestId('user-add').click();
    const form = page.getByTestId('user-create-form');
    await form.getByLabel('Tên đăng nhập').fill('xa2-canbo');
    await form.getByLabel('Họ tên, chức vụ').fill('Vàng A Lử (cán bộ xã Hang Chú)');
    await form.getByLabel('Mật khẩu mới').fill('xa2'); // too short: the form says so
    await page.getByTestId('user-create-submit').click();
    await expect.poll(() => form.getByText('Ít nhất 10 ký tự').count()).toBeGreaterThan(0);
    await form.getByLabel('Mật khẩu mới').fill('nuong-ngo-hang-chu');
    await form.getByLabel('Đơn vị được phân quyền').click();
    await page.keyboard.type('Xã Hang Chú');
    await pick(page, /^Xã Hang Chú/);
    await page.getByTestId('user-create-submit').click();
    await expect.poll(() => page.getByText('xa2-canbo').count()).toBe(1);

    await page
      .getByRole('row', { name: /xa2-canbo/ })
      .getByTestId('user-edit')
      .click();
    const drawer = page.getByTestId('user-drawer');
    await expect.poll(() => drawer.getByTestId('grant-list').textContent()).toContain('Xã Hang Chú');
    await drawer.locator('.tk-grant-add .ant-select').nth(1).click();
    await page.keyboard.type('Xã Tà Xùa');
    await pick(page, /^Xã Tà Xùa/);
    await drawer.getByTestId('grant-add').click();
    await expect.poll(() => drawer.getByTestId('grant-list').textContent()).toContain('Xã Tà Xùa');
    // The same grant again: the server's Vietnamese refusal.
    await drawer.locator('.tk-grant-add .ant-select').nth(1).click();
    await page.keyboard.type('Xã Tà Xùa');
    await pick(page, /^Xã Tà Xùa/);
    await drawer.getByTestId('grant-add').click();
    await expect.poll(() => page.getByText('Người dùng đã có vai trò này tại đơn vị này.').count()).toBeGreaterThan(0);
    await screenshot(page, 'users-drawer');
    await drawer.getByTestId('user-active').click();
    await expect.poll(() => page.getByRole('row', { name: /xa2-canbo/ }).textContent()).toContain('Đã khóa');
    await page.close();

    const login2 = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'xa2-canbo', password: 'nuong-ngo-hang-chu' }),
    });
    expect(login2.status).toBe(401);
  });

  it('searches people on the server without diacritics; an edit made from an old version shows the other change', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await login(page, server.baseUrl, 'admin');
    await page.goto(`${server.baseUrl}/users`);
    await page.getByLabel('Tìm theo tên, tên đăng nhập, đơn vị').fill('vang a lu');
    const rows = page.getByTestId('users-table').locator('.ant-table-tbody .ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('xa2-canbo');
    const listed = await page.evaluate(async () => (await fetch('/api/v1/users?q=V%C3%80NG%20L%E1%BB%AC')).json());
    expect(listed).toMatchObject({ total: 1, items: [{ username: 'xa2-canbo' }] });

    await rows.first().getByTestId('user-edit').click();
    const form = page.getByTestId('user-edit-form');
    await form.getByLabel('Họ tên, chức vụ').fill('Vàng A Lử (phó chủ tịch xã)');
    // Another administrator renames the same person meanwhile.
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
    const id = (listed as { items: { id: string }[] }).items[0]?.id;
    const other = await fetch(`${server.baseUrl}/api/v1/users/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ displayName: 'Vàng A Lử (chủ tịch xã)' }),
    });
    expect(other.status).toBe(200);

    await page.getByTestId('user-save').click();
    const stale = page.getByTestId('stale-version');
    await expect.poll(() => stale.count()).toBe(1);
    expect(await stale.textContent()).toContain('Người khác đã sửa người dùng này');
    expect(await stale.textContent()).toContain('Vàng A Lử (chủ tịch xã)');
    await screenshot(page, 'user-edit-stale-version');
    await page.getByTestId('stale-reload').click();
    expect(await form.getByLabel('Họ tên, chức vụ').inputValue()).toBe('Vàng A Lử (chủ tịch xã)');
    await form.getByLabel('Họ tên, chức vụ').fill('Vàng A Lử (chủ tịch xã, bí thư)');
    await page.getByTestId('user-save').click();
    await expect.poll(() => page.getByText('Đã lưu').count()).toBeGreaterThan(0);
    expect(await stale.count()).toBe(0);
    const now = await page.evaluate(async (user) => (await fetch(`/api/v1/users/${user}`)).json(), id);
    expect(now).toMatchObject({ displayName: 'Vàng A Lử (chủ tịch xã, bí thư)', version: 5 });
    await page.close();
  });

  it('every user changes their own password from the user menu', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await login(page, server.baseUrl, 'thuongtruc');
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Đổi mật khẩu' }).click();
    const form = page.getByTestId('password-form');
    await form.getByLabel('Mật khẩu hiện tại').fill('khong-phai-mat-khau');
    await form.getByLabel('Mật khẩu mới', { exact: true }).fill('suoi-tra-ta-xua-2025');
    await form.getByLabel('Nhập lại mật khẩu mới').fill('suoi-tra-ta-xua-2025');
    await page.getByTestId('password-save').click();
    await expect.poll(() => form.getByText('Mật khẩu hiện tại không đúng.').count()).toBe(1);
    await form.getByLabel('Mật khẩu hiện tại').fill(PASSWORD);
    await page.getByTestId('password-save').click();
    await expect.poll(() => page.getByText('Đã đổi mật khẩu.', { exact: false }).count()).toBeGreaterThan(0);
    await page.close();

    const res = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'thuongtruc', password: 'suoi-tra-ta-xua-2025' }),
    });
    expect(res.status).toBe(200);
  });

  it('the audit page shows names, the changed fields in Vietnamese and failed sign-ins', async () => {
    await fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'giamsat', password: 'doan-bua-thoi' }),
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await login(page, server.baseUrl, 'admin');
    await page.goto(`${server.baseUrl}/audit`);
    const failed = page.getByRole('row', { name: /Đăng nhập thất bại/ }).first();
    await expect.poll(() => failed.textContent()).toContain('Khách (chưa đăng nhập)');
    await failed.locator('.ant-table-row-expand-icon').click();
    const changes = page.getByTestId('audit-changes').first();
    await expect.poll(() => changes.textContent()).toContain('Tên đăng nhập');
    expect(await changes.textContent()).toContain('Sai mật khẩu');
    const deactivated = page.getByRole('row', { name: /Khóa người dùng/ }).first();
    await expect.poll(() => deactivated.textContent()).toContain('Vàng A Lử');
    await screenshot(page, 'audit-names');
    await page.close();
  });
});
