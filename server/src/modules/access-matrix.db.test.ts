import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccessUsers, EXTRA_PASSWORD } from '../test-support/access-users.js';
import { multipartFile, type Session, type TestApp, testApp, unitId } from '../test-support/app.js';
import { backends } from '../test-support/db.js';
import { oneTaskPlan } from '../test-support/plan-body.js';

/**
 * Every route × every kind of user: allowed, or 4xx with nothing changed. The routes come from
 * the application's own route table: a route under /api/v1 without an entry here fails.
 *
 * Demo accounts: admin (administrator), giamsat (monitor, district Bắc Yên), thuongtruc (viewer,
 * district), xa1-truong (unit head, commune Tà Xùa), xa1-canbo (officer, commune Tà Xùa). Added in
 * the setup (test-support/access-users.ts): hai-quyen (monitor in Tà Xùa AND viewer in Hang Chú —
 * the halves of two grants never combine) and giamsat-phu-yen (monitor of another district).
 */
const USERS = [
  'anonymous',
  'admin',
  'giamsat',
  'thuongtruc',
  'xa1-truong',
  'xa1-canbo',
  'hai-quyen',
  'giamsat-phu-yen',
] as const;
type Who = (typeof USERS)[number];
type Expect = Record<Exclude<Who, 'anonymous'>, number> & { anonymous?: number };

interface Ids {
  plan: string;
  task: string;
  directive: string;
  provinceLetter: string;
  districtDoc: string;
  communeDoc: string;
  hangChuDoc: string;
  treaty: string;
  huyen: string;
  ownCommune: string;
  ownWomen: string;
  otherCommune: string;
  spare: string;
  huyenBtv: string;
  tinhBtv: string;
  taXuaDu: string;
  hangChuDu: string;
  /** A user and one of its grants, for the user-management families. */
  spareUser: string;
  spareGrant: string;
}

interface Family {
  /** The route it exercises, as `METHOD /pattern` of the route table. */
  route: string;
  name: string;
  url: (ids: Ids, prepared: string) => string;
  body?: (ids: Ids) => unknown;
  file?: boolean;
  /** Run before each request (not part of the checked change), e.g. a link to delete. */
  prepare?: (t: TestApp, ids: Ids) => Promise<string>;
  /** A new session for this request (logout ends it). */
  fresh?: boolean;
  /** Expected status per user; anonymous is 401 unless given. */
  expect: Expect;
}

const all = (status: number): Expect => ({
  admin: status,
  giamsat: status,
  thuongtruc: status,
  'xa1-truong': status,
  'xa1-canbo': status,
  'hai-quyen': status,
  'giamsat-phu-yen': status,
});
/** Readable inside the district Bắc Yên only. */
const district: Expect = { ...all(403), admin: 200, giamsat: 200, thuongtruc: 200 };
/** Readable by Bắc Yên and by Tà Xùa (hai-quyen has a grant there). */
const districtAndTaXua: Expect = { ...district, 'xa1-truong': 200, 'xa1-canbo': 200, 'hai-quyen': 200 };
const adminOnly = (status: number): Expect => ({ ...all(403), admin: status });
/** The monitors that may write in the district of Bắc Yên. */
const districtWriters = (status: number): Expect => ({ ...all(403), admin: status, giamsat: status });

const planBody = (owner: string, organization: string, unit: string, title: string) => ({
  plan: oneTaskPlan(organization, title, 'Tuyên truyền'),
  ownerUnitId: owner,
  organizations: { [organization]: { unitId: unit } },
});

