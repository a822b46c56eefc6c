import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, testApp, unitId } from '../test-support/app.js';
import { backends } from '../test-support/db.js';
import { fixedClock, today } from './clock.js';

interface CascadeNode {
  document: { symbol: string };
  children: CascadeNode[];
  coverage?: { missing: number; overdue: number; first: { status: string }[] } | null;
}

describe('the clock', () => {
  it('gives the date in Vietnam (UTC+7)', () => {
    expect(today(new Date('2025-03-31T16:59:59Z'))).toBe('2025-03-31');
    expect(today(new Date('2025-03-31T17:00:00Z'))).toBe('2025-04-01');
    const clock = fixedClock('2025-03-31T17:00:00Z');
    expect(clock.today()).toBe('2025-04-01');
    clock.set('2030-01-01T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
  });
});

describe.each(backends())('a fixed clock in the app on %s', (kind) => {
  const clock = fixedClock('2000-06-01T03:00:00Z');
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await testApp(kind, 'demo', { clock });
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  it('is the "now" of sessions and of every write', async () => {
    const session = await t.db.selectFrom('user_session').select('expires_at').executeTakeFirstOrThrow();
    expect(session.expires_at.getTime()).toBeGreaterThan(clock.now().getTime());
    expect(session.expires_at.getTime()).toBeLessThan(Date.now()); // by the wall clock it is long gone
    const unit = await unitId(t, 'xa-ta-xua-hlhpn');
    const res = await admin.request({
      method: 'PATCH',
      url: `/api/v1/org-units/${unit}`,
      payload: { shortName: 'PN' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const row = await t.db.selectFrom('org_unit').select('updated_at').where('id', '=', unit).executeTakeFirstOrThrow();
    expect(row.updated_at.toISOString()).toBe(clock.now().toISOString());
  });

  it('is the "today" that decides whether an answer is overdue', async () => {
    const cascade = async () => {
      const admin = await t.login('admin'); // a session from the clock's own "now"
      const list = await admin.request({ method: 'GET', url: `/api/v1/documents?q=${encodeURIComponent('21-CT/TW')}` });
      expect(list.statusCode, list.body).toBe(200);
      const id = (list.json().items as { id: string; symbol: string }[]).find((d) => d.symbol === '21-CT/TW')?.id;
      const res = await admin.request({ method: 'GET', url: `/api/v1/documents/${id}/cascade` });
      const district = res
        .json()
        .children.flatMap((c: CascadeNode) => c.children)
        .find((c: CascadeNode) => c.document.symbol === '45-KH/HU') as CascadeNode;
      return district.coverage ?? { missing: 0, overdue: 0, first: [] };
    };
    clock.set('2100-01-01T00:00:00Z');
    expect((await admin.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401); // expired
    const after = await cascade();
    expect(after.overdue).toBeGreaterThan(0);
    expect(after.first.map((e) => e.status)).toContain('overdue');
    clock.set('2000-06-01T03:00:00Z');
    const before = await cascade();
    expect(before.overdue).toBe(0);
    expect(before.missing).toBeGreaterThan(0);
    expect(before.first.map((e) => e.status)).not.toContain('overdue');
  });
});
