import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccessUsers, EXTRA_PASSWORD } from '../test-support/access-users.js';
import { multipartFile, type Session, type TestApp, testApp, unitId } from '../test-support/app.js';
import { backends } from '../test-support/db.js';
import { insertTestObligations } from '../test-support/obligations.js';
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
  /** Reports: an obligation of a Tà Xùa body on the district plan, its report's version, a file. */
  obligation: string;
  reportVersion: number;
  reportFile: string;
  /** Reminders: a Tà Xùa obligation of the plan, its drafted letter, xa1-canbo's notification. */
  reminderObligation: string;
  letter: string;
  notification: string;
  // Indicators (issue 8): each part adds its ids below its own line.
  // A (catalogue):
  /** W21-LD01, the element CU_NU, the rule V-CU-NU and W21-LD01's national target of 2025. */
  catIndicator: string;
  catElement: string;
  catRule: string;
  catTarget: string;

  // B (entry):
  /** The version of Tà Xùa Party committee's CU_TONG cell for 2025 (set by the family's prepare). */
  figuresVersion: number;

  // C (approval):
  /** The version of the district plan's figures collection, read before each write (0: none yet). */
  collectionVersion: number;

  // D (dashboard):

  // E (spreadsheet):
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

  // ── plan editing (plans.edit.routes.ts) ──
  {
    route: 'PATCH /api/v1/plans/:id',
    name: 'edit the district plan’s fields',
    url: (i) => `/api/v1/plans/${i.plan}`,
    body: () => ({ objectives: ['Mục tiêu đã sửa'], reportingFrom: '2026-01-01' }),
    expect: districtWriters(200),
  },
  {
    route: 'POST /api/v1/plans/:id/nodes',
    name: 'add a task to the district plan',
    url: (i) => `/api/v1/plans/${i.plan}/nodes`,
    body: () => ({ kind: 'task', label: 'IX.1', text: 'Nhiệm vụ bổ sung', deadline: '2026-12-31' }),
    expect: districtWriters(201),
  },
  {
    route: 'PATCH /api/v1/plans/:id/nodes/:nodeId',
    name: 'edit a task of the district plan',
    url: (i) => `/api/v1/plans/${i.plan}/nodes/${i.task}`,
    body: () => ({ weight: 2 }),
    expect: districtWriters(200),
  },
  {
    route: 'PATCH /api/v1/plans/:id/nodes/:nodeId',
    name: 'edit a task through another plan',
    url: (i, prepared) => `/api/v1/plans/${prepared}/nodes/${i.task}`,
    prepare: (t, i) => spareEditPlan(t, i),
    body: () => ({ weight: 2 }),
    expect: { ...districtWriters(404) },
  },
  {
    route: 'POST /api/v1/plans/:id/nodes/:nodeId/cancel',
    name: 'cancel a task of the district plan',
    url: (i, prepared) => `/api/v1/plans/${i.plan}/nodes/${prepared}/cancel`,
    prepare: (t, i) => spareTask(t, i),
    body: () => ({}),
    expect: districtWriters(200),
  },
  {
    route: 'POST /api/v1/plans/:id/tasks/:taskId/assignments',
    name: 'assign a Tà Xùa body to a task',
    url: (i, prepared) => `/api/v1/plans/${i.plan}/tasks/${prepared}/assignments`,
    prepare: (t, i) => spareTask(t, i),
    body: (i) => ({ unitId: i.ownWomen, role: 'coordinate' }),
    expect: districtWriters(201),
  },
  {
    route: 'POST /api/v1/plans/:id/tasks/:taskId/assignments',
    name: 'assign the province to a district task',
    url: (i, prepared) => `/api/v1/plans/${i.plan}/tasks/${prepared}/assignments`,
    prepare: (t, i) => spareTask(t, i),
    body: (i) => ({ unitId: i.tinhBtv, role: 'coordinate' }),
    expect: adminOnly(201),
  },
  {
    route: 'PATCH /api/v1/plans/:id/assignments/:assignmentId',
    name: 'link an unmatched organisation later',
    url: (i, prepared) => `/api/v1/plans/${i.plan}/assignments/${prepared}`,
    prepare: (t, i) => spareAssignment(t, i, null),
    body: (i) => ({ unitId: i.ownWomen }),
    expect: districtWriters(200),
  },
  {
    route: 'POST /api/v1/plans/:id/assignments/:assignmentId/end',
    name: 'end an assignment',
    url: (i, prepared) => `/api/v1/plans/${i.plan}/assignments/${prepared}/end`,
    prepare: (t, i) => spareAssignment(t, i, i.ownWomen),
    body: () => ({ on: '2026-06-01' }),
    expect: districtWriters(200),
  },
  {
    route: 'GET /api/v1/plans/:id/unlinked',
    name: 'the plan’s unlinked assignments',
    url: (i) => `/api/v1/plans/${i.plan}/unlinked`,
    expect: { ...all(200), 'giamsat-phu-yen': 403 },
  },
  {
    route: 'POST /api/v1/plans/:id/withdraw',
    name: 'withdraw a district plan',
    url: (_i, prepared) => `/api/v1/plans/${prepared}/withdraw`,
    prepare: (t, i) => spareEditPlan(t, i),
    body: () => ({ on: '2026-06-01', reason: 'Không còn phù hợp' }),
    expect: districtWriters(200),
  },
  {
    route: 'POST /api/v1/plans/:id/replace',
    name: 'replace a district plan by the demo plan',
    url: (_i, prepared) => `/api/v1/plans/${prepared}/replace`,
    prepare: (t, i) => spareEditPlan(t, i),
    body: (i) => ({ byPlanId: i.plan, on: '2026-06-01' }),
    expect: districtWriters(200),
  },

  // ── overview (issue 7, part D) ──
  {
    route: 'GET /api/v1/plans/:id/periods',
    name: 'the plan’s reporting periods',
    url: (i) => `/api/v1/plans/${i.plan}/periods`,
    expect: { ...all(200), 'giamsat-phu-yen': 403 },
  },
  {
    route: 'GET /api/v1/plans/:id/overview',
    name: 'the monitor’s overview of the district plan',
    url: (i) => `/api/v1/plans/${i.plan}/overview?sort=rate&limit=20`,
    expect: { ...all(200), 'giamsat-phu-yen': 403 },
  },
  {
    route: 'GET /api/v1/plans/:id/overview',
    name: 'the overview drilled down to Hang Chú',
    url: (i) => `/api/v1/plans/${i.plan}/overview?parent=${i.otherCommune}`,
    expect: { ...all(200), 'xa1-truong': 403, 'xa1-canbo': 403, 'giamsat-phu-yen': 403 },
  },
  {
    route: 'GET /api/v1/plans/:id/overview',
    name: 'the overview of a period the plan does not have',
    url: (i) => `/api/v1/plans/${i.plan}/overview?period=2031-Q4`,
    expect: { ...all(404), 'giamsat-phu-yen': 403 },
  },
  {
    route: 'GET /api/v1/plans/:id/progress',
    name: 'the plan’s progress roll-up',
    url: (i) => `/api/v1/plans/${i.plan}/progress`,
    expect: { ...all(200), 'giamsat-phu-yen': 403 },
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

  // ── dissemination (issue 7, part E) ──
  {
    route: 'GET /api/v1/plans/:id/dissemination',
    name: 'dissemination roll-up of the district plan',
    url: (i) => `/api/v1/plans/${i.plan}/dissemination?pendingLimit=5`,
    expect: { ...all(200), 'giamsat-phu-yen': 403 },
  },
  {
    route: 'GET /api/v1/plans/:id/dissemination/sessions',
    name: 'dissemination sessions of the district plan',
    url: (i) => `/api/v1/plans/${i.plan}/dissemination/sessions?includeWithdrawn=true`,
    expect: { ...all(200), 'giamsat-phu-yen': 403 },
  },
  {
    route: 'POST /api/v1/plans/:id/dissemination/sessions',
    name: 'record a Tà Xùa dissemination session',
    url: (i) => `/api/v1/plans/${i.plan}/dissemination/sessions`,
    body: (i) => dissemination(i.taXuaDu),
    expect: { ...all(403), 'xa1-truong': 201, 'xa1-canbo': 201 },
  },
  {
    route: 'POST /api/v1/plans/:id/dissemination/sessions',
    name: 'record a Hang Chú dissemination session',
    url: (i) => `/api/v1/plans/${i.plan}/dissemination/sessions`,
    body: (i) => dissemination(i.hangChuDu),
    expect: all(403),
  },
  {
    route: 'PATCH /api/v1/dissemination-sessions/:id',
    name: 'edit a Tà Xùa dissemination session',
    prepare: (t, i) => insertSession(t, i.plan, i.taXuaDu),
    url: (_, id) => `/api/v1/dissemination-sessions/${id}`,
    body: () => ({ version: 1, title: 'Hội nghị quán triệt (sửa)' }),
    expect: { ...all(403), 'xa1-truong': 200, 'xa1-canbo': 200 },
  },
  {
    route: 'PATCH /api/v1/dissemination-sessions/:id',
    name: 'edit a forged dissemination session',
    url: () => '/api/v1/dissemination-sessions/00000000-0000-4000-8000-000000000000',
    body: () => ({ version: 1, title: 'Không có' }),
    expect: all(404),
  },
  {
    route: 'POST /api/v1/dissemination-sessions/:id/withdraw',
    name: 'withdraw a Hang Chú dissemination session',
    prepare: (t, i) => insertSession(t, i.plan, i.hangChuDu),
    url: (_, id) => `/api/v1/dissemination-sessions/${id}/withdraw`,
    body: () => ({ version: 1 }),
    expect: all(403),
  },
  {
    route: 'POST /api/v1/dissemination-sessions/:id/withdraw',
    name: 'withdraw a Tà Xùa dissemination session',
    prepare: (t, i) => insertSession(t, i.plan, i.taXuaDu),
    url: (_, id) => `/api/v1/dissemination-sessions/${id}/withdraw`,
    body: () => ({ version: 1, reason: 'Ghi nhầm' }),
    expect: { ...all(403), 'xa1-truong': 200, 'xa1-canbo': 200 },
  },
  // ── reports (issue 7, part B) ──
  {
    route: 'GET /api/v1/obligations/:id',
    name: 'a Tà Xùa report',
    url: (i) => `/api/v1/obligations/${i.obligation}`,
    expect: districtAndTaXua,
  },
  {
    route: 'GET /api/v1/obligations/:id',
    name: 'a report of an obligation that does not exist',
    url: () => '/api/v1/obligations/00000000-0000-4000-8000-000000000000',
    expect: all(404),
  },
  {
    route: 'PUT /api/v1/obligations/:id/report',
    name: 'save a Tà Xùa report draft',
    prepare: (t, i) => reportIn(t, i, 'draft'),
    url: (i) => `/api/v1/obligations/${i.obligation}/report`,
    body: (i) => ({ version: i.reportVersion, status: 'in_progress', progress: 50, narrative: 'Đang triển khai' }),
    expect: unitWriters(200),
  },
  {
    route: 'POST /api/v1/obligations/:id/report/submit',
    name: 'submit a Tà Xùa report',
    prepare: (t, i) => reportIn(t, i, 'draft'),
    url: (i) => `/api/v1/obligations/${i.obligation}/report/submit`,
    body: (i) => ({ version: i.reportVersion }),
    expect: { ...all(403), 'xa1-truong': 200 },
  },
  {
    route: 'POST /api/v1/obligations/:id/report/return',
    name: 'return a Tà Xùa report',
    prepare: (t, i) => reportIn(t, i, 'submitted'),
    url: (i) => `/api/v1/obligations/${i.obligation}/report/return`,
    body: (i) => ({ version: i.reportVersion, comment: 'Bổ sung số liệu' }),
    expect: districtWriters(200),
  },
  {
    route: 'POST /api/v1/obligations/:id/report/accept',
    name: 'accept a Tà Xùa report',
    prepare: (t, i) => reportIn(t, i, 'submitted'),
    url: (i) => `/api/v1/obligations/${i.obligation}/report/accept`,
    body: (i) => ({ version: i.reportVersion }),
    expect: districtWriters(200),
  },
  {
    route: 'POST /api/v1/obligations/:id/report/files',
    name: 'attach a text file as evidence (the unit may; the content is refused)',
    prepare: (t, i) => reportIn(t, i, 'draft'),
    url: (i) => `/api/v1/obligations/${i.obligation}/report/files`,
    file: true,
    expect: unitWriters(415),
  },
  {
    route: 'GET /api/v1/obligations/:id/report/files/:fileId',
    name: 'download a Tà Xùa evidence file',
    url: (i) => `/api/v1/obligations/${i.obligation}/report/files/${i.reportFile}`,
    expect: districtAndTaXua,
  },
  {
    route: 'DELETE /api/v1/obligations/:id/report/files/:fileId',
    name: 'remove a Tà Xùa evidence file',
    prepare: async (t, i) => {
      await reportIn(t, i, 'draft');
      return (
        await t.db.insertInto('report_file').values(evidenceRow(i.obligation)).returning('id').executeTakeFirstOrThrow()
      ).id;
    },
    url: (i, fileId) => `/api/v1/obligations/${i.obligation}/report/files/${fileId}`,
    expect: unitWriters(200),
  },
  {
    route: 'POST /api/v1/obligations/:id/extensions',
    name: 'ask an extension for a Tà Xùa report',
    prepare: async (t, i) => {
      await pendingExtension(t, i);
      await t.db.deleteFrom('extension_request').where('obligation_id', '=', i.obligation).execute();
      return '';
    },
    url: (i) => `/api/v1/obligations/${i.obligation}/extensions`,
    body: () => ({ reason: 'Lũ quét', requestedDueOn: '2026-12-31' }),
    expect: unitWriters(200),
  },
  {
    route: 'POST /api/v1/extensions/:id/grant',
    name: 'grant a Tà Xùa extension',
    prepare: (t, i) => pendingExtension(t, i),
    url: (_, extension) => `/api/v1/extensions/${extension}/grant`,
    body: () => ({ comment: 'Đồng ý' }),
    expect: districtWriters(200),
  },
  {
    route: 'POST /api/v1/extensions/:id/refuse',
    name: 'refuse a Tà Xùa extension',
    prepare: (t, i) => pendingExtension(t, i),
    url: (_, extension) => `/api/v1/extensions/${extension}/refuse`,
    body: () => ({ comment: 'Không có căn cứ' }),
    expect: districtWriters(200),
  },

  // ── reminders and escalation ──
  {
    route: 'GET /api/v1/plans/:id/followup-settings',
    name: 'the plan’s reminder ladder',
    url: (i) => `/api/v1/plans/${i.plan}/followup-settings`,
    expect: { ...all(200), 'giamsat-phu-yen': 403 },
  },
  {
    route: 'PUT /api/v1/plans/:id/followup-settings',
    name: 'save the reminder ladder from a stale version',
    url: (i) => `/api/v1/plans/${i.plan}/followup-settings`,
    body: () => ({ settings: REMINDER_DEFAULTS, version: 999_999 }),
    expect: { ...districtWriters(409) },
  },
  {
    route: 'GET /api/v1/notifications',
    name: 'my notifications',
    url: () => '/api/v1/notifications',
    expect: all(200),
  },
  {
    route: 'POST /api/v1/notifications/read-all',
    name: 'mark my notifications read',
    url: () => '/api/v1/notifications/read-all',
    expect: all(200),
  },
  {
    route: 'POST /api/v1/notifications/:id/read',
    name: 'mark xa1-canbo’s notification read',
    url: (i) => `/api/v1/notifications/${i.notification}/read`,
    expect: { ...all(404), 'xa1-canbo': 200 },
  },
  {
    route: 'GET /api/v1/obligations/:id/reminders',
    name: 'reminder log of a Tà Xùa obligation',
    url: (i) => `/api/v1/obligations/${i.reminderObligation}/reminders`,
    expect: districtAndTaXua,
  },
  {
    route: 'GET /api/v1/obligations/:id/reminders',
    name: 'reminder log of a forged obligation',
    url: (i) => `/api/v1/obligations/${i.plan}/reminders`,
    expect: all(404),
  },
  {
    route: 'GET /api/v1/explanation-letters/:id',
    name: 'a drafted request for explanation',
    url: (i) => `/api/v1/explanation-letters/${i.letter}`,
    expect: districtWriters(200),
  },
  {
    route: 'GET /api/v1/explanation-letters/:id/docx',
    name: 'download the drafted letter',
    url: (i) => `/api/v1/explanation-letters/${i.letter}/docx`,
    expect: districtWriters(200),
  },
  {
    route: 'PUT /api/v1/explanation-letters/:id',
    name: 'edit the letter from a stale version',
    url: (i) => `/api/v1/explanation-letters/${i.letter}`,
    body: () => ({ ...LETTER_FIELDS, version: 999_999 }),
    expect: districtWriters(409),
  },
  {
    route: 'POST /api/v1/explanation-letters/:id/issue',
    name: 'issue the letter from a stale version',
    url: (i) => `/api/v1/explanation-letters/${i.letter}/issue`,
    body: () => ({ number: '12', issuedOn: '2026-03-30', version: 999_999 }),
    expect: districtWriters(409),
  },
  // ── indicators (issue 8): each part adds its families below its own line ──
  // A (catalogue):
  {
    route: 'GET /api/v1/indicators/catalogue',
    name: 'read the indicator catalogue',
    url: () => '/api/v1/indicators/catalogue',
    expect: all(200),
  },
  {
    route: 'POST /api/v1/indicators/catalogue/categories',
    name: 'add a category whose code exists',
    url: () => '/api/v1/indicators/catalogue/categories',
    body: () => ({
      code: 'ETH',
      nameVi: 'Dân tộc',
      nameEn: 'Ethnicity',
      options: [{ code: 'kinh', nameVi: 'Kinh', nameEn: 'Kinh' }],
    }),
    expect: adminOnly(409),
  },
  {
    route: 'PUT /api/v1/indicators/catalogue/categories/:code',
    name: 'edit a category from a stale version',
    url: () => '/api/v1/indicators/catalogue/categories/AGE',
    body: () => ({
      nameVi: 'Độ tuổi',
      nameEn: 'Age',
      options: [{ code: 'duoi40', nameVi: 'Dưới 40', nameEn: 'Under 40' }],
      version: 999_999,
    }),
    expect: adminOnly(409),
  },
  {
    route: 'PUT /api/v1/indicators/catalogue/categories/:code',
    name: 'edit a category that does not exist',
    url: () => '/api/v1/indicators/catalogue/categories/KHONG',
    body: () => ({ nameVi: 'Không', nameEn: 'None', options: [{ code: 'a', nameVi: 'A', nameEn: 'A' }], version: 1 }),
    expect: adminOnly(404),
  },
  {
    route: 'POST /api/v1/indicators/catalogue/elements',
    name: 'add a data element whose code exists',
    url: () => '/api/v1/indicators/catalogue/elements',
    body: () => ({
      code: 'CU_NU',
      nameVi: 'Nữ cấp ủy viên',
      nameEn: 'Women committee members',
      descriptionVi: null,
      descriptionEn: null,
      aggregation: 'last',
      categories: ['AGE', 'ETH'],
      reporterKinds: ['party_committee'],
      frequency: 'annual',
      min: null,
      max: null,
      yoy: null,
      required: true,
    }),
    expect: adminOnly(409),
  },
  {
    route: 'PUT /api/v1/indicators/catalogue/elements/:id',
    name: 'edit a data element from a stale version',
    url: (i) => `/api/v1/indicators/catalogue/elements/${i.catElement}`,
    body: () => ({
      nameVi: 'Nữ cấp ủy viên',
      nameEn: 'Women committee members',
      descriptionVi: null,
      descriptionEn: null,
      aggregation: 'last',
      categories: ['AGE', 'ETH'],
      reporterKinds: ['party_committee'],
      frequency: 'annual',
      min: null,
      max: null,
      yoy: null,
      required: true,
      version: 999_999,
    }),
    expect: adminOnly(409),
  },
  {
    route: 'POST /api/v1/indicators/catalogue/indicators',
    name: 'add an indicator whose code exists',
    url: () => '/api/v1/indicators/catalogue/indicators',
    body: () => ({
      code: 'W21-LD01',
      nameVi: 'Tỷ lệ nữ cấp ủy viên',
      nameEn: 'Women among Party committee members',
      definitionVi: 'Nữ ÷ tổng.',
      definitionEn: 'Women ÷ all.',
      area: 'LD',
      numerator: 'CU_NU',
      denominator: 'CU_TONG',
      factor: 100,
      direction: 'up',
      amberRatio: 0.9,
      disaggregations: ['ETH'],
      reporterVi: null,
      reporterEn: null,
      periods: ['Y'],
    }),
    expect: adminOnly(409),
  },
  {
    route: 'PUT /api/v1/indicators/catalogue/indicators/:id',
    name: 'edit an indicator from a stale version',
    url: (i) => `/api/v1/indicators/catalogue/indicators/${i.catIndicator}`,
    body: () => ({
      nameVi: 'Tỷ lệ nữ cấp ủy viên',
      nameEn: 'Women among Party committee members',
      definitionVi: 'Nữ ÷ tổng.',
      definitionEn: 'Women ÷ all.',
      area: 'LD',
      numerator: 'CU_NU',
      denominator: 'CU_TONG',
      factor: 100,
      direction: 'up',
      amberRatio: 0.9,
      disaggregations: ['ETH'],
      reporterVi: null,
      reporterEn: null,
      periods: ['Y'],
      version: 999_999,
    }),
    expect: adminOnly(409),
  },
  {
    route: 'POST /api/v1/indicators/catalogue/rules',
    name: 'add a validation rule whose code exists',
    url: () => '/api/v1/indicators/catalogue/rules',
    body: () => ({
      code: 'V-CU-NU',
      nameVi: 'Nữ ≤ tổng',
      nameEn: 'Women ≤ all',
      left: 'CU_NU',
      operator: '<=',
      right: 'CU_TONG',
      importance: 'error',
    }),
    expect: adminOnly(409),
  },
  {
    route: 'PUT /api/v1/indicators/catalogue/rules/:id',
    name: 'edit a validation rule from a stale version',
    url: (i) => `/api/v1/indicators/catalogue/rules/${i.catRule}`,
    body: () => ({
      nameVi: 'Nữ ≤ tổng',
      nameEn: 'Women ≤ all',
      left: 'CU_NU',
      operator: '<=',
      right: 'CU_TONG',
      importance: 'error',
      version: 999_999,
    }),
    expect: adminOnly(409),
  },
  {
    route: 'POST /api/v1/indicators/catalogue/:entity/:id/archive',
    name: 'archive an indicator from a stale version',
    url: (i) => `/api/v1/indicators/catalogue/indicators/${i.catIndicator}/archive`,
    body: () => ({ version: 999_999, archived: true }),
    expect: adminOnly(409),
  },
  {
    route: 'POST /api/v1/indicators/catalogue/:entity/:id/archive',
    name: 'archive a forged element',
    url: (i) => `/api/v1/indicators/catalogue/elements/${i.plan}/archive`,
    body: () => ({ version: 1, archived: true }),
    expect: adminOnly(404),
  },
  {
    route: 'PUT /api/v1/indicators/catalogue/indicators/:id/targets',
    name: 'change a national target from a stale version',
    url: (i) => `/api/v1/indicators/catalogue/indicators/${i.catIndicator}/targets`,
    body: () => ({ year: 2025, unitId: null, value: 30, source: 'Nghị quyết thử', note: null, version: 999_999 }),
    expect: adminOnly(409),
  },
  {
    route: 'PUT /api/v1/indicators/catalogue/indicators/:id/targets',
    name: 'set Tà Xùa’s own target for 2040',
    url: (i) => `/api/v1/indicators/catalogue/indicators/${i.catIndicator}/targets`,
    body: (i) => ({
      year: 2040,
      unitId: i.ownCommune,
      value: 30,
      source: 'Nghị quyết Đảng ủy xã',
      note: null,
      version: 0,
    }),
    expect: adminOnly(200),
  },
  {
    route: 'PUT /api/v1/indicators/catalogue/indicators/:id/targets',
    name: 'a target for a forged indicator',
    url: (i) => `/api/v1/indicators/catalogue/indicators/${i.plan}/targets`,
    body: () => ({ year: 2041, unitId: null, value: 30, source: 'x', note: null, version: 0 }),
    expect: adminOnly(404),
  },
  {
    route: 'DELETE /api/v1/indicators/catalogue/targets/:id',
    name: 'remove a national target from a stale version',
    url: (i) => `/api/v1/indicators/catalogue/targets/${i.catTarget}?version=999999`,
    expect: adminOnly(409),
  },

  // B (entry):
  {
    route: 'GET /api/v1/indicators/forms/:unitId/:periodKey',
    name: 'Tà Xùa Party committee’s figures form',
    url: (i) => `/api/v1/indicators/forms/${i.taXuaDu}/2025`,
    expect: districtAndTaXua,
  },
  {
    route: 'GET /api/v1/indicators/forms/:unitId/:periodKey',
    name: 'Hang Chú Party committee’s figures form',
    url: (i) => `/api/v1/indicators/forms/${i.hangChuDu}/2025`,
    expect: { ...district, 'hai-quyen': 200 },
  },
  {
    route: 'GET /api/v1/indicators/forms/:unitId/:periodKey',
    name: 'a figures form of a period that does not exist',
    url: (i) => `/api/v1/indicators/forms/${i.taXuaDu}/2025-Q3`,
    expect: all(400),
  },
  {
    route: 'POST /api/v1/indicators/forms/:unitId/:periodKey/validate',
    name: 'validate Tà Xùa’s figures as typed',
    url: (i) => `/api/v1/indicators/forms/${i.taXuaDu}/2025/validate`,
    body: () => ({ changes: [{ element: 'CU_TONG', combo: '', value: 12, notAvailable: false, version: 0 }] }),
    expect: districtAndTaXua,
  },
  {
    route: 'PUT /api/v1/indicators/forms/:unitId/:periodKey',
    name: 'save Tà Xùa’s figures (a supplement with its reason)',
    url: (i) => `/api/v1/indicators/forms/${i.taXuaDu}/2025`,
    prepare: async (t, i) => {
      const row = await t.db
        .selectFrom('data_value as v')
        .innerJoin('data_element as e', 'e.id', 'v.element_id')
        .select('v.version')
        .where('v.unit_id', '=', i.taXuaDu)
        .where('v.period_key', '=', '2025')
        .where('e.code', '=', 'CU_TONG')
        .executeTakeFirst();
      i.figuresVersion = row?.version ?? 0;
      return '';
    },
    body: (i) => ({
      changes: [
        { element: 'CU_TONG', combo: '', value: 12 + i.figuresVersion, notAvailable: false, version: i.figuresVersion },
      ],
      reason: 'Bổ sung số liệu',
    }),
    // Figures are typed by the unit (reports.write), not by the administrator.
    expect: unitWriters(200),
  },
  {
    route: 'PUT /api/v1/indicators/forms/:unitId/:periodKey',
    name: 'save a negative count in Hang Chú’s figures',
    url: (i) => `/api/v1/indicators/forms/${i.hangChuDu}/2025`,
    body: () => ({
      changes: [{ element: 'CU_TONG', combo: '', value: -3, notAvailable: false, version: 0 }],
      reason: 'Bổ sung số liệu',
    }),
    expect: all(403),
  },
  {
    route: 'GET /api/v1/indicators/forms/:unitId/:periodKey/history',
    name: 'the history of a Tà Xùa figure',
    url: (i) => `/api/v1/indicators/forms/${i.taXuaDu}/2025/history?element=CU_TONG`,
    expect: districtAndTaXua,
  },
  {
    route: 'GET /api/v1/indicators/entry',
    name: 'the figures forms of my scope',
    url: () => '/api/v1/indicators/entry?period=2025',
    expect: all(200),
  },
  {
    route: 'POST /api/v1/indicators/locks',
    name: 'reopen Tà Xùa’s locked figures for a month',
    url: () => '/api/v1/indicators/locks',
    body: (i) => ({
      unitId: i.taXuaDu,
      periodKey: '2025',
      openUntil: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      reason: 'Đơn vị xin nhập bổ sung',
    }),
    expect: adminOnly(201),
  },
  {
    route: 'GET /api/v1/indicators/locks',
    name: 'the reopenings of locked figures',
    url: () => '/api/v1/indicators/locks?period=2025',
    expect: all(200),
  },

  // C (approval):
  {
    route: 'GET /api/v1/plans/:id/figures',
    name: 'the district plan’s figures collection',
    url: (i) => `/api/v1/plans/${i.plan}/figures`,
    expect: { ...all(200), 'giamsat-phu-yen': 403 },
  },
  {
    route: 'PUT /api/v1/plans/:id/figures',
    name: 'set the district plan’s figures collection',
    url: (i) => `/api/v1/plans/${i.plan}/figures`,
    prepare: async (t, i) => {
      const row = await t.db
        .selectFrom('figures_collection')
        .select('version')
        .where('plan_id', '=', i.plan)
        .executeTakeFirst();
      i.collectionVersion = row?.version ?? 0;
      return '';
    },
    body: (i) => ({
      frequency: 'annual',
      fromYear: 2026,
      indicatorCodes: ['W21-LD01'],
      lockAfterDays: 30,
      version: i.collectionVersion,
    }),
    expect: districtWriters(200),
  },
  {
    route: 'PUT /api/v1/plans/:id/figures',
    name: 'collect an indicator the catalogue does not have',
    url: (i) => `/api/v1/plans/${i.plan}/figures`,
    body: () => ({ frequency: 'annual', fromYear: 2026, indicatorCodes: ['W21-KHONG'], lockAfterDays: 30, version: 0 }),
    expect: districtWriters(400),
  },
  {
    route: 'GET /api/v1/indicators/forms/:unitId/:periodKey/approval',
    name: 'the approval state of Tà Xùa’s Party committee figures',
    url: (i) => `/api/v1/indicators/forms/${i.taXuaDu}/2026/approval`,
    expect: { ...districtAndTaXua, 'giamsat-phu-yen': 403 },
  },
  {
    route: 'GET /api/v1/indicators/forms/:unitId/:periodKey/approval',
    name: 'the approval state of a period that does not exist',
    url: (i) => `/api/v1/indicators/forms/${i.taXuaDu}/2026-Q9/approval`,
    expect: all(400),
  },
  {
    route: 'GET /api/v1/indicators/review',
    name: 'the figures my level reviews',
    url: () => '/api/v1/indicators/review',
    expect: all(200),
  },

  // D (dashboard):
  {
    route: 'GET /api/v1/indicators/rollup',
    name: 'roll-up of an indicator over the district',
    url: (i) => `/api/v1/indicators/rollup?indicator=W21-LD01&period=2024&unitId=${i.huyen}`,
    expect: district,
  },
  {
    route: 'GET /api/v1/indicators/rollup',
    name: 'roll-up of an indicator over Tà Xùa',
    url: (i) => `/api/v1/indicators/rollup?indicator=W21-LD01&period=2024&unitId=${i.ownCommune}`,
    expect: districtAndTaXua,
  },
  {
    route: 'GET /api/v1/indicators/rollup.xlsx',
    name: 'roll-up table of Hang Chú as .xlsx',
    url: (i) => `/api/v1/indicators/rollup.xlsx?indicator=W21-LD01&period=2024&unitId=${i.otherCommune}`,
    expect: { ...district, 'hai-quyen': 200 },
  },
  {
    route: 'GET /api/v1/indicators/trend',
    name: 'trend of an indicator for Tà Xùa',
    url: (i) => `/api/v1/indicators/trend?indicator=W21-LD01&unitId=${i.ownCommune}&from=2022&to=2024`,
    expect: districtAndTaXua,
  },
  {
    route: 'GET /api/v1/indicators/summary',
    name: 'every indicator of the district',
    url: (i) => `/api/v1/indicators/summary?period=2024&unitId=${i.huyen}`,
    expect: district,
  },

  // E (spreadsheet):
  {
    route: 'GET /api/v1/indicators/forms/:unitId/:periodKey/template.xlsx',
    name: 'the .xlsx template of Tà Xùa’s Party committee figures',
    url: (i) => `/api/v1/indicators/forms/${i.taXuaDu}/2025/template.xlsx`,
    expect: districtAndTaXua,
  },
  {
    route: 'GET /api/v1/indicators/forms/:unitId/:periodKey/template.xlsx',
    name: 'the .xlsx template of Hang Chú’s Party committee figures',
    url: (i) => `/api/v1/indicators/forms/${i.hangChuDu}/2025/template.xlsx`,
    expect: { ...district, 'hai-quyen': 200 },
  },
  {
    route: 'POST /api/v1/indicators/forms/:unitId/:periodKey/import',
    name: 'import a text file as Tà Xùa’s figures (the unit’s writers may; the file is refused)',
    url: (i) => `/api/v1/indicators/forms/${i.taXuaDu}/2025/import`,
    file: true,
    expect: { ...all(403), 'xa1-truong': 400, 'xa1-canbo': 400 },
  },
  {
    route: 'POST /api/v1/indicators/forms/:unitId/:periodKey/import',
    name: 'import a text file as Hang Chú’s figures',
    url: (i) => `/api/v1/indicators/forms/${i.hangChuDu}/2025/import`,
    file: true,
    expect: all(403),
  },
];

