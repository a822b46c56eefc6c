import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccessUsers, EXTRA_PASSWORD } from '../test-support/access-users.js';
import { multipartFile, type Session, type TestApp, testApp, unitId } from '../test-support/app.js';
import { backends } from '../test-support/db.js';
import { oneTaskPlan } from '../test-support/plan-body.js';

/**
 * The leaks of issue 6, defect 1: an action is allowed only by ONE grant that both carries the
 * capability and covers the object, a write is authorized on the record before and after, and
 * nothing shows what the same user may not read.
 */
describe.each(backends())('authorize() closes the leaks on %s', (kind) => {
  let t: TestApp;
  let monitor: Session; // giamsat: monitor of the district Bắc Yên
  let admin: Session;
  let twoGrants: Session; // monitor in Tà Xùa, viewer in Hang Chú
  let noGrants: Session;

  const docId = async (symbol: string) =>
    (await t.db.selectFrom('document').select('id').where('symbol', '=', symbol).executeTakeFirstOrThrow()).id;
  const state = async () => {
    const { rows } = await sql<{ s: string }>`select concat_ws('|',
      (select count(*) from document), (select max(updated_at)::text from document),
      (select string_agg(coalesce(issuer_unit_id::text, '-') || coalesce(issuer_name, '-'), ',' order by id) from document),
      (select count(*) from document_file), (select count(*) from plan), (select count(*) from plan_node),
      (select count(*) from assignment), (select count(*) from audit_log where action not like 'auth.%')) as s`.execute(
      t.db,
    );
    return rows[0]?.s ?? '';
  };

  beforeAll(async () => {
    t = await testApp(kind);
    await addAccessUsers(t);
    monitor = await t.login('giamsat');
    admin = await t.login('admin');
    twoGrants = await t.login('hai-quyen', EXTRA_PASSWORD);
    noGrants = await t.login('khong-quyen', EXTRA_PASSWORD);
  });
  afterAll(() => t.close());

  it('(a) a monitor in one commune and viewer in another registers documents only in the first', async () => {
    const before = await state();
    const denied = await twoGrants.request({
      method: 'POST',
      url: '/api/v1/documents',
      payload: { symbol: '77-KH/ĐU', issuerUnitId: await unitId(t, 'xa-hang-chu-du'), title: 'Kế hoạch giả' },
    });
    expect(denied.statusCode, denied.body).toBe(403);
    expect(denied.json().code).toBe('not_granted_here');
    expect(await state()).toBe(before);
    // The viewer grant still reads Hang Chú; the monitor grant still writes in Tà Xùa.
    const hangChuDoc = await docId('12-KH/ĐU');
    const read = await twoGrants.request({ method: 'GET', url: `/api/v1/documents/${hangChuDoc}` });
    expect(read.statusCode).toBe(200);
    const own = await twoGrants.request({
      method: 'POST',
      url: '/api/v1/documents',
      payload: { symbol: '78-KH/ĐU', issuerUnitId: await unitId(t, 'xa-ta-xua-du'), title: 'Kế hoạch của xã' },
    });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().actions).toEqual(['document.read', 'document.write', 'document.attach']);
  });

  it('(b) a district monitor edits and replaces files of neither the province’s documents nor 21-CT/TW', async () => {
    for (const symbol of ['570-CV/TU', '21-CT/TW']) {
      const id = await docId(symbol);
      const before = await state();
      const edit = await monitor.request({
        method: 'PATCH',
        url: `/api/v1/documents/${id}`,
        payload: { title: 'Đã bị sửa' },
      });
      expect(edit.statusCode, `${symbol}: ${edit.body}`).toBe(403);
      const file = await monitor.request({
        method: 'POST',
        url: `/api/v1/documents/${id}/file`,
        ...multipartFile('gia.txt', Buffer.from('tệp giả'), 'text/plain'),
      });
      expect(file.statusCode, `${symbol}: ${file.body}`).toBe(403);
      expect(await state()).toBe(before);
      // Read, yes; and the answer says so: no write, no attach.
      const read = await monitor.request({ method: 'GET', url: `/api/v1/documents/${id}` });
      expect(read.json().actions).toEqual(['document.read']);
      const byAdmin = await admin.request({ method: 'GET', url: `/api/v1/documents/${id}` });
      expect(byAdmin.json().actions).toEqual(['document.read', 'document.write', 'document.attach']);
    }
    // The district's own document stays the monitor's to edit.
    const own = await monitor.request({
      method: 'PATCH',
      url: `/api/v1/documents/${await docId('23-CT/HU')}`,
      payload: { respondWithinDays: 40 },
    });
    expect(own.statusCode, own.body).toBe(200);
  });

  it('(c) an edit is authorized on the record after it too: clearing a commune document’s issuer is refused', async () => {
    const id = await docId('12-KH/ĐU'); // Đảng ủy xã Tà Xùa, inside the monitor's district
    expect((await noGrants.request({ method: 'GET', url: `/api/v1/documents/${id}` })).statusCode).toBe(403);
    const file = await monitor.request({
      method: 'POST',
      url: `/api/v1/documents/${id}/file`,
      ...multipartFile('kh.txt', Buffer.from('Kế hoạch của xã'), 'text/plain'),
    });
    expect(file.statusCode, file.body).toBe(200);
    const before = await state();
    for (const payload of [
      { issuerUnitId: null, issuer: 'Không rõ' },
      { issuerUnitId: await unitId(t, 'tinh-uy-btv') },
      { issuerUnitId: await unitId(t, 'huyen-phu-yen-hu') },
    ]) {
      const res = await monitor.request({ method: 'PATCH', url: `/api/v1/documents/${id}`, payload });
      expect(res.statusCode, `${JSON.stringify(payload)}: ${res.body}`).toBe(403);
    }
    expect(await state()).toBe(before);
    expect((await noGrants.request({ method: 'GET', url: `/api/v1/documents/${id}` })).statusCode).toBe(403);
    expect((await noGrants.request({ method: 'GET', url: `/api/v1/documents/${id}/file` })).statusCode).toBe(403);
    // Moving it inside the district is still allowed.
    const moved = await monitor.request({
      method: 'PATCH',
      url: `/api/v1/documents/${id}`,
      payload: { issuerUnitId: await unitId(t, 'xa-ta-xua-ubnd') },
    });
    expect(moved.statusCode, moved.body).toBe(200);
  });

  const taskPlan = (organization: string, title: string) => oneTaskPlan(organization, title);

  it('(d) a monitor assigns plan tasks only to units its managing grant covers', async () => {
    const before = await state();
    const denied = await monitor.request({
      method: 'POST',
      url: '/api/v1/plans',
      payload: {
        plan: taskPlan('Ban Tuyên giáo Tỉnh ủy', 'Kế hoạch giao việc cho tỉnh'),
        ownerUnitId: await unitId(t, 'huyen-uy-btv'),
        organizations: { 'Ban Tuyên giáo Tỉnh ủy': { unitId: await unitId(t, 'tinh-uy-btv') } },
      },
    });
    expect(denied.statusCode, denied.body).toBe(403);
    expect(denied.json().code).toBe('not_granted_here');
    // Two grants do not add up either: the monitor of Tà Xùa cannot assign to Hang Chú, which it only views.
    const split = await twoGrants.request({
      method: 'POST',
      url: '/api/v1/plans',
      payload: {
        plan: taskPlan('Đảng ủy xã Hang Chú', 'Kế hoạch giao việc cho xã khác'),
        ownerUnitId: await unitId(t, 'xa-ta-xua-du'),
        organizations: { 'Đảng ủy xã Hang Chú': { unitId: await unitId(t, 'xa-hang-chu-du') } },
      },
    });
    expect(split.statusCode, split.body).toBe(403);
    expect(await state()).toBe(before);
    const allowed = await monitor.request({
      method: 'POST',
      url: '/api/v1/plans',
      payload: {
        plan: taskPlan('Đảng ủy xã Tà Xùa', 'Kế hoạch giao việc cho xã'),
        ownerUnitId: await unitId(t, 'huyen-uy-btv'),
        organizations: { 'Đảng ủy xã Tà Xùa': { unitId: await unitId(t, 'xa-ta-xua-du') } },
      },
    });
    expect(allowed.statusCode, allowed.body).toBe(201);
    const plan = await monitor.request({ method: 'GET', url: `/api/v1/plans/${allowed.json().id}` });
    expect(plan.json().actions).toEqual(['plan.read', 'plan.manage']);
  });

  it('(e) a unit’s assignments list only the plans the viewer may read', async () => {
    // Hang Chú's plan gives a task to Tà Xùa's women's union.
    const created = await admin.request({
      method: 'POST',
      url: '/api/v1/plans',
      payload: {
        plan: taskPlan('Hội LHPN xã Tà Xùa', 'Kế hoạch riêng của xã Hang Chú'),
        ownerUnitId: await unitId(t, 'xa-hang-chu-du'),
        organizations: { 'Hội LHPN xã Tà Xùa': { unitId: await unitId(t, 'xa-ta-xua-hlhpn') } },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const officer = await t.login('xa1-canbo');
    expect((await officer.request({ method: 'GET', url: `/api/v1/plans/${created.json().id}` })).statusCode).toBe(403);
    const res = await officer.request({
      method: 'GET',
      url: `/api/v1/org-units/${await unitId(t, 'xa-ta-xua-hlhpn')}/assignments`,
    });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { plan: { id: string; title: string } }[];
    expect(items.length).toBeGreaterThan(0); // the district plan's tasks are still there
    expect(items.map((i) => i.plan.id)).not.toContain(created.json().id);
    expect(res.body).not.toContain('Kế hoạch riêng của xã Hang Chú');
    // The district sees both.
    const district = await monitor.request({
      method: 'GET',
      url: `/api/v1/org-units/${await unitId(t, 'xa-ta-xua-hlhpn')}/assignments`,
    });
    expect(district.json().items.map((i: { plan: { id: string } }) => i.plan.id)).toContain(created.json().id);
  });

  it('the monitor of another district neither reads nor writes Bắc Yên', async () => {
    const other = await t.login('giamsat-phu-yen', EXTRA_PASSWORD);
    const id = await docId('23-CT/HU');
    expect((await other.request({ method: 'GET', url: `/api/v1/documents/${id}` })).statusCode).toBe(403);
    const before = await state();
    const edit = await other.request({ method: 'PATCH', url: `/api/v1/documents/${id}`, payload: { title: 'X' } });
    expect(edit.statusCode).toBe(403);
    expect(await state()).toBe(before);
    const me = (await other.request({ method: 'GET', url: '/api/v1/auth/me' })).json();
    expect(me.user.actions).toEqual(['document.create', 'plan.import', 'plan.create']);
  });
});
