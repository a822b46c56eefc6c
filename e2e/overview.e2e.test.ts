import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../server/src/platform/clock.js';
import { clearFollowup, insertTestObligations } from '../server/src/test-support/obligations.js';
import { type DemoServer, launchChromium, login, SCREENSHOTS, screenshot, startDemoServer } from './support.js';

const shift = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The monitor's overview and the progress colours in Chromium, on the demo's founding plan with
 * two periods of obligations written straight into the table (the obligations and reports
 * modules are built in parallel): the last one's deadline passed, the current one still open.
 */
describe('the follow-up overview in Chromium', () => {
  let server: DemoServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startDemoServer();
    const now = today();
    const planId = (await server.db.selectFrom('plan').select('id').executeTakeFirstOrThrow()).id;
    // The demo plays its own periods on this plan; this test sets up the two it looks at.
    await clearFollowup(server.db);
    const rows = await insertTestObligations(server.db, planId, [
      { key: 'KY-1', start: shift(now, -120), end: shift(now, -40), due: shift(now, -30) },
      { key: 'KY-2', start: shift(now, -39), end: shift(now, 20), due: shift(now, 30) },
    ]);
    const units = new Map(
      (await server.db.selectFrom('org_unit').select(['id', 'code']).execute()).map((u) => [u.id, u.code ?? '']),
    );
    const past = rows.filter((r) => r.period_key === 'KY-1');
    const states = ['accepted', 'accepted', 'submitted', 'returned', 'draft', 'accepted'] as const;
    await server.db
      .insertInto('report')
      .values(
        past
          .filter((r) => !(units.get(r.unit_id) ?? '').startsWith('xa-phieng'))
          .slice(0, 40)
          .map((r, i) => {
            const review_state = states[i % states.length] ?? 'draft';
            return {
              obligation_id: r.id,
              status: i % 7 === 3 ? ('cannot_do' as const) : ('done' as const),
              cannot_reason: i % 7 === 3 ? 'Thiếu kinh phí' : null,
              review_state,
              first_submitted_at: review_state === 'draft' ? null : `${shift(now, i % 3 === 0 ? -25 : -33)}T03:00:00Z`,
            };
          }),
      )
      .execute();
    // The current period: one task done by all its units (green), one unit of another reporting done (blue).
    const labels = new Map(
      (await server.db.selectFrom('plan_node').select(['id', 'label']).where('plan_id', '=', planId).execute()).map(
        (n) => [n.id, n.label],
      ),
    );
    const current = rows.filter((r) => r.period_key === 'KY-2');
    const done = current.filter((r) => labels.get(r.task_id ?? '') === 'III.2');
    const started = current.find((r) => labels.get(r.task_id ?? '') === 'II.1');
    await server.db
      .insertInto('report')
      .values([
        ...done.map((r) => ({
          obligation_id: r.id,
          status: 'done' as const,
          review_state: 'accepted' as const,
          first_submitted_at: `${shift(now, -2)}T03:00:00Z`,
        })),
        ...(started
          ? [
              {
                obligation_id: started.id,
                status: 'done' as const,
                review_state: 'submitted' as const,
                first_submitted_at: `${shift(now, -1)}T03:00:00Z`,
              },
            ]
          : []),
      ])
      .execute();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the district monitor sees the plan’s progress, opens the overview, filters, drills down', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await login(page, server.baseUrl, 'giamsat');
    await page
      .getByRole('link', { name: /Kế hoạch/ })
      .first()
      .click();
    await page.locator('a[href^="/plans/"]').first().click();
    await expect.poll(() => page.getByTestId('plan-progress').count()).toBe(1);
    expect(await page.getByTestId('plan-progress').textContent()).toContain('KY-2');
    await expect.poll(() => page.locator('[data-testid="progress-tag"][data-state="done"]').count()).toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('[data-testid="progress-tag"][data-state="in_progress"]').count())
      .toBeGreaterThan(0);
    await screenshot(page, 'overview-plan-progress');

    await page.getByTestId('open-overview').click();
    await page.waitForURL(/\/overview/);
    const counts = page.getByTestId('overview-counts');
    await expect.poll(() => counts.count()).toBe(1);
    // The current period by default; switch to the past one.
    await page.getByTestId('period-select').click();
    await page.locator('.ant-select-item-option', { hasText: 'KY-1' }).click();
    await page.waitForURL(/period=KY-1/);
    await expect
      .poll(async () => Number((await page.getByTestId('count-accepted').textContent())?.match(/\d+/)?.[0]))
      .toBeGreaterThan(0);
    expect(await page.getByTestId('by-level').textContent()).toContain('Xã');
    await expect.poll(() => page.locator('.ant-spin-blur, .ant-spin-spinning').count()).toBe(0);
    await screenshot(page, 'overview-desktop');

    // Filter by a state through its tile: every row is overdue.
    await page.getByTestId('count-overdue').click();
    await page.waitForURL(/state=overdue/);
    await expect
      .poll(
        async () =>
          new Set(await page.getByTestId('state').evaluateAll((e) => e.map((x) => x.getAttribute('data-state')))),
      )
      .toEqual(new Set(['overdue']));
    // A name typed without diacritics.
    await page.getByTestId('overview-search').locator('input').fill('phieng');
    await page.getByTestId('overview-search').locator('input').press('Enter');
    await page.waitForURL(/q=phieng/);
    await expect.poll(() => page.getByTestId('overview-table').textContent()).toContain('Phiêng');
    // Drill down by the parent unit, then to the report.
    await page.getByTestId('filter-parent').first().click();
    await page.waitForURL(/parent=/);
    await expect.poll(() => page.getByTestId('parent-filter').count()).toBe(1);
    const href = await page.getByTestId('drill-down').first().getAttribute('href');
    expect(href).toMatch(/^\/obligations\/[0-9a-f-]{36}$/);

    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${page.url().split('?')[0]}?period=KY-1`);
    await expect.poll(() => page.getByTestId('overview-table').textContent()).toContain('Quá hạn');
    await expect.poll(() => page.locator('.ant-spin-blur, .ant-spin-spinning').count()).toBe(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'overview-phone');
    await page.screenshot({ path: `${SCREENSHOTS}/overview-phone-top.png` });
    await page.close();
  });

  it('the commune officer sees only its own commune', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await login(page, server.baseUrl, 'xa1-canbo');
    const planId = (await server.db.selectFrom('plan').select('id').executeTakeFirstOrThrow()).id;
    await page.goto(`${server.baseUrl}/plans/${planId}/overview?period=KY-1`);
    await expect.poll(() => page.getByTestId('overview-table').textContent()).toContain('Tà Xùa');
    const names = await page.getByTestId('drill-down').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => n.includes('Tà Xùa'))).toBe(true);
    await page.close();
  });
});
