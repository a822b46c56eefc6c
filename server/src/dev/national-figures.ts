import { type Kysely, sql } from 'kysely';
import { loadCatalogue } from '../modules/indicators/catalogue.js';
import type { Database } from '../platform/db/schema.js';

/**
 * Indicator values for the synthetic country (`npm run gen`, national.ts): every typed data
 * element, every cell of its disaggregations, for every unit of the country whose kind reports
 * it, for each year asked (default 2021–2025) — only where the unit existed at the period's
 * cut-off (14/12, Decree 09): the generated communes date from the 2025 reform, so they carry
 * 2025 only, the province-level bodies every year. About 500 cells per commune and year (its
 * committee, council, People's Committee, Women's Union and ten branches): some 1.6 million
 * values for 2025 alone.
 *
 * Generated in SQL, one INSERT … SELECT per element over units × years × cells, the number drawn
 * from a hash of (unit, element, cell, year) — no row crosses the wire. The recipes keep every
 * validation rule of the shipped catalogue: a total is written after its parts (members = women
 * + others), a part as a share of its whole (cases handled ≤ cases detected), the political-theory
 * cells split the women members exactly; snapshots (`last`) hash without the year so that they
 * stay within the year-on-year limits. Sizes follow the level (province ×3, grassroots ×¼).
 */

type Range = readonly [number, number];
type Recipe =
  /** Each cell: size × a number in [lo, hi], rounded at random (so 0.2 gives one in five). */
  | { code: string; free: Range; unscaled?: true }
  /** One cell (the first) holds the total of `of`, every cell adds a free part. */
  | { code: string; plus: string; extra: Range }
  /** Each cell a share of `of`'s same cell (or of its total when the cells differ). */
  | { code: string; share: string; ratio: Range }
  /** The total of `of` split over the cells by weight, exactly (the last cell takes the rest). */
  | { code: string; split: string; weights: Record<string, number> };

/** In dependency order: parts before totals, wholes before their shares. */
export const RECIPES: Recipe[] = [
  { code: 'CU_NU', free: [0, 0.4] },
  { code: 'CU_TONG', plus: 'CU_NU', extra: [9, 14] },
  { code: 'CU_NU_LLCT', split: 'CU_NU', weights: { 'LLCT:cao_cap': 0.2, 'LLCT:trung_cap': 0.5 } },
  { code: 'KN_NU', free: [0, 1.2] },
  { code: 'KN_TONG', plus: 'KN_NU', extra: [3, 10] },
  { code: 'BTV_CO', free: [1, 1], unscaled: true },
  { code: 'BTV_NU', free: [0.6, 1], unscaled: true },
  { code: 'QH_NU', free: [0, 0.6] },
  { code: 'QH_TONG', plus: 'QH_NU', extra: [14, 22] },
  { code: 'DT_TONG', free: [0, 4] },
  { code: 'DT_NU', share: 'DT_TONG', ratio: [0.3, 0.6] },
  { code: 'BN_TONG', free: [0, 3] },
  { code: 'BN_NU', share: 'BN_TONG', ratio: [0.2, 0.5] },
  { code: 'LC_TONG', free: [0, 3] },
  { code: 'LC_NU', share: 'LC_TONG', ratio: [0.2, 0.5] },
  { code: 'CQ30_TONG', free: [1, 3] },
  { code: 'CQ30_LDNU', share: 'CQ30_TONG', ratio: [0.5, 1] },
  { code: 'DTH_CO', free: [0.6, 1], unscaled: true },
  { code: 'DTH_SO', share: 'DTH_CO', ratio: [1, 3] },
  { code: 'DTH_KN', share: 'DTH_SO', ratio: [2, 6] },
  { code: 'DTH_KN_GQ', share: 'DTH_KN', ratio: [0.6, 1] },
  { code: 'KH_CT21', free: [0.7, 1], unscaled: true },
  { code: 'HDND_NU', free: [0, 0.8] },
  { code: 'HDND_TONG', plus: 'HDND_NU', extra: [14, 20] },
  { code: 'CQ_TONG', free: [1, 1.5] },
  { code: 'CQ_LDNU', share: 'CQ_TONG', ratio: [0.3, 1] },
  { code: 'BL_VU', free: [0, 1.5] },
  { code: 'BL_VU_XL', share: 'BL_VU', ratio: [0.7, 1] },
  { code: 'BL_NN', plus: 'BL_VU', extra: [0, 0.5] },
  { code: 'BL_NN_HT', share: 'BL_NN', ratio: [0.6, 1] },
  { code: 'BL_GBL', plus: 'BL_VU', extra: [0, 0.5] },
  { code: 'BL_GBL_TV', share: 'BL_GBL', ratio: [0.4, 1] },
  { code: 'MB_VU', free: [0, 0.3] },
  { code: 'MB_NN_HT', free: [0, 0.1] },
  { code: 'MB_NN', plus: 'MB_NN_HT', extra: [0, 0.3] },
  { code: 'HV_NU', free: [100, 500] },
  { code: 'PN_18', plus: 'HV_NU', extra: [600, 1500] },
  { code: 'HT_PN', free: [0, 8] },
  { code: 'HT_LUOT', free: [0, 15] },
  { code: 'HN_THOAT', free: [0, 3] },
];

