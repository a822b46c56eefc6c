import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { generateNational } from '../server/src/dev/national.js';
import { FIRST_CHILDREN, MAX_CASCADE_DOCUMENTS } from '../server/src/modules/documents/cascade.js';
import * as documentsRepo from '../server/src/modules/documents/documents.repository.js';
import { nearest } from '../server/src/modules/documents/documents.service.js';
import { LEADING_KINDS } from '../server/src/modules/organizations/hierarchy.js';
import { normalizeName } from '../server/src/modules/organizations/matching.js';
import * as orgRepo from '../server/src/modules/organizations/organizations.repository.js';
import type { PlanImportObject } from '../server/src/modules/plans/plan-format.js';
import { matchPreview } from '../server/src/modules/plans/plans.import.js';
import * as plansRepo from '../server/src/modules/plans/plans.repository.js';
import { FIRST_PER_GROUP } from '../server/src/modules/plans/plans.service.js';
import { loadActor } from '../server/src/platform/auth/session.js';
import type { DatabaseKind } from '../server/src/platform/db/database.js';
import { fold, searchTerms } from '../server/src/platform/text.js';
import { benchDatabase, type Figure, figure, sample } from './harness.js';

const FOUNDING_PLAN = new URL('../server/src/modules/plans/fixtures/founding-plan.plan.json', import.meta.url);

/**
 * The national directory (`npm run gen`: ~63,700 units, ~3,000 documents in the cascade of
 * 21-CT/TW, a plan reaching all 3,321 communes), each figure beside its bare-SQL floor:
 *
 * - unit-search-national: GET /api/v1/org-units?q=… as the administrator / the same page and
 *   bounded count run directly;
 * - import-match-national: the founding plan's organisations matched for its district's monitor
 *   / the reads matching needs (the province's units, the units resembling the issuer);
 * - cascade-national: GET /api/v1/documents/{21-CT/TW}/cascade as the administrator / the
 *   cascade's queries (the document, the links and the documents walked in SQL, the units of
 *   the named nodes' areas);
 * - plan-page-national: GET /api/v1/plans/{id} of the plan reaching every commune / its five queries.
 *
 * BENCH_NATIONAL_N sets the runs (default 30: the national pages are large).
 */
export async function nationalBenches(kind: DatabaseKind, _n: number): Promise<Figure[]> {
  const n = Number(process.env.BENCH_NATIONAL_N ?? 30);
  const warm = Math.min(5, n);
  const password = 'bench-password';
  const database = await benchDatabase(kind, password);
  const t0 = performance.now();
  const country = await generateNational(database.db);
  console.error(
    `bench: national directory on ${kind}: ${country.units} units in ${Math.round(performance.now() - t0)} ms`,
  );
  const app = await buildApp({ config: { ...loadConfig({}), webDir: '/nonexistent' }, database, logger: false });
  const figures: Figure[] = [];
  try {
    const login = async (username: string) => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    };
    const admin = await login('admin');
    const get = async (url: string, cookie: string) => {
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}`);
      return res;
    };
    const db = database.db;

    // unit-search-national
    const q = 'hoi lien hiep phu nu xa tan';
    await get(`/api/v1/org-units?q=${encodeURIComponent(q)}&limit=50`, admin);
    const full = await sample(() => get(`/api/v1/org-units?q=${encodeURIComponent(q)}&limit=50`, admin), n, warm);
    const filter = { prefixes: null, terms: searchTerms(q), activeOn: '2026-01-01' };
    const floor = await sample(
      () =>
        Promise.all([
          orgRepo.listUnits(db, { ...filter, limit: 50, offset: 0 }),
          orgRepo.countUnitsMatching(db, filter),
        ]),
      n,
      warm,
    );
    figures.push(figure('unit-search-national', kind, full, floor));

    // import-match-national
    const monitor = await db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'giamsat')
      .executeTakeFirstOrThrow();
    const actor = await loadActor(db, monitor.id);
    if (!actor) throw new Error('no monitor');
    const plan = JSON.parse(readFileSync(FOUNDING_PLAN, 'utf8')) as PlanImportObject;
    const issuer = plan.document.issuer ?? plan.signer.onBehalfOf ?? '';
    const province = `/${(actor.grants[0]?.unitPath ?? '').split('/').filter(Boolean)[0]}/`;
    const match = await sample(() => matchPreview(db, actor, plan), n, warm);
    const matchFloor = await sample(
      () =>
        Promise.all([
          orgRepo.unitsUnderPath(db, province),
          orgRepo.unitsResembling(db, [fold(issuer), normalizeName(issuer)]),
        ]),
      n,
      warm,
    );
    figures.push(figure('import-match-national', kind, match, matchFloor));

    // cascade-national
    const cascadeUrl = `/api/v1/documents/${country.directiveId}/cascade`;
    const cascadeProbe = await get(cascadeUrl, admin);
    console.error(`bench: cascade-national answers ${cascadeProbe.rawPayload.length} bytes`);
    const cascade = await sample(() => get(cascadeUrl, admin), n, warm);
    const cascadeFloor = await sample(
      async () => {
        await documentsRepo.findDocument(db, country.directiveId);
        const [links, documents] = await Promise.all([
          documentsRepo.cascadeLinks(db, country.directiveId, MAX_CASCADE_DOCUMENTS * 4),
          documentsRepo.cascadeDocuments(db, country.directiveId, MAX_CASCADE_DOCUMENTS),
        ]);
        // The territory of the nodes the answer names: the directive's children and the first
        // FIRST_CHILDREN of each, each area read two levels down (as the service does).
        const byId = new Map(documents.map((d) => [d.id, d]));
        const under = (id: string) =>
          links.flatMap((l) => (l.to_id === id ? [byId.get(l.from_id)] : [])).filter((d) => d !== undefined);
        const top = under(country.directiveId);
        const named = [
          ...top,
          ...top.flatMap((d) =>
            under(d.id)
              .sort((a, b) => (a.issued_on ?? '9999').localeCompare(b.issued_on ?? '9999'))
              .slice(0, FIRST_CHILDREN),
          ),
        ];
        const ranges = nearest(
          named.flatMap((d) =>
            d.scope_path ? [{ path: d.scope_path, maxDepth: d.scope_path.split('/').length - 3 + 2 }] : [],
          ),
        );
        await documentsRepo.unitsNear(db, ranges, ['area', ...LEADING_KINDS.party]);
      },
      n,
      warm,
    );
    figures.push(figure('cascade-national', kind, cascade, cascadeFloor));

    // plan-page-national
    const planUrl = `/api/v1/plans/${country.nationalPlanId}`;
    const probe = await get(planUrl, admin);
    console.error(`bench: plan-page-national answers ${probe.rawPayload.length} bytes`);
    const page = await sample(() => get(planUrl, admin), n, warm);
    const planRow = await db
      .selectFrom('plan')
      .select(['id', 'document_id'])
      .where('id', '=', country.nationalPlanId)
      .executeTakeFirstOrThrow();
    const pageFloor = await sample(
      async () => {
        await plansRepo.findPlan(db, planRow.id);
        await Promise.all([
          plansRepo.nodesOf(db, planRow.id),
          plansRepo.assignmentGroups(db, planRow.id, FIRST_PER_GROUP),
          documentsRepo.referencesOf(db, planRow.document_id),
          plansRepo.recipientsOf(db, planRow.document_id),
        ]);
      },
      n,
      warm,
    );
    figures.push(figure('plan-page-national', kind, page, pageFloor));
  } finally {
    await app.close();
    await database.close();
  }
  return figures;
}
