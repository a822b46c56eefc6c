import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { type Kysely, sql } from 'kysely';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { generateNational } from '../server/src/dev/national.js';
import { generateNationalFigures } from '../server/src/dev/national-figures.js';
import { loadCatalogue } from '../server/src/modules/indicators/catalogue.js';
import { unitFigures } from '../server/src/modules/indicators/demo.seed.js';
import { elementsOf } from '../server/src/modules/indicators/expr.js';
import * as valuesRepo from '../server/src/modules/indicators/values.repository.js';
import type { DatabaseHandle, DatabaseKind } from '../server/src/platform/db/database.js';
import type { Database } from '../server/src/platform/db/schema.js';
import { fold } from '../server/src/platform/text.js';
import { benchDatabase, type Figure, figure, sample } from './harness.js';

/**
 * Indicators (docs/indicators.md "Demo and scale"), each figure beside its bare-SQL floor:
 *
 * - indicator-rollup-1k / -10k / -35k: `GET /api/v1/indicators/rollup?indicator=W21-LD01&period=2025
 *   &unitId=<province>` as the administrator over a generated province of about 1,000, 10,000 and
 *   35,000 units (national.ts, one province; values of 2025 from national-figures.ts) / the bare
 *   aggregate: Σ of the numerator's and the denominator's elements over the units of the subtree
 *   active at the cut-off, grouped by the root's direct children, in one statement;
 * - indicator-rollup-national (PostgreSQL): the same over the whole generated country (about
 *   63,700 units, 1.6 million values of 2025), gathered under a country node made for the bench;
 * - indicator-form-save: `PUT /api/v1/indicators/forms/{Đảng ủy xã Tà Xùa}/2025` of the whole form
 *   (about 80 cells, two valid versions in turn) as the commune officer / the bare upserts of the
 *   changed cells under the form's lock, in one transaction.
 *
 * Scales: PGlite runs the province scale (1k), PostgreSQL every scale;
 * BENCH_INDICATOR_SCALES=1k,10k,35k,national chooses, BENCH_INDICATOR_N the runs (default 30),
 * BENCH_INDICATORS=off leaves them out. A route that answers 404 (not there yet) skips its
 * figure with a message on stderr; its floor is still measured and printed there.
 */

const PASSWORD = 'bench-password';
const INDICATOR = 'W21-LD01';
const PERIOD = '2025';
/** The period's cut-off (Decree 09 window of 2025 ends on 14/12). */
const CUT_OFF = '2025-12-14';
const SCALES: Record<string, number> = { '1k': 52, '10k': 526, '35k': 1841 };

type App = Awaited<ReturnType<typeof buildApp>>;

async function session(app: App, username: string) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode}`);
  return {
    cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
    csrf: (res.json() as { csrfToken: string }).csrfToken,
  };
}

function skipped(bench: string, kind: DatabaseKind, what: string, floor: number[]) {
  const median = floor[Math.floor(floor.length / 2)] ?? 0;
  console.error(
    `bench: ${bench} on ${kind} skipped — ${what} answered 404 (the route is not there yet); ` +
      `floor median ${median.toFixed(3)} ms over ${floor.length} runs`,
  );
}

/** The elements of an indicator's numerator and denominator (terms without filters: W21-LD01). */
async function indicatorElements(db: Kysely<Database>, code: string): Promise<string[]> {
  const catalogue = await loadCatalogue(db);
  const indicator = catalogue.indicators.find((i) => i.code === code);
  if (!indicator) throw new Error(`no indicator ${code}`);
  return [
    ...new Set([
      ...elementsOf(indicator.numerator),
      ...(indicator.denominator ? elementsOf(indicator.denominator) : []),
    ]),
  ];
}

/** The floor of a roll-up: one aggregate over the raw values of the subtree, by direct child. */
function rollupFloor(db: Kysely<Database>, rootPath: string, elementIds: string[]) {
  return sql`
    select substring(u.path from ${rootPath.length + 1} for 36) as child, v.element_id, sum(v.value) as total
    from data_value v
    join org_unit u on u.id = v.unit_id
    where v.period_key = ${PERIOD} and v.element_id in (${sql.join(elementIds)})
      and u.path like ${`${rootPath}%`}
      and (u.valid_from is null or u.valid_from <= ${CUT_OFF}::date)
      and (u.valid_to is null or u.valid_to > ${CUT_OFF}::date)
    group by 1, 2`.execute(db);
}

async function rollupBench(
  bench: string,
  kind: DatabaseKind,
  database: DatabaseHandle,
  root: { id: string; path: string },
  n: number,
): Promise<Figure | null> {
  const db = database.db;
  const units = await db
    .selectFrom('org_unit')
    .select((e) => e.fn.countAll<string>().as('n'))
    .where('path', 'like', `${root.path}%`)
    .executeTakeFirstOrThrow();
  const values = await sql<{ n: string }>`select count(*) as n from data_value where period_key = ${PERIOD}`.execute(
    db,
  );
  console.error(
    `bench: ${bench} on ${kind}: ${units.n} units under the root, ${values.rows[0]?.n} values of ${PERIOD}`,
  );
  const codes = await indicatorElements(db, INDICATOR);
  const elements = (await db.selectFrom('data_element').select('id').where('code', 'in', codes).execute()).map(
    (e) => e.id,
  );
  const warm = Math.min(5, n);
  const floor = await sample(() => rollupFloor(db, root.path, elements), n, warm);
  const app = await buildApp({ config: { ...loadConfig({}), webDir: '/nonexistent' }, database, logger: false });
  try {
    const admin = await session(app, 'admin');
    const url = `/api/v1/indicators/rollup?indicator=${INDICATOR}&period=${PERIOD}&unitId=${root.id}`;
    const probe = await app.inject({ method: 'GET', url, headers: { cookie: admin.cookie } });
    if (probe.statusCode === 404) {
      skipped(bench, kind, `GET ${url}`, floor);
      return null;
    }
    if (probe.statusCode !== 200) throw new Error(`${url} answered ${probe.statusCode}: ${probe.body.slice(0, 300)}`);
    console.error(`bench: ${bench} answers ${probe.rawPayload.length} bytes`);
    const full = await sample(
      async () => {
        const res = await app.inject({ method: 'GET', url, headers: { cookie: admin.cookie } });
        if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}`);
      },
      n,
      warm,
    );
    return figure(bench, kind, full, floor);
  } finally {
    await app.close();
  }
}