const FAMILIES: Family[] = [
  // ── auth ──
  {
    route: 'POST /api/v1/auth/login',
    name: 'login with a malformed body',
    url: () => '/api/v1/auth/login',
    body: () => ({ username: '' }),
    expect: { ...all(400), anonymous: 400 },
  },
  {
    route: 'POST /api/v1/auth/logout',
    name: 'logout',
    url: () => '/api/v1/auth/logout',
    fresh: true,
    expect: { ...all(204), anonymous: 204 },
  },
  { route: 'GET /api/v1/auth/me', name: 'who am I', url: () => '/api/v1/auth/me', expect: all(200) },

  // ── plans ──
  { route: 'GET /api/v1/plans', name: 'list plans', url: () => '/api/v1/plans', expect: all(200) },
  {
    route: 'GET /api/v1/plans/:id/tasks/:taskId/assignments',
    name: 'a task’s assignments, paged',
    url: (i) => `/api/v1/plans/${i.plan}/tasks/${i.task}/assignments?limit=5`,
    expect: { ...all(200), 'giamsat-phu-yen': 403 },
  },
  {
    route: 'GET /api/v1/plans/:id/tasks/:taskId/assignments',
    name: 'assignments of a task of another plan',
    url: (i) => `/api/v1/plans/${i.plan}/tasks/${i.plan}/assignments`,
    expect: { ...all(404), 'giamsat-phu-yen': 403 },
  },
  {
    route: 'GET /api/v1/plans/:id',
    name: 'read the district plan',
    url: (i) => `/api/v1/plans/${i.plan}`,
    expect: { ...all(200), 'giamsat-phu-yen': 403 },
  },
  {
    route: 'POST /api/v1/plans/import',
    name: 'import preview',
    url: () => '/api/v1/plans/import',
    body: () => ({ text: 'KẾ HOẠCH\nI. MỤC ĐÍCH\n- Quán triệt.', fileName: 'thu.txt' }),
    expect: { ...all(403), admin: 200, giamsat: 200, 'xa1-truong': 200, 'hai-quyen': 200, 'giamsat-phu-yen': 200 },
  },
  {
    route: 'POST /api/v1/plans',
    name: 'create a district plan assigning a Tà Xùa body',
    url: () => '/api/v1/plans',
    body: (i) => planBody(i.huyenBtv, 'Đảng ủy xã Tà Xùa', i.taXuaDu, 'Kế hoạch của huyện'),
    expect: districtWriters(201),
  },
  {
    route: 'POST /api/v1/plans',
    name: 'create a district plan assigning the province',
    url: () => '/api/v1/plans',
    body: (i) => planBody(i.huyenBtv, 'Ban Thường vụ Tỉnh ủy', i.tinhBtv, 'Kế hoạch giao việc cho tỉnh'),
    expect: adminOnly(201),
  },
  {
    route: 'POST /api/v1/plans',
    name: 'create a Tà Xùa plan assigning Hang Chú',
    url: () => '/api/v1/plans',
    body: (i) => planBody(i.taXuaDu, 'Đảng ủy xã Hang Chú', i.hangChuDu, 'Kế hoạch giao việc cho xã khác'),
    expect: districtWriters(201),
  },
  {
    route: 'POST /api/v1/plans',
    name: 'create a Tà Xùa plan assigning Tà Xùa',
    url: () => '/api/v1/plans',
    body: (i) => planBody(i.taXuaDu, 'Đảng ủy xã Tà Xùa', i.taXuaDu, 'Kế hoạch của xã'),
    // A unit head registers its own unit's implementing plan (issue 7, the cascade's "issue your own plan").
    expect: { ...districtWriters(201), 'xa1-truong': 201, 'hai-quyen': 201 },
  },

  // ── follow-through: regimes, what I owe, a leader's home (modules/followup) ──
  {
    route: 'GET /api/v1/plans/:id/regime',
    name: 'the district plan’s reporting regime',
    url: (i) => `/api/v1/plans/${i.plan}/regime`,
    expect: { ...all(200), 'giamsat-phu-yen': 403 },
  },
  {
    route: 'PUT /api/v1/plans/:id/regime',
    name: 'set the district plan’s reporting line',
    url: (i) => `/api/v1/plans/${i.plan}/regime`,
    body: (i) => ({ reportsToUnitId: i.tinhBtv }),
    expect: districtWriters(200),
  },
  {
    route: 'GET /api/v1/plans/:id/tasks/:taskId/regime',
    name: 'a task’s reporting regime',
    url: (i) => `/api/v1/plans/${i.plan}/tasks/${i.task}/regime`,
    expect: { ...all(200), 'giamsat-phu-yen': 403 },
  },
  {
    route: 'PUT /api/v1/plans/:id/tasks/:taskId/regime',
    name: 'set a task’s reporting regime back to the plan’s',
    url: (i) => `/api/v1/plans/${i.plan}/tasks/${i.task}/regime`,
    body: () => ({ regime: null }),
    expect: districtWriters(200),
  },
  { route: 'GET /api/v1/me/obligations', name: 'what I owe', url: () => '/api/v1/me/obligations', expect: all(200) },
  { route: 'GET /api/v1/me/home', name: 'a leader’s home', url: () => '/api/v1/me/home', expect: all(200) },

  // ── organisation units ──
  { route: 'GET /api/v1/org-units', name: 'list units', url: () => '/api/v1/org-units', expect: all(200) },
  { route: 'GET /api/v1/org-levels', name: 'levels', url: () => '/api/v1/org-levels', expect: all(200) },
  { route: 'GET /api/v1/org-kinds', name: 'kinds', url: () => '/api/v1/org-kinds', expect: all(200) },
  {
    route: 'GET /api/v1/org-units/:id',
    name: 'the commune Tà Xùa',
    url: (i) => `/api/v1/org-units/${i.ownCommune}`,
    expect: districtAndTaXua,
  },
  {
    route: 'GET /api/v1/org-units/:id/assignments',
    name: 'Tà Xùa women’s union assignments',
    url: (i) => `/api/v1/org-units/${i.ownWomen}/assignments`,
    expect: districtAndTaXua,
  },
  {
    route: 'GET /api/v1/org-units/:id',
    name: 'the commune Hang Chú',
    url: (i) => `/api/v1/org-units/${i.otherCommune}`,
    expect: { ...district, 'hai-quyen': 200 },
  },
  {
    route: 'GET /api/v1/org-units/:id/assignments',
    name: 'Hang Chú’s assignments',
    url: (i) => `/api/v1/org-units/${i.otherCommune}/assignments`,
    expect: { ...district, 'hai-quyen': 200 },
  },
  {
    route: 'GET /api/v1/org-units/:id',
    name: 'the district',
    url: (i) => `/api/v1/org-units/${i.huyen}`,
    expect: district,
  },
  {
    route: 'POST /api/v1/org-units',
    name: 'create unit',
    url: () => '/api/v1/org-units',
    body: (i) => ({ parentId: i.ownCommune, kind: 'youth_union', level: 'commune', name: 'Đoàn Thanh niên xã Tà Xùa' }),
    expect: adminOnly(201),
  },
  {
    route: 'PATCH /api/v1/org-units/:id',
    name: 'edit unit',
    url: (i) => `/api/v1/org-units/${i.ownWomen}`,
    body: () => ({ aliases: ['Hội Phụ nữ Tà Xùa'] }),
    expect: adminOnly(200),
  },
  {
    route: 'POST /api/v1/org-units/:id/move',
    name: 'move unit',
    url: (i) => `/api/v1/org-units/${i.spare}/move`,
    body: (i) => ({ parentId: i.ownCommune }),
    expect: adminOnly(200),
  },
  {
    route: 'POST /api/v1/org-units/:id/close',
    name: 'close unit',
    url: (i) => `/api/v1/org-units/${i.spare}/close`,
    body: () => ({ validTo: '2025-07-01' }),
    expect: adminOnly(200),
  },
  {
    route: 'PUT /api/v1/org-levels/:code',
    name: 'edit a level',
    url: () => '/api/v1/org-levels/special_zone',
    body: () => ({ nameVi: 'Đặc khu', nameEn: 'Special zone', rank: 40 }),
    expect: adminOnly(200),
  },

  // ── documents ──
  {
    route: 'GET /api/v1/documents',
    name: 'search documents',
    url: () => '/api/v1/documents?q=21-CT',
    expect: all(200),
  },
  {
    route: 'GET /api/v1/documents/parse-symbol',
    name: 'parse a symbol',
    url: () => '/api/v1/documents/parse-symbol?text=21-CT%2FTW',
    expect: all(200),
  },
  {
    route: 'GET /api/v1/documents/:id',
    name: 'read the directive',
    url: (i) => `/api/v1/documents/${i.directive}`,
    expect: all(200),
  },
  {
    route: 'GET /api/v1/documents/:id/cascade',
    name: 'the cascade',
    url: (i) => `/api/v1/documents/${i.directive}/cascade`,
    expect: all(200),
  },
  {
    route: 'GET /api/v1/documents/:id/coverage',
    name: 'the directive’s expected units, paged',
    url: (i) => `/api/v1/documents/${i.directive}/coverage?status=missing&limit=5`,
    expect: all(200),
  },
  {
    route: 'GET /api/v1/documents/:id/coverage',
    name: 'a Hang Chú document’s expected units',
    url: (i) => `/api/v1/documents/${i.hangChuDoc}/coverage`,
    expect: { ...district, 'hai-quyen': 200 },
  },
  {
    route: 'GET /api/v1/documents/:id',
    name: 'a Hang Chú document',
    url: (i) => `/api/v1/documents/${i.hangChuDoc}`,
    expect: { ...district, 'hai-quyen': 200 },
  },
  {
    route: 'GET /api/v1/documents/:id/file',
    name: 'the file of a Tà Xùa document',
    url: (i) => `/api/v1/documents/${i.communeDoc}/file`,
    expect: districtAndTaXua,
  },
  {
    route: 'POST /api/v1/documents',
    name: 'register a central document',
    url: () => '/api/v1/documents',
    body: () => ({ symbol: '99-CV/TU', issuer: 'Tỉnh ủy', date: '2018-09-09', title: 'Công văn thử' }),
    expect: adminOnly(201),
  },
  {
    route: 'POST /api/v1/documents',
    name: 'register a Tà Xùa document',
    url: () => '/api/v1/documents',
    body: (i) => ({ issuerUnitId: i.taXuaDu, title: 'Báo cáo của xã Tà Xùa' }),
    expect: { ...districtWriters(201), 'xa1-truong': 201, 'hai-quyen': 201 },
  },
  {
    route: 'POST /api/v1/documents',
    name: 'register a Hang Chú document',
    url: () => '/api/v1/documents',
    body: (i) => ({ issuerUnitId: i.hangChuDu, title: 'Báo cáo của xã Hang Chú' }),
    expect: districtWriters(201),
  },
  {
    route: 'PATCH /api/v1/documents/:id',
    name: 'edit the directive (central)',
    url: (i) => `/api/v1/documents/${i.directive}`,
    body: () => ({ respondWithinDays: 45 }),
    expect: adminOnly(200),
  },
  {
    route: 'PATCH /api/v1/documents/:id',
    name: 'edit the province’s letter',
    url: (i) => `/api/v1/documents/${i.provinceLetter}`,
    body: () => ({ respondWithinDays: 45 }),
    expect: adminOnly(200),
  },
  {
    route: 'PATCH /api/v1/documents/:id',
    name: 'edit a Tà Xùa document',
    url: (i) => `/api/v1/documents/${i.communeDoc}`,
    body: () => ({ respondWithinDays: 45 }),
    expect: { ...districtWriters(200), 'xa1-truong': 200, 'hai-quyen': 200 },
  },
  {
    route: 'PATCH /api/v1/documents/:id',
    name: 'clear a Hang Chú document’s issuer',
    url: (i) => `/api/v1/documents/${i.hangChuDoc}`,
    body: () => ({ issuerUnitId: null, issuer: 'Không rõ' }),
    expect: adminOnly(200),
  },
  {
    route: 'POST /api/v1/documents/:id/file',
    name: 'attach a file to a Tà Xùa document',
    url: (i) => `/api/v1/documents/${i.communeDoc}/file`,
    file: true,
    expect: { ...districtWriters(200), 'xa1-truong': 200, 'hai-quyen': 200 },
  },
  {
    route: 'POST /api/v1/documents/:id/file',
    name: 'replace the file of the province’s letter',
    url: (i) => `/api/v1/documents/${i.provinceLetter}/file`,
    file: true,
    expect: adminOnly(200),
  },
  {
    route: 'POST /api/v1/documents/:id/file',
    name: 'replace the file of the directive',
    url: (i) => `/api/v1/documents/${i.directive}/file`,
    file: true,
    expect: adminOnly(200),
  },
  {
    route: 'POST /api/v1/documents/:id/links',
    name: 'link a district document',
    url: (i) => `/api/v1/documents/${i.districtDoc}/links`,
    body: (i) => ({ toDocumentId: i.treaty, relation: 'cites' }),
    expect: districtWriters(201),
  },
  {
    route: 'DELETE /api/v1/documents/:id/links/:linkId',
    name: 'unlink a district document',
    prepare: async (t, i) => {
      const link = { from_document_id: i.districtDoc, to_document_id: i.directive, relation: 'cites' };
      await t.db
        .insertInto('document_link')
        .values(link)
        .onConflict((oc) => oc.doNothing())
        .execute();
      const row = await t.db
        .selectFrom('document_link')
        .select('id')
        .where('from_document_id', '=', link.from_document_id)
        .where('to_document_id', '=', link.to_document_id)
        .where('relation', '=', link.relation)
        .executeTakeFirstOrThrow();
      return row.id;
    },
    url: (i, linkId) => `/api/v1/documents/${i.districtDoc}/links/${linkId}`,
    expect: districtWriters(204),
  },

  // ── administration ──
  { route: 'GET /api/v1/audit', name: 'read audit', url: () => '/api/v1/audit', expect: adminOnly(200) },
  { route: 'GET /api/v1/jobs', name: 'list jobs', url: () => '/api/v1/jobs', expect: adminOnly(200) },
  {
    route: 'POST /api/v1/jobs/:id/retry',
    name: 'retry a job',
    url: () => '/api/v1/jobs/00000000-0000-4000-8000-000000000000/retry',
    expect: adminOnly(404),
  },
  {
    route: 'POST /api/v1/jobs/:id/cancel',
    name: 'cancel a job',
    url: () => '/api/v1/jobs/00000000-0000-4000-8000-000000000000/cancel',
    expect: adminOnly(404),
  },
  { route: 'GET /api/v1/users', name: 'list users', url: () => '/api/v1/users', expect: adminOnly(200) },
  {
    route: 'POST /api/v1/users',
    name: 'create user',
    url: () => '/api/v1/users',
    body: (i) => ({
      username: 'xa1-moi',
      displayName: 'Cán bộ mới',
      password: 'mat-khau-dai-du',
      grants: [{ role: 'unit_officer', unitId: i.ownCommune }],
    }),
    expect: adminOnly(201),
  },
  {
    route: 'GET /api/v1/users/:id',
    name: 'read a user',
    url: (i) => `/api/v1/users/${i.spareUser}`,
    expect: adminOnly(200),
  },
  {
    route: 'PATCH /api/v1/users/:id',
    name: 'edit a user',
    url: (i) => `/api/v1/users/${i.spareUser}`,
    body: () => ({ displayName: 'Cán bộ dự phòng (đã sửa)' }),
    expect: adminOnly(200),
  },
  {
    route: 'PATCH /api/v1/users/:id',
    name: 'deactivate a user',
    url: (i) => `/api/v1/users/${i.spareUser}`,
    body: () => ({ isActive: false }),
    expect: adminOnly(200),
  },
  {
    route: 'POST /api/v1/users/:id/grants',
    name: 'give a grant',
    url: (i) => `/api/v1/users/${i.spareUser}/grants`,
    body: (i) => ({ role: 'viewer', unitId: i.otherCommune }),
    expect: adminOnly(201),
  },
  {
    route: 'DELETE /api/v1/users/:id/grants/:grantId',
    name: 'take a grant',
    url: (i) => `/api/v1/users/${i.spareUser}/grants/${i.spareGrant}`,
    expect: adminOnly(204),
  },
  {
    route: 'POST /api/v1/users/:id/password',
    name: 'reset a password',
    url: (i) => `/api/v1/users/${i.spareUser}/password`,
    body: () => ({ password: 'mat-khau-dat-lai' }),
    expect: adminOnly(204),
  },
  {
    route: 'POST /api/v1/me/password',
    name: 'change own password (wrong current one)',
    url: () => '/api/v1/me/password',
    body: () => ({ currentPassword: 'khong-dung', newPassword: 'mat-khau-moi-dai' }),
    expect: all(400),
  },
];

