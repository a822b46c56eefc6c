import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearFollowup } from '../server/src/test-support/obligations.js';
import { type DemoServer, launchChromium, login, screenshot, startDemoServer } from './support.js';

/** Vietnam's date today, as the server's clock sees it, in the picker's DD/MM/YYYY. */
function todayVi(): string {
  const [y, m, d] = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** No spinner left, and its fade-out (0.3 s) over before a screenshot. */
const settled = async (page: Page) => {
  await expect.poll(() => page.locator('.ant-spin-blur, .ant-spin-spinning').count()).toBe(0);
  await page.waitForTimeout(400);
};

describe('dissemination in Chromium', () => {
  let server: DemoServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startDemoServer();
    // The demo records sessions for half the units; this test counts its own.
    await clearFollowup(server.db);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a commune officer records a session at 360 px; the district monitor sees it counted', async () => {
    const phone = await browser.newPage({ viewport: { width: 360, height: 800 }, locale: 'vi-VN', hasTouch: true });
    await login(phone, server.baseUrl, 'xa1-canbo');
    // The officer lands on Việc cần làm; the plans are one menu entry away.
    await phone.waitForURL(/\/todo$/);
    await phone.goto(`${server.baseUrl}/plans`);
    await phone.getByText('Kế hoạch triển khai thực hiện Chỉ thị số 21-CT/TW').first().click();
    await phone.getByTestId('view-dissemination').click();
    await phone.waitForURL(/\/dissemination$/);
    await expect.poll(() => phone.getByTestId('dissemination-pending').textContent()).toContain('Đảng ủy xã Tà Xùa');
    expect(await phone.getByTestId('total-sessions').textContent()).toContain('0');

    const form = phone.getByTestId('dissemination-record');
    await form.locator('#record_heldOn').click();
    await form.locator('#record_heldOn').fill(todayVi());
    await form.locator('#record_heldOn').press('Enter');
    await form.locator('#record_title').fill('Hội nghị quán triệt Kế hoạch 45-KH/HU tại xã Tà Xùa');
    await form.locator('#record_participants_cadres').fill('7');
    await form.locator('#record_participants_associationMembers').fill('45');
    await form.locator('#record_materials').fill('Tài liệu hỏi – đáp về Chỉ thị 21');
    await form.getByTestId('dissemination-save').click();
    await expect.poll(() => phone.getByTestId('total-sessions').textContent()).toContain('1');
    expect(await phone.getByTestId('total-participants').textContent()).toContain('52');
    await expect
      .poll(() => phone.getByTestId('dissemination-sessions').textContent())
      .toContain('Hội nghị quán triệt Kế hoạch 45-KH/HU tại xã Tà Xùa');
    expect(await phone.getByTestId('dissemination-pending').textContent()).not.toContain(
      'Hội Liên hiệp Phụ nữ xã Tà Xùa',
    );
    // Edit it: one more cadre.
    await phone.getByTestId('dissemination-session').getByRole('button', { name: 'Sửa' }).click();
    const modal = phone.locator('.ant-modal');
    await modal.locator('#edit_participants_cadres').fill('8');
    await modal.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => phone.getByTestId('total-participants').textContent()).toContain('53');
    await expect.poll(() => phone.locator('.ant-modal:visible').count()).toBe(0);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await settled(phone);
    await screenshot(phone, 'dissemination-officer-phone');
    await phone.close();

    const desk = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
    await login(desk, server.baseUrl, 'giamsat');
    const plan = (await server.db.selectFrom('plan').select('id').executeTakeFirstOrThrow()).id;
    await desk.goto(`${server.baseUrl}/plans/${plan}/dissemination`);
    await expect.poll(() => desk.getByTestId('total-sessions').textContent()).toContain('1');
    const rollup = desk.getByTestId('dissemination-rollup');
    const district = rollup.locator('tr', { hasText: 'Huyện Bắc Yên' });
    expect(await district.textContent()).toContain('53');
    expect(await rollup.locator('tr', { hasText: 'Xã Tà Xùa' }).first().textContent()).toContain('53');
    const pending = await desk.getByTestId('dissemination-pending').textContent();
    expect(pending).not.toContain('Hội Liên hiệp Phụ nữ xã Tà Xùa');
    expect(pending).toContain('Hội Liên hiệp Phụ nữ xã Hang Chú');
    // The monitor reads but records nothing: no form.
    expect(await desk.getByTestId('dissemination-record').count()).toBe(0);
    await settled(desk);
    await screenshot(desk, 'dissemination-monitor-desktop');
    await desk.close();
  });
});
