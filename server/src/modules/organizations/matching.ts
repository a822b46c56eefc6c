import { fold } from '../../platform/text.js';
import { Territory } from './hierarchy.js';

/**
 * Matching an organisation name as a document writes it ("Ban Dân vận Huyện ủy", "Hội LHPN
 * huyện", "UBND các xã") to units of the directory. Pure functions over a list of units, so the
 * rules are unit-tested without a database.
 *
 * - Names and aliases are folded (diacritics, case, uỷ/ủy) and abbreviations expanded.
 * - A level word ("huyện", "xã", "tỉnh") without a place name means the plan's own territory.
 * - Units that did not exist on the document's date lose confidence and are marked.
 * - Collective phrases ("các cấp ủy đảng", "các chi, đảng bộ trực thuộc", "Hội LHPN từ huyện
 *   đến cơ sở") become selectors that expand to every matching unit.
 */

export interface MatchableUnit {
  id: string;
  parentId: string | null;
  path: string;
  name: string;
  shortName: string | null;
  aliases: string[];
  kind: string;
  level: string;
  validFrom: string | null;
  validTo: string | null;
}

export interface Candidate {
  unitId: string;
  name: string;
  confidence: number;
  activeAtDate: boolean;
}

export interface SelectorMatch {
  label: string;
  units: { id: string; name: string }[];
}

export type MatchStatus = 'matched' | 'selector' | 'unmatched';

export interface OrgMatch {
  name: string;
  status: MatchStatus;
  unitId: string | null;
  confidence: number;
  candidates: Candidate[];
  selector: SelectorMatch | null;
}

export interface MatchContext {
  /** The territory of the plan (the owner's area), e.g. the district. */
  area: MatchableUnit | null;
  /** The document's date; units are checked against it. */
  date: string | null;
}

/** Accept a single candidate at or above this confidence. */
export const MATCH_THRESHOLD = 0.75;

const ABBREVIATIONS: [RegExp, string][] = [
  [/\bubmttqvn\b/g, 'uy ban mat tran to quoc viet nam'],
  [/\bubmttq\b/g, 'uy ban mat tran to quoc'],
  [/\bmttqvn\b/g, 'mat tran to quoc viet nam'],
  [/\bmttq\b/g, 'mat tran to quoc'],
  [/\bubnd\b/g, 'uy ban nhan dan'],
  [/\bhdnd\b/g, 'hoi dong nhan dan'],
  [/\bhlhpn\b/g, 'hoi lien hiep phu nu'],
  [/\blhpn\b/g, 'lien hiep phu nu'],
  [/\bhoi phu nu\b/g, 'hoi lien hiep phu nu'],
  [/\bldld\b/g, 'lien doan lao dong'],
  [/\bhccb\b/g, 'hoi cuu chien binh'],
  [/\bccb\b/g, 'cuu chien binh'],
  [/\bhnd\b/g, 'hoi nong dan'],
  [/\bubkt\b/g, 'uy ban kiem tra'],
  [/\bbtv\b/g, 'ban thuong vu'],
  [/\bbch\b/g, 'ban chap hanh'],
  [/\bbtc\b/g, 'ban to chuc'],
  [/\bbtg\b/g, 'ban tuyen giao'],
  [/\bbdv\b/g, 'ban dan van'],
  [/\bban tg\b/g, 'ban tuyen giao'],
  [/\bban tc\b/g, 'ban to chuc'],
  [/\bban dv\b/g, 'ban dan van'],
  [/\bvstbpn\b/g, 'vi su tien bo cua phu nu'],
  [/\bdtncs\b/g, 'doan thanh nien cong san'],
  [/\btncs\b/g, 'thanh nien cong san'],
  [/\bdu\b/g, 'dang uy'],
  [/\btt\b/g, 'thuong truc'],
  [/\bvp\b/g, 'van phong'],
];

/** Words that carry no identity: dropped before comparing. */
const STOP = new Set(['cua', 'va', 'viet', 'nam', 'ho', 'chi', 'minh', 'cong', 'san', 'tu', 'den', 'co', 'so']);
const LEVEL_WORDS: Record<string, string> = {
  huyen: 'district',
  xa: 'commune',
  tinh: 'province',
  'thi tran': 'commune',
};

