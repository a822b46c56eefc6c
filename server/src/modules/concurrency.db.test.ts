import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conflictFromDatabase } from '../platform/db/conflicts.js';
import { type Session, type TestApp, testApp, unitId } from '../test-support/app.js';
import { backends } from '../test-support/db.js';
import foundingPlan from './plans/fixtures/founding-plan.plan.json' with { type: 'json' };

/**
 * Requests at the same moment. On PostgreSQL they run side by side (a pool of connections);
 * on PGlite one after another. Either way: no cycle in the tree, no 500 for a duplicate, no
 * edit lost (docs/ARCHITECTURE.md, "Concurrency").
 */

interface Unit {
  id: string;
  parentId: string | null;
  name: string;
  shortName: string | null;
  version: number;
}

describe.each(backends())('concurrency on %s', (kind) => {
  let t: TestApp;
  let admin: Session;
  let huyen: string;
  beforeAll(async () => {
    t = await testApp(kind);
    admin = await t.login('admin');
    huyen = await unitId(t, 'huyen');
  });
  afterAll(() => t.close());

  const createUnit = async (name: string, code?: string) => {
    const res = await admin.request({
      method: 'POST',
      url: '/api/v1/org-units',
      payload: { parentId: huyen, kind: 'state_agency', level: 'district', name, ...(code ? { code } : {}) },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Unit;
  };
  const move = (id: string, parentId: string) =>
    admin.request({ method: 'POST', url: `/api/v1/org-units/${id}/move`, payload: { parentId } });

  /** Every path is its parent's path plus its id, and every chain of parents ends at a root. */
  const assertTreeIsSound = async () => {
    const rows = await t.db.selectFrom('org_unit').select(['id', 'parent_id', 'path', 'depth']).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const row of rows) {
      const parent = row.parent_id ? byId.get(row.parent_id) : undefined;
      expect(row.path).toBe(`${parent?.path ?? '/'}${row.id}/`);
      expect(row.depth).toBe(parent ? parent.depth + 1 : 0);
      const seen = new Set<string>();
      for (let at = row; at.parent_id; at = byId.get(at.parent_id) ?? at) {
        expect(seen.has(at.id), `cycle through ${at.id}`).toBe(false);
        seen.add(at.id);
      }
    }
  };

  it('moves A under B and B under A at once: one succeeds, the other is a cycle (409), 30 pairs', async () => {
    const pairs = [];
    for (let i = 0; i < 30; i++) pairs.push([await createUnit(`Cặp A ${i}`), await createUnit(`Cặp B ${i}`)] as const);
    const results = await Promise.all(pairs.map(([a, b]) => Promise.all([move(a.id, b.id), move(b.id, a.id)])));
    for (const [first, second] of results) {
      expect([first.statusCode, second.statusCode].sort(), `${first.body} ${second.body}`).toEqual([200, 409]);
      const refused = first.statusCode === 409 ? first : second;
      expect(refused.json().code).toBe('unit_cycle');
    }
    await assertTreeIsSound();
  });

  it('moves along a chain at once (C under B while A moves under C, B under A): never a cycle', async () => {
    for (let i = 0; i < 10; i++) {
      const a = await createUnit(`Chuỗi A ${i}`);
      const b = await createUnit(`Chuỗi B ${i}`);
      const c = await createUnit(`Chuỗi C ${i}`);
      expect((await move(b.id, a.id)).statusCode).toBe(200); // a > b
      const results = await Promise.all([move(c.id, b.id), move(a.id, c.id)]); // a > b > c and c > a
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    }
    await assertTreeIsSound();
  });

  it('creates the same unit code 20 times at once: one 201, the rest 409 unit_code_taken, never 500', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        admin.request({
          method: 'POST',
          url: '/api/v1/org-units',
          payload: {
            parentId: huyen,
            kind: 'state_agency',
            level: 'district',
            name: `Trùng mã ${i}`,
            code: 'trung-ma',
          },
        }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    for (const r of results.filter((r) => r.statusCode !== 201)) {
      expect(r.statusCode, r.body).toBe(409);
      expect(r.json()).toMatchObject({ code: 'unit_code_taken', detail: 'Mã đơn vị "trung-ma" đã được dùng.' });
    }
    const rows = await t.db.selectFrom('org_unit').select('id').where('code', '=', 'trung-ma').execute();
    expect(rows).toHaveLength(1);
  });

  it('creates the same username 20 times at once: one 201, the rest 409 username_taken', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        admin.request({
          method: 'POST',
          url: '/api/v1/users',
          payload: { username: 'trung.ten', displayName: `Trùng tên ${i}`, password: 'mat-khau-dai-du', grants: [] },
        }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    for (const r of results.filter((r) => r.statusCode !== 201)) {
      expect(r.statusCode, r.body).toBe(409);
      expect(r.json()).toMatchObject({ code: 'username_taken', detail: 'Tên đăng nhập "trung.ten" đã tồn tại.' });
    }
  });

  it('creates the same plan 20 times at once: one 201, the rest 409 document_exists, one document', async () => {
    const plan = {
      ...foundingPlan,
      document: { ...foundingPlan.document, number: '77', symbol: '77-KH/HU', date: '2019-03-04' },
    };
    const owner = await unitId(t, 'huyen-uy-btv');
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        admin.request({
          method: 'POST',
          url: '/api/v1/plans',
          payload: { plan, ownerUnitId: owner, organizations: {} },
        }),
      ),
    );
    expect(
      results.filter((r) => r.statusCode === 201),
      results.map((r) => r.statusCode).join(),
    ).toHaveLength(1);
    for (const r of results.filter((r) => r.statusCode !== 201)) {
      expect(r.statusCode, r.body).toBe(409);
      expect(r.json().code).toBe('document_exists');
      expect(r.json().detail).toContain('77-KH/HU');
    }
    const docs = await t.db.selectFrom('document').select('id').where('symbol', '=', '77-KH/HU').execute();
    expect(docs).toHaveLength(1);
  });

  it('turns the unique index violation itself (a duplicate that passed the check) into the same 409', async () => {
    const violation = async (insert: () => Promise<unknown>) => {
      try {
        await insert();
      } catch (error) {
        return conflictFromDatabase(error);
      }
      throw new Error('no unique violation');
    };
    const user = await violation(() =>
      t.db.insertInto('app_user').values({ username: 'admin', display_name: 'x', password_hash: 'x' }).execute(),
    );
    expect(user).toMatchObject({ status: 409, code: 'username_taken', params: { username: 'admin' } });
    const unit = await violation(() =>
      t.db
        .insertInto('org_unit')
        .values({ code: 'huyen', path: '/x/', depth: 0, kind: 'area', level: 'district', name: 'x', search_text: 'x' })
        .execute(),
    );
    expect(unit).toMatchObject({ status: 409, code: 'unit_code_taken', params: { code: 'huyen' } });
    const doc = await violation(() =>
      t.db
        .insertInto('document')
        .values([
          { symbol: '88-CV/HU', issuer_name: 'Huyện ủy', issued_on: '2021-05-06', title: 'a', addressees: '[]' },
          { symbol: '88-CV/HU', issuer_name: 'huyện ủy', issued_on: '2021-05-06', title: 'b', addressees: '[]' },
        ])
        .execute(),
    );
    expect(doc).toMatchObject({
      status: 409,
      code: 'document_exists',
      params: { symbol: '88-CV/HU', issuer: 'huyện ủy', date: '2021-05-06' },
    });
  });

  const patchUnit = (id: string, payload: Record<string, unknown>) =>
    admin.request({ method: 'PATCH', url: `/api/v1/org-units/${id}`, payload });

  it('edits different fields of a unit at once from the same version, 40 pairs: one 200 and one 409 stale_version with the current record', async () => {
    const units = [];
    for (let i = 0; i < 40; i++) units.push(await createUnit(`Sửa cùng lúc ${i}`));
    expect(units.every((u) => u.version === 1)).toBe(true);
    const results = await Promise.all(
      units.map((u, i) =>
        Promise.all([
          patchUnit(u.id, { name: `Tên mới ${i}`, version: u.version }),
          patchUnit(u.id, { shortName: `Viết tắt ${i}`, version: u.version }),
        ]),
      ),
    );
    for (const [i, [byName, byShort]] of results.entries()) {
      expect([byName.statusCode, byShort.statusCode].sort(), `${byName.body} ${byShort.body}`).toEqual([200, 409]);
      const won = byName.statusCode === 200 ? byName : byShort;
      const lost = byName.statusCode === 200 ? byShort : byName;
      expect(won.json().version).toBe(2);
      expect(lost.json()).toMatchObject({ code: 'stale_version', current: { version: 2 } });
      expect(lost.json().detail).toContain('Người khác đã sửa đơn vị này');
      // The refusal shows what the other edit wrote, and nothing of the refused edit was written.
      const now = (await admin.request({ method: 'GET', url: `/api/v1/org-units/${won.json().id}` })).json() as Unit;
      expect(lost.json().current).toMatchObject({ name: now.name, shortName: now.shortName });
      if (won === byName) expect([now.name, now.shortName]).toEqual([`Tên mới ${i}`, null]);
      else expect([now.name, now.shortName]).toEqual([`Sửa cùng lúc ${i}`, `Viết tắt ${i}`]);
    }
  });

  it('edits different fields of a unit at once without a version, 40 pairs: both applied, versions 2 and 3, nothing lost', async () => {
    const units = [];
    for (let i = 0; i < 40; i++) units.push(await createUnit(`Không phiên bản ${i}`));
    const results = await Promise.all(
      units.map((u, i) =>
        Promise.all([patchUnit(u.id, { name: `Tên khác ${i}` }), patchUnit(u.id, { shortName: `VT ${i}` })]),
      ),
    );
    for (const [i, pair] of results.entries()) {
      expect(pair.map((r) => r.statusCode)).toEqual([200, 200]);
      // Each answer is the unit as read after its own write: version 2, or 3 when the other
      // edit had committed meanwhile — body and version always from the same read.
      for (const r of pair) expect([2, 3]).toContain(r.json().version);
      const now = (await admin.request({ method: 'GET', url: `/api/v1/org-units/${units[i]?.id}` })).json() as Unit;
      expect([now.name, now.shortName, now.version]).toEqual([`Tên khác ${i}`, `VT ${i}`, 3]);
    }
  });

  it('edits different fields of a document at once, 40 pairs: one 200 and one 409, never both with a change lost', async () => {
    const docs = [];
    for (let i = 0; i < 40; i++) {
      const res = await admin.request({
        method: 'POST',
        url: '/api/v1/documents',
        payload: { symbol: `${500 + i}-CV/HU`, date: '2020-01-02', issuer: 'Huyện ủy Bắc Yên', title: `Công văn ${i}` },
      });
      expect(res.statusCode, res.body).toBe(201);
      docs.push(res.json() as { id: string; version: number });
    }
    const patch = (id: string, payload: Record<string, unknown>) =>
      admin.request({ method: 'PATCH', url: `/api/v1/documents/${id}`, payload });
    const results = await Promise.all(
      docs.map((d, i) =>
        Promise.all([
          patch(d.id, { title: `Tiêu đề mới ${i}`, version: d.version }),
          patch(d.id, { place: `Bắc Yên ${i}`, version: d.version }),
        ]),
      ),
    );
    for (const [i, [byTitle, byPlace]] of results.entries()) {
      expect([byTitle.statusCode, byPlace.statusCode].sort(), `${byTitle.body} ${byPlace.body}`).toEqual([200, 409]);
      const lost = byTitle.statusCode === 409 ? byTitle : byPlace;
      expect(lost.json()).toMatchObject({ code: 'stale_version', current: { id: docs[i]?.id, version: 2 } });
      const now = (await admin.request({ method: 'GET', url: `/api/v1/documents/${docs[i]?.id}` })).json();
      expect(now.version).toBe(2);
      if (byTitle.statusCode === 200) expect([now.title, now.place]).toEqual([`Tiêu đề mới ${i}`, null]);
      else expect([now.title, now.place]).toEqual([`Công văn ${i}`, `Bắc Yên ${i}`]);
    }
  });

  it('edits different fields of a user at once from the same version, 40 pairs: one 200 and one 409 stale_version, never a lost change', async () => {
    const huyenUnit = huyen;
    const users: { id: string; version: number }[] = [];
    for (let i = 0; i < 40; i++) {
      const res = await admin.request({
        method: 'POST',
        url: '/api/v1/users',
        payload: { username: `sua.cung.luc.${i}`, displayName: `Người ${i}`, password: 'mat-khau-dai-du', grants: [] },
      });
      expect(res.statusCode, res.body).toBe(201);
      const user = (await admin.request({ method: 'GET', url: `/api/v1/users/${res.json().id}` })).json();
      expect(user.version).toBe(1);
      users.push(user);
    }
    const patch = (id: string, payload: Record<string, unknown>) =>
      admin.request({ method: 'PATCH', url: `/api/v1/users/${id}`, payload });
    const results = await Promise.all(
      users.map((u, i) =>
        Promise.all([
          patch(u.id, { displayName: `Tên mới ${i}`, version: u.version }),
          patch(u.id, { homeUnitId: huyenUnit, version: u.version }),
        ]),
      ),
    );
    for (const [i, [byName, byHome]] of results.entries()) {
      expect([byName.statusCode, byHome.statusCode].sort(), `${byName.body} ${byHome.body}`).toEqual([200, 409]);
      const won = byName.statusCode === 200 ? byName : byHome;
      const lost = byName.statusCode === 200 ? byHome : byName;
      expect(won.json().version).toBe(2);
      expect(lost.json()).toMatchObject({ code: 'stale_version', current: { id: users[i]?.id, version: 2 } });
      expect(lost.json().detail).toContain('Người khác đã sửa người dùng này');
      const now = (await admin.request({ method: 'GET', url: `/api/v1/users/${users[i]?.id}` })).json();
      expect(lost.json().current).toMatchObject({ displayName: now.displayName, homeUnit: now.homeUnit });
      if (won === byName) expect([now.displayName, now.homeUnit]).toEqual([`Tên mới ${i}`, null]);
      else expect([now.displayName, now.homeUnit?.id]).toEqual([`Người ${i}`, huyenUnit]);
    }
  });

  it('a grant given by one administrator makes another administrator’s edit from the old version 409', async () => {
    const created = await admin.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'hai.quan.tri', displayName: 'Hai quản trị', password: 'mat-khau-dai-du', grants: [] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const second = await admin.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: {
        username: 'quan.tri.hai',
        displayName: 'Quản trị thứ hai',
        password: 'mat-khau-dai-du',
        grants: [{ role: 'admin', unitId: null }],
      },
    });
    expect(second.statusCode, second.body).toBe(201);
    const other = await t.login('quan.tri.hai', 'mat-khau-dai-du');
    const seen = (await admin.request({ method: 'GET', url: `/api/v1/users/${id}` })).json();
    const grant = await other.request({
      method: 'POST',
      url: `/api/v1/users/${id}/grants`,
      payload: { role: 'viewer', unitId: huyen },
    });
    expect(grant.statusCode, grant.body).toBe(201);
    const stale = await admin.request({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      payload: { displayName: 'Ghi đè', version: seen.version },
    });
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json()).toMatchObject({
      code: 'stale_version',
      current: {
        id,
        displayName: 'Hai quản trị',
        version: seen.version + 1,
        grants: [{ role: 'viewer', unitId: huyen }],
      },
    });
    // Taking the grant away moves the version on too; an edit from the version now seen passes.
    const fresh = stale.json().current as { version: number; grants: { id: string }[] };
    const revoke = await other.request({ method: 'DELETE', url: `/api/v1/users/${id}/grants/${fresh.grants[0]?.id}` });
    expect(revoke.statusCode).toBe(204);
    const again = await admin.request({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      payload: { displayName: 'Ghi đè', version: fresh.version },
    });
    expect(again.json()).toMatchObject({ code: 'stale_version', current: { version: fresh.version + 1 } });
    const reset = await other.request({
      method: 'POST',
      url: `/api/v1/users/${id}/password`,
      payload: { password: 'mat-khau-moi-cap' },
    });
    expect(reset.statusCode).toBe(204);
    const now = (await admin.request({ method: 'GET', url: `/api/v1/users/${id}` })).json();
    expect(now.version).toBe(fresh.version + 2);
    const ok = await admin.request({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      payload: { displayName: 'Đã sửa', version: now.version },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ displayName: 'Đã sửa', version: now.version + 1 });
  });

  it('refuses a level edit made from an old version, with the current level', async () => {
    const levels = (await admin.request({ method: 'GET', url: '/api/v1/org-levels' })).json().items as {
      code: string;
      nameVi: string;
      nameEn: string;
      rank: number;
      version: number;
    }[];
    const level = levels.find((l) => l.code === 'commune');
    if (!level) throw new Error('no commune level');
    const put = (nameVi: string, version: number) =>
      admin.request({
        method: 'PUT',
        url: '/api/v1/org-levels/commune',
        payload: { nameVi, nameEn: level.nameEn, rank: level.rank, version },
      });
    const first = await put('Cấp xã (sửa)', level.version);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().version).toBe(level.version + 1);
    const stale = await put('Cấp xã (ghi đè)', level.version);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      code: 'stale_version',
      current: { code: 'commune', nameVi: 'Cấp xã (sửa)', version: level.version + 1 },
    });
  });
});
