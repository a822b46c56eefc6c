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

  it('names the actor and the entity and lists only the changed fields, unit ids as names', async () => {
    const unit = await unitId(t, 'xa-ta-xua-hlhpn');
    const body = (await admin.request({ method: 'GET', url: '/api/v1/audit?action=org_unit.update' })).json();
    expect(body.items[0]).toMatchObject({
      actorDisplayName: 'Quản trị hệ thống',
      entityId: unit,
      entityName: expect.stringContaining('Tà Xùa'),
      changes: [{ field: 'short_name', before: 'Hội LHPN xã Tà Xùa', after: 'Hội PN Tà Xùa' }],
    });
    const created = (await admin.request({ method: 'GET', url: '/api/v1/audit?action=user.create&limit=500' })).json();
    const giamsat = created.items.find((i: { entityName: string }) => i.entityName?.includes('(giamsat)'));
    expect(giamsat.changes).toContainEqual(
      expect.objectContaining({ field: 'homeUnitId', afterLabel: expect.stringContaining('Ban Dân vận') }),
    );
    // The unit of each grant in the list is named too.
    const grantUnit = (giamsat.changes as { field: string; after: { unit_id: string }[] }[]).find(
      (c) => c.field === 'grants',
    )?.after[0]?.unit_id;
    expect(giamsat.unitNames[grantUnit ?? '']).toBe('Huyện Bắc Yên');
  });

  it('shows failed sign-ins with the username tried and the address', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'giamsat', password: 'doan-bua-thoi' },
      remoteAddress: '10.50.0.1',
    });
    const body = (await admin.request({ method: 'GET', url: '/api/v1/audit?action=auth.login_failed' })).json();
    expect(body.items[0]).toMatchObject({
      actorName: 'anonymous',
      actorDisplayName: null,
      entityName: expect.stringContaining('(giamsat)'),
      ip: '10.50.0.1',
      changes: expect.arrayContaining([{ field: 'username', before: null, after: 'giamsat' }]),
    });
  });

  it('never stores a password hash', async () => {
    const rows = await t.db.selectFrom('audit_log').select(['before', 'after']).execute();
    expect(JSON.stringify(rows)).not.toContain('$argon2');
  });
});
