import { sql } from 'kysely';
import type { SeedContext } from '../../platform/types.js';
import { type Element, formElements, type LoadedCatalogue, loadCatalogue } from './catalogue.js';
import { parseCombo } from './expr.js';

/**
 * The demo's figures (docs/indicators.md "Demo and scale"): every typed element of every unit of
 * the demo district whose kind reports it — each commune's Party committee, People's Council,
 * People's Committee and Women's Union, and the district's own (its committee, council, People's
 * Committee, Women's Union and the Party branches under the district committee) — for the years
 * 2021–2025, plus the founding plan's figures collection (annual from 2025; the plan reports to
 * the province, set by the follow-through's seed).
 *
 * Numbers are invented but plausible and consistent with every validation rule of the shipped
 * catalogue (women ≤ members, political-theory cells add up to women members, cases handled ≤
 * cases detected, victims ≥ cases …) and with the year-on-year limits, so that no form carries
 * an error or a warning (demo.seed.db.test.ts validates every seeded form). A few cases make the
 * dashboard worth opening: Hang Chú is below the targets for women in the committee, the council
 * and the Women's Union, Thị trấn Bắc Yên above them, and Tà Xùa — the commune of the demo
 * accounts — has not entered 2025 yet (its officer has a form to fill).
 *
 * The values are written directly, in a few multi-row statements (about 13,000 cells): the
 * demo loads in one transaction and the save path would validate and audit cell by cell. They
 * carry no history rows (they were never typed) and no author.
 */

export const DEMO_FIGURE_YEARS = [2021, 2022, 2023, 2024, 2025] as const;
/** Commune (area code) whose 2025 figures are not entered. */
export const DEMO_MISSING_2025 = 'xa-ta-xua';
/** Communes below and above the targets of W21-LD01, LD03 and HV01. */
export const DEMO_BELOW = 'xa-hang-chu';
export const DEMO_ABOVE = 'xa-thi-tran-bac-yen';

const HIGHLAND = ['xa-ta-xua', 'xa-hang-chu', 'xa-xim-vang', 'xa-hang-dong', 'xa-lang-cheu', 'xa-hong-ngai'];
const REPORTING_KINDS = ['party_committee', 'party_branch', 'council', 'people_committee', 'womens_union'];

type Weights = Record<string, number>;

/** Ethnic make-up of a territory (weights of ETH options). */
function ethnicity(area: string): Weights {
  if (area === 'xa-thi-tran-bac-yen') return { kinh: 5, thai: 3, muong: 1, mong: 1 };
  if (HIGHLAND.includes(area)) return { mong: 6, thai: 1, kinh: 1, dao: 1 };
  if (area === 'huyen') return { kinh: 3, thai: 3, mong: 2, muong: 1, dao: 1 };
  return { thai: 4, muong: 3, kinh: 1, mong: 1, khac: 1 };
}

const OPTION_WEIGHTS: Record<string, Weights> = {
  AGE: { duoi40: 2, tu40: 3, tu50: 2 },
  LLCT: { cao_cap: 1, trung_cap: 3, so_cap: 2 },
  COURSE: { llct_cao_cap: 1, llct_trung_cap: 3, qlnn: 2 },
  APPT: { moi: 2, lai: 1 },
  VFORM: { than_the: 3, tinh_than: 3, tinh_duc: 1, kinh_te: 1 },
  VICTIM: { phu_nu: 5, tre_em_gai: 2, khac: 1 },
  GROUP: { vung_cao: 3, dtts: 3, khuyet_tat: 1, don_than: 1, cao_tuoi: 1, mang_thai: 2, di_cu: 1, chuyen_nghe: 1 },
  SUPPORT: { von: 3, sinh_ke: 3, y_te: 2, phap_ly: 1, khac: 1 },
  SERVICE: { y_te: 2, tam_tru: 1, tu_van: 2, phap_ly: 1 },
};

