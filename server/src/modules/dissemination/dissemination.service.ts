import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { type Actor, type Ctx, readablePrefixes, SYSTEM_ACTOR } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { type Clock, systemClock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import { DocumentsService } from '../documents/documents.service.js';
import * as plansRepo from '../plans/plans.repository.js';
import { disseminationPolicy as policy } from './dissemination.policy.js';
import * as repo from './dissemination.repository.js';
import type { Form, Participants } from './dissemination.schemas.js';

type Db = Kysely<Database>;
export type ParticipantCounts = z.infer<typeof Participants>;

export interface RecordSessionInput {
  unitId: string;
  heldOn: string;
  form: z.infer<typeof Form>;
  title: string;
  participants: ParticipantCounts;
  materials?: string | null | undefined;
  note?: string | null | undefined;
}

export interface EditSessionInput {
  version: number;
  heldOn?: string | undefined;
  form?: z.infer<typeof Form> | undefined;
  title?: string | undefined;
  participants?: ParticipantCounts | undefined;
  materials?: string | null | undefined;
  note?: string | null | undefined;
}

/** How many expected units are offered as "record for" choices. */
const RECORDABLE_CANDIDATES = 500;
/** A guard far above any plan's cascade (a national document expects ~12,000 units). */
const MAX_CASCADE_UNITS = 100_000;

type PlanRow = NonNullable<Awaited<ReturnType<typeof plansRepo.findPlan>>>;

const blankToNull = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v === '' ? null : v);

function totals(r: {
  sessions: number;
  cadres: number;
  party_members: number;
  association_members: number;
  people: number;
}) {
  const p = {
    cadres: Number(r.cadres),
    partyMembers: Number(r.party_members),
    associationMembers: Number(r.association_members),
    people: Number(r.people),
  };
  return {
    sessions: r.sessions,
    participants: { ...p, total: p.cadres + p.partyMembers + p.associationMembers + p.people },
  };
}

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

function present(actor: Actor, r: repo.SessionRow) {
  return {
    id: r.id,
    planId: r.plan_id,
    unit: { id: r.unit_id, name: r.unit_name },
    heldOn: r.held_on,
    form: r.form,
    title: r.title,
    participants: {
      cadres: r.cadres,
      partyMembers: r.party_members,
      associationMembers: r.association_members,
      people: r.people,
    },
    materials: r.materials,
    note: r.note,
    createdAt: iso(r.created_at),
    createdBy: r.created_by ? { id: r.created_by, name: r.created_by_name ?? '' } : null,
    updatedAt: iso(r.updated_at),
    withdrawn: r.withdrawn_at
      ? {
          at: iso(r.withdrawn_at),
          by: r.withdrawn_by ? { id: r.withdrawn_by, name: r.withdrawn_by_name ?? '' } : null,
          reason: r.withdraw_reason,
        }
      : null,
    version: r.version,
    actions: r.withdrawn_at ? [] : policy.actions(actor, r.unit_path),
  };
}
export type SessionValue = ReturnType<typeof present>;

/** The values a session stores, as its audit row shows them. */
const snapshot = (r: repo.SessionRow) => ({
  planId: r.plan_id,
  unitId: r.unit_id,
  heldOn: r.held_on,
  form: r.form,
  title: r.title,
  cadres: r.cadres,
  partyMembers: r.party_members,
  associationMembers: r.association_members,
  people: r.people,
  materials: r.materials,
  note: r.note,
  withdrawnAt: r.withdrawn_at ? iso(r.withdrawn_at) : null,
  withdrawReason: r.withdraw_reason,
  version: r.version,
});

/**
 * Dissemination (quán triệt) of a plan: sessions recorded per unit, their totals rolled up the
 * directory, and the expected units that have not disseminated yet (docs/followup.md).
 */
