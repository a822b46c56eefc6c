import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrganizationsService } from '../server/src/modules/organizations/organizations.service.js';
import { SYSTEM_ACTOR } from '../server/src/platform/access.js';
import { type DemoServer, launchChromium, login, SCREENSHOTS, screenshot, startDemoServer } from './support.js';

/** Plans stay editable (issue 7, item 9): the district monitor links an organisation later and adds a task. */
describe('editing a plan in Chromium', () => {
  let server: DemoServer;
  let browser: Browser;
  let planId: string;

  beforeAll(async () => {
    server = await startDemoServer();
    // A unit no task of the demo plan names yet, to link an unmatched organisation to.
    for (const [code, name] of [
      ['huyen-to-cong-tac', 'Tổ công tác dân vận huyện'],
      ['huyen-to-giup-viec', 'Tổ giúp việc dân vận huyện'],
    ] as const) {
      await new OrganizationsService(server.db).create(
        { actor: SYSTEM_ACTOR },
        { code, parentId: await server.unitId('huyen'), kind: 'party_committee', level: 'district', name },
      );
    }
    planId = (await server.db.selectFrom('plan').select('id').orderBy('created_at').executeTakeFirstOrThrow()).id;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const unlinkedCount = async () =>
    Number(
      (
        await server.db
          .selectFrom('assignment as a')
          .innerJoin('plan_node as t', 't.id', 'a.task_id')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('t.plan_id', '=', planId)
          .where('a.unit_id', 'is', null)
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** What the user sees (the viewport), beside the full-page screenshot. */
  async function view(page: Page, name: string) {
    await screenshot(page, name);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-view.png`) });
  }

  async function pickUnit(page: Page, scope: ReturnType<Page['locator']>, search: string, name: string) {
    await scope.locator('.ant-select').first().click();
    await page.keyboard.type(search);
    await page.locator('.ant-select-item-option', { hasText: name }).first().click();
  }

  for (const [name, width] of [
    ['desktop', 1280],
    ['phone', 360],
  ] as const) {
    it(`giamsat links an unmatched organisation later and adds a task (${name}, ${width} px)`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'vi-VN' });
      await login(page, server.baseUrl, 'giamsat');
      await page.goto(`${server.baseUrl}/plans/${planId}`);
      await page.getByTestId('plan-edit-toggle').click();
      await page.getByTestId('plan-unlinked').waitFor();
      await expect.poll(() => page.getByTestId('plan-unlinked').textContent()).toMatch(/\(\d+\)/);
      await view(page, `plan-edit-mode-${name}`);
      if (width === 360) {
        await expect
          .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth))
          .toBeLessThanOrEqual(0);
      }

      // Link later: the first organisation without a unit gets one.
      const before = await unlinkedCount();
      expect(before).toBeGreaterThan(0);
      await page.getByTestId('plan-unlinked').click();
      const item = page.getByTestId('unlinked-item').first();
      await item.waitFor();
      // Accents optional in the search; each run links its own unit.
      if (name === 'desktop') await pickUnit(page, item, 'to cong tac', 'Tổ công tác dân vận huyện');
      else await pickUnit(page, item, 'Tổ giúp việc', 'Tổ giúp việc dân vận huyện');
      await view(page, `plan-edit-link-later-${name}`);
      await item.getByTestId('unlinked-link').click();
      await expect.poll(unlinkedCount).toBe(before - 1);
      await page.keyboard.press('Escape');

      // Add a task at the top level.
      const tasks = await page.getByTestId('task').count();
      await page.getByTestId('plan-add-task').click();
      await page.getByTestId('node-label').fill(`IV.${width}`);
      await page.getByTestId('node-text').fill(`Tổ chức sơ kết việc thực hiện quy chế (${name})`);
      await view(page, `plan-edit-add-task-${name}`);
      await page.getByTestId('node-save').click();
      await expect.poll(() => page.getByTestId('task').count()).toBe(tasks + 1);
      await expect
        .poll(() => page.locator(`[data-testid="task"][data-ref="IV.${width}"]`).textContent())
        .toContain('Tổ chức sơ kết');
      const audit = await server.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', planId)
        .where('action', 'in', ['plan.assignment_link', 'plan.node_create'])
        .execute();
      expect(audit.length).toBeGreaterThanOrEqual(2);
      // Assign the new task to a unit through the directory picker.
      const row = page.locator('.tk-tree-task', { has: page.locator(`[data-ref="IV.${width}"]`) });
      await row.getByTestId('node-assign').click();
      const add = page.getByTestId('assignment-add');
      await add.waitFor();
      if (name === 'desktop') await pickUnit(page, add, 'to cong tac', 'Tổ công tác dân vận huyện');
      else await pickUnit(page, add, 'Tổ giúp việc', 'Tổ giúp việc dân vận huyện');
      await add.getByTestId('assignment-add-submit').click();
      await expect.poll(() => page.getByTestId('edit-assignment').count()).toBe(1);
      await view(page, `plan-edit-assignments-${name}`);
      await page.keyboard.press('Escape');
      await expect.poll(() => row.getByTestId('assignment').count()).toBe(1);
      await page.locator(`[data-testid="task"][data-ref="IV.${width}"]`).scrollIntoViewIfNeeded();
      await view(page, `plan-edit-task-added-${name}`);
      await page.close();
    });
  }

  it('a viewer sees no edit mode', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await login(page, server.baseUrl, 'thuongtruc');
    await page.goto(`${server.baseUrl}/plans/${planId}`);
    await page.getByTestId('task').first().waitFor();
    expect(await page.getByTestId('plan-edit-bar').count()).toBe(0);
    await page.close();
  });

  it('an edit made from an old version shows the current values, and saves once they are loaded', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 800 }, locale: 'vi-VN' });
    await login(page, server.baseUrl, 'giamsat');
    await page.goto(`${server.baseUrl}/plans/${planId}`);
    await page.getByTestId('plan-edit-toggle').click();
    const row = page.locator('.tk-tree-task', { has: page.locator('[data-ref="IV.1280"]') });
    await row.getByTestId('node-edit').click();
    await page.getByTestId('node-title').fill('Sơ kết (bản của tôi)');
    // Meanwhile someone else changes the task.
    const task = await server.db
      .selectFrom('plan_node')
      .select('id')
      .where('plan_id', '=', planId)
      .where('label', '=', 'IV.1280')
      .executeTakeFirstOrThrow();
    await server.db
      .updateTable('plan_node')
      .set((eb) => ({ title: 'Sơ kết (bản của người khác)', version: eb('version', '+', 1) }))
      .where('id', '=', task.id)
      .execute();
    await page.getByTestId('node-save').click();
    const alert = page.getByTestId('stale-version');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Sơ kết (bản của người khác)');
    await view(page, 'plan-edit-stale-phone');
    await alert.getByRole('button').click();
    await page.getByTestId('node-title').fill('Sơ kết (đã xem bản mới)');
    await page.getByTestId('node-save').click();
    await expect
      .poll(() => page.locator('[data-testid="task"][data-ref="IV.1280"]').textContent())
      .toContain('Sơ kết (đã xem bản mới)');
    await page.close();
  });

  it('giamsat withdraws the plan after confirming: the page says so, nothing is editable, the list marks it', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 800 }, locale: 'vi-VN' });
    await login(page, server.baseUrl, 'giamsat');
    await page.goto(`${server.baseUrl}/plans/${planId}`);
    await page.getByTestId('plan-edit-toggle').click();
    await page.getByTestId('plan-withdraw').click();
    await page.getByTestId('withdraw-reason').fill('Đã có kế hoạch mới thay thế nội dung');
    await view(page, 'plan-edit-withdraw-phone');
    await page.getByTestId('withdraw-confirm').click();
    await page.getByTestId('plan-status').waitFor();
    expect(await page.getByTestId('plan-status').textContent()).toMatch(/thu hồi từ ngày/);
    expect(await page.getByTestId('plan-edit-bar').count()).toBe(0);
    await expect.poll(() => page.getByTestId('node-actions').count()).toBe(0);
    await view(page, 'plan-edit-withdrawn-phone');
    await page.goto(`${server.baseUrl}/plans`);
    await page.getByTestId('plan-ended').first().waitFor();
    await view(page, 'plan-edit-list-marked-phone');
    const row = await server.db
      .selectFrom('plan')
      .select(['status', 'end_reason'])
      .where('id', '=', planId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'withdrawn', end_reason: 'Đã có kế hoạch mới thay thế nội dung' });
    await page.close();
  });
});
