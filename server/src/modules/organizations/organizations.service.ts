import type { Kysely, Selectable } from 'kysely';
import type { Actor, Ctx } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { type Clock, systemClock } from '../../platform/clock.js';
import { staleVersion } from '../../platform/db/conflicts.js';
import type { Database, OrgLevelTable, OrgUnitUpdate } from '../../platform/db/schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import { directoryChanged } from '../../platform/plan-events.js';
import { fold, nfc, normalizeName, searchTerms, sortVi } from '../../platform/text.js';
import { organizationsPolicy as policy } from './organizations.policy.js';
import { DEFAULT_KINDS, DEFAULT_LEVELS } from './organizations.reference.js';
import * as repo from './organizations.repository.js';

type UnitRow = NonNullable<Awaited<ReturnType<typeof repo.findUnit>>>;

export interface UnitView {
  id: string;
  code: string | null;
  parentId: string | null;
  name: string;
  shortName: string | null;
  aliases: string[];
  kind: string;
  level: string;
  validFrom: string | null;
  validTo: string | null;
  depth: number;
  isActive: boolean;
  version: number;
}

export function presentUnit(row: UnitRow, on: string = systemClock.today()): UnitView {
  return {
    id: row.id,
    code: row.code,
    parentId: row.parent_id,
    name: row.name,
    shortName: row.short_name,
    aliases: row.aliases,
    kind: row.kind,
    level: row.level,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    depth: row.depth,
    isActive: (row.valid_from === null || row.valid_from <= on) && (row.valid_to === null || row.valid_to > on),
    version: row.version,
  };
}

export function presentLevel(l: Selectable<OrgLevelTable>) {
  return {
    code: l.code,
    nameVi: l.name_vi,
    nameEn: l.name_en,
    rank: l.rank,
    validFrom: l.valid_from,
    validTo: l.valid_to,
    version: l.version,
  };
}

function searchTextOf(name: string, shortName: string | null, aliases: string[], code: string | null): string {
  return fold([name, shortName ?? '', ...aliases, code ?? ''].join(' | '));
}

const cleanAliases = (aliases: string[] | undefined) => [
  ...new Set((aliases ?? []).map((a) => normalizeName(a)).filter((a) => a.length > 0)),
];