export class DisseminationService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock = systemClock,
  ) {}

  private async readablePlan(db: Db, actor: Actor, planId: string): Promise<PlanRow> {
    const plan = await plansRepo.findPlan(db, planId);
    if (!plan) throw notFound('plan');
    policy.assertCanReadPlan(actor, { ownerPath: plan.owner_path, scopePath: plan.scope_path });
    return plan;
  }

  /**
   * A unit's sessions of a plan are read by whoever reads the plan or the unit (a unit outside
   * the plan's territory that is assigned one of its tasks reads and records its own).
   */
  private async planSeenFrom(db: Db, actor: Actor, planId: string, unitPath: string | null): Promise<PlanRow> {
    const plan = await plansRepo.findPlan(db, planId);
    if (!plan) throw notFound('plan');
    if (unitPath === null || !policy.canReadUnit(actor, unitPath)) {
      policy.assertCanReadPlan(actor, { ownerPath: plan.owner_path, scopePath: plan.scope_path });
    }
    return plan;
  }

  /**
   * The units the cascade expects to answer the plan's document (documents.service coverage:
   * the leading bodies of its territory's sub-areas and the branches under its own committee),
   * computed for the whole territory; the lists below filter them to the viewer in SQL.
   */
  private async cascadeUnitIds(plan: PlanRow): Promise<string[]> {
    const cover = await new DocumentsService(this.db, this.clock).coverage(SYSTEM_ACTOR, plan.document_id, {
      limit: MAX_CASCADE_UNITS,
      offset: 0,
    });
    return cover.items.map((i) => i.unit.id);
  }

  /** GET /plans/:id/dissemination: totals, the roll-up by unit, the units not yet done. */
  async rollup(
    actor: Actor,
    planId: string,
    query: { limit: number; offset: number; pendingLimit: number; pendingOffset: number },
  ) {
    const plan = await this.readablePlan(this.db, actor, planId);
    const prefixes = readablePrefixes(actor);
    const today = this.clock.today();
    const cascade = await this.cascadeUnitIds(plan);
    const pendingPage = { limit: query.pendingLimit, offset: query.pendingOffset };
    const [all, rows, rowCount, expected, pending, candidates] = await Promise.all([
      repo.totalsOfPlan(this.db, planId, prefixes),
      repo.rollup(this.db, planId, plan.scope_path, prefixes, query),
      repo.countRollup(this.db, planId, plan.scope_path, prefixes),
      repo.countExpected(this.db, planId, cascade, today, prefixes),
      repo.pending(this.db, planId, cascade, today, prefixes, pendingPage),
      repo.expectedUnits(this.db, planId, cascade, today, prefixes, RECORDABLE_CANDIDATES),
    ]);
    const recordable = candidates.filter((u) => policy.canWrite(actor, u.path));
    if (actor.homeUnitId && !recordable.some((u) => u.id === actor.homeUnitId)) {
      const home = await repo.findUnit(this.db, actor.homeUnitId);
      if (home && policy.canWrite(actor, home.path) && this.inPlanTerritory(plan, home.path)) recordable.push(home);
    }
    return {
      plan: { id: plan.id, title: plan.title, symbol: plan.symbol, issuedOn: plan.issued_on },
      totals: totals(all),
      expected,
      units: {
        items: rows.map((r) => ({
          unit: { id: r.id, name: r.name, kind: r.kind, depth: r.depth, parentId: r.parent_id },
          own: totals({
            sessions: r.own_sessions,
            cadres: r.own_cadres,
            party_members: r.own_party_members,
            association_members: r.own_association_members,
            people: r.own_people,
          }),
          total: totals(r),
        })),
        total: rowCount,
        limit: query.limit,
        offset: query.offset,
      },
      pending: {
        items: pending.map((u) => ({
          id: u.id,
          name: u.name,
          reason:
            u.assigned && u.cascade ? ('both' as const) : u.assigned ? ('assigned' as const) : ('cascade' as const),
        })),
        total: expected.total - expected.done,
        ...pendingPage,
      },
      recordable: recordable.map((u) => ({ id: u.id, name: u.name })),
    };
  }

  private inPlanTerritory(plan: PlanRow, path: string): boolean {
    return path.startsWith(plan.scope_path);
  }

  /** A page of the plan's sessions whose unit the viewer reads (withdrawn ones on request). */
  async list(
    actor: Actor,
    planId: string,
    query: { unitId?: string | undefined; includeWithdrawn: boolean; limit: number; offset: number },
  ) {
    const unit = query.unitId ? await repo.findUnit(this.db, query.unitId) : undefined;
    if (query.unitId && !unit) throw new AppError(400, 'unknown_reference', { entity: 'unit', value: query.unitId });
    await this.planSeenFrom(this.db, actor, planId, unit?.path ?? null);
    const filter = {
      planId,
      unitId: query.unitId,
      includeWithdrawn: query.includeWithdrawn,
      prefixes: readablePrefixes(actor),
    };
    const [rows, total] = await Promise.all([
      repo.listSessions(this.db, filter, query),
      repo.countSessions(this.db, filter),
    ]);
    return { items: rows.map((r) => present(actor, r)), total, limit: query.limit, offset: query.offset };
  }

  /** The rules every stored session keeps: a date the plan allows, a unit alive that day, someone there. */
  private check(
    plan: PlanRow,
    unit: { name: string; valid_from: string | null; valid_to: string | null },
    s: {
      heldOn: string;
      participants: ParticipantCounts;
    },
  ) {
    const today = this.clock.today();
    if (s.heldOn > today) throw new AppError(400, 'dissemination_held_in_future', { date: s.heldOn, today });
    if (plan.issued_on && s.heldOn < plan.issued_on) {
      throw new AppError(400, 'dissemination_held_before_plan', { date: s.heldOn, planDate: plan.issued_on });
    }
    if ((unit.valid_from && s.heldOn < unit.valid_from) || (unit.valid_to && s.heldOn >= unit.valid_to)) {
      throw new AppError(400, 'dissemination_unit_closed', { unit: unit.name, date: s.heldOn });
    }
    const p = s.participants;
    if (p.cadres + p.partyMembers + p.associationMembers + p.people <= 0) {
      throw new AppError(400, 'dissemination_no_participants');
    }
  }

  /**
   * Records a session of a unit for a plan (the demo calls this with its own actor and clock).
   * The unit must lie in the plan's territory or be assigned one of its tasks, and the actor
   * must hold `dissemination.write` on it. One transaction with its audit row.
   */
  async record(ctx: Ctx, planId: string, input: RecordSessionInput): Promise<SessionValue> {
    return this.db.transaction().execute(async (trx) => {
      if (!(await plansRepo.findPlan(trx, planId))) throw notFound('plan');
      const state = await repo.planState(trx, planId);
      if (state && state.status !== 'active') throw new AppError(409, 'plan_ended', { date: state.ended_on ?? '' });
      const unit = await repo.findUnit(trx, input.unitId);
      if (!unit) throw new AppError(400, 'unknown_reference', { entity: 'unit', value: input.unitId });
      const plan = await this.planSeenFrom(trx, ctx.actor, planId, unit.path);
      policy.assertCanWrite(ctx.actor, unit.path);
      if (!this.inPlanTerritory(plan, unit.path) && !(await repo.isAssigned(trx, planId, unit.id))) {
        throw new AppError(400, 'dissemination_unit_outside_plan', { unit: unit.name });
      }
      this.check(plan, unit, input);
      const now = this.clock.now();
      const id = await repo.createSession(trx, {
        plan_id: planId,
        unit_id: unit.id,
        held_on: input.heldOn,
        form: input.form,
        title: input.title,
        cadres: input.participants.cadres,
        party_members: input.participants.partyMembers,
        association_members: input.participants.associationMembers,
        people: input.participants.people,
        materials: blankToNull(input.materials) ?? null,
        note: blankToNull(input.note) ?? null,
        created_by: ctx.actor.userId || null,
        updated_by: ctx.actor.userId || null,
        created_at: now,
        updated_at: now,
      });
      const row = await repo.findSession(trx, id);
      if (!row) throw new Error('dissemination: the session just written is missing');
      await recordAudit(trx, ctx, {
        action: 'dissemination.record',
        entityType: 'dissemination_session',
        entityId: id,
        after: snapshot(row),
      });
      return present(ctx.actor, row);
    });
  }

  /** The session locked for a change: 404, 403, 409 withdrawn, 409 stale_version with the current one. */
  private async lockedForChange(trx: Db, actor: Actor, id: string, version: number) {
    const row = await repo.findSession(trx, id, true);
    if (!row) throw notFound('dissemination_session');
    policy.assertCanWrite(actor, row.unit_path);
    if (row.withdrawn_at)
      throw new AppError(409, 'dissemination_withdrawn', { at: iso(row.withdrawn_at).slice(0, 10) });
    if (row.version !== version) {
      throw new AppError(
        409,
        'stale_version',
        { entity: 'dissemination_session', current: row.version, given: version },
        { current: present(actor, row) },
      );
    }
    return row;
  }

  async edit(ctx: Ctx, id: string, input: EditSessionInput): Promise<SessionValue> {
    return this.db.transaction().execute(async (trx) => {
      const before = await this.lockedForChange(trx, ctx.actor, id, input.version);
      const plan = await plansRepo.findPlan(trx, before.plan_id);
      const unit = await repo.findUnit(trx, before.unit_id);
      if (!plan || !unit) throw new Error('dissemination: a session without its plan or unit');
      const participants = input.participants ?? {
        cadres: before.cadres,
        partyMembers: before.party_members,
        associationMembers: before.association_members,
        people: before.people,
      };
      this.check(plan, unit, { heldOn: input.heldOn ?? before.held_on, participants });
      const change: repo.SessionChange = { updated_at: this.clock.now(), updated_by: ctx.actor.userId || null };
      if (input.heldOn !== undefined) change.held_on = input.heldOn;
      if (input.form !== undefined) change.form = input.form;
      if (input.title !== undefined) change.title = input.title;
      if (input.participants) {
        change.cadres = participants.cadres;
        change.party_members = participants.partyMembers;
        change.association_members = participants.associationMembers;
        change.people = participants.people;
      }
      const materials = blankToNull(input.materials);
      if (materials !== undefined) change.materials = materials;
      const note = blankToNull(input.note);
      if (note !== undefined) change.note = note;
      if (!(await repo.updateSession(trx, id, input.version, change))) {
        throw new Error('dissemination: the locked session moved on');
      }
      const after = await repo.findSession(trx, id);
      if (!after) throw new Error('dissemination: the session just written is missing');
      await recordAudit(trx, ctx, {
        action: 'dissemination.edit',
        entityType: 'dissemination_session',
        entityId: id,
        before: snapshot(before),
        after: snapshot(after),
      });
      return present(ctx.actor, after);
    });
  }

  /** Withdraws a session: kept, with who and when, and left out of every count. */
  async withdraw(ctx: Ctx, id: string, input: { version: number; reason?: string | null | undefined }) {
    return this.db.transaction().execute(async (trx) => {
      const before = await this.lockedForChange(trx, ctx.actor, id, input.version);
      const now = this.clock.now();
      await repo.updateSession(trx, id, input.version, {
        updated_at: now,
        updated_by: ctx.actor.userId || null,
        withdrawn_at: now,
        withdrawn_by: ctx.actor.userId || null,
        withdraw_reason: blankToNull(input.reason) ?? null,
      });
      const after = await repo.findSession(trx, id);
      if (!after) throw new Error('dissemination: the session just written is missing');
      await recordAudit(trx, ctx, {
        action: 'dissemination.withdraw',
        entityType: 'dissemination_session',
        entityId: id,
        before: snapshot(before),
        after: snapshot(after),
      });
      return present(ctx.actor, after);
    });
  }
}
