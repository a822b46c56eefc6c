import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Session, type TestApp, testApp, unitId } from '../../test-support/app.js';
import { backends } from '../../test-support/db.js';

describe.each(backends())('organisations on %s', (kind) => {
  let t: TestApp;
  let admin: Session;
  beforeEach(async () => {
    t = await testApp(kind);
    admin = await t.login('admin');
  });
  afterEach(() => t.close());

  const list = async (query: string) => {
    const res = await admin.request({ method: 'GET', url: `/api/v1/org-units${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as {
      id: string;
      name: string;
      aliases: string[];
      parentId: string | null;
      isActive: boolean;
    }[];
  };

  it('finds units ignoring diacritics and case: "hoi lhpn" finds every Hội LHPN', async () => {
    const found = await list('?q=hoi%20lhpn');
    expect(found.length).toBeGreaterThanOrEqual(13);
    expect(found.every((u) => /Hội Liên hiệp Phụ nữ|Hội LHPN/.test(`${u.name} ${u.aliases.join(' ')}`))).toBe(true);
    const taXua = await list(`?q=${encodeURIComponent('TA XUA hlhpn')}`);
    expect(taXua.map((u) => u.name)).toEqual(['Hội Liên hiệp Phụ nữ xã Tà Xùa']);
  });

  it('sorts by Vietnamese collation', async () => {
    const names = (await list('?level=commune&kind=area')).map((u) => u.name);
    const sorted = [...names].sort(new Intl.Collator('vi').compare);
    expect(names).toEqual(sorted);
    expect(names.length).toBeGreaterThanOrEqual(12);
  });

  it('lists a subtree by parent', async () => {
    const children = await list(`?parentId=${await unitId(t, 'xa-ta-xua')}`);
    expect(children.map((c) => c.name)).toEqual(
      expect.arrayContaining(['Đảng ủy xã Tà Xùa', 'Hội Liên hiệp Phụ nữ xã Tà Xùa']),
    );
    expect(children).toHaveLength(5);
  });

  it('creates, edits, moves and closes a unit, each with an audit row in the same transaction', async () => {
    const huyen = await unitId(t, 'huyen');
    const created = await admin.request({
      method: 'POST',
      url: '/api/v1/org-units',
      payload: {
        parentId: huyen,
        kind: 'state_agency',
        level: 'district',
        name: 'Phòng Tư pháp huyện Bắc Yên',
        aliases: ['Phòng TP huyện', ' Phòng TP huyện '],
        code: 'huyen-ubnd-ptp',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const unit = created.json();
    expect(unit.aliases).toEqual(['Phòng TP huyện']);
    expect(unit.ancestors.map((a: { name: string }) => a.name)).toEqual(['Tỉnh Sơn La', 'Huyện Bắc Yên']);

    const ubnd = await unitId(t, 'huyen-ubnd');
    const moved = await admin.request({
      method: 'POST',
      url: `/api/v1/org-units/${unit.id}/move`,
      payload: { parentId: ubnd },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().ancestors.at(-1).id).toBe(ubnd);
    expect((await list(`?parentId=${ubnd}`)).some((c) => c.id === unit.id)).toBe(true);

    const edited = await admin.request({
      method: 'PATCH',
      url: `/api/v1/org-units/${unit.id}`,
      payload: { name: 'Phòng Tư pháp', shortName: 'PTP' },
    });
    expect(edited.json()).toMatchObject({ name: 'Phòng Tư pháp', shortName: 'PTP' });
    expect((await list('?q=ptp')).some((u) => u.id === unit.id)).toBe(true);

    const closed = await admin.request({
      method: 'POST',
      url: `/api/v1/org-units/${unit.id}/close`,
      payload: { validTo: '2025-07-01', successorId: ubnd, note: 'Sáp nhập khi bỏ cấp huyện' },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ validTo: '2025-07-01', isActive: false });
    expect(closed.json().successors[0]).toMatchObject({ id: ubnd, effectiveOn: '2025-07-01' });

    // Closed units leave today's list but stay in history.
    expect((await list('?q=ptp')).some((u) => u.id === unit.id)).toBe(false);
    expect((await list('?q=ptp&includeClosed=true')).some((u) => u.id === unit.id)).toBe(true);
    expect((await list('?q=ptp&asOf=2024-01-01')).some((u) => u.id === unit.id)).toBe(true);

    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', unit.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'org_unit.create',
      'org_unit.move',
      'org_unit.update',
      'org_unit.close',
    ]);
    expect(audit.every((a) => a.actor_name === 'admin')).toBe(true);
    expect(audit[2]?.before).toMatchObject({ name: 'Phòng Tư pháp huyện Bắc Yên' });
    expect(audit[2]?.after).toMatchObject({ name: 'Phòng Tư pháp' });
  });

  it('moves a subtree with its descendants', async () => {
    const commune = await unitId(t, 'xa-hang-chu');
    const tinh = await unitId(t, 'tinh');
    const res = await admin.request({
      method: 'POST',
      url: `/api/v1/org-units/${commune}/move`,
      payload: { parentId: tinh },
    });
    expect(res.statusCode).toBe(200);
    const women = await admin.request({
      method: 'GET',
      url: `/api/v1/org-units/${await unitId(t, 'xa-hang-chu-hlhpn')}`,
    });
    expect(women.json().ancestors.map((a: { name: string }) => a.name)).toEqual(['Tỉnh Sơn La', 'Xã Hang Chú']);
  });

  it('refuses bad changes with a Vietnamese message and changes nothing', async () => {
    const huyen = await unitId(t, 'huyen');
    const commune = await unitId(t, 'xa-ta-xua');
    const count = async () => (await t.db.selectFrom('org_unit').select('id').execute()).length;
    const before = await count();
    const cases = [
      { url: `/api/v1/org-units/${huyen}/move`, payload: { parentId: commune }, status: 409, code: 'unit_cycle' },
      {
        url: `/api/v1/org-units/${commune}/close`,
        payload: { validTo: '2025-07-01' },
        status: 409,
        code: 'unit_has_open_children',
      },
      {
        url: '/api/v1/org-units',
        payload: { parentId: huyen, kind: 'khong-co', level: 'district', name: 'X' },
        status: 400,
        code: 'unknown_reference',
      },
      {
        url: '/api/v1/org-units',
        payload: { parentId: huyen, kind: 'area', level: 'commune', name: 'Trùng mã', code: 'huyen' },
        status: 409,
        code: 'unit_code_taken',
      },
      {
        url: '/api/v1/org-units',
        payload: { parentId: '00000000-0000-4000-8000-000000000000', kind: 'area', level: 'commune', name: 'Giả' },
        status: 400,
        code: 'unknown_reference',
      },
      {
        url: '/api/v1/org-units',
        payload: { parentId: huyen, kind: 'area', level: 'commune', name: '   ' },
        status: 400,
        code: 'validation_failed',
      },
    ];
    for (const c of cases) {
      const res = await admin.request({ method: 'POST', url: c.url, payload: c.payload });
      expect(res.statusCode, `${c.url} ${res.body}`).toBe(c.status);
      expect(res.json().code).toBe(c.code);
      expect(res.json().detail).toMatch(/[ạảãàáâầấậẩẫăằắặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữ]/i);
    }
    expect(await count()).toBe(before);
  });

  it('keeps levels as data: the district level ends on 2025-07-01 and a new level can be added', async () => {
    const levels = (await admin.request({ method: 'GET', url: '/api/v1/org-levels' })).json().items;
    expect(levels.find((l: { code: string }) => l.code === 'district')).toMatchObject({ validTo: '2025-07-01' });
    const saved = await admin.request({
      method: 'PUT',
      url: '/api/v1/org-levels/special_zone',
      payload: { nameVi: 'Đặc khu', nameEn: 'Special zone', rank: 40, validFrom: '2025-07-01' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ code: 'special_zone', nameVi: 'Đặc khu' });
  });
});
