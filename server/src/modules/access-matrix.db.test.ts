import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, testApp, unitId } from '../test-support/app.js';
import { backends } from '../test-support/db.js';

/**
 * Every role × every route family: allowed, or 401/403/404 with nothing changed.
 * Demo accounts: admin (administrator), giamsat (monitor, district), thuongtruc (viewer,
 * district), xa1-truong (unit head, commune Tà Xùa), xa1-canbo (officer, commune Tà Xùa).
 */
type Who = 'anonymous' | 'admin' | 'giamsat' | 'thuongtruc' | 'xa1-truong' | 'xa1-canbo';
const USERS: Who[] = ['anonymous', 'admin', 'giamsat', 'thuongtruc', 'xa1-truong', 'xa1-canbo'];

interface Family {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  url: (ids: Ids) => string;
  body?: (ids: Ids) => unknown;
  /** Expected status per user; anonymous is always 401. */
  expect: Record<Exclude<Who, 'anonymous'>, number>;
}

interface Ids {
  plan: string;
  directive: string;
  hangChuPlan: string;
  huyen: string;
  ownCommune: string;
  ownWomen: string;
  otherCommune: string;
  spare: string;
}

const everyone = (status: number) => ({
  admin: status,
  giamsat: status,
  thuongtruc: status,
  'xa1-truong': status,
  'xa1-canbo': status,
});
const districtOnly = { admin: 200, giamsat: 200, thuongtruc: 200, 'xa1-truong': 403, 'xa1-canbo': 403 };
const adminOnly = (status: number) => ({ ...everyone(403), admin: status });

const FAMILIES: Family[] = [
  { name: 'list plans', method: 'GET', url: () => '/api/v1/plans', expect: everyone(200) },
  { name: 'read the district plan', method: 'GET', url: (i) => `/api/v1/plans/${i.plan}`, expect: everyone(200) },
  { name: 'list units', method: 'GET', url: () => '/api/v1/org-units', expect: everyone(200) },
  { name: 'levels and kinds', method: 'GET', url: () => '/api/v1/org-levels', expect: everyone(200) },
  { name: 'own commune', method: 'GET', url: (i) => `/api/v1/org-units/${i.ownCommune}`, expect: everyone(200) },
  {
    name: 'own unit assignments',
    method: 'GET',
    url: (i) => `/api/v1/org-units/${i.ownWomen}/assignments`,
    expect: everyone(200),
  },
  { name: 'another commune', method: 'GET', url: (i) => `/api/v1/org-units/${i.otherCommune}`, expect: districtOnly },
  {
    name: 'another commune’s assignments',
    method: 'GET',
    url: (i) => `/api/v1/org-units/${i.otherCommune}/assignments`,
    expect: districtOnly,
  },
  {
    name: 'the district',
    method: 'GET',
    url: (i) => `/api/v1/org-units/${i.huyen}`,
    expect: districtOnly,
  },
  {
    name: 'create unit',
    method: 'POST',
    url: () => '/api/v1/org-units',
    body: (i) => ({ parentId: i.ownCommune, kind: 'youth_union', level: 'commune', name: 'Đoàn Thanh niên xã Tà Xùa' }),
    expect: adminOnly(201),
  },
  {
    name: 'edit unit',
    method: 'PATCH',
    url: (i) => `/api/v1/org-units/${i.ownWomen}`,
    body: () => ({ aliases: ['Hội Phụ nữ Tà Xùa'] }),
    expect: adminOnly(200),
  },
  {
    name: 'move unit',
    method: 'POST',
    url: (i) => `/api/v1/org-units/${i.spare}/move`,
    body: (i) => ({ parentId: i.ownCommune }),
    expect: adminOnly(200),
  },
  {
    name: 'close unit',
    method: 'POST',
    url: (i) => `/api/v1/org-units/${i.spare}/close`,
    body: () => ({ validTo: '2025-07-01' }),
    expect: adminOnly(200),
  },
  {
    name: 'edit a level',
    method: 'PUT',
    url: () => '/api/v1/org-levels/special_zone',
    body: () => ({ nameVi: 'Đặc khu', nameEn: 'Special zone', rank: 40 }),
    expect: adminOnly(200),
  },
  { name: 'search documents', method: 'GET', url: () => '/api/v1/documents?q=21-CT', expect: everyone(200) },
  { name: 'read the directive', method: 'GET', url: (i) => `/api/v1/documents/${i.directive}`, expect: everyone(200) },
  { name: 'the cascade', method: 'GET', url: (i) => `/api/v1/documents/${i.directive}/cascade`, expect: everyone(200) },
  {
    name: 'another commune’s document',
    method: 'GET',
    url: (i) => `/api/v1/documents/${i.hangChuPlan}`,
    expect: districtOnly,
  },
  {
    name: 'register a document',
    method: 'POST',
    url: () => '/api/v1/documents',
    body: () => ({ symbol: '99-CV/TU', issuer: 'Tỉnh ủy', date: '2018-09-09', title: 'Công văn thử' }),
    expect: { ...everyone(403), giamsat: 201, admin: 409 },
  },
  {
    name: 'edit a document',
    method: 'PATCH',
    url: (i) => `/api/v1/documents/${i.directive}`,
    body: () => ({ respondWithinDays: 45 }),
    expect: { ...everyone(403), admin: 200, giamsat: 200 },
  },
  {
    name: 'import preview',
    method: 'POST',
    url: () => '/api/v1/plans/import',
    body: () => ({ text: 'KẾ HOẠCH\nI. MỤC ĐÍCH\n- Quán triệt.', fileName: 'thu.txt' }),
    expect: { ...everyone(403), admin: 200, giamsat: 200 },
  },
  { name: 'read audit', method: 'GET', url: () => '/api/v1/audit', expect: adminOnly(200) },
  { name: 'list jobs', method: 'GET', url: () => '/api/v1/jobs', expect: adminOnly(200) },
  {
    name: 'retry a job',
    method: 'POST',
    url: () => '/api/v1/jobs/00000000-0000-4000-8000-000000000000/retry',
    expect: adminOnly(404),
  },
  {
    name: 'cancel a job',
    method: 'POST',
    url: () => '/api/v1/jobs/00000000-0000-4000-8000-000000000000/cancel',
    expect: adminOnly(404),
  },
  { name: 'list users', method: 'GET', url: () => '/api/v1/users', expect: adminOnly(200) },
  {
    name: 'create user',
    method: 'POST',
    url: () => '/api/v1/users',
    body: (i) => ({
      username: 'xa1-moi',
      displayName: 'Cán bộ mới',
      password: 'mat-khau-dai-du',
      grants: [{ role: 'unit_officer', unitId: i.ownCommune }],
    }),
    expect: adminOnly(201),
  },
];

