import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, testApp, unitId } from '../../test-support/app.js';
import { backends } from '../../test-support/db.js';

describe.each(backends())('audit log on %s', (kind) => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await testApp(kind);
    admin = await t.login('admin');
    const unit = await unitId(t, 'xa-ta-xua-hlhpn');
    await admin.request({ method: 'PATCH', url: `/api/v1/org-units/${unit}`, payload: { shortName: 'Hội PN Tà Xùa' } });
  });
  afterAll(() => t.close());

  it('lists writes newest first with actor, action, entity, before and after', async () => {
    const res = await admin.request({ method: 'GET', url: '/api/v1/audit?entityType=org_unit&action=org_unit.update' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({
      actorName: 'admin',
      action: 'org_unit.update',
      entityType: 'org_unit',
      before: expect.objectContaining({ short_name: 'Hội LHPN xã Tà Xùa' }),
      after: expect.objectContaining({ short_name: 'Hội PN Tà Xùa' }),
    });
  });

  it('filters by actor and date and pages', async () => {
    const all = (await admin.request({ method: 'GET', url: '/api/v1/audit?limit=2' })).json();
    expect(all.items).toHaveLength(2);
    expect(all.total).toBeGreaterThan(2);
    const none = (await admin.request({ method: 'GET', url: '/api/v1/audit?from=2000-01-01&to=2000-01-02' })).json();
    expect(none).toEqual({ items: [], total: 0 });
    const system = (await admin.request({ method: 'GET', url: '/api/v1/audit?actor=system&entityType=plan' })).json();
    expect(system.items.map((i: { action: string }) => i.action)).toEqual(['plan.create']);
  });

  it('never stores a password hash', async () => {
    const rows = await t.db.selectFrom('audit_log').select(['before', 'after']).execute();
    expect(JSON.stringify(rows)).not.toContain('$argon2');
  });
});
