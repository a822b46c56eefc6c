import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWidePlan } from '../server/src/test-support/wide-plan.js';
import { type DemoServer, launchChromium, login, SCREENSHOTS, screenshot, startDemoServer } from './support.js';

/** The plan page renders the server's tree, and a task done by 3,000 communes stays readable. */
describe('the plan tree in Chromium', () => {
  let server: DemoServer;
  let browser: Browser;
  let planId: string;

  beforeAll(async () => {
    server = await startDemoServer();
    planId = (await seedWidePlan(server.db, 3000)).planId;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('founding plan: sections as headings, tasks under them, "Các cấp ủy đảng" counted once', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await login(page, server.baseUrl, 'giamsat');
    const plan = await server.db.selectFrom('plan').select('id').orderBy('created_at').executeTakeFirstOrThrow();
    await page.goto(`${server.baseUrl}/plans/${plan.id}`);
    await expect.poll(() => page.getByTestId('task').count()).toBe(9);
    const headings = await page.locator('.tk-group-title').allTextContents();
    expect(headings.map((h) => h.split('.')[0])).toEqual(['II', 'III']);
    // III.1 is done by every party committee: one "Thực hiện" line with the count, not one tag per unit.
    const iii1 = page.locator('[data-testid="task"][data-ref="III.1"]');
    const roles = await iii1
      .locator('[data-testid="assignment-role"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-role')));
    expect(new Set(roles).size).toBe(roles.length);
    expect(await iii1.locator('[data-testid="assignment-selector"]').first().textContent()).toMatch(
      /Các cấp ủy đảng: \d+ đơn vị/,
    );
    await iii1.scrollIntoViewIfNeeded();
    await screenshot(page, 'plan-tree-founding-desktop');
    await iii1.screenshot({ path: join(SCREENSHOTS, 'plan-tree-task-desktop.png') });

    await page.setViewportSize({ width: 360, height: 800 });
    await expect.poll(() => page.getByTestId('task').count()).toBe(9);
    // The layout switches to the phone menu after the resize: wait for it, then no overflow may remain.
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth))
      .toBeLessThanOrEqual(0);
    await iii1.screenshot({ path: join(SCREENSHOTS, 'plan-tree-task-phone.png') });
    await page.close();
  });

  for (const [name, width] of [
    ['desktop', 1280],
    ['phone', 360],
  ] as const) {
    it(`a task done by 3,000 communes on ${name} (${width} px): collapsed, expandable to a paged list`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'vi-VN' });
      await login(page, server.baseUrl, 'giamsat');
      await page.goto(`${server.baseUrl}/plans/${planId}`);
      const task = page.locator('[data-testid="task"][data-ref="II.1"]');
      await task.waitFor();
      const responsible = task.locator('[data-testid="assignment-role"][data-role="responsible"]');
      expect(await responsible.count()).toBe(1);
      expect(await responsible.locator('[data-testid="assignment-selector"]').textContent()).toBe(
        'Tất cả xã, phường của tỉnh: 3.000 đơn vị',
      );
      expect(await responsible.locator('[data-testid="assignment"]').count()).toBe(5);
      expect(await page.getByText('Thực hiện', { exact: true }).count()).toBe(1);
      await screenshot(page, `plan-wide-${name}`);

      await responsible.getByTestId('assignment-expand').click();
      const items = responsible.locator('[data-testid="assignment-page-item"]');
      await expect.poll(() => items.count()).toBe(20);
      expect(await items.first().textContent()).toBe('Đảng ủy xã Thử Nghiệm 0001');
      await responsible.locator('.ant-pagination-next').click();
      await expect.poll(() => items.first().textContent()).toBe('Đảng ủy xã Thử Nghiệm 0021');
      await responsible.getByRole('searchbox').fill('thu nghiem 0042');
      await responsible.getByRole('searchbox').press('Enter');
      await expect.poll(() => items.allTextContents()).toEqual(['Đảng ủy xã Thử Nghiệm 0042']);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(page, `plan-wide-${name}-expanded`);
      await page.close();
    });
  }
});
