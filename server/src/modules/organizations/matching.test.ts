import { describe, expect, it } from 'vitest';
import foundingUnits from '../plans/fixtures/founding-plan.units.json' with { type: 'json' };
import { DEMO_DIRECTORY } from './demo-directory.js';
import { type MatchableUnit, matchOrganizations, normalizeName, rankCandidates } from './matching.js';

/** The demo directory as matchable units, ids = codes. */
function demoUnits(): MatchableUnit[] {
  const byCode = new Map<string, MatchableUnit>();
  for (const u of DEMO_DIRECTORY) {
    const parent = u.parent ? byCode.get(u.parent) : undefined;
    byCode.set(u.code, {
      id: u.code,
      parentId: u.parent,
      path: `${parent?.path ?? '/'}${u.code}/`,
      name: u.name,
      shortName: u.shortName ?? null,
      aliases: u.aliases ?? [],
      kind: u.kind,
      level: u.level,
      validFrom: u.validFrom ?? null,
      validTo: null,
    });
  }
  return [...byCode.values()];
}

const units = demoUnits();
const district = units.find((u) => u.id === 'huyen') ?? null;
const context = { area: district, date: '2018-06-01' };

describe('organisation matching', () => {
  it('expands abbreviations and folds diacritics', () => {
    expect(normalizeName('UBND huyện')).toBe('uy ban nhan dan huyen');
    expect(normalizeName('Hội LHPN xã Tà Xùa')).toBe('hoi lien hiep phu nu xa ta xua');
    expect(normalizeName('Huyện uỷ')).toBe(normalizeName('Huyện ủy'));
  });

  it('matches every single body of the founding plan to the unit a person would choose', () => {
    const expected = Object.entries(foundingUnits as Record<string, string | null>).filter(
      ([name, code]) => !name.startsWith('$') && code !== null,
    );
    const matches = matchOrganizations(
      expected.map(([name]) => name),
      units,
      context,
    );
    const wrong = matches
      .map((m, i) => ({ name: m.name, got: m.unitId, want: expected[i]?.[1], status: m.status }))
      .filter((m) => m.status !== 'selector' && m.got !== m.want);
    expect(wrong).toEqual([]);
  });

  it('reads a bare level word as the plan’s own territory', () => {
    const [top] = rankCandidates('Hội Liên hiệp Phụ nữ huyện', units, context);
    expect(top?.unitId).toBe('huyen-hlhpn');
    const [tinh] = rankCandidates('Thường trực Tỉnh ủy', units, context);
    expect(tinh?.unitId).toBe('tinh-uy-tt');
  });

  it('turns collective actors into selectors that expand to every matching unit', () => {
    const [branches, committees, women] = matchOrganizations(
      ['Các chi, đảng bộ trực thuộc huyện', 'Các cấp ủy đảng', 'Hội Liên hiệp Phụ nữ Việt Nam từ huyện đến cơ sở'],
      units,
      context,
    );
    expect(branches?.status).toBe('selector');
    const communesAndBranches = units.filter(
      (u) => (u.kind === 'party_committee' && u.path.includes('/xa-')) || u.kind === 'party_branch',
    );
    expect(branches?.selector?.units.map((u) => u.id).sort()).toEqual(communesAndBranches.map((u) => u.id).sort());
    expect(committees?.selector?.units.map((u) => u.id)).toContain('huyen-uy');
    expect(women?.selector?.units).toHaveLength(units.filter((u) => u.kind === 'womens_union').length);
  });

  it('flags what it cannot match instead of guessing', () => {
    const [unknown] = matchOrganizations(['Sở Khoa học và Công nghệ'], units, context);
    expect(unknown?.status).toBe('unmatched');
    expect(unknown?.unitId).toBeNull();
  });

  it('lowers the confidence of a unit that did not exist on the document’s date', () => {
    const closed = units.map((u) => (u.id === 'huyen-uy-bdv' ? { ...u, validTo: '2017-01-01' } : u));
    const now = rankCandidates('Ban Dân vận Huyện ủy', units, context).find((c) => c.unitId === 'huyen-uy-bdv');
    const then = rankCandidates('Ban Dân vận Huyện ủy', closed, context).find((c) => c.unitId === 'huyen-uy-bdv');
    expect(now?.activeAtDate).toBe(true);
    expect(then?.activeAtDate).toBe(false);
    expect(then?.confidence ?? 1).toBeLessThan(now?.confidence ?? 0);
  });
});
