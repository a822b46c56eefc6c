import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTestObligations } from '../server/src/test-support/obligations.js';
import { type DemoServer, launchChromium, login, PASSWORD, screenshot, startDemoServer } from './support.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/**
 * The report cycle in Chromium (issue 7 item 2): a commune officer drafts with an evidence file
 * (saved as she types; a concurrent save shows both versions), the unit head submits, the district
 * monitor returns it with a comment, the officer fixes it, the head resubmits, the monitor accepts.
 */
describe('a report from draft to acceptance, in Chromium', () => {
  let server: DemoServer;
  let browser: Browser;
  let obligation = '';
  let second = '';

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
    const plan = await server.db
      .selectFrom('plan')
      .innerJoin('document', 'document.id', 'plan.document_id')
      .select('plan.id')
      .where('document.symbol', '=', '45-KH/HU')
      .executeTakeFirstOrThrow();
    // A period whose deadline is ahead of the real clock the demo server runs on.
    const rows = await insertTestObligations(server.db, plan.id, [
      { key: '2030-Q1', start: '2030-01-01', end: '2030-03-15', due: '2030-03-20' },
    ]);
    const taXua = await server.db
      .selectFrom('org_unit')
      .select('path')
      .where('id', '=', await server.unitId('xa-ta-xua'))
      .executeTakeFirstOrThrow();
    const units = await server.db.selectFrom('org_unit').select(['id', 'path']).execute();
    const owed = rows.filter((r) => units.find((u) => u.id === r.unit_id)?.path.startsWith(taXua.path));
    obligation = owed[0]?.id ?? '';
    second = owed[1]?.id ?? '';
    expect(second).not.toBe('');
    expect(obligation).not.toBe('');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function as(username: string, width = 1280, id = obligation): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await login(page, server.baseUrl, username);
    await page.goto(`${server.baseUrl}/obligations/${id}`);
    await page.getByTestId('report-page').waitFor();
    return page;
  }
  const saved = (page: Page) => expect.poll(() => page.getByTestId('save-state').textContent()).toContain('Đã lưu lúc');
  const reviewState = (page: Page) => page.getByTestId('review-state').textContent();

  /** Someone else saves through the API (the head, in another browser). */
  async function headSavesThroughApi(narrative: string) {
    const res = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'xa1-truong', password: PASSWORD }),
    });
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const url = `${server.baseUrl}/api/v1/obligations/${obligation}`;
    const current = (await (await fetch(url, { headers: { cookie } })).json()) as { report: { version: number } };
    const put = await fetch(`${url}/report`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ version: current.report.version, status: 'in_progress', progress: 30, narrative }),
    });
    expect(put.status).toBe(200);
  }

  it('officer drafts with a file, head submits, monitor returns, fixed, resubmitted, accepted', async () => {
    const officer = await as('xa1-canbo');
    expect(await officer.getByTestId('submit-report').count()).toBe(0); // the head submits, not the officer
    await officer.getByLabel('Tình trạng thực hiện').click();
    await officer.getByTitle('Đang thực hiện').click();
    await officer.getByLabel('Tiến độ').fill('40');
    await officer.getByLabel('Kết quả triển khai (tóm tắt)').fill('Đã quán triệt đến 100% chi bộ.');
    await saved(officer);

    await officer
      .locator('input[type=file]')
      .setInputFiles({ name: 'bien-ban-hoi-nghi.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect.poll(() => officer.getByTestId('evidence-list').textContent()).toContain('bien-ban-hoi-nghi.pdf');
    // A file that only claims to be a PDF is refused, in Vietnamese.
    await officer
      .locator('input[type=file]')
      .setInputFiles({ name: 'gia-mao.pdf', mimeType: 'application/pdf', buffer: Buffer.from('không phải PDF') });
    await expect
      .poll(() => officer.locator('.ant-message').textContent())
      .toContain('không phải PDF, DOCX, XLSX, JPEG hoặc PNG');

    // Someone else saves meanwhile: the officer's next keystrokes meet a 409 and see both versions.
    await headSavesThroughApi('Bản của trưởng đơn vị');
    await officer.getByLabel('Khó khăn, vướng mắc').fill('Địa bàn rộng, đi lại khó.');
    await expect.poll(() => officer.getByTestId('report-conflict').count()).toBe(1);
    expect(await officer.getByTestId('theirs-narrative').textContent()).toBe('Bản của trưởng đơn vị');
    expect(await officer.getByTestId('mine-narrative').textContent()).toBe('Đã quán triệt đến 100% chi bộ.');
    await screenshot(officer, 'report-conflict');
    await officer.getByTestId('keep-mine').click();
    await saved(officer);
    await screenshot(officer, 'report-draft-officer');

    const head = await as('xa1-truong');
    expect(await head.getByLabel('Kết quả triển khai (tóm tắt)').inputValue()).toBe('Đã quán triệt đến 100% chi bộ.');
    await head.getByTestId('submit-report').click();
    await head.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => reviewState(head)).toBe('Đã gửi, chờ xem xét');

    const monitor = await as('giamsat');
    await monitor.getByTestId('return-report').click();
    await monitor.getByLabel('Ý kiến').fill('Đề nghị bổ sung số đảng viên tham gia.');
    await monitor.locator('.ant-modal .ant-btn-primary').click();
    await expect.poll(() => reviewState(monitor)).toBe('Bị trả lại');

    await officer.reload();
    await officer.getByTestId('report-page').waitFor();
    expect(await officer.getByTestId('return-comment').textContent()).toContain(
      'Đề nghị bổ sung số đảng viên tham gia.',
    );
    await officer.getByLabel('Kết quả đạt được').fill('312 đảng viên tham gia (98%).');
    await saved(officer);

    await head.reload();
    await head.getByTestId('submit-report').click();
    await head.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => reviewState(head)).toBe('Đã gửi, chờ xem xét');

    await monitor.reload();
    expect(await monitor.getByTestId('report-readonly').textContent()).toContain('312 đảng viên tham gia (98%).');
    await monitor.getByTestId('accept-report').click();
    await expect.poll(() => reviewState(monitor)).toBe('Đã chấp nhận');
    const steps = await monitor
      .locator('[data-kind]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(steps).toEqual([
      'created',
      'saved',
      'file_added',
      'saved',
      'saved',
      'submitted',
      'returned',
      'saved',
      'submitted',
      'accepted',
    ]);
    // The first submission's content stays on the timeline, with its file.
    const firstSubmission = monitor.locator('[data-kind="submitted"]').first();
    await firstSubmission.locator('summary').click();
    const sent = await firstSubmission.locator('dl').textContent();
    expect(sent).toContain('Đã quán triệt đến 100% chi bộ.');
    expect(sent).toContain('bien-ban-hoi-nghi.pdf');
    expect(sent).not.toContain('312 đảng viên');
    await screenshot(monitor, 'report-accepted-monitor');

    // The same page on a phone: nothing wider than the screen.
    const phone = await as('xa1-canbo', 360);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone, 'report-accepted-360');
  });

  it('the unit asks for an extension, the monitor grants it; the new deadline is shown', async () => {
    const officer = await as('xa1-canbo', 360, second);
    await officer.getByTestId('ask-extension').click();
    await officer.getByLabel('Hạn mới').fill('30/04/2030');
    await officer.getByLabel('Hạn mới').press('Enter');
    await officer.getByLabel('Lý do').fill('Lũ quét, đường vào bản bị chia cắt.');
    await officer.locator('.ant-modal .ant-btn-primary').click();
    await expect.poll(() => officer.locator('.tk-extensions').textContent()).toContain('Chờ quyết định');
    expect(await officer.getByTestId('ask-extension').count()).toBe(0); // one request at a time
    await officer.locator('.ant-modal-wrap').waitFor({ state: 'hidden' });
    await screenshot(officer, 'report-extension-asked-360');

    const monitor = await as('giamsat', 1280, second);
    await monitor.getByRole('button', { name: 'Đồng ý gia hạn' }).click();
    expect(await monitor.getByLabel('Hạn mới').inputValue()).toBe('30/04/2030');
    await monitor.getByLabel('Ý kiến').fill('Đồng ý do thiên tai.');
    await monitor.locator('.ant-modal .ant-btn-primary').click();
    await expect.poll(() => monitor.getByTestId('extended-due').count()).toBe(1);
    expect(await monitor.getByTestId('extended-due').textContent()).toBe('30/04/2030');
    await monitor.locator('.ant-modal-wrap').first().waitFor({ state: 'hidden' });
    const steps = await monitor
      .locator('[data-kind]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(steps).toEqual(['extension_requested', 'extension_granted']);
    await screenshot(monitor, 'report-extension-granted');
  });
});