/** A province of `communes` communes (about 19 units each) with its values of 2025, on the demo. */
async function provinceOf(kind: DatabaseKind, communes: number) {
  const database = await benchDatabase(kind, PASSWORD);
  const t0 = performance.now();
  const country = await generateNational(database.db, { provinces: 1, communes, tasks: 1 });
  const figures = await generateNationalFigures(database.db, { years: [2025] });
  console.error(
    `bench: province of ${country.units} units and ${figures.values} values on ${kind} in ${Math.round(performance.now() - t0)} ms`,
  );
  const root = await database.db
    .selectFrom('org_unit')
    .select(['id', 'path'])
    .where('code', '=', 'p01')
    .executeTakeFirstOrThrow();
  return { database, root };
}

/**
 * The generated country has a root per province; the bench gathers them under one country node
 * (its throwaway database only) so that one roll-up covers the nation.
 */
async function countryRoot(db: Kysely<Database>): Promise<{ id: string; path: string }> {
  const id = randomUUID();
  const path = `/${id}/`;
  await db.transaction().execute(async (trx) => {
    await sql`update org_unit set path = ${`/${id}`} || path, depth = depth + 1`.execute(trx);
    await trx
      .insertInto('org_unit')
      .values({
        id,
        code: 'bench-vn',
        parent_id: null,
        path,
        depth: 0,
        kind: 'area',
        level: 'central',
        name: 'Việt Nam',
        search_text: fold('Việt Nam bench-vn'),
      })
      .execute();
    await trx
      .updateTable('org_unit')
      .set({ parent_id: id })
      .where('parent_id', 'is', null)
      .where('id', '<>', id)
      .execute();
  });
  await sql`analyze org_unit`.execute(db);
  return { id, path };
}

