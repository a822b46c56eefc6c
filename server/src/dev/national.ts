import { type Kysely, sql } from 'kysely';
import { documentSearchText } from '../modules/documents/documents.service.js';
import { describeSymbol } from '../modules/documents/symbol-info.js';
import { SYSTEM_ACTOR } from '../platform/access.js';
import { recordAudit } from '../platform/audit.js';
import type { Database } from '../platform/db/schema.js';
import { fold } from '../platform/text.js';

/**
 * A synthetic country for measuring and testing at national scale (`npm run gen`): the 34
 * provinces and centrally-run cities of the 2025 reform, 3,321 communes and wards with their
 * bodies (Party committee, council, people's committee, Front, four mass organisations) and
 * ten Party branches under each commune committee — about 63,700 units — then the cascade of
 * 21-CT/TW (province plans, commune plans answering them) and one plan whose tasks reach every
 * commune. Names are invented from common Vietnamese place syllables; nothing claims to be a
 * real commune. Deterministic: the same seed gives the same ids, names and dates.
 *
 * Loaded on top of the demo (bootstrap with TRIENKHAI_DEMO): the demo's Tỉnh Sơn La receives
 * its share of the new communes, so the founding plan and its users keep working.
 */

/** The 34 provincial units after the 2025 reform; `city` = thành phố trực thuộc trung ương. */
export const PROVINCES: { name: string; city?: boolean }[] = [
  { name: 'Hà Nội', city: true },
  { name: 'Huế', city: true },
  { name: 'Lai Châu' },
  { name: 'Điện Biên' },
  { name: 'Sơn La' },
  { name: 'Lạng Sơn' },
  { name: 'Quảng Ninh' },
  { name: 'Thanh Hóa' },
  { name: 'Nghệ An' },
  { name: 'Hà Tĩnh' },
  { name: 'Cao Bằng' },
  { name: 'Tuyên Quang' },
  { name: 'Lào Cai' },
  { name: 'Thái Nguyên' },
  { name: 'Phú Thọ' },
  { name: 'Bắc Ninh' },
  { name: 'Hưng Yên' },
  { name: 'Hải Phòng', city: true },
  { name: 'Ninh Bình' },
  { name: 'Quảng Trị' },
  { name: 'Đà Nẵng', city: true },
  { name: 'Quảng Ngãi' },
  { name: 'Gia Lai' },
  { name: 'Khánh Hòa' },
  { name: 'Lâm Đồng' },
  { name: 'Đắk Lắk' },
  { name: 'Hồ Chí Minh', city: true },
  { name: 'Đồng Nai' },
  { name: 'Tây Ninh' },
  { name: 'Cần Thơ', city: true },
  { name: 'Vĩnh Long' },
  { name: 'Đồng Tháp' },
  { name: 'Cà Mau' },
  { name: 'An Giang' },
];

export const NATIONAL_COMMUNES = 3321;
const SYLLABLES = (
  'An Bình Phú Tân Hòa Thạnh Long Mỹ Đông Tây Nam Bắc Hưng Thịnh Phước Lộc Thuận Hiệp Quang Minh ' +
  'Trung Sơn Lâm Hải Thủy Xuân Hạ Thu Đức Nghĩa Vĩnh Kim Ngọc Cẩm Hồng Lạc Yên Định Thái Chiềng ' +
  'Mường Nà Pá Bản Tà Ea Krông Đắk Hương Thượng Trà Cát Gia Khánh Lợi Tiến Thắng Quý Tường Vân'
).split(' ');
/** Ten grassroots Party branches under each commune committee (villages and residential groups). */
export const BRANCH_PLACES = [
  'thôn 1',
  'thôn 2',
  'thôn 3',
  'thôn 4',
  'thôn 5',
  'bản 1',
  'bản 2',
  'tổ dân phố 1',
  'tổ dân phố 2',
  'tổ dân phố 3',
];

export interface GenOptions {
  /** Communes in the whole country (default 3,321); tests use fewer. */
  communes?: number;
  /** Provinces, from the start of PROVINCES (default all 34). */
  provinces?: number;
  seed?: number;
  /** Share of communes whose committee answered the province's plan (default 0.9). */
  answered?: number;
  /** Tasks of the plan that reaches every commune (default 5). */
  tasks?: number;
}

