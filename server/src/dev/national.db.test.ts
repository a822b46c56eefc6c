import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CascadeNode } from '../modules/documents/documents.service.js';
import { DocumentsService } from '../modules/documents/documents.service.js';
import { formElements, loadCatalogue } from '../modules/indicators/catalogue.js';
import { validateForm } from '../modules/indicators/validate.js';
import { ValuesService } from '../modules/indicators/values.service.js';
import type { PlanImportObject } from '../modules/plans/plan-format.js';
import { matchPreview } from '../modules/plans/plans.import.js';
import type { Actor } from '../platform/access.js';
import { findSession } from '../platform/auth/session.js';
import { type Session, type TestApp, testApp } from '../test-support/app.js';
import { backends } from '../test-support/db.js';
import { BRANCH_PLACES, type GenResult, generateNational } from './national.js';
import { generateNationalFigures, RECIPES } from './national-figures.js';

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
    // A commune's plan expects its ten branches.
    const communePlan = provincePlans.flatMap((p) => p.children).find((c) => c.coverage);
    expect(communePlan?.coverage?.total).toBe(BRANCH_PLACES.length);
    // The answer is summarised: counts and the first units of each status, not every unit.
    for (const p of provincePlans) {
      const cover = p.coverage;
      if (!cover) continue;
      expect(cover.issued + cover.late + cover.missing).toBe(cover.total);
      for (const status of ['issued', 'late', 'missing', 'overdue'] as const) {
        expect(cover.first.filter((e) => e.status === status).length).toBeLessThanOrEqual(5);
      }
    }
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

// Two provinces of 60 communes each: a province plan expects 62 units and is answered by about
// 54 commune plans — more than the cascade names of either.
describe.each(backends())('a cascade larger than its summary on %s', (kind) => {
  let t: TestApp;
  let admin: Session;
  let country: GenResult;

  beforeAll(async () => {
    t = await testApp(kind);
    country = await generateNational(t.db, { provinces: 2, communes: 120, tasks: 1 });
    admin = await t.login('admin');
  }, 300_000);
  afterAll(() => t.close());

  it('answers the national cascade in a small summary, and pages every expected unit with its status', async () => {
    const res = await admin.request({ method: 'GET', url: `/api/v1/documents/${country.directiveId}/cascade` });
    expect(res.statusCode).toBe(200);
    // The answer names at most five units of each status per document and twenty documents
    // under each one below the top: its size follows neither the units nor the documents.
    expect(res.rawPayload.length).toBeLessThan(200 * 1024);
    const tree = res.json() as CascadeNode;
    const nodes = (n: CascadeNode): CascadeNode[] => [n, ...n.children.flatMap(nodes)];
    const all = nodes(tree);
    const expectedUnits = all.reduce((sum, n) => sum + (n.coverage?.total ?? 0), 0);
    const named = all.reduce((sum, n) => sum + (n.coverage?.first.length ?? 0), 0);
    expect(named).toBeLessThan(expectedUnits);
    const provinces = tree.children.filter((c) => c.document.symbol?.endsWith('-KH/TU'));
    expect(provinces.length).toBe(2);
    for (const p of provinces) {
      expect(p.coverage?.total).toBeGreaterThanOrEqual(60);
      expect(p.coverage?.first.length).toBeLessThanOrEqual(20);
      expect(p.children.length).toBe(20);
      expect(p.childCount).toBeGreaterThan(40);
    }
    for (const n of all) expect(n.coverage?.first.length ?? 0).toBeLessThanOrEqual(20);
    expect(all.length).toBeLessThanOrEqual(1 + tree.childCount * 21);

    // Every commune committee of the country is expected to answer its province's plan, and the
    // pages of each province plan list each of its units once, with the status the counts give.
    const communeCommittees = await t.db
      .selectFrom('org_unit')
      .select('id')
      .where('code', 'like', 'p%-x%-du')
      .execute();
    const paged = new Map<string, string>();
    for (const plan of tree.children.filter((c) => c.document.symbol?.endsWith('-KH/TU') && c.coverage)) {
      const statuses = new Map<string, string>();
      let total = 0;
      const answers = new Set(
        (
          await t.db
            .selectFrom('document_link')
            .select('from_document_id')
            .where('to_document_id', '=', plan.document.id)
            .execute()
        ).map((l) => l.from_document_id),
      );
      // Below the top, a node names its first 20 implementing documents and counts them all.
      expect(plan.childCount).toBe(answers.size);
      expect(plan.children.length).toBe(Math.min(20, answers.size));
      for (let offset = 0; ; offset += 37) {
        const page = await admin.request({
          method: 'GET',
          url: `/api/v1/documents/${plan.document.id}/coverage?limit=37&offset=${offset}`,
        });
        expect(page.statusCode).toBe(200);
        const body = page.json() as {
          items: { unit: { id: string }; status: string; document: { id: string } | null }[];
          total: number;
          matching: number;
          missing: number;
        };
        total = body.total;
        expect(body.matching).toBe(body.total);
        for (const item of body.items) {
          expect(statuses.has(item.unit.id)).toBe(false);
          statuses.set(item.unit.id, item.status);
          // An answered unit points to its answer, a document that implements the plan.
          if (item.status === 'issued' || item.status === 'late') {
            expect(answers.has(item.document?.id ?? '')).toBe(true);
          } else expect(item.document).toBeNull();
        }
        if (body.items.length < 37) break;
      }
      expect(statuses.size).toBe(total);
      expect(total).toBe(plan.coverage?.total);
      const count = (s: string[]) => [...statuses.values()].filter((v) => s.includes(v)).length;
      expect(count(['issued'])).toBe(plan.coverage?.issued);
      expect(count(['late'])).toBe(plan.coverage?.late);
      expect(count(['missing', 'overdue'])).toBe(plan.coverage?.missing);
      expect(count(['overdue'])).toBe(plan.coverage?.overdue);
      // The summary's first units are the first of the pages, status by status.
      for (const e of plan.coverage?.first ?? []) expect(statuses.get(e.unit.id)).toBe(e.status);
      // The filter by status gives the same units as the pages.
      const missing = await admin.request({
        method: 'GET',
        url: `/api/v1/documents/${plan.document.id}/coverage?status=missing&limit=500`,
      });
      const missingIds = (missing.json() as { items: { unit: { id: string } }[] }).items.map((i) => i.unit.id);
      expect(new Set(missingIds)).toEqual(
        new Set([...statuses].filter(([, v]) => v === 'missing' || v === 'overdue').map(([id]) => id)),
      );
      for (const [id, status] of statuses) paged.set(id, status);
    }
    for (const c of communeCommittees) expect(paged.has(c.id)).toBe(true);
    // The top document's own children are all there; a province plan's own cascade lists all of its.
    expect(tree.children.length).toBe(tree.childCount);
    const largest = tree.children.reduce((a, b) => (b.childCount > a.childCount ? b : a));
    expect(largest.childCount).toBeGreaterThan(largest.children.length);
    const own = (
      await admin.request({ method: 'GET', url: `/api/v1/documents/${largest.document.id}/cascade` })
    ).json() as CascadeNode;
    expect(own.children.length).toBe(largest.childCount);
    // Answered by the generator: about nine in ten communes.
    const answered = [...paged.values()].filter((v) => v === 'issued' || v === 'late').length;
    expect(answered).toBeGreaterThan(communeCommittees.length * 0.8);
  });
});

