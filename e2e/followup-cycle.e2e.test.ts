import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, launchChromium, login, SCREENSHOTS, screenshot, startDemoServer } from './support.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const TILES = ['overdue', 'returned', 'submitted', 'not_due', 'cannot_do', 'accepted'] as const;
type Counts = Record<(typeof TILES)[number], number>;

/**
 * The whole follow-through on the demo as its users live it (issue 7, item 11): the Tà Xùa officer
 * lands on "Việc cần làm", opens an obligation of the running period, drafts (saved as she types)
 * with an evidence PDF; the head submits; the district monitor notes the overview's counts, returns
 * the report with a comment; the officer sees the return and the comment, fixes; the head
 * resubmits; the monitor accepts — the counts follow each step. A late report of an earlier period
 * shows its reminders, the officer's bell its notifications, the monitor's the drafted request for
 * explanation. Then the same cycle at 360 px on another obligation, nothing wider than the screen.
 */
describe('the follow-up cycle on the demo, in Chromium', () => {
  let server: DemoServer;
  let browser: Browser;
  let planId = '';
  let running: string[] = [];
  let late = '';

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
    planId = (
      await server.db
        .selectFrom('plan')
        .innerJoin('document', 'document.id', 'plan.document_id')
        .select('plan.id')
        .where('document.symbol', '=', '45-KH/HU')
        .executeTakeFirstOrThrow()
    ).id;
    const taXua = await server.db
      .selectFrom('org_unit')
      .select('path')
      .where('code', '=', 'xa-ta-xua')
      .executeTakeFirstOrThrow();
    const owed = await server.db
      .selectFrom('obligation as o')
      .innerJoin('org_unit as u', 'u.id', 'o.unit_id')
      .leftJoin('report as r', 'r.obligation_id', 'o.id')
      .leftJoin('plan_node as n', 'n.id', 'o.task_id')
      .select(['o.id', 'o.period_key', 'r.review_state', 'u.name', 'n.label'])
      .where('o.plan_id', '=', planId)
      .where('u.path', 'like', `${taXua.path}%`)
      .orderBy('o.period_key')
      .orderBy('u.name')
      .orderBy('n.label')
      .execute();
    const current = owed.at(-1)?.period_key;
    const now = owed.filter((o) => o.period_key === current);
    // The demo's draft under way first, then one nobody has touched.
    const draft = now.find((o) => o.review_state === 'draft');
    const untouched = now.find((o) => o.review_state === null);
    running = [draft?.id ?? '', untouched?.id ?? ''];
    expect(running.every(Boolean)).toBe(true);
    // The late report of the earliest period: the ladder went all the way to a request for explanation.
    const explained = await server.db
      .selectFrom('reminder')
      .select('obligation_id')
      .where('step', '=', 'explain')
      .where(
        'obligation_id',
        'in',
        owed.map((o) => o.id),
      )
      .executeTakeFirst();
    late = explained?.obligation_id ?? '';
    expect(late).not.toBe('');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function as(username: string, width: number): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width, height: 900 },
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    const page = await context.newPage();
    await login(page, server.baseUrl, username);
    return page;
  }
  const settle = (page: Page) => expect.poll(() => page.locator('.ant-spin-blur, .ant-spin-spinning').count()).toBe(0);
  const noOverflow = async (page: Page) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  const saved = (page: Page) => expect.poll(() => page.getByTestId('save-state').textContent()).toContain('Đã lưu lúc');
  const reviewState = (page: Page) => page.getByTestId('review-state').textContent();

  /** "Việc cần làm", one state, page after page until the obligation's card shows; returns the card. */
  async function findOnTodo(page: Page, id: string, state: string) {
    await page.goto(`${server.baseUrl}/todo`);
    await page.getByTestId('todo-filter').getByText(state, { exact: true }).click();
    const card = page.locator(`a[href="/obligations/${id}"]`);
    for (let i = 0; i < 20; i++) {
      await settle(page);
      await expect.poll(() => page.getByTestId('obligation-row').count()).toBeGreaterThan(0);
      if ((await card.count()) > 0) return card;
      const next = page.getByRole('button', { name: 'Sau ›' });
      if ((await next.count()) === 0 || (await next.isDisabled())) break;
      const position = await page.getByTestId('pager-position').textContent();
      await next.click();
      await expect.poll(() => page.getByTestId('pager-position').textContent()).not.toBe(position);
    }
    throw new Error(`obligation ${id} is not on Việc cần làm (${state})`);
  }

  async function overview(page: Page, query = ''): Promise<Counts> {
    await page.goto(`${server.baseUrl}/plans/${planId}/overview${query}`);
    await expect.poll(() => page.getByTestId('overview-counts').count()).toBe(1);
    await settle(page);
    const counts = {} as Counts;
    for (const state of TILES) {
      const text = await page.getByTestId(`count-${state}`).locator('.tk-count-tile-n').textContent();
      counts[state] = Number((text ?? '').replace(/\D/g, ''));
    }
    return counts;
  }

  async function openReport(page: Page, id: string) {
    await page.goto(`${server.baseUrl}/obligations/${id}`);
    await page.getByTestId('report-page').waitFor();
    await settle(page);
  }

  async function submitAsHead(head: Page, id: string) {
    await openReport(head, id);
    await head.getByTestId('submit-report').click();
    await head.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => reviewState(head)).toBe('Đã gửi, chờ xem xét');
  }

  /** The cycle at one width; `tag` names the screenshots. */
  async function cycle(width: number, id: string, tag: string) {
    const comment = `Đề nghị bổ sung số hội viên tham dự (${tag}).`;
    const officer = await as('xa1-canbo', width);
    await officer.waitForURL(/\/todo$/);
    await expect.poll(() => officer.getByTestId('obligation-row').count()).toBeGreaterThan(0);
    await noOverflow(officer);
    await screenshot(officer, `cycle-${tag}-01-todo`);
    const card = await findOnTodo(officer, id, 'Cần nộp');
    await card.click();
    await officer.getByTestId('report-page').waitFor();
    await settle(officer);
    expect(await officer.getByTestId('submit-report').count()).toBe(0); // the head submits
    await officer.getByLabel('Tình trạng thực hiện').click();
    await officer.getByTitle('Đã hoàn thành').click();
    await officer.getByLabel('Tiến độ').fill('100');
    await officer
      .getByLabel('Kết quả triển khai (tóm tắt)')
      .fill('Đã quán triệt Kế hoạch 45-KH/HU đến 100% chi bộ, chi hội trong kỳ.');
    await saved(officer);
    // The card's title is whole beside "Đã lưu lúc …", even at 360 px.
    const cut = await officer
      .locator('.tk-report-block .ant-card-head-title')
      .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth).map((e) => e.textContent));
    expect(cut).toEqual([]);
    await officer
      .locator('input[type=file]')
      .setInputFiles({ name: `bien-ban-${tag}.pdf`, mimeType: 'application/pdf', buffer: PDF });
    await expect.poll(() => officer.getByTestId('evidence-list').textContent()).toContain(`bien-ban-${tag}.pdf`);
    await settle(officer);
    await noOverflow(officer);
    await screenshot(officer, `cycle-${tag}-02-draft`);

    const head = await as('xa1-truong', width);
    await submitAsHead(head, id);

    const monitor = await as('giamsat', width);
    const before = await overview(monitor);
    await noOverflow(monitor);
    await screenshot(monitor, `cycle-${tag}-03-overview-before`);
    await overview(monitor, '?state=submitted&q=ta+xua');
    await monitor.getByTestId('overview-table').locator(`a[href="/obligations/${id}"]`).click();
    await monitor.getByTestId('report-page').waitFor();
    await settle(monitor);
    expect(await monitor.getByTestId('evidence-list').textContent()).toContain(`bien-ban-${tag}.pdf`);
    await monitor.getByTestId('return-report').click();
    await monitor.getByLabel('Ý kiến').fill(comment);
    await monitor.locator('.ant-modal .ant-btn-primary').click();
    await expect.poll(() => reviewState(monitor)).toBe('Bị trả lại');

    const returned = await overview(monitor);
    expect(returned).toEqual({ ...before, submitted: before.submitted - 1, returned: before.returned + 1 });
    await overview(monitor, '?state=returned&q=ta+xua');
    expect(await monitor.getByTestId('overview-table').locator(`a[href="/obligations/${id}"]`).count()).toBe(1);
    await noOverflow(monitor);
    await screenshot(monitor, `cycle-${tag}-04-overview-returned`);

    // The officer sees the return and why on "Việc cần làm", and fixes it.
    const back = await findOnTodo(officer, id, 'Bị trả lại');
    expect(await back.getByTestId('returned-comment').textContent()).toContain(comment);
    await noOverflow(officer);
    await screenshot(officer, `cycle-${tag}-05-todo-returned`);
    await back.click();
    await officer.getByTestId('report-page').waitFor();
    expect(await officer.getByTestId('return-comment').textContent()).toContain(comment);
    await officer.getByLabel('Kết quả đạt được').fill('12 buổi sinh hoạt chuyên đề, 436 lượt hội viên tham dự.');
    await saved(officer);

    await submitAsHead(head, id);

    await overview(monitor, '?state=submitted&q=ta+xua');
    await monitor.getByTestId('overview-table').locator(`a[href="/obligations/${id}"]`).click();
    await monitor.getByTestId('report-page').waitFor();
    expect(await monitor.getByTestId('report-readonly').textContent()).toContain('436 lượt hội viên tham dự');
    await monitor.getByTestId('accept-report').click();
    await expect.poll(() => reviewState(monitor)).toBe('Đã chấp nhận');
    const steps = await monitor
      .locator('[data-kind]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(steps).toEqual(expect.arrayContaining(['file_added', 'submitted', 'returned', 'accepted']));
    await settle(monitor);
    await noOverflow(monitor);
    await screenshot(monitor, `cycle-${tag}-06-accepted`);

    const after = await overview(monitor);
    expect(after).toEqual({ ...before, submitted: before.submitted - 1, accepted: before.accepted + 1 });
    await noOverflow(monitor);
    await screenshot(monitor, `cycle-${tag}-07-overview-after`);
    // And the officer's list says so.
    const done = await findOnTodo(officer, id, 'Đã duyệt');
    expect(await done.getByTestId('obligation-state').textContent()).toBe('Đã duyệt');
    for (const page of [officer, head, monitor]) await page.context().close();
  }

  it('desktop: drafted with a file, submitted, returned, fixed, resubmitted, accepted; the overview follows', async () => {
    await cycle(1280, running[0] as string, 'desktop');
  }, 180_000);

  it('a late unit shows its reminders; the monitor opens the drafted request for explanation', async () => {
    const officer = await as('xa1-canbo', 1280);
    const bell = officer.getByTestId('notification-bell');
    await expect
      .poll(async () => (await bell.getAttribute('aria-label')) ?? '')
      .toMatch(/Thông báo \([1-9]\d* chưa đọc\)/);
    await openReport(officer, late);
    const log = officer.getByTestId('reminder-log');
    await expect.poll(() => log.textContent()).toContain('Nhắc báo cáo');
    expect(await log.textContent()).toContain('Đôn đốc báo cáo quá hạn');
    // The draft letter is the receiving level's: the unit sees the step, not a link it may not open.
    expect(await log.getByRole('link', { name: 'Xem công văn' }).count()).toBe(0);
    await screenshot(officer, 'cycle-late-reminder-log');
    await bell.click();
    await expect
      .poll(() => officer.getByTestId('notification-list').textContent())
      .toContain('Đôn đốc báo cáo quá hạn');
    await settle(officer);
    await expect.poll(() => officer.evaluate(() => document.getAnimations().length)).toBe(0); // the drawer is in
    await officer.screenshot({ path: `${SCREENSHOTS}/cycle-late-bell.png` }); // the drawer, as on the screen

    const monitor = await as('giamsat', 1280);
    await openReport(monitor, late);
    await expect
      .poll(() => monitor.getByTestId('reminder-log').textContent())
      .toContain('Yêu cầu giải trình (dự thảo)');
    await monitor.getByTestId('notification-bell').click();
    await expect
      .poll(() => monitor.getByTestId('notification-list').textContent())
      .toContain('Yêu cầu giải trình (dự thảo)');
    await monitor.keyboard.press('Escape');
    // The draft for Tà Xùa, opened from its report's reminder log.
    await monitor.getByTestId('reminder-log').getByRole('link', { name: 'Xem công văn' }).first().click();
    await monitor.waitForURL(/\/explanation-letters\//);
    await expect.poll(() => monitor.getByTestId('letter-form').isVisible()).toBe(true);
    await expect
      .poll(() => monitor.getByLabel('Nội dung (các đoạn cách nhau một dòng trống)').inputValue())
      .toContain('Tà Xùa');
    await settle(monitor);
    await screenshot(monitor, 'cycle-letter-desktop');
    await officer.context().close();
    await monitor.context().close();
  }, 120_000);

  it('360 px: the same cycle on another obligation of the running period', async () => {
    await cycle(360, running[1] as string, 'phone');
  }, 180_000);
});
