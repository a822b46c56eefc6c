import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CascadeNode } from '../modules/documents/documents.service.js';
import { DocumentsService } from '../modules/documents/documents.service.js';
import type { PlanImportObject } from '../modules/plans/plan-format.js';
import { matchPreview } from '../modules/plans/plans.import.js';
import type { Actor } from '../platform/access.js';
import { findSession } from '../platform/auth/session.js';
import { type Session, type TestApp, testApp } from '../test-support/app.js';
import { backends } from '../test-support/db.js';
import { type GenResult, generateNational } from './national.js';

/** Counts the statements a Kysely instance sends. */
function counter(): KyselyPlugin & { count: number } {
  return {
    count: 0,
    transformQuery(args) {
      this.count++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
}

// 34 provinces and 450 communes: over 6,000 units, more than the 5,000 the listing and the
// matcher used to read (in no order), so the last provinces' units were silently missing.
describe.each(backends())('a directory of more than 5,000 units on %s', (kind) => {
  let t: TestApp;
  let admin: Session;
  let country: GenResult;
  const idOf = async (code: string) =>
    await t.db.selectFrom('org_unit').select(['id', 'path', 'name']).where('code', '=', code).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await testApp(kind);
    country = await generateNational(t.db, { communes: 450, tasks: 1 });
    admin = await t.login('admin');
  }, 300_000);
  afterAll(() => t.close());

  it('lists every unit by pages, with the total', async () => {
    const all = await t.db.selectFrom('org_unit').select('id').execute();
    expect(all.length).toBeGreaterThan(5000);
    const seen = new Set<string>();
    for (let offset = 0; offset < all.length; offset += 5000) {
      const res = await admin.request({
        method: 'GET',
        url: `/api/v1/org-units?includeClosed=true&limit=5000&offset=${offset}`,
      });
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: { id: string }[]; total: number; totalExact: boolean };
      expect(body.total).toBe(all.length);
      expect(body.totalExact).toBe(true);
      for (const item of body.items) seen.add(item.id);
    }
    expect(seen.size).toBe(all.length);
  });

  it('finds a unit of the last province by search', async () => {
    const unit = await idOf('p34-x002-ubnd');
    const res = await admin.request({ method: 'GET', url: `/api/v1/org-units?q=${encodeURIComponent(unit.name)}` });
    expect(res.statusCode).toBe(200);
    expect((res.json() as { items: { id: string }[] }).items.map((u) => u.id)).toContain(unit.id);
  });

  it('matches a plan of the last province to that province’s own units', async () => {
    const area = await idOf('p34');
    const commune = await idOf('p34-x002-ubnd');
    const actor: Actor = {
      userId: '00000000-0000-4000-8000-000000000001',
      username: 'giamsat-ag',
      displayName: 'Giám sát An Giang',
      homeUnitId: area.id,
      grants: [{ role: 'monitor', unitId: area.id, unitPath: area.path, unitName: area.name }],
    };
    const plan = {
      format: 'trienkhai.plan/1',
      document: {
        system: 'party',
        typeName: 'Kế hoạch',
        typeCode: 'KH',
        number: null,
        symbol: null,
        issuerCode: 'TU',
        issuer: 'Ban Thường vụ Tỉnh ủy An Giang',
        place: null,
        date: '2025-08-01',
        title: 'Kế hoạch thử',
      },
      references: [],
      sections: [],
      objectives: [],
      tasks: [
        {
          ref: '1',
          title: null,
          text: 'Thực hiện.',
          deadline: null,
          recurrence: null,
          assignments: [
            { organization: commune.name, role: 'lead' },
            { organization: 'Hội Liên hiệp Phụ nữ tỉnh', role: 'coordinate' },
          ],
        },
      ],
      addressees: [],
      recipients: [],
      signer: { authority: null, onBehalfOf: null, title: null, name: null },
    } as unknown as PlanImportObject;
    const preview = await matchPreview(t.db, actor, plan);
    expect(preview.owner?.unitId).toBe((await idOf('p34-tu-btv')).id);
    const byName = new Map(preview.organizations.map((o) => [o.name, o]));
    expect(byName.get(commune.name)?.unitId).toBe(commune.id);
    expect(byName.get('Hội Liên hiệp Phụ nữ tỉnh')?.unitId).toBe((await idOf('p34-hlhpn')).id);
  });

  it('builds the national cascade of 21-CT/TW in a bounded number of queries', async () => {
    const plugin = counter();
    const service = new DocumentsService(t.db.withPlugin(plugin));
    const actor = (await findSession(t.db, admin.cookie.replace(/^.*tk_session=([^;]+).*$/, '$1')))?.actor;
    if (!actor) throw new Error('no admin session');
    const tree = (await service.cascade(actor, country.directiveId)) as CascadeNode;
    // Levels of links and documents, then the territories: not one query per issuing unit.
    expect(plugin.count).toBeLessThanOrEqual(12);
    const provincePlans = tree.children.filter((c) => c.document.symbol?.endsWith('-KH/TU') && c.coverage);
    expect(provincePlans.length).toBeGreaterThanOrEqual(34);
    // Every commune committee of the country is expected to answer its province's plan.
    const expected = new Set(provincePlans.flatMap((p) => p.coverage?.expected.map((e) => e.unit.id) ?? []));
    const communeCommittees = await t.db
      .selectFrom('org_unit')
      .select('id')
      .where('code', 'like', 'p%-x%-du')
      .execute();
    for (const c of communeCommittees) expect(expected.has(c.id)).toBe(true);
    // A commune's plan expects its three branches.
    const communePlan = provincePlans.flatMap((p) => p.children).find((c) => c.coverage);
    expect(communePlan?.coverage?.expected.length).toBe(3);
  });

  it('reads a session, its user and grants in one query', async () => {
    const plugin = counter();
    const token = admin.cookie.replace(/^.*tk_session=([^;]+).*$/, '$1');
    const session = await findSession(t.db.withPlugin(plugin), token);
    expect(session?.actor.username).toBe('admin');
    expect(session?.actor.grants.map((g) => g.role)).toEqual(['admin']);
    expect(plugin.count).toBe(1);
  });
});
