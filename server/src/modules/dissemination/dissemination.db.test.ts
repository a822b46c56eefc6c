import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/access.js';
import { loadActor } from '../../platform/auth/session.js';
import { fixedClock } from '../../platform/clock.js';
import { type Session, type TestApp, testApp, unitId } from '../../test-support/app.js';
import { backends } from '../../test-support/db.js';
import { clearFollowup } from '../../test-support/obligations.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { UsersService } from '../users/users.service.js';
import * as repo from './dissemination.repository.js';
import { DisseminationService } from './dissemination.service.js';

const TODAY = '2026-11-20';
const people = (cadres: number, partyMembers = 0, associationMembers = 0, p = 0) => ({
  cadres,
  partyMembers,
  associationMembers,
  people: p,
});

describe.each(backends())('dissemination on %s', (kind) => {
  let t: TestApp;
  let monitor: Session;
  let officer: Session;
  let planId: string;
  let taXuaDu: string;
  let taXuaWomen: string;
  let hangChuWomen: string;
  const clock = fixedClock(`${TODAY}T03:00:00Z`);
  const record = (s: Session, body: object) =>
    s.request({ method: 'POST', url: `/api/v1/plans/${planId}/dissemination/sessions`, payload: body });
  const rollup = async (s: Session, query = '') => {
    const res = await s.request({ method: 'GET', url: `/api/v1/plans/${planId}/dissemination${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const auditCount = async () =>
    Number(
      (
        await t.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('entity_type', '=', 'dissemination_session')
          .executeTakeFirstOrThrow()
      ).n,
    );
  const sessionCount = async () =>
    Number(
      (
        await t.db
          .selectFrom('dissemination_session')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await testApp(kind, 'demo', { clock });
    // The demo records sessions for half the units; these tests count their own.
    await clearFollowup(t.db);
    monitor = await t.login('giamsat');
    officer = await t.login('xa1-canbo');
    planId = (await monitor.request({ method: 'GET', url: '/api/v1/plans' })).json().items[0].id;
    taXuaDu = await unitId(t, 'xa-ta-xua-du');
    taXuaWomen = await unitId(t, 'xa-ta-xua-hlhpn');
    hangChuWomen = await unitId(t, 'xa-hang-chu-hlhpn');
  });
  afterAll(() => t.close());

  it('an officer records a session; the district sees it counted and rolled up, each session once', async () => {
    const before = await rollup(monitor);
    expect(before.totals.sessions).toBe(0);
    const pendingBefore = before.pending.total;
    expect(pendingBefore).toBe(before.expected.total);

    const mine = await rollup(officer);
    expect(mine.recordable.map((u: { id: string }) => u.id).sort()).toEqual([taXuaDu, taXuaWomen].sort());

    const res = await record(officer, {
      unitId: taXuaDu,
      heldOn: '2026-11-19',
      form: 'conference',
      title: 'Hội nghị quán triệt Kế hoạch 45-KH/HU',
      participants: people(12, 40, 0, 0),
      materials: 'Tài liệu hỏi – đáp',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ version: 1, actions: ['dissemination.write'], unit: { id: taXuaDu } });
    const second = await record(officer, {
      unitId: taXuaWomen,
      heldOn: '2026-11-20',
      form: 'loudspeaker',
      title: 'Phát thanh trên loa',
      participants: people(0, 0, 30, 200),
    });
    expect(second.statusCode, second.body).toBe(201);

    const after = await rollup(monitor);
    expect(after.totals).toEqual({
      sessions: 2,
      participants: { cadres: 12, partyMembers: 40, associationMembers: 30, people: 200, total: 282 },
    });
    const byName = new Map(after.units.items.map((r: { unit: { name: string } }) => [r.unit.name, r]));
    // The district's total holds its commune's two sessions; the commune's area holds both; each unit its own.
    expect(byName.get('Huyện Bắc Yên')).toMatchObject({ own: { sessions: 0 }, total: { sessions: 2 } });
    expect(byName.get('Xã Tà Xùa')).toMatchObject({
      own: { sessions: 0 },
      total: { sessions: 2, participants: { total: 282 } },
    });
    expect(byName.get('Đảng ủy xã Tà Xùa')).toMatchObject({
      own: { sessions: 1, participants: { total: 52 } },
      total: { sessions: 1 },
    });
    expect(after.units.total).toBe(after.units.items.length);
    expect(after.expected.done).toBe(2);
    expect(after.pending.total).toBe(pendingBefore - 2);
    const pendingIds = after.pending.items.map((u: { id: string }) => u.id);
    expect(pendingIds).not.toContain(taXuaDu);
    expect(pendingIds).not.toContain(taXuaWomen);
    expect(pendingIds).toContain(hangChuWomen);

    // The officer's view is their commune only.
    const own = await rollup(officer);
    expect(own.expected).toEqual({ total: 2, done: 2 });
    expect(own.pending.total).toBe(0);
    expect(own.units.items.every((r: { unit: { name: string } }) => r.unit.name.includes('Tà Xùa'))).toBe(true);
  });

  it('pages the not-yet list and the roll-up', async () => {
    const first = await rollup(monitor, '?pendingLimit=5&pendingOffset=0&limit=1');
    const second = await rollup(monitor, '?pendingLimit=5&pendingOffset=5&limit=1&offset=1');
    expect(first.pending.items).toHaveLength(5);
    expect(first.units.items).toHaveLength(1);
    expect(second.units.items[0].unit.id).not.toBe(first.units.items[0].unit.id);
    const ids = new Set([...first.pending.items, ...second.pending.items].map((u: { id: string }) => u.id));
    expect(ids.size).toBe(first.pending.items.length + second.pending.items.length);
  });

  it('edits with the version read; a stale edit is 409 with the current session, nothing lost', async () => {
    const list = await officer.request({
      method: 'GET',
      url: `/api/v1/plans/${planId}/dissemination/sessions?unitId=${taXuaDu}`,
    });
    expect(list.statusCode).toBe(200);
    const session = list.json().items[0];
    const url = `/api/v1/dissemination-sessions/${session.id}`;
    const edited = await officer.request({
      method: 'PATCH',
      url,
      payload: { version: 1, participants: people(15, 40, 0, 0) },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2, participants: { cadres: 15 }, title: session.title });
    const audits = await auditCount();
    const stale = await officer.request({ method: 'PATCH', url, payload: { version: 1, title: 'Ghi đè' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      code: 'stale_version',
      current: { version: 2, participants: { cadres: 15 } },
    });
    expect(stale.json().detail).toMatch(/buổi quán triệt/);
    expect(await auditCount()).toBe(audits);
  });

  it('withdraws softly: kept with who and when, left out of the counts, no longer editable', async () => {
    const list = (
      await officer.request({
        method: 'GET',
        url: `/api/v1/plans/${planId}/dissemination/sessions?unitId=${taXuaWomen}`,
      })
    ).json();
    const s = list.items[0];
    const res = await officer.request({
      method: 'POST',
      url: `/api/v1/dissemination-sessions/${s.id}/withdraw`,
      payload: { version: s.version, reason: 'Ghi nhầm kế hoạch' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().withdrawn).toMatchObject({
      by: { name: 'Hà Thị Dung (cán bộ xã Tà Xùa)' },
      reason: 'Ghi nhầm kế hoạch',
    });
    const roll = await rollup(monitor);
    expect(roll.totals.sessions).toBe(1);
    expect(roll.pending.items.map((u: { id: string }) => u.id)).toContain(taXuaWomen);
    const kept = (
      await officer.request({
        method: 'GET',
        url: `/api/v1/plans/${planId}/dissemination/sessions?unitId=${taXuaWomen}&includeWithdrawn=true`,
      })
    ).json();
    expect(kept.total).toBe(1);
    expect(kept.items[0].withdrawn.at).toBe(`${TODAY}T03:00:00.000Z`);
    const again = await officer.request({
      method: 'PATCH',
      url: `/api/v1/dissemination-sessions/${s.id}`,
      payload: { version: 2, title: 'Sửa' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('dissemination_withdrawn');
  });

  it('refuses bad input with a Vietnamese 4xx and changes nothing', async () => {
    const base = {
      unitId: taXuaDu,
      heldOn: '2026-11-01',
      form: 'online',
      title: 'Trực tuyến',
      participants: people(1),
    };
    const cases: [object, Session, number, string][] = [
      [{ ...base, heldOn: '2026-11-21' }, officer, 400, 'dissemination_held_in_future'],
      [{ ...base, heldOn: '2018-05-31' }, officer, 400, 'dissemination_held_before_plan'],
      [{ ...base, heldOn: '2024-02-30' }, officer, 400, 'validation_failed'],
      [{ ...base, participants: people(0) }, officer, 400, 'dissemination_no_participants'],
      [{ ...base, participants: { ...people(1), people: -1 } }, officer, 400, 'validation_failed'],
      [{ ...base, participants: { ...people(1), people: 1e12 } }, officer, 400, 'validation_failed'],
      [{ ...base, form: 'radio' }, officer, 400, 'validation_failed'],
      [{ ...base, title: '\u200b ' }, officer, 400, 'validation_failed'],
      [{ ...base, unitId: '00000000-0000-4000-8000-000000000000' }, officer, 400, 'unknown_reference'],
      [{ ...base, unitId: hangChuWomen }, officer, 403, 'not_granted_here'],
      [base, monitor, 403, 'forbidden'],
    ];
    const sessions = await sessionCount();
    const audits = await auditCount();
    for (const [body, who, status, code] of cases) {
      const res = await record(who, body);
      expect(res.statusCode, `${JSON.stringify(body)} ${res.body}`).toBe(status);
      expect(res.json().code).toBe(code);
      expect(res.json().detail).toMatch(/\S/);
    }
    const bad = await officer.request({
      method: 'POST',
      url: `/api/v1/plans/${planId}/dissemination/sessions`,
      payload: { ...base, title: 'a\u0000b' },
    });
    expect(bad.statusCode).toBe(400);
    const forged = await officer.request({
      method: 'PATCH',
      url: '/api/v1/dissemination-sessions/00000000-0000-4000-8000-000000000000',
      payload: { version: 1, title: 'x' },
    });
    expect(forged.statusCode).toBe(404);
    const noPlan = await officer.request({
      method: 'GET',
      url: '/api/v1/plans/00000000-0000-4000-8000-000000000000/dissemination',
    });
    expect(noPlan.statusCode).toBe(404);
    expect(await sessionCount()).toBe(sessions);
    expect(await auditCount()).toBe(audits);
  });

  it('the service records a session for the demo with a given actor and clock', async () => {
    const user = await t.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'xa1-truong')
      .executeTakeFirstOrThrow();
    const actor = await loadActor(t.db, user.id);
    if (!actor) throw new Error('no actor');
    const at = fixedClock('2026-10-05T02:00:00Z');
    const s = await new DisseminationService(t.db, at).record({ actor }, planId, {
      unitId: taXuaDu,
      heldOn: '2026-10-05',
      form: 'printed',
      title: 'Phát tài liệu',
      participants: people(0, 0, 0, 150),
    });
    expect(s.createdAt).toBe('2026-10-05T02:00:00.000Z');
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name'])
      .where('entity_id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ action: 'dissemination.record', actor_name: 'xa1-truong' });
  });

  it('odd input on real ids (NUL, odd dates, huge numbers, wrong types) never answers 5xx', async () => {
    const real = (
      await officer.request({ method: 'GET', url: `/api/v1/plans/${planId}/dissemination/sessions` })
    ).json().items[0];
    const odd: unknown[] = [
      '\u0000',
      'a\u0000b',
      '\ud800',
      '0000-01-01',
      '2024-02-30',
      '99999-01-01',
      'tomorrow',
      1e308,
      -1,
      2 ** 31,
      2 ** 53,
      3.5,
      Number.MAX_SAFE_INTEGER,
      null,
      [],
      {},
      true,
      'A'.repeat(100_000),
    ];
    const base = { unitId: taXuaDu, heldOn: '2026-11-01', form: 'online', title: 'x', participants: people(1) };
    const fields = ['unitId', 'heldOn', 'form', 'title', 'materials', 'note', 'participants'];
    const bodies: object[] = [];
    for (const value of odd) {
      for (const f of fields) bodies.push({ ...base, [f]: value });
      for (const g of ['cadres', 'partyMembers', 'associationMembers', 'people'])
        bodies.push({ ...base, participants: { ...people(1), [g]: value } });
    }
    const sessions = await sessionCount();
    let valid = 0; // an odd value in an optional field (materials: null) is still a valid session
    for (const body of bodies) {
      const created = await record(officer, body);
      expect(created.statusCode, JSON.stringify(body).slice(0, 200)).toBeLessThan(500);
      if (created.statusCode < 300) valid++;
      const edited = await officer.request({
        method: 'PATCH',
        url: `/api/v1/dissemination-sessions/${real.id}`,
        payload: { ...body, version: real.version },
      });
      expect(edited.statusCode, JSON.stringify(body).slice(0, 200)).toBeLessThan(500);
    }
    for (const q of ['%00', '-1', '1e309', 'A'.repeat(5000), '99999999999999999999', '2024-02-30']) {
      for (const name of ['limit', 'offset', 'pendingLimit', 'pendingOffset', 'unitId', 'includeWithdrawn']) {
        for (const path of ['dissemination', 'dissemination/sessions']) {
          const res = await monitor.request({ method: 'GET', url: `/api/v1/plans/${planId}/${path}?${name}=${q}` });
          expect(res.statusCode, `${path}?${name}=${q.slice(0, 20)}`).toBeLessThan(500);
        }
      }
    }
    expect(await sessionCount()).toBe(sessions + valid);
    expect(valid).toBeLessThan(bodies.length / 4);
  });

  it('a unit assigned a task from outside the plan’s territory records and reads its own sessions', async () => {
    const btv = await unitId(t, 'tinh-uy-btv');
    const task = await t.db
      .selectFrom('plan_node')
      .select('id')
      .where('plan_id', '=', planId)
      .where('kind', '=', 'task')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('assignment')
      .values({
        task_id: task.id,
        position: 999,
        organization: 'Ban Thường vụ Tỉnh ủy',
        role: 'coordinate',
        unit_id: btv,
      })
      .execute();
    await new UsersService(t.db).create(
      { actor: SYSTEM_ACTOR },
      {
        username: 'tinh-canbo',
        displayName: 'Cán bộ Văn phòng Tỉnh ủy',
        password: 'mat-khau-thu-nghiem',
        grants: [{ role: 'unit_officer', unitId: btv }],
      },
    );
    const provincial = await t.login('tinh-canbo', 'mat-khau-thu-nghiem');
    // Not a reader of the district's plan …
    const refused = await provincial.request({ method: 'GET', url: `/api/v1/plans/${planId}/dissemination` });
    expect(refused.statusCode).toBe(403);
    // … but of its own unit's sessions of it.
    const created = await record(provincial, {
      unitId: btv,
      heldOn: '2026-11-10',
      form: 'online',
      title: 'Quán triệt trực tuyến',
      participants: people(9),
    });
    expect(created.statusCode, created.body).toBe(201);
    const own = await provincial.request({
      method: 'GET',
      url: `/api/v1/plans/${planId}/dissemination/sessions?unitId=${btv}`,
    });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().total).toBe(1);
    const all = await provincial.request({ method: 'GET', url: `/api/v1/plans/${planId}/dissemination/sessions` });
    expect(all.statusCode).toBe(403);
    // The administrator reads both the district and the province: the session is in the totals and has its row.
    const admin = await rollup(await t.login('admin'));
    const row = admin.units.items.find((r: { unit: { id: string } }) => r.unit.id === btv);
    expect(row).toMatchObject({ own: { sessions: 1, participants: { total: 9 } }, total: { sessions: 1 } });
    expect(admin.units.items.some((r: { unit: { name: string } }) => r.unit.name === 'Tỉnh Sơn La')).toBe(false);
    // A unit of theirs neither in the territory nor assigned is refused, and so is one not theirs.
    const team = await new OrganizationsService(t.db).create(
      { actor: SYSTEM_ACTOR },
      {
        code: 'tinh-uy-btv-to',
        parentId: btv,
        kind: 'party_branch',
        level: 'province',
        name: 'Tổ giúp việc Ban Thường vụ',
      },
    );
    const body = { heldOn: '2026-11-10', form: 'online', title: 'Quán triệt', participants: people(2) };
    const outside = await record(provincial, { ...body, unitId: team.id });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().code).toBe('dissemination_unit_outside_plan');
    const notTheirs = await record(provincial, { ...body, unitId: await unitId(t, 'tinh-uy-tt') });
    expect(notTheirs.statusCode).toBe(403);
  });

  it('records nothing for a plan withdrawn or replaced: 409 plan_ended, nothing written', async () => {
    await t.db
      .updateTable('plan')
      .set({ status: 'withdrawn', ended_on: '2026-11-01' })
      .where('id', '=', planId)
      .execute();
    try {
      const [sessions, audits] = [await sessionCount(), await auditCount()];
      const res = await record(officer, {
        unitId: taXuaDu,
        heldOn: '2026-11-10',
        form: 'conference',
        title: 'Quán triệt sau khi kế hoạch đã thu hồi',
        participants: people(3),
      });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'plan_ended' });
      expect(res.json().detail).toMatch(/thu hồi hoặc được thay thế/);
      expect([await sessionCount(), await auditCount()]).toEqual([sessions, audits]);
    } finally {
      await t.db.updateTable('plan').set({ status: 'active', ended_on: null }).where('id', '=', planId).execute();
    }
  });

  it('counts the expected units of a cascade of any size (one array parameter, not 65,535 at most)', async () => {
    const many = Array.from({ length: 70_000 }, (_, n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`);
    const counted = await repo.countExpected(t.db, planId, [...many, taXuaDu], TODAY, null);
    const plain = await repo.countExpected(t.db, planId, [taXuaDu], TODAY, null);
    expect(counted).toEqual(plain);
  });
});