export interface FiguresOptions {
  /** Years (annual periods) to fill; default 2021–2025. */
  years?: number[];
  /** Units whose code is LIKE this (default the generated country, 'p__-%'). */
  codes?: string;
}

export async function generateNationalFigures(
  db: Kysely<Database>,
  options: FiguresOptions = {},
): Promise<{ values: number; elements: number }> {
  const years = (options.years ?? [2021, 2022, 2023, 2024, 2025]).map(String);
  const codes = options.codes ?? 'p__-%';
  const catalogue = await loadCatalogue(db);
  const typed = catalogue.elements.filter((e) => e.computed === null && e.reporterKinds.length > 0);
  const missing = typed.filter((e) => !RECIPES.some((r) => r.code === e.code));
  if (missing.length > 0) throw new Error(`gen: no recipe for ${missing.map((e) => e.code).join(', ')}`);
  let values = 0;
  await db.transaction().execute(async (trx) => {
    // Statements stay within the app's 30 s limits: the units are taken in slices (by a hash
    // of their id) of about 4,000 unit-years each.
    const counted = await trx
      .selectFrom('org_unit')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('code', 'like', codes)
      .executeTakeFirstOrThrow();
    const slices = Math.max(1, Math.ceil((Number(counted.n) * years.length) / 4000));
    for (const recipe of RECIPES) {
      const e = catalogue.elementsByCode.get(recipe.code);
      if (!e || e.computed !== null || e.reporterKinds.length === 0) continue;
      // Snapshots hash without the year: the same figure every year (within year-on-year limits).
      const yearKey = e.aggregation === 'last' ? sql`''` : sql`y.k`;
      const r = (salt: string) =>
        sql`((hashtext(u.id::text || ':' || ${e.code}::text || ':' || c.combo || ':' || ${yearKey} || ${salt}::text) & 2147483647)::float8 / 2147483648.0)`;
      const size = sql`(case u.level when 'province' then 3.0 when 'grassroots' then 0.25 else 1.0 end)`;
      const draw = (range: Range, scaled: boolean) =>
        sql`(${scaled ? size : sql`1.0`} * (${range[0]}::float8 + ${r('a')} * ${range[1] - range[0]}::float8) + ${r('b')})`;
      let source = sql.raw('');
      let value: ReturnType<typeof sql>;
      if ('free' in recipe) {
        value = sql`floor(${draw(recipe.free, !recipe.unscaled)})`;
      } else {
        const of = catalogue.elementsByCode.get(
          'plus' in recipe ? recipe.plus : 'share' in recipe ? recipe.share : recipe.split,
        );
        if (!of) continue;
        const sameCells = 'share' in recipe && of.combos.join('|') === e.combos.join('|');
        source = sameCells
          ? sql`left join data_value s on s.unit_id = u.id and s.period_key = y.k and s.element_id = ${of.id} and s.combo = c.combo`
          : sql`left join lateral (select sum(x.value) as value from data_value x where x.unit_id = u.id and x.period_key = y.k and x.element_id = ${of.id}) s on true`;
        const whole = sql`coalesce(s.value, 0)`;
        if ('plus' in recipe) {
          value = sql`(case when c.n = 1 then ${whole} else 0 end) + floor(${draw(recipe.extra, true)})`;
        } else if ('share' in recipe) {
          // Below 1 the share never exceeds its whole: floor(v × s + r) ≤ v when s ≤ 1 and r < 1.
          value = sql`floor(${whole} * (${recipe.ratio[0]}::float8 + ${r('a')} * ${recipe.ratio[1] - recipe.ratio[0]}::float8) + ${r('b')})`;
        } else {
          const weighted = Object.entries(recipe.weights);
          const parts = weighted.map(([, w]) => sql`floor(${whole} * ${w}::float8)`);
          value = sql`case ${sql.join(
            weighted.map(([combo, w]) => sql`when c.combo = ${combo} then floor(${whole} * ${w}::float8)`),
            sql` `,
          )} else ${whole} - ${sql.join(parts, sql` - `)} end`;
        }
      }
      for (let slice = 0; slice < slices; slice++) {
        const result = await sql`
        insert into data_value (unit_id, period_key, element_id, combo, value, updated_at)
        select u.id, y.k, ${e.id}, c.combo, ${value}, (y.k || '-12-10T03:00:00Z')::timestamptz
        from org_unit u
        cross join unnest(${years}::text[]) as y(k)
        cross join unnest(${e.combos}::text[]) with ordinality as c(combo, n)
        ${source}
        where u.code like ${codes} and u.kind = any(${e.reporterKinds}::text[])
          and (u.valid_from is null or u.valid_from <= (y.k || '-12-14')::date)
          and (u.valid_to is null or u.valid_to > (y.k || '-12-14')::date)
          and (hashtext(u.id::text) & 2147483647) % ${slices} = ${slice}
        on conflict do nothing`.execute(trx);
        values += Number(result.numAffectedRows ?? 0);
      }
    }
  });
  await sql`analyze data_value`.execute(db);
  return { values, elements: typed.length };
}