async function formSave(kind: DatabaseKind, n: number): Promise<Figure | null> {
  const database = await benchDatabase(kind, PASSWORD);
  const db = database.db;
  const app = await buildApp({ config: { ...loadConfig({}), webDir: '/nonexistent' }, database, logger: false });
  try {
    const catalogue = await loadCatalogue(db);
    const unit = await db
      .selectFrom('org_unit')
      .select(['id', 'code', 'kind'])
      .where('code', '=', 'xa-ta-xua-du')
      .executeTakeFirstOrThrow();
    // Two valid versions of the 2025 form: the 2024 figures again, and the demo's next year.
    const before = await valuesRepo.cellsOf(db, unit.id, '2024');
    const last = new Map<string, Map<string, number>>();
    for (const c of before) {
      const e = catalogue.elementsById.get(c.element_id);
      if (!e || c.value === null) continue;
      const cells = last.get(e.code) ?? new Map<string, number>();
      cells.set(c.combo, c.value);
      last.set(e.code, cells);
    }
    const totals = new Map([...last].map(([code, cells]) => [code, [...cells.values()].reduce((s, v) => s + v, 0)]));
    const next = unitFigures(
      catalogue,
      { id: unit.id, code: unit.code ?? '', kind: unit.kind, area: 'xa-ta-xua' },
      2025,
      totals,
    );
    const forms = [last, next];
    const current = new Map<string, { value: number; version: number }>();
    const changes = (form: Map<string, Map<string, number>>) =>
      [...form].flatMap(([element, cells]) =>
        [...cells].map(([combo, value]) => ({
          element,
          combo,
          value,
          notAvailable: false,
          version: current.get(`${element}|${combo}`)?.version ?? 0,
        })),
      );
    const applied = (form: Map<string, Map<string, number>>) => {
      for (const [element, cells] of form)
        for (const [combo, value] of cells) {
          const key = `${element}|${combo}`;
          const was = current.get(key);
          if (!was) current.set(key, { value, version: 1 });
          else if (was.value !== value) current.set(key, { value, version: was.version + 1 });
        }
    };
    const officer = await session(app, 'xa1-canbo');
    const url = `/api/v1/indicators/forms/${unit.id}/${PERIOD}`;
    let i = 0;
    const save = async () => {
      const form = forms[i++ % 2] as Map<string, Map<string, number>>;
      const res = await app.inject({
        method: 'PUT',
        url,
        headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf },
        // A reason is harmless while open and needed once the period locks (a supplement).
        payload: { changes: changes(form), reason: 'Đo hiệu năng' },
      });
      if (res.statusCode === 404) return res.statusCode;
      if (res.statusCode !== 200) throw new Error(`form save answered ${res.statusCode}: ${res.body.slice(0, 400)}`);
      applied(form);
      return res.statusCode;
    };
    const probe = await save();
    const cells = changes(next).length;
    // The floor: the cells that differ between the two versions, upserted under the form's lock.
    const differing = [...next].flatMap(([code, c]) =>
      [...c].filter(([combo, v]) => last.get(code)?.get(combo) !== v).map(([combo]) => ({ code, combo })),
    );
    let j = 0;
    const floor = await sample(
      () =>
        db.transaction().execute(async (trx) => {
          await valuesRepo.lockForm(trx, unit.id, 'bench-floor');
          const form = forms[j++ % 2] as Map<string, Map<string, number>>;
          for (const d of differing) {
            const e = catalogue.elementsByCode.get(d.code);
            if (!e) continue;
            const value = form.get(d.code)?.get(d.combo) ?? 0;
            await valuesRepo.upsertCell(
              trx,
              unit.id,
              'bench-floor',
              { element_id: e.id, combo: d.combo, value, not_available: false, comment: null },
              null,
              new Date(),
            );
          }
        }),
      n,
    );
    console.error(`bench: indicator-form-save sends ${cells} cells, ${differing.length} change at each save`);
    if (probe === 404) {
      skipped('indicator-form-save', kind, `PUT ${url}`, floor);
      return null;
    }
    const full = await sample(save, n);
    return figure('indicator-form-save', kind, full, floor);
  } finally {
    await app.close();
    await database.close();
  }
}

export async function indicatorBenches(kind: DatabaseKind, n: number): Promise<Figure[]> {
  const runs = Number(process.env.BENCH_INDICATOR_N ?? 30);
  const scales = (process.env.BENCH_INDICATOR_SCALES ?? (kind === 'pglite' ? '1k' : '1k,10k,35k,national')).split(',');
  const figures: Figure[] = [];
  const save = await formSave(kind, Math.min(n, 100));
  if (save) figures.push(save);
  for (const scale of scales) {
    const communes = SCALES[scale];
    if (communes !== undefined) {
      const { database, root } = await provinceOf(kind, communes);
      try {
        const f = await rollupBench(`indicator-rollup-${scale}`, kind, database, root, runs);
        if (f) figures.push(f);
      } finally {
        await database.close();
      }
    } else if (scale === 'national') {
      const database = await benchDatabase(kind, PASSWORD);
      try {
        const t0 = performance.now();
        const country = await generateNational(database.db);
        const values = await generateNationalFigures(database.db, { years: [2024, 2025] });
        console.error(
          `bench: national country on ${kind}: ${country.units} units, ${values.values} values in ${Math.round(performance.now() - t0)} ms`,
        );
        const root = await countryRoot(database.db);
        const f = await rollupBench('indicator-rollup-national', kind, database, root, runs);
        if (f) figures.push(f);
      } finally {
        await database.close();
      }
    }
  }
  return figures;
}
