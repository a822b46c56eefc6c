import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.js';
import { multipartFile, type Session, type TestApp, testApp } from '../../test-support/app.js';
import { backends } from '../../test-support/db.js';
import { insertTestObligations } from '../../test-support/obligations.js';

const PERIOD = { key: '2026-Q1', start: '2026-01-01', end: '2026-03-15', due: '2026-03-20' };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const draft = (version: number, narrative: string, extra: object = {}) => ({
  version,
  status: 'in_progress',
  progress: 40,
  narrative,
  results: 'Đã tổ chức 2 hội nghị',
  difficulties: null,
  proposals: null,
  ...extra,
});

describe.each(backends())('reports on %s', (kind) => {
  let t: TestApp;
  const clock = fixedClock('2026-03-02T03:00:00Z');
  const s: Record<string, Session> = {};
  /** Obligations of units inside commune Tà Xùa (one per test), and one of commune Hang Chú. */
  let own: string[] = [];
  let other = '';
  const next = () => own.shift() as string;
  const get = (who: string, id: string) => s[who]?.request({ method: 'GET', url: `/api/v1/obligations/${id}` });
  const save = (who: string, id: string, body: object) =>
    s[who]?.request({ method: 'PUT', url: `/api/v1/obligations/${id}/report`, payload: body });
  const post = (who: string, url: string, body: object = {}) => s[who]?.request({ method: 'POST', url, payload: body });
  /** Moves the clock and signs everyone in again (sessions expire by the same clock). */
  const at = async (time: string) => {
    clock.set(time);
    for (const who of ['xa1-canbo', 'xa1-truong', 'giamsat', 'thuongtruc', 'admin']) s[who] = await t.login(who);
  };
  const rowOf = (id: string) =>
    t.db.selectFrom('report').selectAll().where('obligation_id', '=', id).executeTakeFirst();

  beforeAll(async () => {
    t = await testApp(kind, 'demo', { clock });
    const plan = await t.db
      .selectFrom('plan')
      .innerJoin('document', 'document.id', 'plan.document_id')
      .select('plan.id')
      .where('document.symbol', '=', '45-KH/HU')
      .executeTakeFirstOrThrow();
    // The same quarter under three keys: enough obligations of Tà Xùa for one per test.
    const rows = await insertTestObligations(
      t.db,
      plan.id,
      ['a', 'b', 'c'].map((k) => ({ ...PERIOD, key: `${PERIOD.key}-${k}` })),
    );
    const units = await t.db.selectFrom('org_unit').select(['id', 'path', 'code']).execute();
    const path = (code: string) => units.find((u) => u.code === code)?.path ?? '-';
    const inside = (unitId: string, code: string) => units.find((u) => u.id === unitId)?.path.startsWith(path(code));
    own = rows.filter((r) => inside(r.unit_id, 'xa-ta-xua')).map((r) => r.id);
    other = rows.find((r) => inside(r.unit_id, 'xa-hang-chu'))?.id ?? '';
    expect(own.length).toBeGreaterThanOrEqual(8);
    expect(other).not.toBe('');
    await at('2026-03-02T03:00:00Z');
  });
  afterAll(() => t.close());

  it('officer drafts, head submits, monitor returns with a comment, fixed and resubmitted, accepted; every step on the timeline', async () => {
    const id = next();
    let res = await get('xa1-canbo', id);
    expect(res?.statusCode, res?.body).toBe(200);
    expect(res?.json().report).toMatchObject({ id: null, version: 0, reviewState: 'draft' });
    expect(res?.json().actions).toEqual(['report.read', 'report.write', 'extension.request']);

    res = await save('xa1-canbo', id, draft(0, 'Đang triển khai'));
    expect(res?.statusCode, res?.body).toBe(200);
    expect(res?.json().report).toMatchObject({ version: 1, status: 'in_progress', narrative: 'Đang triển khai' });
    // The autosave answers the saved report as the page reads it.
    expect(res?.json().report).toEqual((await get('xa1-canbo', id))?.json().report);
    expect(res?.json().actions).toEqual(['report.read', 'report.write', 'extension.request']); // an officer cannot submit

    res = await post('xa1-canbo', `/api/v1/obligations/${id}/report/submit`, { version: 1 });
    expect(res?.statusCode).toBe(403);
    expect(res?.json().detail).toMatch(/quyền/);
    expect((await rowOf(id))?.review_state).toBe('draft');

    await at('2026-03-04T02:00:00Z');
    expect((await get('xa1-truong', id))?.json().actions).toContain('report.submit');
    res = await post('xa1-truong', `/api/v1/obligations/${id}/report/submit`, { version: 1 });
    expect(res?.statusCode, res?.body).toBe(200);
    expect(res?.json().report).toMatchObject({ reviewState: 'submitted', version: 2 });
    expect(res?.json().timeliness).toMatchObject({ submittedOn: '2026-03-04', original: 'on_time' });

    // Not editable once submitted; the head cannot accept; nobody changes anything by trying.
    expect((await save('xa1-canbo', id, draft(2, 'Sửa sau khi gửi')))?.statusCode).toBe(409);
    expect((await post('xa1-truong', `/api/v1/obligations/${id}/report/accept`, { version: 2 }))?.statusCode).toBe(403);
    expect((await post('thuongtruc', `/api/v1/obligations/${id}/report/accept`, { version: 2 }))?.statusCode).toBe(403);
    res = await post('giamsat', `/api/v1/obligations/${id}/report/return`, { version: 2, comment: '  ' });
    expect(res?.statusCode).toBe(400);
    expect((await get('giamsat', id))?.json().actions).toEqual(['report.read', 'report.review']);

    res = await post('giamsat', `/api/v1/obligations/${id}/report/return`, { version: 2, comment: 'Bổ sung số liệu' });
    expect(res?.statusCode, res?.body).toBe(200);
    expect(res?.json().report).toMatchObject({ reviewState: 'returned', reviewComment: 'Bổ sung số liệu' });

    await at('2026-03-25T02:00:00Z');
    res = await save('xa1-canbo', id, draft(3, 'Đã bổ sung số liệu', { status: 'done', progress: 100 }));
    expect(res?.statusCode, res?.body).toBe(200);
    res = await post('xa1-truong', `/api/v1/obligations/${id}/report/submit`, { version: 4 });
    expect(res?.statusCode, res?.body).toBe(200);
    res = await post('giamsat', `/api/v1/obligations/${id}/report/accept`, { version: 5 });
    expect(res?.statusCode, res?.body).toBe(200);
    const body = res?.json();
    expect(body.report).toMatchObject({ reviewState: 'accepted', status: 'done', version: 6 });
    // Timeliness stays on the first submission (4 March), not the resubmission after the deadline.
    expect(body.timeliness).toMatchObject({ submittedOn: '2026-03-04', original: 'on_time', granted: 'on_time' });
    expect(body.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'created',
      'saved',
      'submitted',
      'returned',
      'saved',
      'submitted',
      'accepted',
    ]);
    const submitted = body.timeline.find((e: { kind: string }) => e.kind === 'submitted');
    const head = await t.db
      .selectFrom('app_user')
      .select('display_name')
      .where('username', '=', 'xa1-truong')
      .executeTakeFirstOrThrow();
    expect(submitted.actorName).toBe(head.display_name);
    expect(submitted.data).toMatchObject({ narrative: 'Đang triển khai', status: 'in_progress', files: [] });
    expect(body.timeline.find((e: { kind: string }) => e.kind === 'returned').comment).toBe('Bổ sung số liệu');
    expect(body.actions).toEqual(['report.read']);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'report').execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['report.save', 'report.submit', 'report.return', 'report.accept']),
    );
    await at('2026-03-02T03:00:00Z');
  });

  it('a stale save is 409 with the saved report in `current`; nothing is overwritten', async () => {
    const id = next();
    expect((await save('xa1-canbo', id, draft(0, 'Bản của cán bộ')))?.statusCode).toBe(200);
    const res = await save('xa1-truong', id, draft(0, 'Bản của trưởng đơn vị'));
    expect(res?.statusCode).toBe(409);
    expect(res?.json()).toMatchObject({ code: 'stale_version', current: { version: 1, narrative: 'Bản của cán bộ' } });
    expect(res?.json().detail).toMatch(/báo cáo/);
    expect((await rowOf(id))?.narrative).toBe('Bản của cán bộ');
  });

  it('saves at the same moment: exactly one 200, the others 409 carrying the winner', async () => {
    const id = next();
    expect((await save('xa1-canbo', id, draft(0, 'Bắt đầu')))?.statusCode).toBe(200);
    const texts = Array.from({ length: 6 }, (_, i) => `Bản song song ${i}`);
    const answers = await Promise.all(
      texts.map((text, i) => save(i % 2 ? 'xa1-truong' : 'xa1-canbo', id, draft(1, text))),
    );
    const ok = answers.filter((r) => r?.statusCode === 200);
    const conflicts = answers.filter((r) => r?.statusCode === 409);
    expect(ok).toHaveLength(1);
    expect(conflicts).toHaveLength(5);
    const winner = ok[0]?.json().report.narrative;
    const row = await rowOf(id);
    expect(row).toMatchObject({ version: 2, narrative: winner });
    for (const c of conflicts) expect(c?.json().current).toMatchObject({ version: 2, narrative: winner });
  });

  // PostgreSQL runs transactions side by side: a save must wait for the row lock and then see the
  // version committed meanwhile (without FOR UPDATE it read the old version and overwrote the other).
  it.runIf(kind === 'postgres')(
    'a save waits for the report row and sees the version committed meanwhile',
    async () => {
      const id = next();
      expect((await save('xa1-canbo', id, draft(0, 'Trước')))?.statusCode).toBe(200);
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let lockedNow = () => {};
      const locked = new Promise<void>((resolve) => {
        lockedNow = resolve;
      });
      const other = t.db.transaction().execute(async (trx) => {
        await trx.selectFrom('report').select('version').where('obligation_id', '=', id).forUpdate().execute();
        lockedNow();
        await held;
        await trx
          .updateTable('report')
          .set({ narrative: 'Bản của người khác', version: sql<number>`version + 1` })
          .where('obligation_id', '=', id)
          .execute();
      });
      await locked;
      const waiting = save('xa1-truong', id, draft(1, 'Bản của trưởng đơn vị'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      release();
      await other;
      const res = await waiting;
      expect(res?.statusCode, res?.body).toBe(409);
      expect(res?.json().current).toMatchObject({ version: 2, narrative: 'Bản của người khác' });
      expect((await rowOf(id))?.narrative).toBe('Bản của người khác');
    },
  );

  it('autosaves of one person within five minutes are one timeline event', async () => {
    const id = next();
    await at('2026-03-02T03:00:00Z');
    let v = 0;
    for (const text of ['a', 'ab', 'abc']) v = (await save('xa1-canbo', id, draft(v, text)))?.json().report.version;
    await at('2026-03-02T03:04:00Z');
    v = (await save('xa1-canbo', id, draft(v, 'abcd')))?.json().report.version;
    await at('2026-03-02T03:10:00Z');
    v = (await save('xa1-canbo', id, draft(v, 'abcde')))?.json().report.version;
    expect((await save('xa1-truong', id, draft(v, 'abcdef')))?.statusCode).toBe(200);
    const res = await get('xa1-canbo', id);
    const saved = res?.json().timeline.filter((e: { kind: string }) => e.kind === 'saved');
    expect(saved.map((e: { count: number; version: number }) => [e.count, e.version])).toEqual([
      [4, 4],
      [1, 5],
      [1, 6],
    ]);
    await at('2026-03-02T03:00:00Z');
  });

  it('bad input: cannot_do without a reason, another unit, forged ids — a Vietnamese 4xx, nothing changed', async () => {
    const id = next();
    let res = await save('xa1-canbo', id, draft(0, 'x', { status: 'cannot_do', cannotReason: '   ' }));
    expect(res?.statusCode).toBe(400);
    expect(res?.json()).toMatchObject({ code: 'report_cannot_reason_required' });
    expect(res?.json().detail).toMatch(/lý do/);
    res = await save('xa1-canbo', id, draft(0, 'x', { status: 'cannot_do', cannotReason: 'Thiếu kinh phí' }));
    expect(res?.json().report).toMatchObject({ status: 'cannot_do', cannotReason: 'Thiếu kinh phí' });

    expect((await get('xa1-canbo', other))?.statusCode).toBe(403);
    res = await save('xa1-canbo', other, draft(0, 'Báo cáo hộ xã khác'));
    expect(res?.statusCode).toBe(403);
    expect(res?.json().detail).toMatch(/quyền/);
    expect(await rowOf(other)).toBeUndefined();
    res = await get('xa1-canbo', '00000000-0000-4000-8000-000000000000');
    expect(res?.statusCode).toBe(404);
    expect(res?.json().detail).toMatch(/nghĩa vụ báo cáo/);
    expect((await get('xa1-canbo', 'khong-phai-id'))?.statusCode).toBe(400);
    expect((await save('xa1-canbo', id, { status: 'in_progress' }))?.statusCode).toBe(400); // no version
    res = await post('xa1-truong', `/api/v1/obligations/${next()}/report/submit`, { version: 0 });
    expect(res?.statusCode).toBe(400);
    expect(res?.json().code).toBe('report_empty');
  });

  it('an obligation that no longer applies (ended by its cut-off) takes no draft, file, submission or extension', async () => {
    const base = await t.db
      .selectFrom('obligation')
      .selectAll()
      .where('id', '=', own[0] as string)
      .executeTakeFirstOrThrow();
    const ended = await t.db
      .insertInto('obligation')
      .values({
        plan_id: base.plan_id,
        task_id: base.task_id,
        unit_id: base.unit_id,
        role: base.role,
        period_key: `${base.period_key}-ended`,
        period_start: base.period_start,
        period_end: base.period_end,
        level: base.level,
        due_on: base.due_on,
        ended_on: base.period_start,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const page = await get('xa1-canbo', ended.id);
    expect(page?.statusCode).toBe(200);
    expect(page?.json()).toMatchObject({ editable: false });
    expect(page?.json().actions).not.toContain('report.write');
    let res = await save('xa1-canbo', ended.id, draft(0, 'Báo cáo sau khi đã kết thúc'));
    expect(res?.statusCode).toBe(409);
    expect(res?.json()).toMatchObject({ code: 'obligation_ended' });
    expect(res?.json().detail).toMatch(/không còn áp dụng/);
    res = await post('xa1-canbo', `/api/v1/obligations/${ended.id}/extensions`, {
      reason: 'Xin gia hạn',
      requestedDueOn: '2026-12-31',
    });
    expect(res?.statusCode).toBe(409);
    res = await post('xa1-truong', `/api/v1/obligations/${ended.id}/report/submit`, { version: 0 });
    expect(res?.statusCode).toBe(409);
    expect(await rowOf(ended.id)).toBeUndefined();
    const events = await t.db.selectFrom('report_event').select('id').where('obligation_id', '=', ended.id).execute();
    expect(events).toHaveLength(0);
  });

  it('evidence files: the type from the content, the limit, soft removal, only while editable', async () => {
    const id = next();
    const url = `/api/v1/obligations/${id}/report/files`;
    const upload = (who: string, name: string, bytes: Buffer, type: string) =>
      s[who]?.request({ method: 'POST', url, ...multipartFile(name, bytes, type) });

    let res = await upload('xa1-canbo', 'gia-mao.pdf', Buffer.from('Đây không phải PDF'), 'application/pdf');
    expect(res?.statusCode).toBe(415);
    expect(res?.json().detail).toMatch(/PDF, DOCX, XLSX, JPEG hoặc PNG/);
    res = await upload('xa1-canbo', 'trang.html', Buffer.from('<html><body>x</body></html>'), 'application/pdf');
    expect(res?.statusCode).toBe(415);
    res = await upload(
      'xa1-canbo',
      'qua-lon.pdf',
      Buffer.concat([PDF, Buffer.alloc(21 * 1024 * 1024)]),
      'application/pdf',
    );
    expect(res?.statusCode).toBe(413);
    expect(res?.json().detail).toMatch(/quá lớn/);
    expect(await t.db.selectFrom('report_file').select('id').where('obligation_id', '=', id).execute()).toEqual([]);

    // The name and the claimed type do not decide: a PDF named .txt is a PDF.
    res = await upload('xa1-canbo', 'bien-ban.txt', PDF, 'text/plain');
    expect(res?.statusCode, res?.body).toBe(200);
    const file = res?.json().files[0];
    expect(file).toMatchObject({ fileName: 'bien-ban.txt', contentType: 'application/pdf', size: PDF.length });
    const download = await s['xa1-truong']?.request({ method: 'GET', url: `${url}/${file.id}` });
    expect(download?.statusCode).toBe(200);
    expect(download?.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(download?.rawPayload ?? Buffer.alloc(0), PDF)).toBe(0);
    expect((await s.giamsat?.request({ method: 'GET', url: `${url}/${file.id}` }))?.statusCode).toBe(200);

    res = await s['xa1-canbo']?.request({ method: 'DELETE', url: `${url}/${file.id}` });
    expect(res?.statusCode, res?.body).toBe(200);
    expect(res?.json().files).toEqual([]);
    expect(res?.json().timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'created',
      'file_added',
      'file_removed',
    ]);
    expect((await s['xa1-canbo']?.request({ method: 'DELETE', url: `${url}/${file.id}` }))?.statusCode).toBe(404);
    const kept = await t.db
      .selectFrom('report_file')
      .select(['removed_at'])
      .where('id', '=', file.id)
      .executeTakeFirst();
    expect(kept?.removed_at).not.toBeNull();
    expect((await s['xa1-canbo']?.request({ method: 'GET', url: `${url}/${file.id}` }))?.statusCode).toBe(200);

    // After submission no file goes in.
    expect((await save('xa1-canbo', id, draft(0, 'Có minh chứng')))?.statusCode).toBe(200);
    expect((await post('xa1-truong', `/api/v1/obligations/${id}/report/submit`, { version: 1 }))?.statusCode).toBe(200);
    res = await upload('xa1-canbo', 'muon.pdf', PDF, 'application/pdf');
    expect(res?.statusCode).toBe(409);
    expect(res?.json().code).toBe('report_not_editable');
    res = await upload('giamsat', 'giam-sat.pdf', PDF, 'application/pdf');
    expect(res?.statusCode).toBe(403);
  });

  it('extensions: after the deadline, not before the period, one at a time; a grant moves the deadline in force', async () => {
    const id = next();
    const ask = (body: object) => post('xa1-canbo', `/api/v1/obligations/${id}/extensions`, body);
    let res = await ask({ reason: 'Lũ quét', requestedDueOn: '2026-03-20' });
    expect(res?.statusCode).toBe(400);
    expect(res?.json()).toMatchObject({ code: 'extension_not_after_deadline' });
    res = await ask({ reason: 'Lũ quét', requestedDueOn: '2025-12-31' });
    expect(res?.json()).toMatchObject({ status: 400, code: 'extension_before_period' });
    expect(res?.json().detail).toMatch(/trước ngày bắt đầu kỳ báo cáo/);
    expect((await ask({ reason: ' ', requestedDueOn: '2026-03-30' }))?.statusCode).toBe(400);
    res = await ask({ reason: 'Lũ quét, đường bị chia cắt', requestedDueOn: '2026-03-30' });
    expect(res?.statusCode, res?.body).toBe(200);
    const ext = res?.json().extensions[0];
    expect(ext).toMatchObject({ state: 'pending', requestedDueOn: '2026-03-30' });
    res = await ask({ reason: 'Lần nữa', requestedDueOn: '2026-04-05' });
    expect(res?.statusCode).toBe(409);
    expect(res?.json().code).toBe('extension_pending');

    expect((await post('xa1-truong', `/api/v1/extensions/${ext.id}/grant`, { comment: 'ok' }))?.statusCode).toBe(403);
    expect((await post('thuongtruc', `/api/v1/extensions/${ext.id}/grant`, {}))?.statusCode).toBe(403);
    expect((await post('giamsat', `/api/v1/extensions/${ext.id}/refuse`, { comment: '' }))?.statusCode).toBe(400);
    expect(
      (await post('giamsat', '/api/v1/extensions/00000000-0000-4000-8000-000000000000/grant', {}))?.statusCode,
    ).toBe(404);
    res = await post('giamsat', `/api/v1/extensions/${ext.id}/grant`, { dueOn: '2026-03-27', comment: 'Đồng ý' });
    expect(res?.statusCode, res?.body).toBe(200);
    expect(res?.json().obligation).toMatchObject({ dueOn: '2026-03-20', extendedDueOn: '2026-03-27' });
    expect(res?.json().extensions[0]).toMatchObject({ state: 'granted', grantedDueOn: '2026-03-27' });
    expect((await post('giamsat', `/api/v1/extensions/${ext.id}/refuse`, { comment: 'Đổi ý' }))?.statusCode).toBe(409);

    // Submitted on 25 March: late against the original deadline, on time against the granted one.
    await at('2026-03-25T02:00:00Z');
    expect((await save('xa1-canbo', id, draft(0, 'Nộp muộn có gia hạn')))?.statusCode).toBe(200);
    res = await post('xa1-truong', `/api/v1/obligations/${id}/report/submit`, { version: 1 });
    expect(res?.json().timeliness).toEqual({
      submittedOn: '2026-03-25',
      original: 'late',
      granted: 'on_time',
      deadline: '2026-03-27',
    });
    expect(res?.json().timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'extension_requested',
      'extension_granted',
      'created',
      'saved',
      'submitted',
    ]);
    res = await ask({ reason: 'Sau khi gửi', requestedDueOn: '2026-04-30' });
    expect(res?.json().code).toBe('extension_not_needed');
    await at('2026-03-02T03:00:00Z');

    // A refusal needs its comment and leaves the deadline.
    const second = next();
    res = await post('xa1-truong', `/api/v1/obligations/${second}/extensions`, {
      reason: 'Thiếu người',
      requestedDueOn: '2026-04-01',
    });
    const secondExt = res?.json().extensions[0].id;
    res = await post('giamsat', `/api/v1/extensions/${secondExt}/refuse`, { comment: 'Không có căn cứ' });
    expect(res?.statusCode).toBe(200);
    expect(res?.json().obligation.extendedDueOn).toBeNull();
    expect(res?.json().timeline.at(-1)).toMatchObject({ kind: 'extension_refused', comment: 'Không có căn cứ' });
  });

  it('hostile bodies on a real obligation: 400, never 5xx, nothing saved', async () => {
    const id = next();
    const bodies: object[] = [
      { ...draft(0, 'x'), progress: 101 },
      { ...draft(0, 'x'), progress: 12.5 },
      { ...draft(-1, 'x') },
      { ...draft(0, 'x'), version: '0' },
      { ...draft(0, 'x'), status: 'xong' },
      { ...draft(0, 'a\u0000b') },
      { ...draft(0, '\ud800') },
      { ...draft(0, 'x'.repeat(20_001)) },
      { ...draft(0, 'x'), cannotReason: 5 },
      [],
    ];
    for (const body of bodies) {
      const res = await save('xa1-canbo', id, body);
      expect(res?.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res?.headers['content-type']).toContain('application/problem+json');
    }
    const bad = await post('xa1-canbo', `/api/v1/obligations/${id}/extensions`, {
      reason: 'x',
      requestedDueOn: '2026-02-30',
    });
    expect(bad?.statusCode).toBe(400);
    expect(await rowOf(id)).toBeUndefined();
  });
});
