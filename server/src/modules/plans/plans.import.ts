import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/access.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { ImportTimeoutError, importFileOffThread } from '../importer/import-pool.js';
import { Territory } from '../organizations/hierarchy.js';
import { type MatchableUnit, matchOrganizations, rankCandidates } from '../organizations/matching.js';
import * as orgRepo from '../organizations/organizations.repository.js';
import type { PlanImportObject } from './plan-format.js';
import { plansPolicy as policy } from './plans.policy.js';

/**
 * The import preview: the file read and extracted into `trienkhai.plan/1`, the issuing unit
 * guessed, and every organisation name matched to the directory with its candidates — for a
 * person to review before anything is saved. Nothing here writes.
 */
export async function previewImport(
  db: Kysely<Database>,
  actor: Actor,
  file: { bytes: Uint8Array; fileName: string | null },
) {
  policy.assertCanImport(actor);
  // Reading, decoding and extracting run in a worker thread (importer/import-pool.ts).
  const result = await importFileOffThread(file.bytes, file.fileName).catch((error: unknown) => {
    if (error instanceof ImportTimeoutError) {
      throw new AppError(422, 'import_failed', {
        vi: 'Tệp quá phức tạp để đọc trong thời gian cho phép.',
        en: 'The file took too long to read.',
      });
    }
    throw error;
  });
  if (!result.ok)
    throw new AppError(
      422,
      'import_failed',
      { vi: result.message.vi, en: result.message.en },
      { importCode: result.code },
    );
  return matchPreview(db, actor, result.plan);
}

export async function matchPreview(db: Kysely<Database>, actor: Actor, plan: PlanImportObject) {
  const rows = await orgRepo.listUnits(db, { prefixes: null, activeOn: null });
  const units: MatchableUnit[] = rows.map((u) => ({
    id: u.id,
    parentId: u.parent_id,
    path: u.path,
    name: u.name,
    shortName: u.short_name,
    aliases: u.aliases,
    kind: u.kind,
    level: u.level,
    validFrom: u.valid_from,
    validTo: u.valid_to,
  }));
  const territory = new Territory(units);
  const byId = new Map(units.map((u) => [u.id, u]));
  const date = plan.document.date;

  // The actor's own territory frames the guess of the issuer ("Ban Thường vụ Huyện ủy" of which district?).
  const home = actor.grants.map((g) => (g.unitId ? byId.get(g.unitId) : undefined)).find((u) => u !== undefined);
  const homeArea = home ? (home.kind === 'area' ? home : (territory.areaOf(home) ?? null)) : null;
  const issuerName = plan.document.issuer ?? plan.signer.onBehalfOf;
  const [ownerGuess] = issuerName
    ? rankCandidates(issuerName, units, { area: homeArea, date }).filter((c) => {
        const unit = byId.get(c.unitId);
        return (
          unit !== undefined &&
          policy.canCreateFor(actor, { ownerPath: unit.path, scopePath: territory.areaOf(unit)?.path ?? unit.path })
        );
      })
    : [];
  const owner = ownerGuess && ownerGuess.confidence >= 0.6 ? ownerGuess : null;
  const ownerUnit = owner ? byId.get(owner.unitId) : undefined;
  const area = (ownerUnit ? territory.areaOf(ownerUnit) : undefined) ?? homeArea;

  const names = [
    ...plan.tasks.flatMap((t) => t.assignments.map((a) => a.organization)),
    ...plan.recipients.flatMap((r) => (r.organization ? [r.organization] : [])),
  ];
  const occurrences = new Map<string, number>();
  for (const n of names) occurrences.set(n.trim(), (occurrences.get(n.trim()) ?? 0) + 1);
  const organizations = matchOrganizations(names, units, { area: area ?? null, date }).map((m) => ({
    ...m,
    occurrences: occurrences.get(m.name) ?? 1,
  }));
  return {
    plan,
    organizations,
    owner: owner ? { unitId: owner.unitId, name: owner.name, confidence: owner.confidence } : null,
  };
}

/** The preview's proposal as creation input: matched units, selectors' units, nothing for the rest. */
export async function previewChoices(db: Kysely<Database>, actor: Actor, plan: PlanImportObject) {
  const preview = await matchPreview(db, actor, plan);
  const units: Record<string, string | string[] | null> = {};
  for (const m of preview.organizations) {
    units[m.name] = m.status === 'selector' ? (m.selector?.units.map((u) => u.id) ?? null) : m.unitId;
  }
  return { owner: preview.owner?.unitId ?? null, units };
}
