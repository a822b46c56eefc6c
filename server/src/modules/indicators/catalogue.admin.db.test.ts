import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.js';
import { addAccessUsers, EXTRA_PASSWORD } from '../../test-support/access-users.js';
import { type Session, type TestApp, testApp, unitId } from '../../test-support/app.js';
import { backends } from '../../test-support/db.js';
import { clearFigures } from '../../test-support/indicators.js';

const BASE = '/api/v1/indicators/catalogue';

interface IndicatorJson {
  id: string;
  code: string;
  nameVi: string;
  numerator: string;
  denominator: string | null;
  version: number;
  amberRatio: number;
  targets: { id: string; year: number; unit: { id: string } | null; value: number; source: string; version: number }[];
  [k: string]: unknown;
}

/** The body of an indicator edit from what the catalogue answered. */
const editOf = (i: IndicatorJson, change: Partial<IndicatorJson> = {}) => {
  const { id: _id, code: _code, archived: _a, targets: _t, ...rest } = { ...i, ...change };
  return rest;
};

describe.each(backends())('catalogue administration on %s', (kind) => {
  let t: TestApp;
  let admin: Session;
  let officer: Session;
  let head: Session;
  let du: string;
  const clock = fixedClock('2026-03-10T03:00:00Z');

  const catalogue = async (s: Session = admin, query = '') => {
    const res = await s.request({ method: 'GET', url: `${BASE}${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const indicator = async (code: string): Promise<IndicatorJson> =>
    (await catalogue()).indicators.find((i: IndicatorJson) => i.code === code);
  const auditCount = async (action: string) =>
    Number(
      (
        await t.db
          .selectFrom('audit_log')
          .select((e) => e.fn.countAll().as('n'))
          .where('action', '=', action)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await testApp(kind, 'demo', { clock });
    await clearFigures(t.db);
    admin = await t.login('admin');
    officer = await t.login('xa1-canbo');
    head = await t.login('xa1-truong');
    du = await unitId(t, 'xa-ta-xua-du');
  });
  afterAll(() => t?.close());

  it('everyone reads the catalogue: 21 indicators with their targets and sources; only administrators may edit', async () => {
    const mine = await catalogue(officer);
    expect(mine.indicators).toHaveLength(21);
    expect(mine.actions).toEqual([]);
    const ld04 = mine.indicators.find((i: IndicatorJson) => i.code === 'W21-LD04');
    expect(ld04.targets.find((x: { year: number }) => x.year === 2030)).toMatchObject({ value: 75, unit: null });
    expect(ld04.targets.every((x: { source: string }) => x.source.includes('28/NQ-CP'))).toBe(true);
    expect(mine.elements.find((e: { code: string }) => e.code === 'CU_NU')).toMatchObject({
      categories: ['AGE', 'ETH'],
      aggregation: 'last',
      hasValues: false,
    });
    expect(mine.categories.find((c: { code: string }) => c.code === 'ETH').options.length).toBeGreaterThan(5);
    expect(mine.rules.length).toBeGreaterThan(0);
    expect((await catalogue(admin)).actions).toEqual(['indicator.catalogue']);
  });

  it('an administrator edits an indicator from its version; a stale version is refused and changes nothing', async () => {
    const before = await indicator('W21-LD01');
    const res = await admin.request({
      method: 'PUT',
      url: `${BASE}/indicators/${before.id}`,
      payload: editOf(before, { nameVi: 'Tỷ lệ nữ cấp ủy viên (sửa)', amberRatio: 0.8 }),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: before.version + 1, amberRatio: 0.8 });
    const row = await t.db.selectFrom('indicator').selectAll().where('id', '=', before.id).executeTakeFirstOrThrow();
    expect(row.name_vi).toBe('Tỷ lệ nữ cấp ủy viên (sửa)');
    expect(Number(row.amber_ratio)).toBe(0.8);
    expect(await auditCount('indicator.edit')).toBe(1);

    const stale = await admin.request({
      method: 'PUT',
      url: `${BASE}/indicators/${before.id}`,
      payload: editOf(before, { nameVi: 'Bản cũ' }),
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('stale_version');
    const again = await t.db
      .selectFrom('indicator')
      .select('name_vi')
      .where('id', '=', before.id)
      .executeTakeFirstOrThrow();
    expect(again.name_vi).toBe('Tỷ lệ nữ cấp ủy viên (sửa)');

    const refused = await head.request({
      method: 'PUT',
      url: `${BASE}/indicators/${before.id}`,
      payload: editOf(before),
    });
    expect(refused.statusCode).toBe(403);
  });

  it('an edit that breaks the catalogue is refused with its problems in Vietnamese (English on request)', async () => {
    const ld03 = await indicator('W21-LD03');
    const bad = await admin.request({
      method: 'PUT',
      url: `${BASE}/indicators/${ld03.id}`,
      payload: editOf(ld03, { numerator: 'HDND_NU[ETH:khong_co] + KHONG_TON_TAI' }),
    });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().code).toBe('catalogue_invalid');
    expect(bad.json().detail).toContain('không có mục số liệu KHONG_TON_TAI');
    expect(bad.json().detail).toContain('không có lựa chọn khong_co');
    const en = await admin.request({
      method: 'PUT',
      url: `${BASE}/indicators/${ld03.id}`,
      headers: { 'accept-language': 'en' },
      payload: editOf(ld03, { denominator: 'NOPE' }),
    });
    expect(en.statusCode).toBe(400);
    expect(en.json().detail).toContain('no element NOPE');
    const syntax = await admin.request({
      method: 'PUT',
      url: `${BASE}/indicators/${ld03.id}`,
      payload: editOf(ld03, { numerator: 'HDND_NU +' }),
    });
    expect(syntax.statusCode).toBe(400);
    expect(syntax.json()).toMatchObject({ code: 'catalogue_expression_invalid', fields: ['numerator'] });
    expect(syntax.json().detail).toContain('Biểu thức kết thúc bằng dấu');
    const disaggregation = await admin.request({
      method: 'PUT',
      url: `${BASE}/indicators/${ld03.id}`,
      payload: editOf(ld03, { disaggregations: ['ETH', 'KHONG'] }),
    });
    expect(disaggregation.statusCode).toBe(400);
    expect(disaggregation.json()).toMatchObject({ code: 'catalogue_category_unknown', fields: ['disaggregations'] });
    const row = await t.db.selectFrom('indicator').selectAll().where('id', '=', ld03.id).executeTakeFirstOrThrow();
    expect([row.numerator, row.denominator, row.version]).toEqual([ld03.numerator, ld03.denominator, ld03.version]);
  });

  it('creates an element, an indicator over it and a rule; archives only what nothing live reads', async () => {
    const element = await admin.request({
      method: 'POST',
      url: `${BASE}/elements`,
      payload: {
        code: 'NU_TRE',
        nameVi: 'Số nữ cán bộ trẻ',
        nameEn: 'Young women cadres',
        descriptionVi: null,
        descriptionEn: null,
        aggregation: 'last',
        categories: ['ETH'],
        reporterKinds: ['party_committee'],
        frequency: 'annual',
        min: 0,
        max: 1000,
        yoy: null,
        required: false,
      },
    });
    expect(element.statusCode, element.body).toBe(201);
    const el = element.json();
    const duplicate = await admin.request({
      method: 'POST',
      url: `${BASE}/elements`,
      payload: {
        ...(el as object),
        id: undefined,
        version: undefined,
        archived: undefined,
        hasValues: undefined,
        computed: undefined,
      },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().code).toBe('catalogue_code_taken');

    const created = await admin.request({
      method: 'POST',
      url: `${BASE}/indicators`,
      payload: {
        code: 'X-TRE01',
        nameVi: 'Tỷ lệ nữ trẻ dân tộc thiểu số',
        nameEn: 'Young ethnic-minority women',
        definitionVi: 'Nữ trẻ DTTS ÷ nữ trẻ, ×100.',
        definitionEn: 'Young EM women ÷ young women, ×100.',
        area: 'LD',
        numerator: 'NU_TRE[ETH:@dtts]',
        denominator: 'NU_TRE',
        factor: 100,
        direction: 'up',
        amberRatio: 0.9,
        disaggregations: ['ETH', 'LEVEL'],
        reporterVi: 'Cấp ủy',
        reporterEn: 'Committee',
        periods: ['Y'],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const rule = await admin.request({
      method: 'POST',
      url: `${BASE}/rules`,
      payload: {
        code: 'R-TRE',
        nameVi: 'Nữ trẻ ≤ nữ',
        nameEn: 'Young ≤ women',
        left: 'NU_TRE',
        operator: '<=',
        right: 'CU_NU',
        importance: 'warning',
      },
    });
    expect(rule.statusCode, rule.body).toBe(201);

    // The element is read by the new indicator and rule: archiving it would break them.
    const blocked = await admin.request({
      method: 'POST',
      url: `${BASE}/elements/${el.id}/archive`,
      payload: { version: el.version, archived: true },
    });
    expect(blocked.statusCode, blocked.body).toBe(400);
    expect(blocked.json().problems.map((p: { en: string }) => p.en)).toEqual(
      expect.arrayContaining(['X-TRE01: no element NU_TRE', 'R-TRE: no element NU_TRE']),
    );
    for (const [entity, body] of [
      ['indicators', created.json()],
      ['rules', rule.json()],
      ['elements', el],
    ] as const) {
      const res = await admin.request({
        method: 'POST',
        url: `${BASE}/${entity}/${body.id}/archive`,
        payload: { version: body.version, archived: true },
      });
      expect(res.statusCode, `${entity}: ${res.body}`).toBe(200);
    }
    const live = await catalogue(admin);
    expect(live.elements.some((e: { code: string }) => e.code === 'NU_TRE')).toBe(false);
    expect(live.indicators).toHaveLength(21);
    const all = await catalogue(admin, '?archived=true');
    expect(all.elements.find((e: { code: string }) => e.code === 'NU_TRE')).toMatchObject({ archived: true });
    // Archived, never deleted.
    expect(await t.db.selectFrom('data_element').select('id').where('code', '=', 'NU_TRE').execute()).toHaveLength(1);
    // A non-administrator never sees archived rows.
    expect(
      (await catalogue(officer, '?archived=true')).elements.some((e: { code: string }) => e.code === 'NU_TRE'),
    ).toBe(false);
  });

  it('never removes a category option or changes an element’s categories once figures use them', async () => {
    const cuNu = await t.db
      .selectFrom('data_element')
      .selectAll()
      .where('code', '=', 'CU_NU')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('data_value')
      .values({
        unit_id: du,
        period_key: '2025',
        element_id: cuNu.id,
        combo: 'AGE:duoi40|ETH:thai',
        value: 2,
        updated_at: new Date(),
      })
      .execute();
    const cat = (await catalogue()).categories.find((c: { code: string }) => c.code === 'ETH');
    const withoutThai = cat.options.filter((o: { code: string }) => o.code !== 'thai');
    const removed = await admin.request({
      method: 'PUT',
      url: `${BASE}/categories/ETH`,
      payload: { nameVi: cat.nameVi, nameEn: cat.nameEn, options: withoutThai, version: cat.version },
    });
    expect(removed.statusCode, removed.body).toBe(409);
    expect(removed.json().code).toBe('catalogue_option_in_use');
    // Renaming it and adding another is fine.
    const renamed = cat.options.map((o: { code: string }) =>
      o.code === 'thai' ? { ...o, nameVi: 'Thái (đổi tên)' } : o,
    );
    const ok = await admin.request({
      method: 'PUT',
      url: `${BASE}/categories/ETH`,
      payload: {
        nameVi: cat.nameVi,
        nameEn: cat.nameEn,
        options: [...renamed, { code: 'xinh_mun', nameVi: 'Xinh Mun', nameEn: 'Xinh Mun', group: 'dtts' }],
        version: cat.version,
      },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const row = await t.db
      .selectFrom('indicator_category')
      .selectAll()
      .where('code', '=', 'ETH')
      .executeTakeFirstOrThrow();
    expect(row.options.find((o) => o.code === 'thai')?.nameVi).toBe('Thái (đổi tên)');
    expect(row.options.some((o) => o.code === 'xinh_mun')).toBe(true);
    expect(row.version).toBe(cat.version + 1);

    const el = (await catalogue()).elements.find((e: { code: string }) => e.code === 'CU_NU');
    expect(el.hasValues).toBe(true);
    const { id: _i, code: _c, archived: _a, hasValues: _h, computed: _p, ...body } = el;
    const changed = await admin.request({
      method: 'PUT',
      url: `${BASE}/elements/${el.id}`,
      payload: { ...body, categories: ['ETH'] },
    });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().code).toBe('catalogue_element_in_use');
    const renamedEl = await admin.request({
      method: 'PUT',
      url: `${BASE}/elements/${el.id}`,
      payload: { ...body, nameVi: 'Nữ cấp ủy viên' },
    });
    expect(renamedEl.statusCode, renamedEl.body).toBe(200);
    const badKind = await admin.request({
      method: 'PUT',
      url: `${BASE}/elements/${el.id}`,
      payload: { ...body, version: body.version + 1, reporterKinds: ['khong_co'] },
    });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().code).toBe('catalogue_kind_unknown');
  });

  it('sets national targets (administrators) and a unit’s own target, with their sources', async () => {
    const ld02 = await indicator('W21-LD02');
    const national = await admin.request({
      method: 'PUT',
      url: `${BASE}/indicators/${ld02.id}/targets`,
      payload: { year: 2031, unitId: null, value: 100, source: 'Nghị quyết thử', note: null, version: 0 },
    });
    expect(national.statusCode, national.body).toBe(200);
    const again = await admin.request({
      method: 'PUT',
      url: `${BASE}/indicators/${ld02.id}/targets`,
      payload: { year: 2031, unitId: null, value: 90, source: 'Nghị quyết thử', note: null, version: 0 },
    });
    expect(again.statusCode).toBe(409);
    const byHead = await head.request({
      method: 'PUT',
      url: `${BASE}/indicators/${ld02.id}/targets`,
      payload: { year: 2031, unitId: null, value: 10, source: 'x', note: null, version: national.json().version },
    });
    expect(byHead.statusCode).toBe(403);
    const own = await admin.request({
      method: 'PUT',
      url: `${BASE}/indicators/${ld02.id}/targets`,
      payload: { year: 2026, unitId: du, value: 100, source: 'Nghị quyết Đảng ủy xã', note: 'riêng', version: 0 },
    });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ unit: { id: du }, value: 100, source: 'Nghị quyết Đảng ủy xã' });
    const rows = await t.db
      .selectFrom('indicator_target')
      .selectAll()
      .where('indicator_id', '=', ld02.id)
      .where('year', 'in', [2026, 2031])
      .execute();
    expect(rows.map((r) => [r.year, r.unit_id, Number(r.value)]).sort()).toEqual(
      [
        [2026, null, 100],
        [2026, du, 100],
        [2031, null, 100],
      ].sort(),
    );
    // The commune's officer sees its unit's target; another district's monitor does not.
    const seen = (await catalogue(officer)).indicators.find((i: IndicatorJson) => i.code === 'W21-LD02');
    expect(seen.targets.some((x: { unit: { id: string } | null }) => x.unit?.id === du)).toBe(true);
    await addAccessUsers(t);
    const other = await t.login('giamsat-phu-yen', EXTRA_PASSWORD);
    const theirs = (await catalogue(other)).indicators.find((i: IndicatorJson) => i.code === 'W21-LD02');
    expect(theirs.targets.some((x: { unit: { id: string } | null }) => x.unit?.id === du)).toBe(false);
    expect(theirs.targets.some((x: { year: number }) => x.year === 2031)).toBe(true);
    const gone = await admin.request({
      method: 'DELETE',
      url: `${BASE}/targets/${own.json().id}?version=${own.json().version}`,
    });
    expect(gone.statusCode).toBe(204);
    expect(
      await t.db.selectFrom('indicator_target').select('id').where('id', '=', own.json().id).execute(),
    ).toHaveLength(0);
    expect(await auditCount('indicator.target.delete')).toBe(1);
  });

  it('parallel edits from the same version: one wins, the others 409, nothing lost', async () => {
    const before = await indicator('W21-LD02');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, k) =>
        admin.request({
          method: 'PUT',
          url: `${BASE}/indicators/${before.id}`,
          payload: editOf(before, { nameVi: `Bản sửa ${k}` }),
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    const winner = results.find((r) => r.statusCode === 200)?.json();
    const row = await t.db.selectFrom('indicator').selectAll().where('id', '=', before.id).executeTakeFirstOrThrow();
    expect(row.name_vi).toBe(winner.nameVi);
    expect(row.version).toBe(before.version + 1);

    // Five administrators create the same year's national target at once: one row, four 409s.
    const targets = await Promise.all(
      Array.from({ length: 5 }, (_, k) =>
        admin.request({
          method: 'PUT',
          url: `${BASE}/indicators/${before.id}/targets`,
          payload: { year: 2035, unitId: null, value: 90 + k, source: `Nguồn ${k}`, note: null, version: 0 },
        }),
      ),
    );
    expect(targets.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409, 409]);
    const stored = await t.db
      .selectFrom('indicator_target')
      .selectAll()
      .where('indicator_id', '=', before.id)
      .where('year', '=', 2035)
      .execute();
    expect(stored).toHaveLength(1);
    expect(Number(stored[0]?.value)).toBe(targets.find((r) => r.statusCode === 200)?.json().value);

    // Archiving an element and creating an indicator over it at once: never both.
    const el = await admin.request({
      method: 'POST',
      url: `${BASE}/elements`,
      payload: {
        code: 'SONG_SONG',
        nameVi: 'Song song',
        nameEn: 'Parallel',
        descriptionVi: null,
        descriptionEn: null,
        aggregation: 'sum',
        categories: [],
        reporterKinds: ['party_committee'],
        frequency: 'annual',
        min: null,
        max: null,
        yoy: null,
        required: false,
      },
    });
    expect(el.statusCode, el.body).toBe(201);
    const [archived, created] = await Promise.all([
      admin.request({
        method: 'POST',
        url: `${BASE}/elements/${el.json().id}/archive`,
        payload: { version: 1, archived: true },
      }),
      admin.request({
        method: 'POST',
        url: `${BASE}/indicators`,
        payload: {
          code: 'X-SS01',
          nameVi: 'Song song',
          nameEn: 'Parallel',
          definitionVi: 'Song song.',
          definitionEn: 'Parallel.',
          area: 'QL',
          numerator: 'SONG_SONG',
          denominator: null,
          factor: 1,
          direction: 'up',
          amberRatio: 0.9,
          disaggregations: [],
          reporterVi: null,
          reporterEn: null,
          periods: ['Y'],
        },
      }),
    ]);
    expect([archived.statusCode, created.statusCode].sort()).toEqual([200, 400]);
    const elRow = await t.db
      .selectFrom('data_element')
      .select('archived_at')
      .where('code', '=', 'SONG_SONG')
      .executeTakeFirstOrThrow();
    const indRow = await t.db.selectFrom('indicator').select('id').where('code', '=', 'X-SS01').executeTakeFirst();
    expect(elRow.archived_at !== null && indRow !== undefined).toBe(false);
  });
});