/** A dissemination session's body (part E). */
const dissemination = (unitId: string) => ({
  unitId,
  heldOn: '2019-03-01',
  form: 'conference',
  title: 'Hội nghị quán triệt',
  participants: { cadres: 3, partyMembers: 10, associationMembers: 0, people: 0 },
});

/** A dissemination session written straight into the table, for the edit and withdraw families. */
async function insertSession(t: TestApp, planId: string, unitId: string): Promise<string> {
  const row = await t.db
    .insertInto('dissemination_session')
    .values({
      plan_id: planId,
      unit_id: unitId,
      held_on: '2019-03-01',
      form: 'online',
      title: 'Trực tuyến',
      cadres: 1,
      party_members: 0,
      association_members: 0,
      people: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A plan of the district, owned by its Standing Committee, for the plan-editing families (plans.edit). */
async function spareEditPlan(t: TestApp, i: Ids): Promise<string> {
  const doc = await t.db
    .insertInto('document')
    .values({ title: 'Kế hoạch dự phòng', issuer_unit_id: i.huyenBtv, scope_unit_id: i.huyen, addressees: '[]' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const plan = await t.db
    .insertInto('plan')
    .values({ document_id: doc.id, owner_unit_id: i.huyenBtv, scope_unit_id: i.huyen, objectives: '[]' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return plan.id;
}

/** A fresh task at the end of the demo plan (no assignments yet). */
async function spareTask(t: TestApp, i: Ids): Promise<string> {
  const node = await t.db
    .insertInto('plan_node')
    .values({
      plan_id: i.plan,
      parent_id: null,
      position: 1000,
      kind: 'task',
      label: 'DP',
      title: null,
      text: 'Dự phòng',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return node.id;
}

/** An assignment of a fresh task: with a unit, or imported without one (null). */
async function spareAssignment(t: TestApp, i: Ids, unit: string | null): Promise<string> {
  const row = await t.db
    .insertInto('assignment')
    .values({ task_id: await spareTask(t, i), position: 0, organization: 'Tổ dân vận', role: 'lead', unit_id: unit })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The unit head and officer of Tà Xùa (reports.write). */
function unitWriters(status: number): Expect {
  return { ...all(403), 'xa1-truong': status, 'xa1-canbo': status };
}

/** Puts the matrix's report in a state (with content) and notes its version for the body. */
async function reportIn(t: TestApp, i: Ids, state: 'draft' | 'submitted'): Promise<string> {
  await t.db
    .insertInto('report')
    .values({ obligation_id: i.obligation, status: 'in_progress', version: 1 })
    .onConflict((oc) => oc.column('obligation_id').doNothing())
    .execute();
  const row = await t.db
    .updateTable('report')
    .set({ review_state: state, status: 'in_progress', first_submitted_at: null })
    .where('obligation_id', '=', i.obligation)
    .returning('version')
    .executeTakeFirstOrThrow();
  i.reportVersion = row.version;
  return '';
}

function evidenceRow(obligation: string) {
  const content = Buffer.from('%PDF-1.4\n%%EOF\n');
  return {
    obligation_id: obligation,
    file_name: 'bien-ban.pdf',
    content_type: 'application/pdf',
    size: content.length,
    sha256: 'a'.repeat(64),
    content,
    added_at: new Date(),
    added_by: null,
  };
}

/** A pending extension request of the matrix's obligation (the only one), its deadline reset. */
async function pendingExtension(t: TestApp, i: Ids): Promise<string> {
  await reportIn(t, i, 'draft');
  await t.db.deleteFrom('extension_request').where('obligation_id', '=', i.obligation).execute();
  await t.db.updateTable('obligation').set({ extended_due_on: null }).where('id', '=', i.obligation).execute();
  const row = await t.db
    .insertInto('extension_request')
    .values({
      obligation_id: i.obligation,
      reason: 'Lũ quét',
      requested_due_on: '2026-12-31',
      requested_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const REMINDER_DEFAULTS = {
  remind: { enabled: true, daysBefore: 3 },
  followUp: { enabled: true, daysAfter: 1 },
  explain: { enabled: true, daysAfter: 7 },
  channels: { inApp: true, email: false },
};
const LETTER_FIELDS = {
  superiorBody: null,
  issuer: 'BAN THƯỜNG VỤ HUYỆN ỦY',
  typeCode: 'CV',
  issuerCode: 'HU',
  place: 'Bắc Yên',
  subject: 'yêu cầu giải trình',
  addressees: ['Đảng ủy xã Tà Xùa'],
  paragraphs: ['Đề nghị giải trình.'],
  recipients: [{ text: 'Như trên' }],
  archive: 'Lưu VT',
  signerAuthority: null,
  signerTitle: 'BÍ THƯ',
  signerName: null,
};

/** A Tà Xùa obligation of the plan, a drafted letter for it, and a notification for xa1-canbo. */
async function remindersFixture(t: TestApp, planId: string, taXua: string) {
  const { insertTestObligations } = await import('../test-support/obligations.js');
  const { remindersRepository } = await import('./reminders/reminders.repository.js');
  const { draftLetter } = await import('./reminders/letter.js');
  await insertTestObligations(t.db, planId, [
    { key: '2026-Q1', start: '2026-01-01', end: '2026-03-15', due: '2026-03-20' },
  ]);
  const path = (await t.db.selectFrom('org_unit').select('path').where('id', '=', taXua).executeTakeFirstOrThrow())
    .path;
  const obligation = (
    await t.db
      .selectFrom('obligation as o')
      .innerJoin('org_unit as u', 'u.id', 'o.unit_id')
      .select('o.id')
      .where('o.plan_id', '=', planId)
      .where('u.path', 'like', `${path}%`)
      .orderBy('o.id')
      .executeTakeFirstOrThrow()
  ).id;
  const context = await remindersRepository.context(t.db, obligation);
  if (!context) throw new Error('no obligation context');
  const letter = await remindersRepository.ensureLetter(
    t.db,
    draftLetter(context, '2026-03-27'),
    obligation,
    context.deadline,
  );
  const canbo = (
    await t.db.selectFrom('app_user').select('id').where('username', '=', 'xa1-canbo').executeTakeFirstOrThrow()
  ).id;
  const notification = (
    await t.db
      .insertInto('notification')
      .values({
        user_id: canbo,
        kind: 'remind',
        params: '{}',
        link: null,
        obligation_id: obligation,
        created_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  return { reminderObligation: obligation, letter, notification };
}

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
      (select count(*) from audit_log where action not like 'auth.%'),
      (select string_agg(review_state || version, ',' order by id) from report),
      (select count(*) from report_event), (select count(*) from report_file where removed_at is null),
      (select string_agg(state, ',' order by id) from extension_request),
      (select string_agg(coalesce(extended_due_on::text, '-'), ',' order by id) from obligation),
      (select count(*) from notification where read_at is not null),
      (select string_agg(version::text || status, ',') from explanation_letter),
      (select string_agg(coalesce(followup_settings::text, '-'), ',' order by id) from plan),
      (select string_agg(unit_id::text || period_key || element_id::text || combo || coalesce(value::text, 'na') || version::text, ',' order by unit_id, period_key, element_id, combo) from data_value),
      (select count(*) from data_value_history), (select count(*) from data_lock_exception),
      (select count(*) || ':' || coalesce(sum(version), 0) from figures_collection),
      (select sum(version) from data_element), (select sum(version) from indicator),
      (select sum(version) from validation_rule), (select sum(version) from indicator_category),
      (select string_agg(indicator_id::text || year::text || coalesce(unit_id::text, '-') || value::text || version::text, ',' order by id) from indicator_target)) as fp`.execute(
    t.db,
  );
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
      obligation: '',
      reportVersion: 0,
      reportFile: '',
      reminderObligation: '',
      letter: '',
      notification: '',
      // indicators: A
      catIndicator: (
        await t.db.selectFrom('indicator').select('id').where('code', '=', 'W21-LD01').executeTakeFirstOrThrow()
      ).id,
      catElement: (
        await t.db.selectFrom('data_element').select('id').where('code', '=', 'CU_NU').executeTakeFirstOrThrow()
      ).id,
      catRule: (
        await t.db.selectFrom('validation_rule').select('id').where('code', '=', 'V-CU-NU').executeTakeFirstOrThrow()
      ).id,
      catTarget: (
        await t.db
          .selectFrom('indicator_target as g')
          .innerJoin('indicator as n', 'n.id', 'g.indicator_id')
          .select('g.id')
          .where('n.code', '=', 'W21-LD01')
          .where('g.year', '=', 2025)
          .where('g.unit_id', 'is', null)
          .executeTakeFirstOrThrow()
      ).id,

      // indicators: B
      figuresVersion: 0,

      // indicators: C
      collectionVersion: 0,

      // indicators: D

      // indicators: E
    };
    const spare = await t.db
      .insertInto('app_user')
      .values({ username: 'du-phong', display_name: 'Cán bộ dự phòng', password_hash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.spareUser = spare.id;
    // The district's founding plan assigns Tà Xùa bodies (whatever plans later seeds add).
    const founding = await t.db
      .selectFrom('plan')
      .innerJoin('document', 'document.id', 'plan.document_id')
      .select('plan.id')
      .where('document.symbol', '=', '45-KH/HU')
      .executeTakeFirstOrThrow();
    const obligations = await insertTestObligations(t.db, founding.id, [
      { key: 'matrix-2026', start: '2026-01-01', end: '2026-03-15', due: '2026-03-20' },
    ]);
    const taXuaPath = (
      await t.db.selectFrom('org_unit').select('path').where('id', '=', ids.ownCommune).executeTakeFirstOrThrow()
    ).path;
    const owing = await t.db
      .selectFrom('obligation as o')
      .innerJoin('org_unit as u', 'u.id', 'o.unit_id')
      .select('o.id')
      .where(
        'o.id',
        'in',
        obligations.map((o) => o.id),
      )
      .where('u.path', 'like', `${taXuaPath}%`)
      .executeTakeFirstOrThrow();
    ids.obligation = owing.id;
    ids.reportFile = (
      await t.db.insertInto('report_file').values(evidenceRow(ids.obligation)).returning('id').executeTakeFirstOrThrow()
    ).id;
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
    Object.assign(ids, await remindersFixture(t, ids.plan, ids.ownCommune));
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
