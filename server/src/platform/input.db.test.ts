import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import foundingPlan from '../modules/plans/fixtures/founding-plan.plan.json' with { type: 'json' };
import { type Session, type TestApp, testApp, unitId } from '../test-support/app.js';
import { backends } from '../test-support/db.js';

/**
 * Input that passes the parsers but not the database (issue 6, defects 4, 9 and 10): every such
 * request answers a 4xx problem+json and changes nothing; equal-looking names are one name.
 */
describe.each(backends())('hostile input on %s', (kind) => {
  let t: TestApp;
  let admin: Session;
  let officer: Session;
  let huyen: string;

  const isProblem = (res: { statusCode: number; headers: Record<string, unknown> }) => {
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(String(res.headers['content-type'])).toContain('application/problem+json');
  };

  const plan = (patch: (p: typeof foundingPlan) => void) => {
    const p = structuredClone(foundingPlan);
    patch(p);
    return p;
  };
  const createPlan = (p: unknown) =>
    admin.request({
      method: 'POST',
      url: '/api/v1/plans',
      payload: { plan: p, ownerUnitId: huyen, organizations: {} },
    });
  const count = async (table: 'plan' | 'document' | 'org_unit') =>
    (await t.db.selectFrom(table).select('id').execute()).length;

  beforeAll(async () => {
    t = await testApp(kind);
    admin = await t.login('admin');
    officer = await t.login('xa1-canbo');
    huyen = await unitId(t, 'huyen-uy-btv');
  });
  afterAll(() => t.close());

  it('refuses a NUL byte or an unpaired surrogate in a search with 400, for any user', async () => {
    for (const url of [
      '/api/v1/org-units?q=%00',
      '/api/v1/documents?q=a%00b',
      '/api/v1/documents?q=%ED%A0%80',
      '/api/v1/documents/parse-symbol?text=%00',
      '/api/v1/audit?action=%00',
    ]) {
      const res = await (url.startsWith('/api/v1/audit') ? admin : officer).request({ method: 'GET', url });
      expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(500);
      if (!url.includes('%ED')) expect(res.statusCode, url).toBe(400); // %ED%A0%80 decodes to U+FFFD: a harmless search
      isProblem(
        res.statusCode === 200 ? { statusCode: 400, headers: { 'content-type': 'application/problem+json' } } : res,
      );
    }
  });

  it('refuses a NUL byte in a login name with 400, not 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'ad\u0000min', password: 'x' },
    });
    expect(res.statusCode, res.body).toBe(400);
    isProblem(res);
  });

  it('refuses impossible and out-of-range dates everywhere', async () => {
    for (const date of ['0000-01-01', '2024-02-30', '99999-01-01', '1899-12-31', 'garbage', 'tomorrow']) {
      const q = await officer.request({ method: 'GET', url: `/api/v1/documents?from=${date}` });
      expect(q.statusCode, `${date}: ${q.body}`).toBe(400);
      isProblem(q);
      const doc = await admin.request({
        method: 'POST',
        url: '/api/v1/documents',
        payload: { title: 'Văn bản thử ngày', date },
      });
      expect(doc.statusCode, `${date}: ${doc.body}`).toBe(400);
    }
  });

  it('refuses free-text dates in POST /api/v1/plans and writes nothing', async () => {
    const before = await count('plan');
    for (const bad of ['2024-02-30', 'garbage', 'tomorrow', '0000-01-01']) {
      const deadline = await createPlan(
        plan((p) => {
          (p.tasks[0] as { deadline: string | null }).deadline = bad;
        }),
      );
      expect(deadline.statusCode, `${bad}: ${deadline.body}`).toBe(400);
      isProblem(deadline);
      const issued = await createPlan(
        plan((p) => {
          (p.document as { date: string | null }).date = bad;
        }),
      );
      expect(issued.statusCode, `${bad}: ${issued.body}`).toBe(400);
    }
    expect(await count('plan')).toBe(before);
  });

  it('refuses an unpaired surrogate or a NUL in plan text with 400', async () => {
    const before = await count('plan');
    const surrogate = await admin.request({
      method: 'POST',
      url: '/api/v1/plans',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ plan: foundingPlan, ownerUnitId: huyen, organizations: {} }).replace(
        '"text":"',
        '"text":"\\ud800',
      ),
    });
    expect(surrogate.statusCode, surrogate.body).toBe(400);
    isProblem(surrogate);
    const nul = await createPlan(
      plan((p) => {
        if (p.tasks[0]) p.tasks[0].ref = 'a\u0000b';
      }),
    );
    expect(nul.statusCode, nul.body).toBe(400);
    expect(await count('plan')).toBe(before);
  });

  it('caps a plan title at 2,000 characters like a document title', async () => {
    const res = await createPlan(
      plan((p) => {
        p.document.title = 'K'.repeat(2001);
      }),
    );
    expect(res.statusCode, res.body).toBe(400);
  });

  it('one issuer name, however it is spaced or dotted with zero-width characters: one document', async () => {
    const body = (issuer: string) => ({
      symbol: '77-KH/HU',
      issuer,
      date: '2025-03-04',
      title: 'Kế hoạch  thử\u200b nghiệm',
    });
    const first = await admin.request({ method: 'POST', url: '/api/v1/documents', payload: body('Huyện ủy Mường Tè') });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().title).toBe('Kế hoạch thử nghiệm');
    for (const twin of ['Huyện ủy  Mường Tè', 'Huyện\u200b ủy Mường Tè', ' Huyện ủy\tMường Tè\ufeff']) {
      const res = await admin.request({ method: 'POST', url: '/api/v1/documents', payload: body(twin) });
      expect(res.statusCode, `${JSON.stringify(twin)}: ${res.body}`).toBe(409);
    }
  });

  it('refuses a unit name of only zero-width characters', async () => {
    const before = await count('org_unit');
    const res = await admin.request({
      method: 'POST',
      url: '/api/v1/org-units',
      payload: { parentId: huyen, kind: 'area', level: 'commune', name: '\u200b\u200c\u200d\ufeff' },
    });
    expect(res.statusCode, res.body).toBe(400);
    isProblem(res);
    expect(await count('org_unit')).toBe(before);
  });

  it('keeps unit codes unique without regard to case', async () => {
    const res = await admin.request({
      method: 'POST',
      url: '/api/v1/org-units',
      payload: { parentId: huyen, kind: 'area', level: 'commune', name: 'Trùng mã hoa', code: 'HUYEN' },
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('unit_code_taken');
    const made = await admin.request({
      method: 'POST',
      url: '/api/v1/org-units',
      payload: { parentId: huyen, kind: 'area', level: 'commune', name: 'Mã mới', code: 'Ma-Moi' },
    });
    expect(made.statusCode, made.body).toBe(201);
    const renamed = await admin.request({
      method: 'PATCH',
      url: `/api/v1/org-units/${made.json().id}`,
      payload: { code: 'Huyen' },
    });
    expect(renamed.statusCode, renamed.body).toBe(409);
    // The database holds the rule too (migration 0008): a direct insert of a case twin fails.
    await expect(
      t.db.updateTable('org_unit').set({ code: 'MA-MOI' }).where('code', '=', 'huyen').execute(),
    ).rejects.toThrow();
  });

  it('answers an unknown /api route with 404 even without a session', async () => {
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const res = await t.app.inject({ method, url: '/api/nope' });
      expect(res.statusCode, `${method}: ${res.body}`).toBe(404);
      isProblem(res);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/nope/deeper' })).statusCode).toBe(404);
  });

  it('answers bad URL encoding and an overlong path with problem+json', async () => {
    const bad = await admin.request({ method: 'GET', url: '/api/v1/documents/%E0%A4%A' });
    expect(bad.statusCode).toBe(400);
    isProblem(bad);
    const long = await admin.request({ method: 'GET', url: `/api/v1/documents/${'a'.repeat(10_000)}` });
    expect(long.statusCode).toBeLessThan(500);
    isProblem(long);
  });

  it('answers a file part without a file name, or a cut or malformed multipart body, with 400', async () => {
    const b = 'XyZ';
    const bodies = [
      // a Blob appended without a name, as some clients send it: no filename, octet-stream
      `--${b}\r\nContent-Disposition: form-data; name="file"\r\nContent-Type: application/octet-stream\r\n\r\nKẾ HOẠCH\r\n--${b}--\r\n`,
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename=""\r\n\r\nKẾ HOẠCH\r\n--${b}--\r\n`,
      `--${b}\r\nContent-Disposition: form-data; name="file"\r\n\r\nKẾ HOẠCH\r\n--${b}--\r\n`,
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nKẾ HOẠCH`,
      'garbage',
    ];
    const doc = await admin.request({ method: 'POST', url: '/api/v1/documents', payload: { title: 'Có tệp' } });
    for (const url of ['/api/v1/plans/import', `/api/v1/documents/${doc.json().id}/file`]) {
      for (const payload of bodies) {
        const res = await admin.request({
          method: 'POST',
          url,
          payload,
          headers: { 'content-type': `multipart/form-data; boundary=${b}` },
        });
        expect(res.statusCode, `${url} ${JSON.stringify(payload.slice(0, 80))}: ${res.body}`).toBe(400);
        isProblem(res);
      }
    }
    expect((await admin.request({ method: 'GET', url: `/api/v1/documents/${doc.json().id}` })).json().file).toBeNull();
  });
});

describe('unknown /api addresses beside the web app', () => {
  let t: TestApp;
  let webDir: string;
  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'tk-web-'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Triển Khai</title>');
    t = await testApp('pglite', 'demo', { webDir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('answers 404 problem+json without a session, and the app for a page', async () => {
    for (const method of ['GET', 'POST', 'PUT', 'DELETE'] as const) {
      const res = await t.app.inject({ method, url: '/api/nope' });
      expect(res.statusCode, `${method}: ${res.body}`).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/nope/deeper?x=1' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/plans' })).statusCode).toBe(401);
    const page = await t.app.inject({ method: 'GET', url: '/plans/123' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Triển Khai');
  });
});
