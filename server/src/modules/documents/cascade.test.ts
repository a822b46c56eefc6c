import { describe, expect, it } from 'vitest';
import { Territory, type TreeUnit } from '../organizations/hierarchy.js';
import {
  addDays,
  arrangeTree,
  type CoverageStatus,
  countCoverage,
  coverage,
  daysBetween,
  firstPerStatus,
  matchesStatus,
  sortRows,
} from './cascade.js';
import { nearest } from './documents.service.js';

type U = TreeUnit & { name: string };
const unit = (id: string, path: string, kind: string, validTo: string | null = null): U => ({
  id,
  path,
  kind,
  name: id,
  validFrom: null,
  validTo,
});

// A province with one district; the district has a committee with a board and a branch, and two communes.
const units: U[] = [
  unit('tinh', '/tinh/', 'area'),
  unit('tu', '/tinh/tu/', 'party_committee'),
  unit('huyen', '/tinh/huyen/', 'area'),
  unit('hu', '/tinh/huyen/hu/', 'party_committee'),
  unit('hu-btv', '/tinh/huyen/hu/hu-btv/', 'party_standing'),
  unit('hu-cb', '/tinh/huyen/hu/hu-cb/', 'party_branch'),
  unit('ubnd', '/tinh/huyen/ubnd/', 'people_committee'),
  unit('xa1', '/tinh/huyen/xa1/', 'area'),
  unit('xa1-du', '/tinh/huyen/xa1/xa1-du/', 'party_committee'),
  unit('xa1-cb', '/tinh/huyen/xa1/xa1-du/xa1-cb/', 'party_branch'),
  unit('xa1-ubnd', '/tinh/huyen/xa1/xa1-ubnd/', 'people_committee'),
  unit('xa2', '/tinh/huyen/xa2/', 'area'),
  unit('xa2-du', '/tinh/huyen/xa2/xa2-du/', 'party_committee', '2018-03-01'),
];
const territory = new Territory(units);
const byId = (id: string) => units.find((u) => u.id === id) as U;

