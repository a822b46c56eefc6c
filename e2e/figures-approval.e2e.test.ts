import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValuesService } from '../server/src/modules/indicators/values.service.js';
import { systemClock } from '../server/src/platform/clock.js';
import { actorOf } from '../server/src/test-support/indicators.js';
import { type DemoServer, launchChromium, login, screenshot, startDemoServer } from './support.js';

/** The annual period open today (Decree 09: the year's window ends on 14 December). */
function openPeriod(): string {
  const vn = new Date(Date.now() + 7 * 3_600_000);
  const late = vn.getUTCMonth() === 11 && vn.getUTCDate() >= 15;
  return String(vn.getUTCFullYear() + (late ? 1 : 0));
}

const settled = async (page: Page) => {
  await expect.poll(() => page.locator('.ant-spin-blur, .ant-spin-spinning').count()).toBe(0);
  await page.waitForTimeout(500);
};

/** The two cells the officer types; every other cell of the form was marked "not available". */
const TYPED = [
  ['CU_TONG', ''],
  ['CU_NU', 'AGE:duoi40|ETH:thai'],
] as const;

/**
 * Issue 8, item 8, end to end in Chromium on the demo: the commune officer of Tà Xùa types the
 * Party committee's figures for the open year with one broken rule, fixes it and saves; the
 * commune's head submits them (the platform's rule: officers draft, heads submit); the district
 * accepts; the district's dashboard then shows Tà Xùa's share and its colour against the target.
 */
describe('figures from a commune to the district dashboard in Chromium', () => {
  let server: DemoServer;
  let browser: Browser;
  let unit: string;
  const period = openPeriod();

  beforeAll(async () => {
    server = await startDemoServer();
    unit = await server.unitId('xa-ta-xua-du');
    // The rest of the form was answered earlier: "not available" (complete, nothing to validate).
    const values = new ValuesService(server.db, systemClock);
    const state = await values.formState(server.db, unit, period);
    const typed = new Set(TYPED.map(([e, c]) => `${e}/${c}`));
    const changes = state.elements.flatMap((e) =>
      e.combos
        .filter((combo) => !typed.has(`${e.code}/${combo}`))
        .map((combo) => ({ element: e.code, combo, value: null, notAvailable: true, version: 0 })),
    );
    await values.save({ actor: await actorOf(server.db, 'xa1-canbo') }, unit, period, { changes });
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the officer fixes an error and saves, the head submits, the district accepts and sees the colour', async () => {
    const form = `${server.baseUrl}/indicators/forms/${unit}/${period}`;
    const officer = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await login(officer, server.baseUrl, 'xa1-canbo');
    await officer.goto(form);
    await officer.getByTestId('cell-CU_TONG-').fill('10');
    const women = officer.getByTestId('cell-CU_NU-AGE:duoi40|ETH:thai');
    await women.fill('12');
    await expect.poll(() => officer.getByTestId('figures-summary').textContent()).toMatch(/1 lỗi/);
    await settled(officer);
    await screenshot(officer, 'figures-flow-1-error');
    await women.fill('3');
    await expect.poll(() => officer.getByTestId('figures-summary').textContent()).toMatch(/0 lỗi/);
    await officer.getByTestId('figures-save').click();
    await expect.poll(() => officer.getByText('Đã lưu 2 ô.').count()).toBeGreaterThan(0);
    // The officer drafts; the button to submit is the head's.
    await expect.poll(() => officer.getByTestId('figures-state').textContent()).toBe('Chưa gửi');
    expect(await officer.getByTestId('figures-submit').count()).toBe(0);
    await settled(officer);
    await screenshot(officer, 'figures-flow-2-saved');

    const head = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await login(head, server.baseUrl, 'xa1-truong');
    await head.goto(form);
    await expect.poll(() => head.getByTestId('figures-readiness').textContent()).toMatch(/./);
    await head.getByTestId('figures-submit').click();
    await head.getByRole('dialog').getByRole('button', { name: 'Gửi số liệu' }).click();
    await expect.poll(() => head.getByTestId('figures-state').textContent()).toBe('Đã gửi, chờ duyệt');
    await settled(head);
    await screenshot(head, 'figures-flow-3-submitted');

    const district = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
    await login(district, server.baseUrl, 'giamsat');
    await district.goto(form);
    await district.getByTestId('figures-accept').click();
    await expect.poll(() => district.getByTestId('figures-state').textContent()).toBe('Đã duyệt');
    const obligation = await server.db
      .selectFrom('obligation')
      .innerJoin('report', 'report.obligation_id', 'obligation.id')
      .select('report.review_state')
      .where('obligation.unit_id', '=', unit)
      .where('obligation.period_key', '=', period)
      .where('obligation.role', '=', 'figures')
      .executeTakeFirstOrThrow();
    expect(obligation.review_state).toBe('accepted');
    await settled(district);
    await screenshot(district, 'figures-flow-4-accepted');

    // The district's dashboard: Tà Xùa's share of women, 3 of 10 = 30 %, green against 25 %.
    await district.goto(`${server.baseUrl}/indicators?indicator=W21-LD01&period=${period}`);
    await expect.poll(() => district.getByTestId('dashboard-total').textContent()).toContain('Huyện Bắc Yên');
    await district.getByLabel('Xem chi tiết Xã Tà Xùa').click();
    const total = district.getByTestId('dashboard-total');
    await expect.poll(() => total.textContent()).toContain('Xã Tà Xùa');
    await expect.poll(() => total.textContent()).toMatch(/30[,.]0\s*%/);
    expect(await total.getByTestId('status-green').textContent()).toBe('Đạt');
    // Accepted: the commune's completeness counts its cells, never above what is expected.
    const [, accepted, expected] = ((await total.textContent()) ?? '').match(/(\d+)\/(\d+) ô đã duyệt/) ?? [];
    expect(Number(accepted)).toBeGreaterThan(0);
    expect(Number(accepted)).toBeLessThanOrEqual(Number(expected));
    await settled(district);
    await screenshot(district, 'figures-flow-5-dashboard');
  }, 240_000);
});
