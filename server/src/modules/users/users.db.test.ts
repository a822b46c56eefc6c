import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, testApp, unitId } from '../../test-support/app.js';
import { backends, DEMO_PASSWORD } from '../../test-support/db.js';
import { CURRENT_PASSWORD_LIMIT } from './users.service.js';

describe.each(backends())('users and grants on %s', (kind) => {
  let t: TestApp;
  let admin: Session;
  let commune: string;
  beforeAll(async () => {
    t = await testApp(kind);
    admin = await t.login('admin');
    commune = await unitId(t, 'xa-ta-xua');
  });
  afterAll(() => t.close());

  const audit = (action: string, entityId: string) =>
    t.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('entity_id', '=', entityId).execute();

  async function createUser(username: string, password = 'mat-khau-dai-du') {
    const res = await admin.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: { username, displayName: `Cán bộ ${username}`, password, grants: [{ role: 'viewer', unitId: commune }] },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }

  it('refuses weak passwords, unknown units and malformed grants in Vietnamese, creating nothing', async () => {
    const before = await t.db.selectFrom('app_user').select('id').execute();
    const cases: [unknown, number, string][] = [
      [{ password: 'ngan' }, 400, 'Mật khẩu quá yếu: cần ít nhất 10 ký tự.'],
      [{ password: 'canbo-moi-2025' }, 400, 'Mật khẩu quá yếu: không được chứa tên đăng nhập.'],
      [{ password: '1234567890' }, 400, 'Mật khẩu quá yếu: quá phổ biến hoặc quá ít ký tự khác nhau.'],
      [
        { grants: [{ role: 'viewer', unitId: '00000000-0000-4000-8000-000000000000' }] },
        400,
        'Không có đơn vị với mã "00000000-0000-4000-8000-000000000000".',
      ],
      [{ grants: [{ role: 'viewer', unitId: null }] }, 400, 'Vai trò này phải gắn với một đơn vị.'],
      [
        { grants: [{ role: 'admin', unitId: commune }] },
        400,
        'Vai trò quản trị áp dụng cho toàn hệ thống, không chọn đơn vị.',
      ],
      [
        {
          grants: [
            { role: 'viewer', unitId: commune },
            { role: 'viewer', unitId: commune },
          ],
        },
        409,
        'Người dùng đã có vai trò này tại đơn vị này.',
      ],
    ];
    for (const [patch, status, detail] of cases) {
      const res = await admin.request({
        method: 'POST',
        url: '/api/v1/users',
        payload: {
          username: 'canbo-moi',
          displayName: 'Cán bộ mới',
          password: 'mat-khau-dai-du',
          grants: [],
          ...(patch as object),
        },
      });
      expect(res.statusCode, JSON.stringify(patch)).toBe(status);
      expect(res.json().detail).toBe(detail);
    }
    expect(await t.db.selectFrom('app_user').select('id').execute()).toHaveLength(before.length);
  });

  it('edits a user, gives and takes grants, with audit rows and 4xx on duplicates and unknown ids', async () => {
    const id = await createUser('nguoi-sua');
    const edit = await admin.request({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      payload: { displayName: 'Lê Văn Sửa', homeUnitId: commune },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json()).toMatchObject({ displayName: 'Lê Văn Sửa', homeUnit: { id: commune } });
    expect((await audit('user.update', id))[0]?.after).toMatchObject({ display_name: 'Lê Văn Sửa' });

    const huyen = await unitId(t, 'huyen');
    const give = () =>
      admin.request({ method: 'POST', url: `/api/v1/users/${id}/grants`, payload: { role: 'monitor', unitId: huyen } });
    // Two at once: one grant, one 409 (the unique index holds on PostgreSQL too).
    const [a, b] = await Promise.all([give(), give()]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const grant = (a.statusCode === 201 ? a : b).json();
    expect(grant).toMatchObject({ role: 'monitor', unitId: huyen, unitName: expect.stringContaining('Huyện') });
    expect((await give()).json().detail).toBe('Người dùng đã có vai trò này tại đơn vị này.');
    expect(await audit('user.grant', id)).toHaveLength(1);

    const take = await admin.request({ method: 'DELETE', url: `/api/v1/users/${id}/grants/${grant.id}` });
    expect(take.statusCode).toBe(204);
    expect(await audit('user.revoke', id)).toHaveLength(1);
    const again = await admin.request({ method: 'DELETE', url: `/api/v1/users/${id}/grants/${grant.id}` });
    expect(again.statusCode).toBe(404);
    expect(again.json().detail).toBe('Không tìm thấy quyền được yêu cầu.');
    const unknownUser = await admin.request({
      method: 'PATCH',
      url: '/api/v1/users/00000000-0000-4000-8000-000000000000',
      payload: { displayName: 'X' },
    });
    expect(unknownUser.statusCode).toBe(404);
  });

  it('deactivating ends the user’s sessions; an administrator cannot deactivate themself or the last admin', async () => {
    const id = await createUser('nguoi-khoa');
    const session = await t.login('nguoi-khoa', 'mat-khau-dai-du');
    expect((await session.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    const off = await admin.request({ method: 'PATCH', url: `/api/v1/users/${id}`, payload: { isActive: false } });
    expect(off.statusCode).toBe(200);
    expect(off.json().isActive).toBe(false);
    expect((await session.request({ method: 'GET', url: '/api/v1/plans' })).statusCode).toBe(401);
    expect(await t.db.selectFrom('user_session').select('user_id').where('user_id', '=', id).execute()).toEqual([]);
    await expect(t.login('nguoi-khoa', 'mat-khau-dai-du')).rejects.toThrow(/401/);
    expect(await audit('user.deactivate', id)).toHaveLength(1);
    const on = await admin.request({ method: 'PATCH', url: `/api/v1/users/${id}`, payload: { isActive: true } });
    expect(on.statusCode).toBe(200);
    expect(await audit('user.reactivate', id)).toHaveLength(1);
    await t.login('nguoi-khoa', 'mat-khau-dai-du');

    const self = await admin.request({
      method: 'PATCH',
      url: `/api/v1/users/${admin.user.id}`,
      payload: { isActive: false },
    });
    expect(self.statusCode).toBe(400);
    expect(self.json().detail).toBe('Bạn không thể tự khóa tài khoản của chính mình.');
    const adminGrant = await t.db
      .selectFrom('role_grant')
      .select('id')
      .where('user_id', '=', admin.user.id)
      .executeTakeFirstOrThrow();
    const last = await admin.request({
      method: 'DELETE',
      url: `/api/v1/users/${admin.user.id}/grants/${adminGrant.id}`,
    });
    expect(last.statusCode).toBe(409);
    expect(last.json().code).toBe('last_admin');
    expect((await admin.request({ method: 'GET', url: '/api/v1/auth/me' })).json().user.grants).toHaveLength(1);
  });

  it('searches and pages on the server: 300 more users, a folded name found, every user reached once', async () => {
    await t.db
      .insertInto('app_user')
      .values(
        Array.from({ length: 300 }, (_, i) => ({
          username: `so-dong-${String(i).padStart(3, '0')}`,
          display_name: i === 137 ? 'Đặng Thị Ánh Tuyết' : `Cán bộ số ${i}`,
          password_hash: 'x',
        })),
      )
      .execute();
    const tuyet = await t.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'so-dong-137')
      .executeTakeFirstOrThrow();
    await t.db.insertInto('role_grant').values({ user_id: tuyet.id, unit_id: commune, role: 'viewer' }).execute();
    const list = async (query: string) => {
      const res = await admin.request({ method: 'GET', url: `/api/v1/users?${query}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as {
        items: { id: string; username: string; version: number; actions: string[] }[];
        total: number;
      };
    };

    // Without diacritics or case, by name; and by the name of a granted unit.
    for (const q of ['dang thi anh tuyet', 'ĐẶNG TUYẾT', 'anh  TUYET']) {
      const found = await list(`q=${encodeURIComponent(q)}`);
      expect(found.total, q).toBe(1);
      expect(found.items.map((u) => u.username)).toEqual(['so-dong-137']);
      expect(found.items[0]?.actions).toEqual(['user.manage']);
    }
    const byUnit = await list(`q=${encodeURIComponent('ta xua so-dong')}`);
    expect(byUnit.items.map((u) => u.username)).toEqual(['so-dong-137']);
    expect((await list('q=so-dong-13')).total).toBe(10); // 130–139
    expect((await list('q=khong-ai-co-ten-nay')).items).toEqual([]);
    expect((await list(`q=${encodeURIComponent('100%')}`)).total).toBe(0);

    // Default page of 50; every user reached once by paging, in a stable order.
    const first = await list('');
    const total = (await t.db.selectFrom('app_user').select('id').execute()).length;
    expect(first.total).toBe(total);
    expect(first.items).toHaveLength(50);
    const seen: string[] = [];
    for (let offset = 0; offset < total; offset += 200) {
      const page = await list(`limit=200&offset=${offset}`);
      expect(page.total).toBe(total);
      seen.push(...page.items.map((u) => u.id));
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);

    for (const bad of ['limit=201', 'limit=0', 'offset=-1', 'q=%00']) {
      const res = await admin.request({ method: 'GET', url: `/api/v1/users?${bad}` });
      expect(res.statusCode, bad).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('an administrator resets a password: the old one and every session end', async () => {
    const id = await createUser('nguoi-quen');
    const session = await t.login('nguoi-quen', 'mat-khau-dai-du');
    const weak = await admin.request({
      method: 'POST',
      url: `/api/v1/users/${id}/password`,
      payload: { password: 'x' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().code).toBe('password_too_short');
    const reset = await admin.request({
      method: 'POST',
      url: `/api/v1/users/${id}/password`,
      payload: { password: 'mat-khau-moi-cap' },
    });
    expect(reset.statusCode).toBe(204);
    expect((await session.request({ method: 'GET', url: '/api/v1/plans' })).statusCode).toBe(401);
    await expect(t.login('nguoi-quen', 'mat-khau-dai-du')).rejects.toThrow(/401/);
    await t.login('nguoi-quen', 'mat-khau-moi-cap');
    const rows = await audit('user.reset_password', id);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain('mat-khau-moi-cap');
  });

  it('every user changes their own password with the current one; their other sessions end', async () => {
    const other = await t.login('xa1-canbo');
    const me = await t.login('xa1-canbo');
    const change = (currentPassword: string, newPassword: string) =>
      me.request({ method: 'POST', url: '/api/v1/me/password', payload: { currentPassword, newPassword } });
    const wrong = await change('khong-dung-dau', 'lua-chin-vang-dong');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().detail).toBe('Mật khẩu hiện tại không đúng.');
    expect((await change(DEMO_PASSWORD, 'abababab12')).json().code).toBe('password_too_common');
    expect((await change(DEMO_PASSWORD, DEMO_PASSWORD)).json().code).toBe('password_unchanged');
    expect((await change(DEMO_PASSWORD, 'lua-chin-vang-dong')).statusCode).toBe(204);
    expect((await me.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    expect((await other.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    await expect(t.login('xa1-canbo')).rejects.toThrow(/401/);
    await t.login('xa1-canbo', 'lua-chin-vang-dong');
    expect(await audit('user.change_password', me.user.id)).toHaveLength(1);
  });

  it('a stolen session cannot guess the current password: parallel wrong guesses get 429', async () => {
    const me = await t.login('xa1-truong');
    const guesses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        me.request({
          method: 'POST',
          url: '/api/v1/me/password',
          payload: { currentPassword: `doan-${i}`, newPassword: 'lua-chin-vang-dong' },
        }),
      ),
    );
    const codes = guesses.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 400)).toHaveLength(CURRENT_PASSWORD_LIMIT);
    expect(codes.filter((c) => c === 429)).toHaveLength(20 - CURRENT_PASSWORD_LIMIT);
    const right = await me.request({
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: DEMO_PASSWORD, newPassword: 'lua-chin-vang-dong' },
    });
    expect(right.statusCode).toBe(429);
  });
});
