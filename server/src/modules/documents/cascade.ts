import { compareVi } from '../../platform/text.js';
import type { Territory, TreeUnit } from '../organizations/hierarchy.js';

/**
 * The cascade of a directive: every document that implements it, level by level, and for each
 * document the units below its issuer that must issue their own implementing plan — with the
 * date they did, how long after their parent, or that they have not.
 */

export interface CascadeDocument {
  id: string;
  issuedOn: string | null;
  issuerUnitId: string | null;
  system: string | null;
  respondWithinDays: number | null;
}

export interface CascadeEdge {
  from: string; // the implementing document
  to: string; // the document it implements
  relation: string;
}

export type CoverageStatus = 'issued' | 'late' | 'missing' | 'overdue';

export interface CoverageRow {
  unitId: string;
  status: CoverageStatus;
  documentId: string | null;
  issuedOn: string | null;
  daysAfterParent: number | null;
}

export const DEFAULT_DUE_DAYS = 30;
/** A guard against runaway link graphs, far above a national cascade (~3,400 documents). */
export const MAX_CASCADE_DOCUMENTS = 50_000;

/**
 * Places each document under one parent — the deepest one it implements — so a commune plan
 * that cites both the directive and the district plan appears under the district plan.
 */
export function arrangeTree(rootId: string, edges: CascadeEdge[]): Map<string, { parent: string; relation: string }> {
  const depth = new Map<string, number>([[rootId, 0]]);
  // Relax depths along edges (longest path in a DAG); the bound stops cycles.
  for (let round = 0; round < 12; round++) {
    let changed = false;
    for (const e of edges) {
      const d = depth.get(e.to);
      if (d === undefined || e.from === rootId) continue;
      if ((depth.get(e.from) ?? -1) < d + 1) {
        depth.set(e.from, d + 1);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const placement = new Map<string, { parent: string; relation: string }>();
  for (const e of edges) {
    if (e.from === rootId || !depth.has(e.to)) continue;
    const current = placement.get(e.from);
    const candidateDepth = depth.get(e.to) ?? 0;
    const currentDepth = current ? (depth.get(current.parent) ?? 0) : -1;
    const better =
      candidateDepth > currentDepth ||
      (candidateDepth === currentDepth && current?.relation !== 'implements' && e.relation === 'implements');
    if (better) placement.set(e.from, { parent: e.to, relation: e.relation });
  }
  return placement;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Coverage of one document: its issuer's territory, the units that must answer it, and the
 * children that answered.
 */
export function coverage<U extends TreeUnit>(
  parent: CascadeDocument,
  children: CascadeDocument[],
  territory: Territory<U>,
  area: U,
  today: string,
): { dueDays: number; rows: CoverageRow[] } {
  const kinds =
    parent.system === 'state' ? (['people_committee'] as const) : (['party_committee', 'party_branch'] as const);
  const expected = territory.subordinates(area, kinds, parent.issuedOn);
  const dueDays = parent.respondWithinDays ?? DEFAULT_DUE_DAYS;
  const byUnit = new Map<string, CascadeDocument>();
  for (const child of children) {
    const issuer = child.issuerUnitId ? territory.get(child.issuerUnitId) : undefined;
    if (!issuer) continue;
    const leader = kinds.includes(issuer.kind as never) ? issuer : territory.leaderOf(issuer, kinds);
    if (!leader) continue;
    const known = byUnit.get(leader.id);
    if (!known || (child.issuedOn ?? '9999') < (known.issuedOn ?? '9999')) byUnit.set(leader.id, child);
  }
  const due = parent.issuedOn ? addDays(parent.issuedOn, dueDays) : null;
  const rows = expected.map((unit): CoverageRow => {
    const answer = byUnit.get(unit.id);
    if (answer) {
      const after = parent.issuedOn && answer.issuedOn ? daysBetween(parent.issuedOn, answer.issuedOn) : null;
      return {
        unitId: unit.id,
        status: after !== null && after > dueDays ? 'late' : 'issued',
        documentId: answer.id,
        issuedOn: answer.issuedOn,
        daysAfterParent: after,
      };
    }
    return {
      unitId: unit.id,
      status: due !== null && today > due ? 'overdue' : 'missing',
      documentId: null,
      issuedOn: null,
      daysAfterParent: null,
    };
  });
  rows.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
  return { dueDays, rows };
}

/** The order a monitor reads coverage in: what is overdue, then missing, then late, then issued. */
export const STATUS_ORDER: Record<CoverageStatus, number> = { overdue: 0, missing: 1, late: 2, issued: 3 };

/** How many implementing documents a node below the top names; the rest are counted. */
export const FIRST_CHILDREN = 20;

/** How many units of each status a cascade node names; the rest is paged (GET …/coverage). */
export const FIRST_PER_STATUS = 5;

export interface CoverageCounts {
  /** Units expected to answer. */
  total: number;
  /** Answered within the time allowed. */
  issued: number;
  /** Answered after it. */
  late: number;
  /** Not answered yet, overdue included. */
  missing: number;
  /** Not answered and past the time allowed (part of `missing`). */
  overdue: number;
}

export function countCoverage(rows: { status: CoverageStatus }[]): CoverageCounts {
  const counts: CoverageCounts = { total: rows.length, issued: 0, late: 0, missing: 0, overdue: 0 };
  for (const r of rows) {
    if (r.status === 'issued') counts.issued++;
    else if (r.status === 'late') counts.late++;
    else {
      counts.missing++;
      if (r.status === 'overdue') counts.overdue++;
    }
  }
  return counts;
}

/** A status filter of the paged list: `missing` means not answered (overdue included), as in the counts. */
export type CoverageFilter = 'issued' | 'late' | 'missing' | 'overdue';
export function matchesStatus(status: CoverageStatus, filter: CoverageFilter | undefined): boolean {
  if (!filter) return true;
  if (filter === 'missing') return status === 'missing' || status === 'overdue';
  return status === filter;
}

/** Status order, then the unit's name in Vietnamese order: the order of the summary and of the pages. */
export function sortRows<R extends { status: CoverageStatus; name: string }>(rows: R[]): R[] {
  return rows.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || compareVi(a.name, b.name));
}

/** The first `per` rows of each status, from rows already in order. */
export function firstPerStatus<R extends { status: CoverageStatus }>(sorted: R[], per = FIRST_PER_STATUS): R[] {
  const seen: Record<CoverageStatus, number> = { overdue: 0, missing: 0, late: 0, issued: 0 };
  return sorted.filter((r) => seen[r.status]++ < per);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