async function fingerprint(t: TestApp): Promise<string> {
  const { rows } = await sql<{ fp: string }>`
    select concat_ws('|',
      (select count(*) from org_unit), (select max(updated_at)::text from org_unit),
      (select count(*) from org_level), (select count(*) from app_user), (select count(*) from role_grant),
      (select string_agg(display_name || is_active::text || password_hash, ',' order by id) from app_user),
      (select count(*) from plan), (select count(*) from plan_node), (select count(*) from assignment),
      (select count(*) from document), (select max(updated_at)::text from document),
      (select string_agg(coalesce(issuer_unit_id::text, '-'), ',' order by id) from document),
      (select string_agg(sha256, ',' order by document_id) from document_file),
      (select count(*) from document_link),
      (select count(*) from audit_log where action not like 'auth.%')) as fp`.execute(t.db);
  return rows[0]?.fp ?? '';
}

describe.each(backends())('access matrix on %s', (kind) => {
  let t: TestApp;
  let ids: Ids;
  const sessions = new Map<Who, Session>();
  const login = (who: Exclude<Who, 'anonymous'>) =>
    who === 'hai-quyen' || who === 'giamsat-phu-yen' ? t.login(who, EXTRA_PASSWORD) : t.login(who);
  const docId = async (symbol: string) =>
    (await t.db.selectFrom('document').select('id').where('symbol', '=', symbol).executeTakeFirstOrThrow()).id;

  beforeAll(async () => {
    t = await testApp(kind);
    await addAccessUsers(t);
    const plan = await t.db.selectFrom('plan').select('id').executeTakeFirstOrThrow();
    ids = {
      plan: plan.id,
      task: (
        await t.db
          .selectFrom('plan_node')
          .select('id')
          .where('plan_id', '=', plan.id)
          .where('kind', '=', 'task')
          .executeTakeFirstOrThrow()
      ).id,
      directive: await docId('21-CT/TW'),
      provinceLetter: await docId('570-CV/TU'),
      districtDoc: await docId('23-CT/HU'),
      communeDoc: await docId('12-KH/ĐU'),
      treaty: await docId('11-NQ/TW'),
      hangChuDoc: (
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
      huyenBtv: await unitId(t, 'huyen-uy-btv'),
      tinhBtv: await unitId(t, 'tinh-uy-btv'),
      taXuaDu: await unitId(t, 'xa-ta-xua-du'),
      hangChuDu: await unitId(t, 'xa-hang-chu-du'),
      spareUser: '',
      spareGrant: '',
    };
    const spare = await t.db
      .insertInto('app_user')
      .values({ username: 'du-phong', display_name: 'Cán bộ dự phòng', password_hash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.spareUser = spare.id;
    ids.spareGrant = (
      await t.db
        .insertInto('role_grant')
        .values({ user_id: spare.id, unit_id: ids.ownCommune, role: 'unit_officer' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const content = Buffer.from('Kế hoạch của xã Tà Xùa');
    await t.db
      .insertInto('document_file')
      .values({
        document_id: ids.communeDoc,
        file_name: 'kh.txt',
        content_type: 'text/plain',
        size: content.length,
        sha256: 'seed',
        content,
      })
      .execute();
    for (const who of USERS) if (who !== 'anonymous') sessions.set(who, await login(who));
  });
  afterAll(() => t.close());

  it('every route under /api/v1 has a matrix entry, and every entry a route', () => {
    const table = t.app.routeTable.filter((r) => r.url.startsWith('/api/v1/')).map((r) => `${r.method} ${r.url}`);
    expect(table.length).toBeGreaterThan(20);
    const covered = new Set(FAMILIES.map((f) => f.route));
    expect(table.filter((r) => !covered.has(r))).toEqual([]);
    expect([...covered].filter((r) => !table.includes(r))).toEqual([]);
  });

  // Denied cases first, then the administrator's writes, so each denial is checked against an unchanged database.
  const order: Who[] = [...USERS.filter((u) => u !== 'admin'), 'admin'];
  for (const who of order) {
    for (const family of FAMILIES) {
      const expected = who === 'anonymous' ? (family.expect.anonymous ?? 401) : family.expect[who];
      it(`${who} → ${family.name}: ${expected}`, async () => {
        const prepared = family.prepare ? await family.prepare(t, ids) : '';
        const before = await fingerprint(t);
        const payload = family.file
          ? multipartFile('thu.txt', Buffer.from(`tệp của ${who}`), 'text/plain')
          : family.body
            ? { payload: family.body(ids) as object }
            : {};
        const request = { method: family.route.split(' ')[0] as 'GET', url: family.url(ids, prepared), ...payload };
        const session = who === 'anonymous' ? undefined : family.fresh ? await login(who) : sessions.get(who);
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

  it('the actions an answer lists are the ones the matrix allows', async () => {
    const offers = async (who: Exclude<Who, 'anonymous'>, url: string) => {
      const res = await (sessions.get(who) as Session).request({ method: 'GET', url });
      return res.statusCode === 200 ? (res.json().actions as string[]) : [];
    };
    const pairs: [string, (i: Ids) => string, string][] = [
      ['edit the province’s letter', (i) => `/api/v1/documents/${i.provinceLetter}`, 'document.write'],
      ['edit the directive (central)', (i) => `/api/v1/documents/${i.directive}`, 'document.write'],
      ['edit a Tà Xùa document', (i) => `/api/v1/documents/${i.communeDoc}`, 'document.write'],
      ['attach a file to a Tà Xùa document', (i) => `/api/v1/documents/${i.communeDoc}`, 'document.attach'],
      ['edit unit', (i) => `/api/v1/org-units/${i.ownWomen}`, 'unit.manage'],
    ];
    for (const who of USERS) {
      if (who === 'anonymous') continue;
      for (const [name, url, action] of pairs) {
        const family = FAMILIES.find((f) => f.name === name) as Family;
        const allowed = family.expect[who] < 400;
        expect((await offers(who, url(ids))).includes(action), `${who} ${name}`).toBe(allowed);
      }
      const me = (await (sessions.get(who) as Session).request({ method: 'GET', url: '/api/v1/auth/me' })).json();
      const creates = FAMILIES.find((f) => f.name === 'register a Tà Xùa document') as Family;
      expect(me.user.actions.includes('document.create'), `${who} document.create`).toBe(
        creates.expect[who] < 400 || who === 'giamsat-phu-yen',
      );
      expect(me.user.actions.includes('audit.read'), `${who} audit.read`).toBe(who === 'admin');
    }
  });
});