export interface GenResult {
  units: number;
  communes: number;
  documents: number;
  plans: number;
  assignments: number;
  /** The plan whose tasks reach every commune. */
  nationalPlanId: string;
  directiveId: string;
}

/** mulberry32: a small seeded generator, so the country is the same at every run. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuidFrom(next: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

interface GenUnit {
  id: string;
  code: string;
  parent_id: string | null;
  path: string;
  depth: number;
  kind: string;
  level: string;
  name: string;
  short_name: string | null;
  aliases: string[];
  search_text: string;
  valid_from: string | null;
  valid_to: string | null;
}

const REFORM = '2025-07-01';

async function insertChunks<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** Loads the country into a database that already holds the demo (bootstrap with the demo). */
export async function generateNational(db: Kysely<Database>, options: GenOptions = {}): Promise<GenResult> {
  const next = random(options.seed ?? 20250701);
  const provinceCount = Math.min(options.provinces ?? PROVINCES.length, PROVINCES.length);
  const communeCount = options.communes ?? NATIONAL_COMMUNES;
  const answered = options.answered ?? 0.9;
  const units: GenUnit[] = [];
  const demo = new Map(
    (
      await db
        .selectFrom('org_unit')
        .select(['id', 'code', 'path', 'depth'])
        .where('code', 'in', ['tinh', 'tinh-uy', 'tinh-uy-btv'])
        .execute()
    ).map((u) => [u.code ?? '', u]),
  );
  const directive = await db
    .selectFrom('document')
    .select('id')
    .where('symbol', '=', '21-CT/TW')
    .where('issued_on', '=', '2018-01-20')
    .executeTakeFirst();
  if (!demo.get('tinh') || !directive) throw new Error('gen: load the demo first (TRIENKHAI_DEMO=on)');

  const add = (
    parent: { id: string; path: string; depth: number } | null,
    u: Omit<GenUnit, 'id' | 'parent_id' | 'path' | 'depth' | 'search_text' | 'valid_to'>,
  ): GenUnit => {
    const id = uuidFrom(next);
    const unit: GenUnit = {
      ...u,
      id,
      parent_id: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: (parent?.depth ?? -1) + 1,
      search_text: fold([u.name, u.short_name ?? '', ...u.aliases, u.code].join(' | ')),
      valid_to: null,
    };
    units.push(unit);
    return unit;
  };

  // Central bodies: the owner of the plan that reaches every commune.
  const secretariat = add(null, {
    code: 'tw-bbt',
    kind: 'party_standing',
    level: 'central',
    name: 'Ban Bí thư Trung ương Đảng',
    short_name: 'Ban Bí thư',
    aliases: ['BBT'],
    valid_from: null,
  });

  const provinces: { area: { id: string }; standing: { id: string }; communes: GenUnit[] }[] = [];
  const perProvince = Math.floor(communeCount / provinceCount);
  let extra = communeCount - perProvince * provinceCount;
  for (let p = 0; p < provinceCount; p++) {
    const info = PROVINCES[p] ?? { name: `Tỉnh ${p + 1}` };
    const pc = `p${String(p + 1).padStart(2, '0')}`;
    const word = info.city ? 'thành phố' : 'tỉnh';
    const at = `${word} ${info.name}`;
    const reuse = info.name === 'Sơn La';
    const area = reuse
      ? (demo.get('tinh') as { id: string; path: string; depth: number })
      : add(null, {
          code: pc,
          kind: 'area',
          level: 'province',
          name: `${info.city ? 'Thành phố' : 'Tỉnh'} ${info.name}`,
          short_name: null,
          aliases: [info.name],
          valid_from: null,
        });
    const committeeName = info.city ? `Thành ủy ${info.name}` : `Tỉnh ủy ${info.name}`;
    const committee = reuse
      ? (demo.get('tinh-uy') as { id: string; path: string; depth: number })
      : add(area, {
          code: `${pc}-tu`,
          kind: 'party_committee',
          level: 'province',
          name: committeeName,
          short_name: null,
          aliases: [`Ban Chấp hành Đảng bộ ${at}`, `Đảng bộ ${at}`],
          valid_from: null,
        });
    const standing = reuse
      ? (demo.get('tinh-uy-btv') as { id: string; path: string; depth: number })
      : add(committee, {
          code: `${pc}-tu-btv`,
          kind: 'party_standing',
          level: 'province',
          name: `Ban Thường vụ ${committeeName}`,
          short_name: `BTV ${committeeName}`,
          aliases: [],
          valid_from: null,
        });
    const body = (parent: { id: string; path: string; depth: number }, suffix: string, kind: string, name: string) =>
      add(parent, {
        code: `${pc}-${suffix}`,
        kind,
        level: 'province',
        name,
        short_name: null,
        aliases: [],
        valid_from: null,
      });
    body(committee, 'btc', 'party_board', `Ban Tổ chức ${committeeName}`);
    body(committee, 'btgdv', 'party_board', `Ban Tuyên giáo và Dân vận ${committeeName}`);
    body(committee, 'ubkt', 'party_inspection', `Ủy ban Kiểm tra ${committeeName}`);
    body(committee, 'vp', 'party_office', `Văn phòng ${committeeName}`);
    body(committee, 'du-ca', 'party_committee', `Đảng ủy Công an ${at}`);
    body(committee, 'du-qs', 'party_committee', `Đảng ủy Quân sự ${at}`);
    body(area, 'hdnd', 'council', `Hội đồng nhân dân ${at}`);
    const ubnd = body(area, 'ubnd', 'people_committee', `Ủy ban nhân dân ${at}`);
    body(ubnd, 'snv', 'state_agency', `Sở Nội vụ ${at}`);
    body(ubnd, 'stc', 'state_agency', `Sở Tài chính ${at}`);
    body(ubnd, 'sgd', 'state_agency', `Sở Giáo dục và Đào tạo ${at}`);
    body(area, 'mttq', 'front', `Ủy ban Mặt trận Tổ quốc Việt Nam ${at}`);
    body(area, 'hlhpn', 'womens_union', `Hội Liên hiệp Phụ nữ ${at}`);
    body(area, 'doan', 'youth_union', `Tỉnh đoàn ${info.name}`);
    body(area, 'hnd', 'farmers_association', `Hội Nông dân ${at}`);
    body(area, 'hccb', 'veterans_association', `Hội Cựu chiến binh ${at}`);
    body(area, 'ldld', 'labour_federation', `Liên đoàn Lao động ${at}`);

    const count = perProvince + (extra-- > 0 ? 1 : 0);
    const communes: GenUnit[] = [];
    const taken = new Set<string>();
    for (let c = 0; c < count; c++) {
      const ward = next() < 0.2;
      let place = '';
      do {
        const a = SYLLABLES[Math.floor(next() * SYLLABLES.length)] ?? 'An';
        const b = SYLLABLES[Math.floor(next() * SYLLABLES.length)] ?? 'Bình';
        place = a === b ? `${a} ${taken.size}` : `${a} ${b}`;
      } while (taken.has(place));
      taken.add(place);
      const w = ward ? 'phường' : 'xã';
      const cc = `${pc}-x${String(c + 1).padStart(3, '0')}`;
      const cat = `${w} ${place}`;
      const commune = (
        suffix: string,
        parent: GenUnit,
        kind: string,
        name: string,
        short: string | null,
        level = 'commune',
      ) =>
        add(parent, {
          code: `${cc}-${suffix}`,
          kind,
          level,
          name,
          short_name: short,
          aliases: short ? [short] : [],
          valid_from: REFORM,
        });
      const carea = add(area, {
        code: cc,
        kind: 'area',
        level: 'commune',
        name: `${ward ? 'Phường' : 'Xã'} ${place}`,
        short_name: null,
        aliases: [`${place}, ${at}`],
        valid_from: REFORM,
      });
      const du = commune('du', carea, 'party_committee', `Đảng ủy ${cat}`, `ĐU ${cat}`);
      commune('hdnd', carea, 'council', `Hội đồng nhân dân ${cat}`, `HĐND ${cat}`);
      commune('ubnd', carea, 'people_committee', `Ủy ban nhân dân ${cat}`, `UBND ${cat}`);
      commune('mttq', carea, 'front', `Ủy ban Mặt trận Tổ quốc Việt Nam ${cat}`, `MTTQ ${cat}`);
      commune('hlhpn', carea, 'womens_union', `Hội Liên hiệp Phụ nữ ${cat}`, `Hội LHPN ${cat}`);
      commune('doan', carea, 'youth_union', `Đoàn Thanh niên Cộng sản Hồ Chí Minh ${cat}`, `Đoàn TN ${cat}`);
      commune('hnd', carea, 'farmers_association', `Hội Nông dân ${cat}`, null);
      commune('hccb', carea, 'veterans_association', `Hội Cựu chiến binh ${cat}`, null);
      BRANCH_PLACES.forEach((b, i) => {
        commune(`cb${i + 1}`, du, 'party_branch', `Chi bộ ${b}, ${cat}`, null, 'grassroots');
      });
      communes.push(du);
    }
    provinces.push({ area, standing, communes });
  }

  const result = await db.transaction().execute(async (trx) => {
    await insertChunks(units, 1000, (chunk) => trx.insertInto('org_unit').values(chunk).execute());

    // The cascade: each province's plan implements 21-CT/TW; most commune committees answer it.
    const documents: {
      id: string;
      values: Parameters<typeof documentRow>[0];
      implements: string;
    }[] = [];
    let number = 100;
    for (const [i, p] of provinces.entries()) {
      const provinceDoc = uuidFrom(next);
      const day = 10 + (i % 18);
      documents.push({
        id: provinceDoc,
        implements: directive.id,
        values: {
          symbol: `${number++}-KH/TU`,
          issuerUnitId: p.standing.id,
          scopeUnitId: p.area.id,
          date: `2025-07-${String(day).padStart(2, '0')}`,
          title: 'Kế hoạch tiếp tục thực hiện Chỉ thị số 21-CT/TW của Ban Bí thư sau sắp xếp đơn vị hành chính',
        },
      });
      for (const [c, du] of p.communes.entries()) {
        if (next() >= answered) continue;
        const days = 5 + Math.floor(next() * 50);
        documents.push({
          id: uuidFrom(next),
          implements: provinceDoc,
          values: {
            symbol: `${1 + (c % 90)}-KH/ĐU`,
            issuerUnitId: du.id,
            scopeUnitId: du.parent_id,
            date: addDays(`2025-07-${String(day).padStart(2, '0')}`, days),
            title: 'Kế hoạch thực hiện Chỉ thị số 21-CT/TW của Ban Bí thư và Kế hoạch của Ban Thường vụ Tỉnh ủy',
          },
        });
      }
    }
    const names = new Map(units.map((u) => [u.id, u.name]));
    const demoNames = await trx
      .selectFrom('org_unit')
      .select(['id', 'name'])
      .where('code', 'in', ['tinh-uy-btv'])
      .execute();
    for (const u of demoNames) names.set(u.id, u.name);
    await insertChunks(documents, 500, (chunk) =>
      trx
        .insertInto('document')
        .values(chunk.map((d) => ({ id: d.id, ...documentRow(d.values, names.get(d.values.issuerUnitId) ?? null) })))
        .execute(),
    );
    await insertChunks(documents, 2000, (chunk) =>
      trx
        .insertInto('document_link')
        .values(chunk.map((d) => ({ from_document_id: d.id, to_document_id: d.implements, relation: 'implements' })))
        .execute(),
    );

    // One plan whose tasks reach every commune: the Secretariat's, assigned to every commune committee.
    const everyCommune = provinces.flatMap((p) => p.communes);
    const planDocument = uuidFrom(next);
    await trx
      .insertInto('document')
      .values({
        id: planDocument,
        ...documentRow(
          {
            symbol: '01-KH/TW',
            issuerUnitId: secretariat.id,
            scopeUnitId: secretariat.id,
            date: '2025-07-05',
            title: 'Kế hoạch kiểm tra việc thực hiện Chỉ thị số 21-CT/TW ở các đảng bộ xã, phường',
          },
          secretariat.name,
        ),
      })
      .execute();
    const taskCount = options.tasks ?? 5;
    const plan = await insertPlan(trx, {
      documentId: planDocument,
      ownerUnitId: secretariat.id,
      scopeUnitId: secretariat.id,
      objectives: ['Mọi đảng bộ xã, phường triển khai Chỉ thị số 21-CT/TW sau sắp xếp.'],
      tasks: Array.from({ length: taskCount }, (_, t) => ({
        ref: `${t + 1}`,
        title: null,
        text: `Nhiệm vụ ${t + 1}: tổ chức quán triệt, xây dựng kế hoạch và báo cáo kết quả thực hiện Chỉ thị số 21-CT/TW.`,
        deadline: addDays('2025-09-30', 30 * t),
        assignments: everyCommune.map((u) => ({
          organization: 'Các đảng ủy xã, phường',
          role: 'lead',
          unitId: u.id,
          selector: 'Các đảng ủy xã, phường',
        })),
      })),
    });
    const result: GenResult = {
      units: units.length,
      communes: everyCommune.length,
      documents: documents.length + 1,
      plans: 1,
      assignments: plan.assignments,
      nationalPlanId: plan.id,
      directiveId: directive.id,
    };
    await recordAudit(
      trx,
      { actor: SYSTEM_ACTOR },
      { action: 'directory.generate', entityType: 'org_unit', entityId: secretariat.id, after: result },
    );
    return result;
  });
  // Fresh statistics for the planner after a bulk load (autovacuum would come later, or never on PGlite).
  await sql`analyze`.execute(db);
  return result;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function documentRow(
  d: { symbol: string; issuerUnitId: string; scopeUnitId: string | null; date: string; title: string },
  issuerName: string | null,
) {
  const parsed = describeSymbol(d.symbol);
  const values = {
    system: parsed?.system ?? null,
    type_name: parsed?.typeName ?? null,
    type_code: parsed?.typeCode ?? null,
    number: parsed?.number ?? null,
    symbol: parsed?.symbol ?? d.symbol,
    issuer_code: parsed?.issuerCode ?? null,
    issuer_name: issuerName,
    issuer_unit_id: d.issuerUnitId,
    scope_unit_id: d.scopeUnitId,
    place: null,
    issued_on: d.date,
    title: d.title,
    addressees: JSON.stringify([]),
    respond_within_days: null,
  };
  return {
    ...values,
    search_text: documentSearchText({
      symbol: values.symbol,
      title: values.title,
      issuer: values.issuer_name,
      typeName: values.type_name,
      number: values.number,
    }),
  };
}

export interface GenPlan {
  documentId: string;
  ownerUnitId: string;
  scopeUnitId: string;
  objectives: string[];
  tasks: {
    ref: string;
    title: string | null;
    text: string;
    deadline: string | null;
    assignments: { organization: string; role: string; unitId: string | null; selector: string | null }[];
  }[];
}

/**
 * Inserts a plan with its tasks and assignments in batches. The one place that knows the plan
 * tables' shape for the generator: adapt it when they change (the task tree, migration 0005).
 */
export async function insertPlan(db: Kysely<Database>, plan: GenPlan): Promise<{ id: string; assignments: number }> {
  const row = await db
    .insertInto('plan')
    .values({
      document_id: plan.documentId,
      owner_unit_id: plan.ownerUnitId,
      scope_unit_id: plan.scopeUnitId,
      parent_plan_id: null,
      objectives: JSON.stringify(plan.objectives),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  let assignments = 0;
  for (const [position, task] of plan.tasks.entries()) {
    const inserted = await db
      .insertInto('plan_node')
      .values({
        plan_id: row.id,
        parent_id: null,
        position,
        kind: 'task',
        label: task.ref,
        title: task.title,
        text: task.text,
        deadline: task.deadline,
        recurrence: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rows = task.assignments.map((a, i) => ({
      task_id: inserted.id,
      position: i,
      organization: a.organization,
      role: a.role,
      unit_id: a.unitId,
      selector: a.selector,
    }));
    await insertChunks(rows, 2000, (chunk) => db.insertInto('assignment').values(chunk).execute());
    assignments += rows.length;
  }
  return { id: row.id, assignments };
}
