import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { type TestApp, testApp } from '../test-support/app.js';
import { backends } from '../test-support/db.js';

/** The newest migration: whichever was added last. */
const LATEST_MIGRATION = Object.keys(migrations).at(-1);

describe.each(backends())('API conventions on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(kind);
  });
  afterAll(() => t.close());

  it('reports the database kind and migration version at /api/health', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: { kind, migration: LATEST_MIGRATION } });
  });

  it('publishes the OpenAPI document at /api/docs/json with the plan routes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/plans', '/api/v1/plans/{id}', '/api/v1/auth/login']),
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
  });

  it('answers an unknown route with 404 problem+json in Vietnamese, English on request', async () => {
    const vi = await t.app.inject({ method: 'GET', url: '/api/v1/khong-co' });
    expect(vi.statusCode).toBe(404);
    expect(vi.headers['content-type']).toContain('application/problem+json');
    expect(vi.json()).toMatchObject({
      status: 404,
      code: 'not_found',
      detail: 'Không tìm thấy địa chỉ /api/v1/khong-co.',
    });
    const en = await t.app.inject({
      method: 'GET',
      url: '/api/v1/khong-co',
      headers: { 'accept-language': 'en-GB,en' },
    });
    expect(en.json().detail).toBe('No such address: /api/v1/khong-co.');
  });

  it('answers malformed JSON with 400 invalid_json', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "admin", ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('invalid_json');
  });

  it('answers a wrong field with 400 naming the field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 42 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation_failed');
    expect(res.json().fields).toEqual(['password']);
    expect(res.json().detail).toContain('password');
  });

  it('answers a forged id with 400 (not a UUID) or 404 (no such record), never 500', async () => {
    const s = await t.login('admin');
    const bad = await s.request({ method: 'GET', url: '/api/v1/plans/not-a-uuid' });
    expect(bad.statusCode).toBe(400);
    const missing = await s.request({ method: 'GET', url: '/api/v1/plans/00000000-0000-4000-8000-000000000000' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toBe('Không tìm thấy kế hoạch được yêu cầu.');
  });

  it('requires a session for every /api/v1 route but login', async () => {
    for (const url of ['/api/v1/plans', '/api/v1/org-units', '/api/v1/audit', '/api/v1/users', '/api/v1/auth/me']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(401);
    }
  });
});