export interface UnitQuery {
  q?: string | undefined;
  level?: string | undefined;
  kind?: string | undefined;
  parentId?: string | undefined;
  includeClosed?: boolean | undefined;
  asOf?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/** Units per page when the caller does not say. */
export const DEFAULT_PAGE = 1000;
export const MAX_PAGE = 5000;

export interface NewUnitInput {
  code?: string | null | undefined;
  parentId: string | null;
  kind: string;
  level: string;
  name: string;
  shortName?: string | null | undefined;
  aliases?: string[] | undefined;
  validFrom?: string | null | undefined;
}

export interface UnitPatch {
  code?: string | null | undefined;
  kind?: string | undefined;
  level?: string | undefined;
  name?: string | undefined;
  shortName?: string | null | undefined;
  aliases?: string[] | undefined;
  validFrom?: string | null | undefined;
  /** The version the edit was made from; a different current version answers 409 stale_version. */
  version?: number | undefined;
}

export class OrganizationsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock = systemClock,
  ) {}

  /** One page of the units the actor reads, with the total (counted up to COUNT_CAP). */
  async list(
    actor: Actor,
    query: UnitQuery,
  ): Promise<{
    items: (UnitView & { actions: string[] })[];
    total: number;
    totalExact: boolean;
    limit: number;
    offset: number;
  }> {
    const on = query.asOf ?? this.clock.today();
    const limit = query.limit ?? DEFAULT_PAGE;
    const offset = query.offset ?? 0;
    const filter = {
      prefixes: policy.readable(actor),
      terms: query.q ? searchTerms(query.q) : [],
      level: query.level,
      kind: query.kind,
      parentId: query.parentId,
      activeOn: query.includeClosed ? null : on,
    };
    const [rows, counted] = await Promise.all([
      repo.listUnits(this.db, { ...filter, limit, offset }),
      repo.countUnitsMatching(this.db, filter),
    ]);
    const totalExact = counted <= repo.COUNT_CAP;
    const items = sortVi(
      rows.map((r) => ({ ...presentUnit(r, on), actions: policy.actions(actor, r) })),
      (u) => u.name,
    );
    return { items, total: totalExact ? counted : repo.COUNT_CAP, totalExact, limit, offset };
  }

  async get(actor: Actor, id: string) {
    const unit = await this.readable(actor, id);
    const ancestorIds = unit.path.split('/').filter((s) => s && s !== unit.id);
    const [ancestors, children, successions] = await Promise.all([
      repo.findUnitsByIds(this.db, ancestorIds),
      repo.listChildren(this.db, id),
      repo.successionsOf(this.db, id),
    ]);
    const byId = new Map(ancestors.map((a) => [a.id, a]));
    return {
      ...presentUnit(unit, this.clock.today()),
      ancestors: ancestorIds.flatMap((a) => {
        const found = byId.get(a);
        return found ? [{ id: found.id, name: found.name }] : [];
      }),
      children: sortVi(
        children.map((c) => ({ ...presentUnit(c, this.clock.today()), actions: policy.actions(actor, c) })),
        (c) => c.name,
      ),
      predecessors: successions
        .filter((s) => s.successor_id === id)
        .map((s) => ({
          id: s.predecessor_id,
          name: s.predecessor_name,
          kind: s.predecessor_kind,
          effectiveOn: s.effective_on,
        })),
      successors: successions
        .filter((s) => s.predecessor_id === id)
        .map((s) => ({
          id: s.successor_id,
          name: s.successor_name,
          kind: s.successor_kind,
          effectiveOn: s.effective_on,
        })),
      actions: policy.actions(actor, unit),
    };
  }

  /** Loads a unit the actor may read, or answers 404/403. */
  async readable(actor: Actor, id: string): Promise<UnitRow> {
    const unit = await repo.findUnit(this.db, id);
    if (!unit) throw notFound('unit');
    policy.assertCanRead(actor, unit);
    return unit;
  }

  async create(ctx: Ctx, input: NewUnitInput) {
    const id = await this.db.transaction().execute(async (trx) => {
      if (input.parentId) await repo.lockTree(trx); // the parent's path must not move meanwhile
      const parent = input.parentId ? await repo.findUnit(trx, input.parentId) : null;
      if (input.parentId && !parent) {
        policy.assertCanCreateSomewhere(ctx.actor);
        throw new AppError(400, 'unknown_reference', { entity: 'unit', value: input.parentId });
      }
      policy.assertCanCreateUnder(ctx.actor, parent ?? null);
      await this.assertKindAndLevel(trx, input.kind, input.level);
      if (parent?.valid_to && parent.valid_to <= this.clock.today()) {
        throw new AppError(409, 'unit_closed', { date: parent.valid_to });
      }
      const code = input.code?.trim() || null;
      if (code && (await repo.findUnitByCode(trx, code))) throw new AppError(409, 'unit_code_taken', { code });
      const name = normalizeName(input.name);
      const shortName = input.shortName ? normalizeName(input.shortName) || null : null;
      const aliases = cleanAliases(input.aliases);
      const id = crypto.randomUUID();
      const path = `${parent?.path ?? '/'}${id}/`;
      const row = await repo.insertUnit(trx, {
        id,
        code,
        parent_id: parent?.id ?? null,
        path,
        depth: (parent?.depth ?? -1) + 1,
        kind: input.kind,
        level: input.level,
        name,
        short_name: shortName,
        aliases,
        search_text: searchTextOf(name, shortName, aliases, code),
        valid_from: input.validFrom ?? null,
        valid_to: null,
      });
      await recordAudit(trx, ctx, { action: 'org_unit.create', entityType: 'org_unit', entityId: id, after: row });
      await directoryChanged(trx, { unitIds: [id], on: input.validFrom ?? this.clock.today() });
      return id;
    });
    return this.get(ctx.actor, id);
  }

  async update(ctx: Ctx, id: string, patch: UnitPatch) {
    await this.db.transaction().execute(async (trx) => {
      const before = await repo.findUnitForUpdate(trx, id);
      if (!before) throw notFound('unit');
      policy.assertCanManage(ctx.actor, before);
      if (patch.version !== undefined && patch.version !== before.version) {
        throw staleVersion('unit', patch.version, presentUnit(before));
      }
      await this.assertKindAndLevel(trx, patch.kind ?? before.kind, patch.level ?? before.level);
      const code = patch.code === undefined ? before.code : patch.code?.trim() || null;
      const holder = code && code !== before.code ? await repo.findUnitByCode(trx, code) : undefined;
      if (code && holder && holder.id !== id) throw new AppError(409, 'unit_code_taken', { code });
      const name = patch.name === undefined ? before.name : normalizeName(patch.name);
      const shortName =
        patch.shortName === undefined
          ? before.short_name
          : patch.shortName
            ? normalizeName(patch.shortName) || null
            : null;
      const aliases = patch.aliases === undefined ? before.aliases : cleanAliases(patch.aliases);
      const validFrom = patch.validFrom === undefined ? before.valid_from : patch.validFrom;
      if (validFrom && before.valid_to && before.valid_to <= validFrom) throw new AppError(400, 'invalid_dates');
      const changes: OrgUnitUpdate = {
        code,
        name,
        short_name: shortName,
        aliases,
        kind: patch.kind ?? before.kind,
        level: patch.level ?? before.level,
        valid_from: validFrom,
        search_text: searchTextOf(name, shortName, aliases, code),
      };
      // The row is locked since it was read, so its version is still before.version.
      const after = await repo.updateUnitAtVersion(trx, id, before.version, changes, this.clock.now());
      if (!after) throw staleVersion('unit', before.version, presentUnit(before));
      await recordAudit(trx, ctx, { action: 'org_unit.update', entityType: 'org_unit', entityId: id, before, after });
    });
    return this.get(ctx.actor, id);
  }

  async move(ctx: Ctx, id: string, parentId: string | null) {
    await this.db.transaction().execute(async (trx) => {
      // Under the tree lock, the cycle check below sees every move committed before this one.
      await repo.lockTree(trx);
      const unit = await repo.findUnit(trx, id);
      if (!unit) throw notFound('unit');
      // Authorized where the unit is and where it goes.
      policy.assertCanManage(ctx.actor, unit);
      const parent = parentId ? await repo.findUnit(trx, parentId) : null;
      if (parentId && !parent) throw new AppError(400, 'unknown_reference', { entity: 'unit', value: parentId });
      policy.assertCanCreateUnder(ctx.actor, parent ?? null);
      if (parent?.path.startsWith(unit.path)) throw new AppError(409, 'unit_cycle');
      if (parent?.valid_to && parent.valid_to <= this.clock.today())
        throw new AppError(409, 'unit_closed', { date: parent.valid_to });
      const newPath = `${parent?.path ?? '/'}${unit.id}/`;
      const newDepth = (parent?.depth ?? -1) + 1;
      await repo.rebaseSubtree(trx, unit.path, newPath, newDepth - unit.depth, this.clock.now());
      const after = await repo.updateUnit(trx, id, { parent_id: parent?.id ?? null }, this.clock.now());
      await recordAudit(trx, ctx, {
        action: 'org_unit.move',
        entityType: 'org_unit',
        entityId: id,
        before: { parent_id: unit.parent_id, path: unit.path },
        after: { parent_id: after.parent_id, path: after.path },
      });
      await directoryChanged(trx, { unitIds: [id], on: this.clock.today() });
    });
    return this.get(ctx.actor, id);
  }

  /**
   * Closes a unit on a date (dissolution, merger). The unit and its history stay; a successor
   * records where its work went.
   */
  async close(
    ctx: Ctx,
    id: string,
    input: { validTo: string; successorId?: string | undefined; note?: string | undefined },
  ) {
    await this.db.transaction().execute(async (trx) => {
      await repo.lockTree(trx); // no child is created under it while its open children are counted
      const before = await repo.findUnit(trx, id);
      if (!before) throw notFound('unit');
      policy.assertCanManage(ctx.actor, before);
      if (before.valid_from && input.validTo <= before.valid_from) throw new AppError(400, 'invalid_dates');
      const open = await repo.countOpenChildren(trx, id, input.validTo);
      if (open > 0) throw new AppError(409, 'unit_has_open_children', { count: open });
      if (input.successorId) {
        const successor = await repo.findUnit(trx, input.successorId);
        if (!successor || successor.id === id || !policy.canRead(ctx.actor, successor)) {
          throw new AppError(400, 'unknown_reference', { entity: 'unit', value: input.successorId });
        }
        await repo.insertSuccession(trx, {
          predecessor_id: id,
          successor_id: successor.id,
          kind: 'merge',
          effective_on: input.validTo,
          note: input.note ?? null,
        });
      }
      const after = await repo.updateUnit(trx, id, { valid_to: input.validTo }, this.clock.now());
      await recordAudit(trx, ctx, {
        action: 'org_unit.close',
        entityType: 'org_unit',
        entityId: id,
        before,
        after: { ...after, successorId: input.successorId ?? null, note: input.note ?? null },
      });
      await directoryChanged(trx, {
        unitIds: input.successorId ? [id, input.successorId] : [id],
        on: input.validTo,
      });
    });
    return this.get(ctx.actor, id);
  }

  async levels() {
    const rows = await repo.listLevels(this.db);
    return rows.map(presentLevel);
  }

  async saveLevel(
    ctx: Ctx,
    level: {
      code: string;
      nameVi: string;
      nameEn: string;
      rank: number;
      validFrom?: string | null;
      validTo?: string | null;
      /** The version the edit was made from (absent when creating). */
      version?: number | undefined;
    },
  ) {
    policy.assertCanManageLevels(ctx.actor);
    return this.db.transaction().execute(async (trx) => {
      const before = await repo.findLevelForUpdate(trx, level.code);
      if (before && level.version !== undefined && level.version !== before.version) {
        throw staleVersion('level', level.version, presentLevel(before));
      }
      const after = await repo.upsertLevel(trx, {
        code: level.code,
        name_vi: nfc(level.nameVi),
        name_en: level.nameEn,
        rank: level.rank,
        valid_from: level.validFrom ?? null,
        valid_to: level.validTo ?? null,
      });
      await recordAudit(trx, ctx, {
        action: before ? 'org_level.update' : 'org_level.create',
        entityType: 'org_level',
        entityId: level.code,
        before: before ?? undefined,
        after,
      });
      return after;
    });
  }

  async kinds() {
    const rows = await repo.listKinds(this.db);
    return sortVi(rows, (k) => k.name_vi).map((k) => ({
      code: k.code,
      nameVi: k.name_vi,
      nameEn: k.name_en,
      system: k.system,
    }));
  }

  /** Reference lists every installation needs; idempotent. */
  async ensureReferenceData(): Promise<void> {
    await repo.insertLevelsIfMissing(
      this.db,
      DEFAULT_LEVELS.map((l) => ({
        code: l.code,
        name_vi: l.nameVi,
        name_en: l.nameEn,
        rank: l.rank,
        valid_from: l.validFrom,
        valid_to: l.validTo,
      })),
    );
    await repo.insertKindsIfMissing(
      this.db,
      DEFAULT_KINDS.map((k) => ({ code: k.code, name_vi: k.nameVi, name_en: k.nameEn, system: k.system })),
    );
  }

  private async assertKindAndLevel(db: Kysely<Database>, kind: string, level: string) {
    if (!(await repo.findKind(db, kind))) throw new AppError(400, 'unknown_reference', { entity: 'kind', value: kind });
    if (!(await repo.findLevel(db, level)))
      throw new AppError(400, 'unknown_reference', { entity: 'level', value: level });
  }
}