describe('cascade', () => {
  it('finds the units that must answer a territory: sub-areas’ leading bodies and branches under its own committee', () => {
    const party = territory.subordinates(byId('huyen'), ['party_committee', 'party_branch']);
    expect(party.map((u) => u.id).sort()).toEqual(['hu-cb', 'xa1-du', 'xa2-du']);
    expect(territory.subordinates(byId('tinh'), ['party_committee', 'party_branch']).map((u) => u.id)).toEqual(['hu']);
    expect(territory.subordinates(byId('huyen'), ['people_committee']).map((u) => u.id)).toEqual(['xa1-ubnd']);
  });

  it('leaves out units that did not exist on the parent document’s date', () => {
    const on = territory.subordinates(byId('huyen'), ['party_committee', 'party_branch'], '2018-06-01');
    expect(on.map((u) => u.id).sort()).toEqual(['hu-cb', 'xa1-du']);
  });

  it('classifies answers as issued, late, missing or overdue, missing first', () => {
    const parent = { id: 'p', issuedOn: '2018-06-01', issuerUnitId: 'hu-btv', system: 'party', respondWithinDays: 30 };
    const children = [
      { id: 'c1', issuedOn: '2018-06-20', issuerUnitId: 'xa1-du', system: 'party', respondWithinDays: null },
      { id: 'c2', issuedOn: '2018-08-01', issuerUnitId: 'hu-cb', system: 'party', respondWithinDays: null },
    ];
    const extended = [
      ...units,
      unit('xa3', '/tinh/huyen/xa3/', 'area'),
      unit('xa3-du', '/tinh/huyen/xa3/xa3-du/', 'party_committee'),
    ];
    const t = new Territory(extended);
    const before = coverage(parent, children, t, byId('huyen'), '2018-06-10');
    expect(before.rows.map((r) => [r.unitId, r.status, r.daysAfterParent])).toEqual([
      ['xa3-du', 'missing', null],
      ['hu-cb', 'late', 61],
      ['xa1-du', 'issued', 19],
    ]);
    const after = coverage(parent, children, t, byId('huyen'), '2018-07-02');
    expect(after.rows[0]).toMatchObject({ unitId: 'xa3-du', status: 'overdue' });
  });

  it('credits a plan issued by a committee’s standing committee to the committee', () => {
    const parent = { id: 'p', issuedOn: '2018-05-07', issuerUnitId: 'tu', system: 'party', respondWithinDays: null };
    const children = [
      { id: 'c', issuedOn: '2018-06-01', issuerUnitId: 'hu-btv', system: 'party', respondWithinDays: null },
    ];
    const result = coverage(parent, children, territory, byId('tinh'), '2026-01-01');
    expect(result.rows).toEqual([
      { unitId: 'hu', status: 'issued', documentId: 'c', issuedOn: '2018-06-01', daysAfterParent: 25 },
    ]);
  });

  it('places a document under the deepest document it implements and survives cycles', () => {
    const placement = arrangeTree('ct', [
      { from: 'cv', to: 'ct', relation: 'implements' },
      { from: 'kh', to: 'ct', relation: 'implements' },
      { from: 'kh', to: 'cv', relation: 'basis' },
      { from: 'xa', to: 'kh', relation: 'implements' },
      { from: 'xa', to: 'ct', relation: 'implements' },
      { from: 'ct', to: 'xa', relation: 'cites' },
    ]);
    expect(placement.get('cv')?.parent).toBe('ct');
    expect(placement.get('kh')?.parent).toBe('cv');
    expect(placement.get('xa')?.parent).toBe('kh');
    expect(placement.has('ct')).toBe(false);
  });

  it('counts days in calendar days', () => {
    expect(daysBetween('2018-06-01', '2018-07-01')).toBe(30);
    expect(addDays('2018-06-01', 30)).toBe('2018-07-01');
  });

  it('finds expected units at most two levels below the area, so the cascade reads no deeper', () => {
    const levels = (u: U) => u.path.split('/').length - 3;
    for (const area of units.filter((u) => u.kind === 'area')) {
      for (const kinds of [['party_committee', 'party_branch'], ['people_committee']]) {
        for (const u of territory.subordinates(area, kinds)) expect(levels(u)).toBeLessThanOrEqual(levels(area) + 2);
      }
    }
    // An area inside another is read again only when it reaches deeper.
    expect(
      nearest([
        { path: '/tinh/', maxDepth: 2 },
        { path: '/tinh/huyen/', maxDepth: 3 },
        { path: '/tinh/huyen/xa1/', maxDepth: 3 },
        { path: '/tinh/', maxDepth: 2 },
      ]),
    ).toEqual([
      { path: '/tinh/', maxDepth: 2 },
      { path: '/tinh/huyen/', maxDepth: 3 },
    ]);
  });

  it('summarises coverage: counts, then the first units of each status in order, by name', () => {
    const statuses: CoverageStatus[] = ['issued', 'overdue', 'late', 'missing'];
    const rows = Array.from({ length: 40 }, (_, i) => ({
      status: statuses[i % 4] as CoverageStatus,
      name: `Đảng ủy xã ${String.fromCharCode(65 + (i % 26))}${i}`,
    }));
    expect(countCoverage(rows)).toEqual({ total: 40, issued: 10, late: 10, missing: 20, overdue: 10 });
    const sorted = sortRows([...rows]);
    expect(sorted.map((r) => r.status).slice(0, 11)).toEqual([...Array(10).fill('overdue'), 'missing']);
    const first = firstPerStatus(sorted);
    expect(first).toHaveLength(20);
    for (const s of statuses)
      expect(first.filter((r) => r.status === s)).toEqual(sorted.filter((r) => r.status === s).slice(0, 5));
    expect(matchesStatus('overdue', 'missing')).toBe(true);
    expect(matchesStatus('missing', 'overdue')).toBe(false);
    expect(matchesStatus('late', undefined)).toBe(true);
  });
});