// Indicator values in SQL at a small scale (2 provinces, 6 communes: about 160 units): the same
// statements as the national load, checked cell by cell against the forms and their rules.
describe.each(backends())('indicator values of the generated country on %s', (kind) => {
  let t: TestApp;
  let values: number;

  beforeAll(async () => {
    t = await testApp(kind);
    await generateNational(t.db, { provinces: 2, communes: 6, tasks: 1 });
    values = (await generateNationalFigures(t.db, { years: [2024, 2025] })).values;
  }, 300_000);
  afterAll(() => t.close());

  it('fills every cell of every reporting unit that existed at the cut-off, keeping every rule', async () => {
    const catalogue = await loadCatalogue(t.db);
    const typed = catalogue.elements.filter((e) => e.computed === null && e.reporterKinds.length > 0);
    expect(RECIPES.map((r) => r.code).sort()).toEqual(typed.map((e) => e.code).sort());
    const units = await t.db
      .selectFrom('org_unit')
      .select(['id', 'code', 'kind', 'level', 'valid_from'])
      .where('code', 'like', 'p__-%')
      .where('kind', 'in', ['party_committee', 'party_branch', 'council', 'people_committee', 'womens_union'])
      .orderBy('code')
      .execute();
    // Ten branches under each commune committee.
    expect(units.filter((u) => u.kind === 'party_branch')).toHaveLength(6 * BRANCH_PLACES.length);
    const service = new ValuesService(t.db);
    let expected = 0;
    for (const u of units) {
      for (const year of ['2024', '2025']) {
        const state = await service.formState(t.db, u.id, year);
        const cells = formElements(catalogue, u.kind).reduce((s, e) => s + e.combos.length, 0);
        // The communes date from the 2025 reform: no figures before they existed.
        if (u.valid_from !== null && u.valid_from > `${year}-12-14`) {
          expect(state.stored, `${u.code} ${year}`).toEqual([]);
          continue;
        }
        expect(state.stored.length, `${u.code} ${year}`).toBe(cells);
        expected += cells;
        const result = validateForm(state.catalogue, state.elements, state.cells, state.previous);
        expect(result.errors, `${u.code} ${year}`).toEqual([]);
        expect(result.warnings, `${u.code} ${year}`).toEqual([]);
        expect(result.missing, `${u.code} ${year}`).toEqual([]);
      }
    }
    expect(values).toBe(expected);
    // Sizes follow the level: a province committee has more members than a branch.
    const members = await t.db
      .selectFrom('data_value as v')
      .innerJoin('data_element as e', 'e.id', 'v.element_id')
      .innerJoin('org_unit as u', 'u.id', 'v.unit_id')
      .select(['u.level', (eb) => eb.fn.avg<string>('v.value').as('avg')])
      .where('e.code', '=', 'CU_TONG')
      .where('v.period_key', '=', '2025')
      .where('u.code', 'like', 'p__-%')
      .groupBy('u.level')
      .execute();
    const avg = new Map(members.map((m) => [m.level, Number(m.avg)]));
    expect(avg.get('province')).toBeGreaterThan(avg.get('commune') ?? Number.POSITIVE_INFINITY);
    expect(avg.get('commune')).toBeGreaterThan(avg.get('grassroots') ?? Number.POSITIVE_INFINITY);
  }, 120_000);
});