async function fingerprint(t: TestApp): Promise<string> {
  const { rows } = await sql<{ fp: string }>`
    select concat_ws('|',
      (select count(*) from org_unit), (select max(updated_at)::text from org_unit),
      (select count(*) from org_level), (select count(*) from app_user), (select count(*) from role_grant),
      (select count(*) from plan), (select count(*) from document), (select max(updated_at)::text from document),
      (select count(*) from audit_log where action not like 'auth.%')) as fp`.execute(t.db);
  return rows[0]?.fp ?? '';
}

describe.each(backends())('access matrix on %s', (kind) => {
  let t: TestApp;
  let ids: Ids;
  const sessions = new Map<Who, Session>();

  beforeAll(async () => {
    t = await testApp(kind);
    const plan = await t.db.selectFrom('plan').select('id').executeTakeFirstOrThrow();
    ids = {
      plan: plan.id,
      directive: (
        await t.db.selectFrom('document').select('id').where('symbol', '=', '21-CT/TW').executeTakeFirstOrThrow()
      ).id,
      hangChuPlan: (
        await t.db
          .insertInto('document')
          .values({
            title: 'Kế hoạch của Đảng ủy xã Hang Chú',
            issuer_unit_id: await unitId(t, 'xa-hang-chu-du'),
            scope_unit_id: await unitId(t, 'xa-hang-chu'),
            addressees: '[]',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
      huyen: await unitId(t, 'huyen'),
      ownCommune: await unitId(t, 'xa-ta-xua'),
      ownWomen: await unitId(t, 'xa-ta-xua-hlhpn'),
      otherCommune: await unitId(t, 'xa-hang-chu'),
      spare: await unitId(t, 'huyen-uy-cb-thpt'),
    };
    for (const who of USERS) if (who !== 'anonymous') sessions.set(who, await t.login(who));
  });
  afterAll(() => t.close());

  // Denied cases first, then the administrator's writes, so each denial is checked against an unchanged database.
  const order = [...USERS.filter((u) => u !== 'admin'), 'admin' as const];
  for (const who of order) {
    for (const family of FAMILIES) {
      const expected = who === 'anonymous' ? 401 : family.expect[who];
      it(`${who} → ${family.name}: ${expected}`, async () => {
        const before = await fingerprint(t);
        const request = {
          method: family.method,
          url: family.url(ids),
          ...(family.body ? { payload: family.body(ids) as object } : {}),
        };
        const session = sessions.get(who);
        const res = session ? await session.request(request) : await t.app.inject(request);
        expect(res.statusCode, res.body).toBe(expected);
        if (expected >= 400) {
          expect(res.headers['content-type']).toContain('application/problem+json');
          expect(res.json().detail).toMatch(/\S/);
          expect(await fingerprint(t)).toBe(before);
        }
      });
    }
  }

  it('a commune officer lists only the units of their commune', async () => {
    const officer = await t.login('xa1-canbo');
    const res = await officer.request({ method: 'GET', url: '/api/v1/org-units' });
    const names = (res.json().items as { name: string }[]).map((u) => u.name);
    expect(names.length).toBeGreaterThanOrEqual(6);
    expect(names.every((n) => n.includes('Tà Xùa'))).toBe(true);
  });
});
