import type { OrgMatch, OrgResolution, PlanImport } from '../../api/types';

/** What the reviewer decided for one organisation name. */
export type OrgChoice = { kind: 'unit'; unitId: string; name: string } | { kind: 'selector' } | { kind: 'none' };

/** The state a row shows: a unit, a group of units, or nothing (flagged). */
export type OrgRowStatus = 'matched' | 'selector' | 'unmatched';

export interface OrgRow {
  name: string;
  occurrences: number;
  match: OrgMatch | null;
}

const clean = (name: string | null | undefined) => (name ?? '').replace(/\s+/g, ' ').trim();

/**
 * Every distinct organisation named in the (edited) plan, from the assignments and the
 * recipients, with the server's match when it had one. Rows the server could not match come
 * first so that they are seen; otherwise the order of the document is kept.
 */
export function orgRows(plan: PlanImport, matches: OrgMatch[]): OrgRow[] {
  const byName = new Map(matches.map((match) => [clean(match.name), match]));
  const counts = new Map<string, number>();
  const add = (raw: string | null | undefined) => {
    const name = clean(raw);
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  };
  for (const task of plan.tasks) for (const assignment of task.assignments) add(assignment.organization);
  for (const recipient of plan.recipients) if (!recipient.isArchive) add(recipient.organization);

  const rank = (row: OrgRow) =>
    !row.match || row.match.status === 'unmatched' ? 0 : row.match.status === 'selector' ? 1 : 2;
  return [...counts.entries()]
    .map(([name, occurrences]) => ({ name, occurrences, match: byName.get(name) ?? null }))
    .map((row, index) => ({ row, index }))
    .sort((a, b) => rank(a.row) - rank(b.row) || a.index - b.index)
    .map(({ row }) => row);
}

/** The server's proposal for a name, before the reviewer changes anything. */
export function defaultChoice(match: OrgMatch | null): OrgChoice | undefined {
  if (!match) return undefined;
  if (match.status === 'matched' && match.unitId) {
    const candidate = match.candidates.find((item) => item.unitId === match.unitId);
    return { kind: 'unit', unitId: match.unitId, name: candidate?.name ?? match.name };
  }
  if (match.status === 'selector' && match.selector) return { kind: 'selector' };
  return undefined;
}

export function statusOf(choice: OrgChoice | undefined): OrgRowStatus {
  if (choice?.kind === 'unit') return 'matched';
  if (choice?.kind === 'selector') return 'selector';
  return 'unmatched';
}

export function resolutionOf(choice: OrgChoice | undefined, match: OrgMatch | null): OrgResolution {
  if (choice?.kind === 'unit') return { unitId: choice.unitId };
  if (choice?.kind === 'selector' && match?.selector) return { unitIds: match.selector.units.map((unit) => unit.id) };
  return null;
}

const blank = (value: string | null | undefined): string | null => {
  const text = (value ?? '').trim();
  return text ? text : null;
};
const required = (value: string | null | undefined): string => (value ?? '').trim();

/**
 * The edited form values back into a `trienkhai.plan/1` object: empty texts become null,
 * texts are trimmed, lists keep the order the reviewer left them in.
 */
export function normalizePlan(values: PlanImport): PlanImport {
  const doc = values.document;
  return {
    format: 'trienkhai.plan/1',
    source: values.source,
    document: {
      system: doc.system ?? null,
      typeName: blank(doc.typeName),
      typeCode: blank(doc.typeCode),
      number: blank(doc.number),
      symbol: blank(doc.symbol),
      issuerCode: blank(doc.issuerCode),
      issuer: blank(doc.issuer),
      place: blank(doc.place),
      date: blank(doc.date),
      title: blank(doc.title),
    },
    references: (values.references ?? []).map((ref) => ({
      asWritten: required(ref.asWritten),
      system: ref.system ?? null,
      typeName: blank(ref.typeName),
      typeCode: blank(ref.typeCode),
      number: blank(ref.number),
      symbol: blank(ref.symbol),
      issuerCode: blank(ref.issuerCode),
      issuer: blank(ref.issuer),
      date: blank(ref.date),
      relation: ref.relation ?? 'cites',
    })),
    sections: (values.sections ?? []).map((section) => ({
      label: required(section.label),
      title: blank(section.title),
      children: (section.children ?? []).map((child) => ({ label: required(child.label), title: blank(child.title) })),
    })),
    objectives: (values.objectives ?? []).map(required).filter(Boolean),
    tasks: (values.tasks ?? []).map((task) => ({
      ref: required(task.ref),
      title: blank(task.title),
      text: required(task.text),
      assignments: (task.assignments ?? [])
        .map((assignment) => ({ organization: clean(assignment.organization), role: assignment.role ?? 'responsible' }))
        .filter((assignment) => assignment.organization),
      deadline: blank(task.deadline),
      recurrence: task.recurrence ?? null,
    })),
    addressees: (values.addressees ?? []).map(required).filter(Boolean),
    recipients: (values.recipients ?? []).map((recipient) => ({
      asWritten: required(recipient.asWritten),
      organization: clean(recipient.organization) || null,
      purpose: blank(recipient.purpose),
      isArchive: !!recipient.isArchive,
    })),
    signer: {
      authority: blank(values.signer?.authority),
      onBehalfOf: blank(values.signer?.onBehalfOf),
      title: blank(values.signer?.title),
      name: blank(values.signer?.name),
    },
  };
}
