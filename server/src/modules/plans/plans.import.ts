import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/access.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { fold } from '../../platform/text.js';
import { ImportTimeoutError, importFileOffThread } from '../importer/import-pool.js';
import { Territory } from '../organizations/hierarchy.js';
import {
  type Candidate,
  type MatchableUnit,
  matchOrganizations,
  normalizeName,
  rankCandidates,
} from '../organizations/matching.js';
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

type UnitRow = Awaited<ReturnType<typeof orgRepo.unitsUnderPath>>[number];

const matchable = (u: UnitRow): MatchableUnit => ({
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
});

/** The top of a unit's tree (a province): its subtree is where the plan's names are looked for. */
const rootPathOf = (path: string) => `/${path.split('/').filter(Boolean)[0] ?? ''}/`;

/**
 * Matches the plan's organisations to the directory, in SQL on indexes rather than over the
 * whole directory in memory: the issuer is guessed among the units of the actor's province and
 * the units whose names resemble it (trigram index); the names are then matched among the units
 * of the owner's province (path index), so a province's own units are always candidates, at any
 * size of the directory. Without a territory the names are matched among resembling units.
 */
export async function matchPreview(db: Kysely<Database>, actor: Actor, plan: PlanImportObject) {
  const date = plan.document.date;
  const provinces = new Map<string, MatchableUnit[]>();
  const provinceOf = async (path: string) => {
    const root = rootPathOf(path);
    let units = provinces.get(root);
    if (!units) {
      units = (await orgRepo.unitsUnderPath(db, root)).map(matchable);
      provinces.set(root, units);
    }
    return units;
  };

  // The actor's own territory frames the guess of the issuer ("Ban Thường vụ Huyện ủy" of which district?).
  const homeGrant = actor.grants.find((g) => g.unitId && g.unitPath);
  const homeUnits = homeGrant?.unitPath ? await provinceOf(homeGrant.unitPath) : [];
  const homeTerritory = new Territory(homeUnits);
  const home = homeUnits.find((u) => u.id === homeGrant?.unitId);
  const homeArea = home ? (home.kind === 'area' ? home : (homeTerritory.areaOf(home) ?? null)) : null;

  const issuerName = plan.document.issuer ?? plan.signer.onBehalfOf;
  let ownerGuess: Candidate | undefined;
  const byId = new Map<string, MatchableUnit>(homeUnits.map((u) => [u.id, u]));
  if (issuerName) {
    const resembling = (await orgRepo.unitsResembling(db, [fold(issuerName), normalizeName(issuerName)])).map(
      matchable,
    );
    for (const u of resembling) if (!byId.has(u.id)) byId.set(u.id, u);
    [ownerGuess] = rankCandidates(issuerName, [...byId.values()], { area: homeArea, date }).filter((c) => {
      const unit = byId.get(c.unitId);
      // Creating a plan for it needs a grant that manages plans there (the scope is checked at creation).
      return unit !== undefined && policy.canCreateFor(actor, { ownerPath: unit.path, scopePath: unit.path });
    });
  }
  const owner = ownerGuess && ownerGuess.confidence >= 0.6 ? ownerGuess : null;
  const ownerPath = owner ? byId.get(owner.unitId)?.path : undefined;
  const units = ownerPath ? await provinceOf(ownerPath) : homeUnits;
  const territory = new Territory(units);
  const ownerUnit = owner ? units.find((u) => u.id === owner.unitId) : undefined;
  const area = (ownerUnit ? territory.areaOf(ownerUnit) : undefined) ?? homeArea;

  const names = [
    ...plan.tasks.flatMap((t) => t.assignments.map((a) => a.organization)),
    ...plan.recipients.flatMap((r) => (r.organization ? [r.organization] : [])),
  ];
  const occurrences = new Map<string, number>();
  for (const n of names) occurrences.set(n.trim(), (occurrences.get(n.trim()) ?? 0) + 1);
  // No territory: the names' candidates come from the whole directory through the trigram index.
  const pool = area
    ? units
    : (
        await orgRepo.unitsResembling(
          db,
          [...occurrences.keys()].filter((n) => n.length > 0).flatMap((n) => [fold(n), normalizeName(n)]),
        )
      ).map(matchable);
  const distinctPool = [...new Map(pool.map((u) => [u.id, u])).values()];
  const organizations = matchOrganizations(names, distinctPool, { area: area ?? null, date }).map((m) => ({
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
