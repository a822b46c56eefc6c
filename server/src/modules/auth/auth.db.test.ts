import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../test-support/app.js';
import { backends, DEMO_PASSWORD } from '../../test-support/db.js';
import { LOGIN_LIMITS } from './auth.service.js';

describe.each(backends())('auth on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(kind);
  });
  afterAll(() => t.close());

  it('logs in with username and password: HttpOnly SameSite session cookie, user and CSRF token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'giamsat', password: DEMO_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'tk_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    const body = res.json();
    expect(body.user.username).toBe('giamsat');
    expect(body.user.grants[0].role).toBe('monitor');
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    const stored = await t.db.selectFrom('user_session').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(cookie?.value);
  });

  it('answers 401 for a wrong password or unknown user without saying which', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'giamsat', password: 'sai-mat-khau' },
      remoteAddress: '10.9.9.1',
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'khongco', password: 'sai-mat-khau' },
      remoteAddress: '10.9.9.1',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
    expect(wrong.json().detail).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(wrong.headers['content-type']).toContain('application/problem+json');
  });

  it('answers 429 after ten failed logins a minute from one address, other addresses unaffected', async () => {
    const attempt = (ip: string, password = 'sai') =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password },
        remoteAddress: ip,
      });
    for (let i = 0; i < 10; i++) expect((await attempt('10.0.0.7')).statusCode).toBe(401);
    const blocked = await attempt('10.0.0.7', DEMO_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('too_many_attempts');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await attempt('10.0.0.8', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('counts parallel attempts before checking them: of 50 at once from one address, 10 are checked, 40 get 429', async () => {
    const attempts = Array.from({ length: 50 }, (_, i) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'giamsat', password: i === 49 ? DEMO_PASSWORD : `sai-${i}` },
        remoteAddress: '10.20.0.1',
      }),
    );
    const codes = (await Promise.all(attempts)).map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(10);
    expect(codes.filter((c) => c === 429)).toHaveLength(40);
    // The correct password, sent after 49 wrong ones, does not log in.
    expect(codes[49]).toBe(429);
  });

  it('throttles a username attacked from many addresses at once', async () => {
    const attempts = Array.from({ length: 50 }, (_, i) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'bi-tan-cong', password: `sai-${i}` },
        remoteAddress: `10.30.0.${i + 1}`,
      }),
    );
    const codes = (await Promise.all(attempts)).map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(LOGIN_LIMITS.perUsername);
    expect(codes.filter((c) => c === 429)).toHaveLength(50 - LOGIN_LIMITS.perUsername);
    const more = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'bi-tan-cong', password: 'sai-nua' },
      remoteAddress: '10.30.1.1',
    });
    expect(more.statusCode).toBe(429);
    expect((await t.login('thuongtruc')).user.username).toBe('thuongtruc');
  });

  it('records failed logins: the username tried, the reason and the address, never the password', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'XA1-Truong', password: 'mat-khau-bi-mat-123' },
      remoteAddress: '10.40.0.1',
      headers: { 'user-agent': 'thu-nghiem' },
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'khong-ai-ca', password: 'mat-khau-bi-mat-456' },
      remoteAddress: '10.40.0.1',
    });
    const rows = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'auth.login_failed')
      .where('ip', '=', '10.40.0.1')
      .orderBy('id')
      .execute();
    const user = await t.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'xa1-truong')
      .executeTakeFirstOrThrow();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ actor_id: null, entity_type: 'user', entity_id: user.id });
    expect(rows[0]?.after).toMatchObject({ username: 'xa1-truong', reason: 'wrong_password', userAgent: 'thu-nghiem' });
    expect(rows[1]).toMatchObject({ entity_id: null, after: expect.objectContaining({ reason: 'unknown_user' }) });
    expect(JSON.stringify(rows)).not.toContain('mat-khau-bi-mat');
  });

  it('requires the CSRF token on state-changing requests', async () => {
    const s = await t.login('admin');
    const huyen = await t.db.selectFrom('org_unit').select('id').where('code', '=', 'huyen').executeTakeFirstOrThrow();
    const payload = { parentId: huyen.id, kind: 'state_agency', level: 'district', name: 'Phòng Tư pháp huyện' };
    const before = await t.db.selectFrom('org_unit').select('id').execute();
    const noToken = await s.request({ method: 'POST', url: '/api/v1/org-units', payload, csrf: false });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().code).toBe('csrf_invalid');
    const wrongToken = await s.request({
      method: 'POST',
      url: '/api/v1/org-units',
      payload,
      csrf: false,
      headers: { 'x-csrf-token': 'forged' },
    });
    expect(wrongToken.statusCode).toBe(403);
    expect(await t.db.selectFrom('org_unit').select('id').execute()).toHaveLength(before.length);
  });

  it('logs out: the session is deleted and the cookie no longer works', async () => {
    const s = await t.login('thuongtruc');
    expect((await s.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    const out = await s.request({ method: 'POST', url: '/api/v1/auth/logout' });
    expect(out.statusCode).toBe(204);
    const after = await s.request({ method: 'GET', url: '/api/v1/plans' });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('unauthenticated');
  });

  it('records logins in the audit log', async () => {
    await t.login('xa1-canbo');
    const rows = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'auth.login').execute();
    expect(rows.some((r) => r.actor_name === 'xa1-canbo')).toBe(true);
  });
});