/** mulberry32 seeded from a string: the same demo at every load. */
function rng(seed: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole number in [lo, hi]. */
const between = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

/** `total` spread over the element's cells by weight (largest remainder): every cell present. */
export function spread(e: Element, total: number, eth: Weights): Map<string, number> {
  const weight = (combo: string) =>
    Object.entries(parseCombo(combo)).reduce(
      (w, [cat, opt]) => w * ((cat === 'ETH' ? eth[opt] : OPTION_WEIGHTS[cat]?.[opt]) ?? 0),
      1,
    );
  const weights = e.combos.map(weight);
  const sum = weights.reduce((s, w) => s + w, 0) || 1;
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((s, v) => s + v, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    out[i] = (out[i] ?? 0) + 1;
    left--;
  }
  return new Map(e.combos.map((c, i) => [c, out[i] ?? 0]));
}

/** Keeps a snapshot's change from the year before within its year-on-year limit. */
function steady(previous: number | undefined, value: number, yoy: number | null): number {
  if (previous === undefined || previous <= 0 || yoy === null) return value;
  const room = Math.floor(previous * yoy);
  return Math.min(previous + room, Math.max(previous - room, value));
}

export interface DemoUnit {
  id: string;
  code: string;
  kind: string;
  /** The territory's code ('huyen' for the district's own bodies, 'xa-…' for a commune's). */
  area: string;
}

/** The cells of one unit for one year, by element code (totals of `previous` keep snapshots steady). */
export function unitFigures(
  catalogue: LoadedCatalogue,
  unit: DemoUnit,
  year: number,
  previous: ReadonlyMap<string, number>,
): Map<string, Map<string, number>> {
  const elements = formElements(catalogue, unit.kind).filter((e) => e.frequency === 'annual');
  const byCode = new Map(elements.map((e) => [e.code, e]));
  const out = new Map<string, Map<string, number>>();
  const eth = ethnicity(unit.area);
  const district = unit.area === 'huyen';
  const branch = unit.kind === 'party_branch';
  const trend = (year - 2021) * 0.015;
  // Per unit (stable across years) and per year streams.
  const fixed = rng(`${unit.code}`);
  const yearly = rng(`${unit.code}:${year}`);
  const share = (base: number) =>
    unit.area === DEMO_BELOW ? base * 0.45 : unit.area === DEMO_ABOVE ? base * 1.55 : base + (fixed() - 0.5) * 0.08;
  const set = (code: string, value: number | Map<string, number>) => {
    const e = byCode.get(code);
    if (!e) return;
    out.set(code, typeof value === 'number' ? spread(e, value, eth) : value);
  };
  const total = (code: string) => [...(out.get(code)?.values() ?? [])].reduce((s, v) => s + v, 0);
  const snapshot = (code: string, value: number) =>
    steady(previous.get(code), value, byCode.get(code)?.yoy ?? catalogue.elementsByCode.get(code)?.yoy ?? null);
  /** Each cell of `of` scaled by a share, never above it. */
  const part = (of: string, ratio: () => number) =>
    new Map([...(out.get(of) ?? new Map<string, number>())].map(([c, v]) => [c, Math.min(v, Math.round(v * ratio()))]));

  // Party committees and branches: members, women, political theory, new members.
  if (byCode.has('CU_TONG')) {
    const members = branch ? between(fixed, 3, 5) : district ? between(fixed, 33, 37) : between(fixed, 13, 17);
    set('CU_TONG', snapshot('CU_TONG', members));
    const women = branch ? (fixed() < 0.5 ? 1 : 0) : Math.round(members * Math.max(0.05, share(0.17) + trend));
    set('CU_NU', Math.min(members, snapshot('CU_NU', women)));
    const w = total('CU_NU');
    const high = Math.floor(w * 0.2);
    const mid = Math.round(w * 0.5);
    set(
      'CU_NU_LLCT',
      new Map([
        ['LLCT:cao_cap', high],
        ['LLCT:so_cap', w - high - mid],
        ['LLCT:trung_cap', mid],
      ]),
    );
    const admitted = branch ? between(yearly, 0, 3) : district ? between(yearly, 3, 8) : between(yearly, 6, 18);
    set('KN_TONG', admitted);
    set('KN_NU', Math.round(admitted * (0.35 + yearly() * 0.2)));
  }
  if (unit.kind === 'party_committee') {
    set('BTV_CO', 1);
    set('BTV_NU', unit.area === DEMO_BELOW ? 0 : 1);
    const planned = district ? between(fixed, 60, 70) : between(fixed, 20, 28);
    set('QH_TONG', planned);
    set('QH_NU', Math.round(planned * Math.max(0.08, share(0.24) + trend)));
    set('DT_TONG', district ? between(yearly, 10, 20) : between(yearly, 2, 6));
    set(
      'DT_NU',
      part('DT_TONG', () => 0.3 + yearly() * 0.3),
    );
    set('BN_TONG', district ? between(yearly, 6, 14) : between(yearly, 1, 4));
    set(
      'BN_NU',
      part('BN_TONG', () => 0.2 + yearly() * 0.3),
    );
    const rotated = district ? between(yearly, 2, 6) : between(yearly, 0, 2);
    set('LC_TONG', rotated);
    set('LC_NU', Math.floor(rotated * (0.2 + yearly() * 0.3)));
    const held = year >= 2022 || fixed() < 0.6 ? 1 : 0;
    set('DTH_CO', held);
    const dialogues = held ? between(yearly, 1, 3) : 0;
    set('DTH_SO', dialogues);
    const raised = dialogues * between(yearly, 2, 6);
    set('DTH_KN', raised);
    set('DTH_KN_GQ', Math.round(raised * (0.6 + yearly() * 0.4)));
    set('KH_CT21', year >= 2022 || fixed() < 0.7 ? 1 : 0);
  }
  if (byCode.has('CQ30_TONG')) {
    const units = unit.kind === 'people_committee' ? (district ? between(fixed, 5, 8) : 1) : district ? 4 : 1;
    set('CQ30_TONG', units);
    set('CQ30_LDNU', Math.min(units, Math.round(units * (0.5 + fixed() * 0.5))));
  }
  // People's Council: deputies of the 2021–2026 term.
  if (byCode.has('HDND_TONG')) {
    const deputies = district ? between(fixed, 33, 36) : between(fixed, 22, 30);
    set('HDND_TONG', deputies);
    set('HDND_NU', Math.round(deputies * Math.max(0.1, share(0.28))));
  }
  // People's Committee: governments with a woman leader, domestic violence, trafficking.
  if (unit.kind === 'people_committee') {
    const agencies = district ? between(fixed, 10, 13) : 1;
    set('CQ_TONG', agencies);
    set('CQ_LDNU', district ? Math.round(agencies * (0.4 + fixed() * 0.3)) : fixed() < 0.5 ? 1 : 0);
    const cases = district ? between(yearly, 0, 2) : between(yearly, 0, 5);
    set('BL_VU', cases);
    set('BL_VU_XL', Math.max(0, cases - (yearly() < 0.3 ? 1 : 0)));
    set('BL_NN', cases + between(yearly, 0, 2));
    set(
      'BL_NN_HT',
      part('BL_NN', () => (yearly() < 0.25 ? 0.5 : 1)),
    );
    set('BL_GBL', cases);
    set('BL_GBL_TV', Math.round(cases * (0.4 + yearly() * 0.5)));
    const trafficked = yearly() < 0.15 ? 1 : 0;
    set('MB_VU', trafficked);
    const returnees = trafficked * between(yearly, 1, 2);
    set('MB_NN', returnees);
    set('MB_NN_HT', returnees);
  }
  // Women's Union: women aged 18+, members, support given, households out of poverty.
  if (unit.kind === 'womens_union') {
    const base = district ? between(fixed, 250, 400) : between(fixed, 1200, 3800);
    const women = snapshot('PN_18', Math.round(base * (1 + (year - 2021) * 0.015)));
    set('PN_18', women);
    set('HV_NU', Math.min(women, snapshot('HV_NU', Math.round(women * Math.min(0.95, share(0.66) + trend)))));
    const supported = district ? between(yearly, 5, 15) : between(yearly, 15, 60);
    set('HT_PN', supported);
    set('HT_LUOT', Math.round(supported * (1.2 + yearly())));
    set('HN_THOAT', district ? between(yearly, 0, 3) : between(yearly, 2, 14));
  }
  return out;
}

/** The demo district's units that report figures, with their territory. */
async function reportingUnits(ctx: SeedContext): Promise<DemoUnit[]> {
  const db = ctx.db;
  const district = await db.selectFrom('org_unit').select('path').where('code', '=', 'huyen').executeTakeFirst();
  if (!district) return [];
  const rows = await db
    .selectFrom('org_unit')
    .select(['id', 'code', 'kind', 'path'])
    .where('kind', 'in', REPORTING_KINDS)
    .where('path', 'like', `${district.path}%`)
    .orderBy('code')
    .execute();
  const areas = new Map(
    (
      await db
        .selectFrom('org_unit')
        .select(['id', 'code'])
        .where('kind', '=', 'area')
        .where('path', 'like', `${district.path}%`)
        .execute()
    ).map((a) => [a.id, a.code ?? '']),
  );
  return rows.map((u) => {
    // The nearest area above the unit (a branch under the district committee belongs to the district).
    const ids = u.path.split('/').filter(Boolean).reverse();
    const area = ids.map((id) => areas.get(id)).find((c) => c !== undefined) ?? 'huyen';
    return { id: u.id, code: u.code ?? u.id, kind: u.kind, area };
  });
}

export async function seedIndicatorsDemo(ctx: SeedContext): Promise<void> {
  const db = ctx.db;
  const catalogue = await loadCatalogue(db);
  const units = await reportingUnits(ctx);
  const rows: {
    unit_id: string;
    period_key: string;
    element_id: string;
    combo: string;
    value: number;
    updated_at: string;
  }[] = [];
  for (const unit of units) {
    let previous = new Map<string, number>();
    for (const year of DEMO_FIGURE_YEARS) {
      const figures = unitFigures(catalogue, unit, year, previous);
      previous = new Map([...figures].map(([code, cells]) => [code, [...cells.values()].reduce((s, v) => s + v, 0)]));
      if (year === 2025 && unit.area === DEMO_MISSING_2025) continue;
      const at = `${year}-12-${unit.area === 'huyen' ? '18' : '10'}T03:00:00Z`;
      for (const [code, cells] of figures) {
        const element = catalogue.elementsByCode.get(code);
        if (!element) continue;
        for (const [combo, value] of cells) {
          rows.push({
            unit_id: unit.id,
            period_key: String(year),
            element_id: element.id,
            combo,
            value,
            updated_at: at,
          });
        }
      }
    }
  }
  // One statement: the columns as arrays, unnested (a multi-row VALUES list parses far slower).
  await sql`insert into data_value (unit_id, period_key, element_id, combo, value, updated_at)
    select * from unnest(${rows.map((r) => r.unit_id)}::uuid[], ${rows.map((r) => r.period_key)}::text[],
      ${rows.map((r) => r.element_id)}::uuid[], ${rows.map((r) => r.combo)}::text[],
      ${rows.map((r) => r.value)}::numeric[], ${rows.map((r) => r.updated_at)}::timestamptz[])`.execute(db);

  // The founding plan collects figures yearly from 2025; it reports to the province.
  const plan = await db
    .selectFrom('plan')
    .innerJoin('document', 'document.id', 'plan.document_id')
    .select(['plan.id', 'plan.reports_to_unit_id'])
    .where('document.symbol', '=', '45-KH/HU')
    .executeTakeFirst();
  if (!plan) return;
  if (!plan.reports_to_unit_id) {
    const province = await db
      .selectFrom('org_unit')
      .select('id')
      .where('code', '=', 'tinh-uy-btv')
      .executeTakeFirstOrThrow();
    await db.updateTable('plan').set({ reports_to_unit_id: province.id }).where('id', '=', plan.id).execute();
  }
  await db
    .insertInto('figures_collection')
    .values({ plan_id: plan.id, frequency: 'annual', from_year: 2025, indicator_codes: [], lock_after_days: 30 })
    .onConflict((oc) => oc.column('plan_id').doNothing())
    .execute();
}
