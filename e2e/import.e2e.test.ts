import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foundingPlanDocx } from './founding-docx.js';
import { type DemoServer, launchChromium, login, screenshot, startDemoServer } from './support.js';

describe('importing a plan in Chromium', () => {
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

  it('uploads the founding plan as .docx, fixes an unmatched organisation, confirms, and sees the plan and its cascade', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await login(page, server.baseUrl, 'giamsat');
    await page.goto(`${server.baseUrl}/plans/import`);

    // 1. Upload.
    await page.locator('input[type=file]').setInputFiles({
      name: 'ke-hoach-21-CT-TW.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: await foundingPlanDocx(),
    });
    await page.getByTestId('import-submit').click();

    // 2. The preview: every extracted item, editable.
    await page.getByTestId('import-preview').waitFor();
    await expect.poll(() => page.getByTestId('preview-task').count()).toBe(9);
    await screenshot(page, 'import-preview');
    await page.getByTestId('import-next').click();

    // 3. Organisation matching: fix one unmatched name by choosing a unit.
    await page.getByTestId('import-orgs').waitFor();
    const row = page.locator('[data-testid="org-row"][data-name="Chính quyền các cấp"]');
    await expect.poll(() => row.getAttribute('data-status')).toBe('unmatched');
    await row.locator('.ant-select').click();
    await page.keyboard.type('Ủy ban nhân dân huyện');
    const option = page
      .locator('.tk-org-popup:visible .ant-select-item-option', { hasText: 'Ủy ban nhân dân huyện Bắc Yên' })
      .first();
    await option.click();
    await expect.poll(() => row.getAttribute('data-status')).toBe('matched');
    const ban = page.locator('[data-testid="org-row"][data-name="Ban Dân vận Huyện ủy"]');
    expect(await ban.getAttribute('data-status')).toBe('matched');
    await screenshot(page, 'import-organisations');
    await page.getByTestId('import-next-confirm').click();

    // 4. Confirm; some names stay unassigned on purpose, so the app asks once more.
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-confirm-ok').click();
    await page.waitForURL(/\/plans\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('task').count()).toBe(9);
    const fixed = page.locator('[data-testid="task"][data-ref="II.3"] [data-testid="assignment"]', {
      hasText: 'Ủy ban nhân dân huyện Bắc Yên',
    });
    await expect.poll(() => fixed.count()).toBeGreaterThan(0);
    await screenshot(page, 'import-created-plan');

    // The cascade of the new plan's document: its references resolved, the communes listed.
    await page.getByText('Xem triển khai').first().click();
    await page.waitForURL(/\/documents\/[0-9a-f-]{36}/);
    await page.getByTestId('cascade').waitFor();
    // The cascade names the first units of each status; "Xem tất cả" pages through every one.
    await expect.poll(() => page.getByTestId('coverage-row').count()).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'import-cascade');
    await page.getByTestId('coverage-all').first().click();
    const list = page.getByTestId('coverage-list');
    await list.waitFor();
    await expect.poll(() => list.getByTestId('coverage-row').count()).toBe(20);
    await screenshot(page, 'import-cascade-all');
    await page.close();
  });
});