/** Folded, abbreviation-expanded form of a name. */
export function normalizeName(value: string): string {
  let s = fold(value)
    .replace(/[.,;:()"“”'’\-–/&]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  for (const [pattern, replacement] of ABBREVIATIONS) s = s.replace(pattern, replacement);
  return s;
}

function tokens(value: string): string[] {
  return normalizeName(value)
    .split(' ')
    .filter((t) => t.length > 0 && !STOP.has(t));
}

/** Dice coefficient over token multisets: 1 for the same words, 0 for none in common. */
function dice(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const rest = [...b];
  let common = 0;
  for (const t of a) {
    const i = rest.indexOf(t);
    if (i >= 0) {
      common++;
      rest.splice(i, 1);
    }
  }
  return (2 * common) / (a.length + b.length);
}

export function activeOn(unit: MatchableUnit, date: string | null): boolean {
  if (!date) return unit.validTo === null;
  return (unit.validFrom === null || unit.validFrom <= date) && (unit.validTo === null || unit.validTo > date);
}

/** The folded place name of an area ("Huyện Bắc Yên" → "bac yen"). */
function placeOf(area: MatchableUnit | null): string | null {
  if (!area) return null;
  return normalizeName(area.name).replace(/^(tinh|huyen|thi xa|thanh pho|quan|xa|phuong|thi tran|dac khu)\s+/, '');
}

/**
 * "Hội LHPN huyện" in a plan of huyện Bắc Yên means "Hội LHPN huyện Bắc Yên": add the place
 * name after a bare level word that ends the name.
 */
function withPlace(name: string, context: MatchContext, units: MatchableUnit[]): string {
  const n = normalizeName(name);
  if (!context.area) return n;
  const place = placeOf(context.area);
  const areaLevel = context.area.level;
  const m = n.match(/\b(huyen|tinh|xa|thi tran)$/);
  if (!m || !place) return n;
  const level = LEVEL_WORDS[m[1] ?? ''];
  if (level === areaLevel) return `${n} ${place}`;
  // "… tỉnh" in a district plan: the province that contains the district.
  const ancestorIds = context.area.path.split('/').filter(Boolean);
  const ancestor = units.find((u) => ancestorIds.includes(u.id) && u.kind === 'area' && u.level === level);
  const ancestorPlace = placeOf(ancestor ?? null);
  return ancestorPlace ? `${n} ${ancestorPlace}` : n;
}

/** "Huyện ủy" and "Tỉnh ủy" name a committee by its level word: add the place name too. */
function committeeWithPlace(name: string, context: MatchContext, units: MatchableUnit[]): string {
  const n = withPlace(name, context, units);
  if (!context.area) return n;
  const m = n.match(/\b(huyen|tinh) uy$/);
  if (!m) return n;
  const level = LEVEL_WORDS[m[1] ?? ''];
  const ancestorIds = context.area.path.split('/').filter(Boolean);
  const area =
    context.area.level === level
      ? context.area
      : units.find((u) => ancestorIds.includes(u.id) && u.kind === 'area' && u.level === level);
  const place = placeOf(area ?? null);
  return place ? `${n} ${place}` : n;
}

function unitNames(unit: MatchableUnit): string[] {
  return [unit.name, unit.shortName ?? '', ...unit.aliases].filter((s) => s.length > 0);
}

/** Each unit's names normalised once, not once per name matched (a plan names dozens). */
const normalised = new WeakMap<MatchableUnit, { t: string[]; aliasHead: string | null }[]>();
function namesOf(unit: MatchableUnit) {
  let names = normalised.get(unit);
  if (!names) {
    names = unitNames(unit).map((alias) => ({ t: tokens(alias), aliasHead: headOf(normalizeName(alias)) }));
    normalised.set(unit, names);
  }
  return names;
}

function within(unit: MatchableUnit, area: MatchableUnit | null): boolean {
  return !area || unit.path.startsWith(area.path) || area.path.startsWith(unit.path);
}

/** The word that says what kind of body a name is; two different heads are two different bodies. */
const HEADS = [
  'thuong truc',
  'van phong',
  'ban',
  'hoi',
  'uy ban',
  'dang uy',
  'dang bo',
  'chi bo',
  'trung tam',
  'phong',
  'lien doan',
  'doan',
];
function headOf(normalized: string): string | null {
  return HEADS.find((h) => normalized === h || normalized.startsWith(`${h} `)) ?? null;
}

/** One collator for every comparison: `localeCompare(…, 'vi')` builds a new one per call. */
const byName = new Intl.Collator('vi');

/** Candidates for one name, best first. */
export function rankCandidates(name: string, units: MatchableUnit[], context: MatchContext, limit = 5): Candidate[] {
  const query = tokens(committeeWithPlace(name, context, units));
  const plain = tokens(name);
  const head = headOf(normalizeName(name));
  const scored: Candidate[] = [];
  for (const unit of units) {
    if (unit.kind === 'area') continue;
    let best = 0;
    for (const { t, aliasHead } of namesOf(unit)) {
      const penalty = head && aliasHead && head !== aliasHead ? 0.7 : 1;
      best = Math.max(best, dice(query, t) * penalty, dice(plain, t) * 0.97 * penalty);
    }
    if (best < 0.3) continue;
    if (!within(unit, context.area)) best *= 0.85;
    const active = activeOn(unit, context.date);
    if (!active) best *= 0.8;
    scored.push({ unitId: unit.id, name: unit.name, confidence: Math.round(best * 100) / 100, activeAtDate: active });
  }
  return scored.sort((a, b) => b.confidence - a.confidence || byName.compare(a.name, b.name)).slice(0, limit);
}

interface SelectorRule {
  label: string;
  test: RegExp;
  kinds: string[];
  /** Which units of the territory: its direct sub-areas, or the whole subtree. */
  reach: 'children' | 'subtree';
  /** Include the territory's own unit of these kinds. */
  includeOwn: boolean;
}

const SELECTOR_RULES: SelectorRule[] = [
  {
    label: 'Các chi, đảng bộ trực thuộc',
    test: /\b(cac )?chi(,| ) ?dang bo (truc thuoc|co so)|\bcac (chi bo|dang bo) truc thuoc|\btccsd\b|to chuc co so dang/,
    kinds: ['party_committee', 'party_branch'],
    reach: 'children',
    includeOwn: false,
  },
  {
    label: 'Các cấp ủy đảng',
    test: /\bcac cap uy( dang)?\b|\bcap uy cac cap\b|\bcac dang uy\b/,
    kinds: ['party_committee', 'party_branch'],
    reach: 'subtree',
    includeOwn: true,
  },
  {
    label: 'Hội Liên hiệp Phụ nữ các cấp',
    test: /\bhoi lien hiep phu nu( viet nam)? (tu huyen den co so|cac cap|tu tinh den co so)|\bhoi lien hiep phu nu cac xa/,
    kinds: ['womens_union'],
    reach: 'subtree',
    includeOwn: true,
  },
  {
    label: 'Ủy ban nhân dân các xã, thị trấn',
    test: /\buy ban nhan dan cac (xa|phuong|thi tran)/,
    kinds: ['people_committee'],
    reach: 'children',
    includeOwn: false,
  },
  {
    label: 'Đảng ủy các xã, thị trấn',
    test: /\bdang uy cac (xa|phuong|thi tran)/,
    kinds: ['party_committee'],
    reach: 'children',
    includeOwn: false,
  },
  {
    label: 'Mặt trận Tổ quốc các cấp',
    test: /\bmat tran to quoc( viet nam)? (cac cap|tu huyen den co so)/,
    kinds: ['front'],
    reach: 'subtree',
    includeOwn: true,
  },
];

/** Units a selector expands to within a territory, active on the date. */
function expandSelector(rule: SelectorRule, units: MatchableUnit[], context: MatchContext): MatchableUnit[] {
  const area = context.area;
  if (!area) return [];
  const territory = new Territory(units);
  if (rule.reach === 'children') return territory.subordinates(area, rule.kinds, context.date);
  return units.filter(
    (u) =>
      rule.kinds.includes(u.kind) &&
      u.path.startsWith(area.path) &&
      activeOn(u, context.date) &&
      (rule.includeOwn || territory.areaOf(u)?.id !== area.id),
  );
}

export function matchSelector(name: string, units: MatchableUnit[], context: MatchContext): SelectorMatch | null {
  const n = normalizeName(name);
  for (const rule of SELECTOR_RULES) {
    if (rule.test.test(n)) {
      const expanded = expandSelector(rule, units, context);
      return { label: rule.label, units: expanded.map((u) => ({ id: u.id, name: u.name })) };
    }
  }
  return null;
}

/** Matches every distinct name once. */
export function matchOrganizations(names: string[], units: MatchableUnit[], context: MatchContext): OrgMatch[] {
  const distinct = [...new Set(names.map((n) => n.trim()).filter((n) => n.length > 0))];
  return distinct.map((name) => {
    const selector = matchSelector(name, units, context);
    const candidates = rankCandidates(name, units, context);
    if (selector && selector.units.length > 0) {
      return { name, status: 'selector', unitId: null, confidence: 1, candidates, selector };
    }
    const [first, second] = candidates;
    const clear =
      first && first.confidence >= MATCH_THRESHOLD && (!second || first.confidence - second.confidence >= 0.05);
    return {
      name,
      status: clear ? 'matched' : 'unmatched',
      unitId: clear ? first.unitId : null,
      confidence: first?.confidence ?? 0,
      candidates,
      selector: null,
    };
  });
}
