import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { Ctx } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { joined } from '../../platform/bootstrap.js';
import { type Clock, systemClock } from '../../platform/clock.js';
import { staleVersion } from '../../platform/db/conflicts.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import { planChanged } from '../../platform/plan-events.js';
import { type DocumentInput, DocumentsService } from '../documents/documents.service.js';
import * as repo from './plans.edit.repository.js';
import type * as s from './plans.edit.schemas.js';
import { plansPolicy as policy } from './plans.policy.js';
import * as plansRepo from './plans.repository.js';

type Trx = Transaction<Database>;
type PlanPatch = z.infer<typeof s.PlanPatch>;
type NodeCreate = z.infer<typeof s.NodeCreate>;
type NodePatch = z.infer<typeof s.NodePatch>;
type AssignmentPatch = z.infer<typeof s.AssignmentPatch>;

export function presentNode(n: repo.NodeRow) {
  return {
    id: n.id,
    parentId: n.parent_id,
    position: n.position,
    kind: n.kind,
    label: n.label,
    title: n.title,
    text: n.text,
    deadline: n.deadline,
    weight: n.weight,
    status: n.status,
    cancelledOn: n.cancelled_on,
    version: n.version,
  };
}

export function presentAssignment(a: repo.AssignmentRow) {
  return {
    id: a.id,
    taskId: a.task_id,
    organization: a.organization,
    role: a.role,
    selector: a.selector,
    unitId: a.unit_id,
    unitName: a.unit_name,
    endedOn: a.ended_on,
    version: a.version,
  };
}

function presentPlan(p: repo.LockedPlan) {
  return {
    id: p.id,
    version: p.version,
    status: p.status,
    title: p.title,
    number: p.number,
    symbol: p.symbol,
    date: p.issued_on,
    objectives: p.objectives,
    reportingFrom: p.reporting_from,
    reportingUntil: p.reporting_until,
    reportsToUnitId: p.reports_to_unit_id,
    endedOn: p.ended_on,
  };
}

/**
 * Plans stay editable (issue 7, item 9). Every write: one transaction that locks the plan row
 * first (so edits of one plan apply one after the other), refuses a plan that was withdrawn or
 * replaced (409 plan_ended), authorizes `plan.manage` over the owner and every unit the write
 * brings in, checks the version the edit was made from (409 stale_version with the current
 * record), writes, records an audit row and tells the follow-through (`planChanged`) from the
 * date the change applies, so obligations follow from that date and earlier periods keep theirs.
 */
export class PlanEditService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Opens the plan for a write: exists, may be managed (with `newUnitPaths`), still in force. */
  private async open(trx: Trx, ctx: Ctx, planId: string) {
    const plan = await repo.lockPlan(trx, planId);
    if (!plan) throw notFound('plan');
    policy.assertCanRead(ctx.actor, { ownerPath: plan.owner_path, scopePath: plan.scope_path });
    policy.assertCanManage(ctx.actor, { ownerPath: plan.owner_path, scopePath: plan.scope_path });
    if (plan.status !== 'active') throw new AppError(409, 'plan_ended', { date: plan.ended_on ?? '—' });
    return plan;
  }

  /**
   * A unit the write brings into the plan: it exists, is open on `on`, and the grant that
   * manages the plan covers it too (`plan.manage` with the unit among the assignees).
   */
  private async unit(trx: Trx, ctx: Ctx, plan: repo.LockedPlan, unitId: string, on: string, assigned = true) {
    const unit = await repo.unitById(trx, unitId);
    if (!unit) throw new AppError(400, 'unknown_reference', { entity: 'unit', value: unitId });
    if (unit.valid_to && unit.valid_to <= on) throw new AppError(400, 'unit_closed', { date: unit.valid_to });
    if (assigned) {
      policy.assertCanManage(ctx.actor, { ownerPath: plan.owner_path, scopePath: plan.scope_path }, [unit.path]);
    }
    return unit;
  }

  private assertDeadline(plan: repo.LockedPlan, deadline: string | null | undefined) {
    if (deadline && plan.issued_on && deadline < plan.issued_on) {
      throw new AppError(400, 'deadline_before_plan', { deadline, date: plan.issued_on });
    }
  }

  private async finish(
    trx: Trx,
    ctx: Ctx,
    planId: string,
    on: string,
    action: string,
    before: unknown,
    after: unknown,
  ) {
    await recordAudit(trx, ctx, { action, entityType: 'plan', entityId: planId, before, after });
    await planChanged(trx, { planId, on });
  }

  /** The plan's fields: its document (title, number/symbol, date — the documents' rules), objectives, reporting line. */
  async updatePlan(ctx: Ctx, planId: string, input: PlanPatch): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const on = input.on ?? this.clock.today();
      const plan = await this.open(trx, ctx, planId);
      // The level above: outside the plan's own grant, named only (no work is assigned to it).
      const reportsTo =
        input.reportsToUnitId === undefined || input.reportsToUnitId === null
          ? null
          : await this.unit(trx, ctx, plan, input.reportsToUnitId, on, false);
      if (input.version !== undefined && input.version !== plan.version) {
        throw staleVersion('plan', input.version, presentPlan(plan));
      }
      const from = input.reportingFrom !== undefined ? input.reportingFrom : plan.reporting_from;
      const until = input.reportingUntil !== undefined ? input.reportingUntil : plan.reporting_until;
      if (from && until && until < from) throw new AppError(400, 'reporting_span_invalid', { from, until });
      if (input.date) {
        const earliest = await repo.earliestDeadline(trx, planId);
        if (earliest && earliest < input.date) {
          throw new AppError(400, 'deadline_before_plan', { deadline: earliest, date: input.date });
        }
      }
      const doc: DocumentInput = {};
      if (input.title !== undefined) doc.title = input.title;
      if (input.number !== undefined) doc.number = input.number;
      if (input.symbol !== undefined) doc.symbol = input.symbol;
      if (input.date !== undefined) doc.date = input.date;
      if (Object.keys(doc).length > 0) {
        // The documents service's own rules (symbol grammar, identity, its audit row), in this transaction.
        await new DocumentsService(joined(trx), this.clock).update(ctx, plan.document_id, doc);
      }
      const values: Parameters<typeof repo.updatePlan>[3] = {};
      if (input.objectives !== undefined) values.objectives = JSON.stringify(input.objectives);
      if (input.reportingFrom !== undefined) values.reporting_from = input.reportingFrom;
      if (input.reportingUntil !== undefined) values.reporting_until = input.reportingUntil;
      if (input.reportsToUnitId !== undefined) values.reports_to_unit_id = reportsTo?.id ?? null;
      if (!(await repo.updatePlan(trx, planId, plan.version, values))) {
        throw staleVersion('plan', plan.version, presentPlan(plan));
      }
      const { version: _v, on: _on, ...after } = input;
      await this.finish(trx, ctx, planId, on, 'plan.update', presentPlan(plan), after);
    });
  }

  /** The new parent: null (the root) or a node of the same plan. */
  private async parent(trx: Trx, planId: string, parentId: string | null | undefined) {
    if (!parentId) return null;
    const parent = await repo.findNode(trx, planId, parentId);
    if (!parent) throw new AppError(400, 'unknown_reference', { entity: 'node', value: parentId });
    return parent;
  }

  async createNode(ctx: Ctx, planId: string, input: NodeCreate) {
    return this.db.transaction().execute(async (trx) => {
      const on = input.on ?? this.clock.today();
      const plan = await this.open(trx, ctx, planId);
      const parent = await this.parent(trx, planId, input.parentId);
      if (input.kind === 'section' && (input.text || input.deadline)) {
        throw new AppError(400, 'node_not_task');
      }
      this.assertDeadline(plan, input.deadline);
      const parentId = parent?.id ?? null;
      const count = await repo.childCount(trx, planId, parentId);
      const position = Math.min(input.position ?? count, count);
      await repo.shiftSiblings(trx, planId, parentId, position, 1);
      const node = await repo.insertNode(trx, {
        plan_id: planId,
        parent_id: parentId,
        position,
        kind: input.kind,
        label: input.label,
        title: input.title ?? null,
        text: input.kind === 'task' ? (input.text ?? '') : null,
        deadline: input.deadline ?? null,
        weight: input.weight ?? 1,
      });
      await this.finish(trx, ctx, planId, on, 'plan.node_create', undefined, presentNode(node));
      return presentNode(node);
    });
  }

  async updateNode(ctx: Ctx, planId: string, nodeId: string, input: NodePatch) {
    return this.db.transaction().execute(async (trx) => {
      const on = input.on ?? this.clock.today();
      const plan = await this.open(trx, ctx, planId);
      const node = await repo.findNode(trx, planId, nodeId);
      if (!node) throw notFound('node');
      if (input.version !== undefined && input.version !== node.version) {
        throw staleVersion('node', input.version, presentNode(node));
      }
      if (node.status === 'cancelled') throw new AppError(409, 'task_cancelled', { date: node.cancelled_on ?? '—' });
      if (node.kind === 'section' && (input.text || input.deadline)) throw new AppError(400, 'node_not_task');
      if (input.deadline !== undefined) this.assertDeadline(plan, input.deadline);
      const values: Parameters<typeof repo.updateNode>[3] = {};
      if (input.label !== undefined) values.label = input.label;
      if (input.title !== undefined) values.title = input.title ?? null;
      if (input.text !== undefined && node.kind === 'task') values.text = input.text ?? '';
      if (input.deadline !== undefined) values.deadline = input.deadline;
      if (input.weight !== undefined) values.weight = input.weight;
      const moves = input.parentId !== undefined || input.position !== undefined;
      if (moves) {
        const parentId = input.parentId === undefined ? node.parent_id : input.parentId;
        const parent = await this.parent(trx, planId, parentId);
        if (parent) {
          // Not under itself nor under one of its own descendants.
          const parents = new Map((await repo.nodeParents(trx, planId)).map((r) => [r.id, r.parent_id]));
          for (let at: string | null | undefined = parent.id; at; at = parents.get(at)) {
            if (at === node.id) throw new AppError(400, 'node_cycle');
          }
        }
        const target = parent?.id ?? null;
        // Leave the old place, then take the new one among the new siblings.
        await repo.shiftSiblings(trx, planId, node.parent_id, node.position + 1, -1, node.id);
        const count = await repo.childCount(trx, planId, target);
        const siblings = target === node.parent_id ? count - 1 : count;
        const position = Math.min(input.position ?? siblings, siblings);
        await repo.shiftSiblings(trx, planId, target, position, 1, node.id);
        values.parent_id = target;
        values.position = position;
      }
      const updated = await repo.updateNode(trx, nodeId, node.version, values);
      if (!updated) throw staleVersion('node', node.version, presentNode(node));
      await this.finish(trx, ctx, planId, on, 'plan.node_update', presentNode(node), presentNode(updated));
      return presentNode(updated);
    });
  }

  /** A task is cancelled, never deleted: its history and its reports stay. */
  async cancelNode(
    ctx: Ctx,
    planId: string,
    nodeId: string,
    input: { version?: number | undefined; on?: string | undefined },
  ) {
    return this.db.transaction().execute(async (trx) => {
      const on = input.on ?? this.clock.today();
      await this.open(trx, ctx, planId);
      const node = await repo.findNode(trx, planId, nodeId);
      if (!node) throw notFound('node');
      if (input.version !== undefined && input.version !== node.version) {
        throw staleVersion('node', input.version, presentNode(node));
      }
      if (node.kind !== 'task') throw new AppError(400, 'node_not_task');
      if (node.status === 'cancelled') throw new AppError(409, 'task_cancelled', { date: node.cancelled_on ?? '—' });
      const updated = await repo.updateNode(trx, nodeId, node.version, { status: 'cancelled', cancelled_on: on });
      if (!updated) throw staleVersion('node', node.version, presentNode(node));
      await this.finish(trx, ctx, planId, on, 'plan.node_cancel', presentNode(node), presentNode(updated));
      return presentNode(updated);
    });
  }

  /** A unit newly assigned to a task (one unit, named by the directory). */
  async addAssignment(ctx: Ctx, planId: string, taskId: string, input: z.infer<typeof s.AssignmentCreate>) {
    return this.db.transaction().execute(async (trx) => {
      const on = input.on ?? this.clock.today();
      const plan = await this.open(trx, ctx, planId);
      const unit = await this.unit(trx, ctx, plan, input.unitId, on);
      const task = await repo.findNode(trx, planId, taskId);
      if (!task) throw notFound('task');
      if (task.kind !== 'task') throw new AppError(400, 'node_not_task');
      if (task.status === 'cancelled') throw new AppError(409, 'task_cancelled', { date: task.cancelled_on ?? '—' });
      const existing = await repo.activeAssignmentOf(trx, taskId, unit.id);
      if (existing) throw new AppError(409, 'assignment_exists', { unit: unit.name, role: existing.role });
      const id = await repo.insertAssignment(trx, {
        task_id: taskId,
        position: await repo.nextAssignmentPosition(trx, taskId),
        organization: unit.name,
        role: input.role,
        unit_id: unit.id,
      });
      const row = presentAssignment(await repo.findAssignment(trx, id));
      await this.finish(trx, ctx, planId, on, 'plan.assignment_create', undefined, row);
      return row;
    });
  }

  /** A role changed, or a unit linked to an assignment imported without one ("link later"). */
  async updateAssignment(ctx: Ctx, planId: string, assignmentId: string, input: AssignmentPatch) {
    return this.db.transaction().execute(async (trx) => {
      const on = input.on ?? this.clock.today();
      const plan = await this.open(trx, ctx, planId);
      const unit = input.unitId ? await this.unit(trx, ctx, plan, input.unitId, on) : null;
      const a = await repo.lockAssignment(trx, planId, assignmentId);
      if (!a) throw notFound('assignment');
      if (input.version !== undefined && input.version !== a.version) {
        throw staleVersion('assignment', input.version, presentAssignment(a));
      }
      if (a.ended_on) throw new AppError(409, 'assignment_ended', { date: a.ended_on });
      const values: Parameters<typeof repo.updateAssignment>[3] = {};
      if (unit && unit.id !== a.unit_id) {
        if (a.unit_id) throw new AppError(409, 'assignment_linked', { unit: a.unit_name ?? a.unit_id });
        const existing = await repo.activeAssignmentOf(trx, a.task_id, unit.id);
        if (existing) throw new AppError(409, 'assignment_exists', { unit: unit.name, role: existing.role });
        values.unit_id = unit.id;
      }
      if (input.role !== undefined && input.role !== a.role) {
        if (!a.unit_id && !values.unit_id)
          throw new AppError(409, 'assignment_unlinked', { organization: a.organization });
        values.role = input.role;
      }
      if (Object.keys(values).length > 0 && !(await repo.updateAssignment(trx, a.id, a.version, values))) {
        throw staleVersion('assignment', a.version, presentAssignment(a));
      }
      const row = presentAssignment(await repo.findAssignment(trx, a.id));
      if (Object.keys(values).length > 0) {
        await this.finish(
          trx,
          ctx,
          planId,
          on,
          values.unit_id ? 'plan.assignment_link' : 'plan.assignment_update',
          presentAssignment(a),
          row,
        );
      }
      return row;
    });
  }

  /** An assignment removed from its task: kept, with the date from which it no longer applies. */
  async endAssignment(
    ctx: Ctx,
    planId: string,
    assignmentId: string,
    input: { version?: number | undefined; on?: string | undefined },
  ) {
    return this.db.transaction().execute(async (trx) => {
      const on = input.on ?? this.clock.today();
      await this.open(trx, ctx, planId);
      const a = await repo.lockAssignment(trx, planId, assignmentId);
      if (!a) throw notFound('assignment');
      if (input.version !== undefined && input.version !== a.version) {
        throw staleVersion('assignment', input.version, presentAssignment(a));
      }
      if (a.ended_on) throw new AppError(409, 'assignment_ended', { date: a.ended_on });
      if (!(await repo.updateAssignment(trx, a.id, a.version, { ended_on: on }))) {
        throw staleVersion('assignment', a.version, presentAssignment(a));
      }
      const row = presentAssignment(await repo.findAssignment(trx, a.id));
      await this.finish(trx, ctx, planId, on, 'plan.assignment_end', presentAssignment(a), row);
      return row;
    });
  }

  async withdraw(ctx: Ctx, planId: string, input: z.infer<typeof s.Withdraw>): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const plan = await this.open(trx, ctx, planId);
      if (input.version !== undefined && input.version !== plan.version) {
        throw staleVersion('plan', input.version, presentPlan(plan));
      }
      const values = { status: 'withdrawn' as const, ended_on: input.on, end_reason: input.reason };
      if (!(await repo.updatePlan(trx, planId, plan.version, values))) {
        throw staleVersion('plan', plan.version, presentPlan(plan));
      }
      await this.finish(trx, ctx, planId, input.on, 'plan.withdraw', presentPlan(plan), values);
    });
  }

  async replace(ctx: Ctx, planId: string, input: z.infer<typeof s.Replace>): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const plan = await this.open(trx, ctx, planId);
      if (input.byPlanId === planId) throw new AppError(400, 'plan_replace_self');
      const by = await plansRepo.findPlan(trx, input.byPlanId);
      // A plan the actor cannot read is, for them, no plan at all.
      if (!by || !policy.canRead(ctx.actor, { ownerPath: by.owner_path, scopePath: by.scope_path })) {
        throw new AppError(400, 'unknown_reference', { entity: 'plan', value: input.byPlanId });
      }
      if (input.version !== undefined && input.version !== plan.version) {
        throw staleVersion('plan', input.version, presentPlan(plan));
      }
      const byStatus = await repo.planStatus(trx, input.byPlanId);
      if (byStatus?.status !== 'active') throw new AppError(409, 'plan_replacement_ended');
      const values = { status: 'replaced' as const, ended_on: input.on, replaced_by_plan_id: input.byPlanId };
      if (!(await repo.updatePlan(trx, planId, plan.version, values))) {
        throw staleVersion('plan', plan.version, presentPlan(plan));
      }
      await this.finish(trx, ctx, planId, input.on, 'plan.replace', presentPlan(plan), values);
    });
  }

  /** Assignments still without a unit, for the "link later" list. */
  async unlinked(actor: Ctx['actor'], planId: string) {
    const plan = await plansRepo.findPlan(this.db, planId);
    if (!plan) throw notFound('plan');
    policy.assertCanRead(actor, { ownerPath: plan.owner_path, scopePath: plan.scope_path });
    const [rows, total] = await Promise.all([
      repo.unlinkedAssignments(this.db, planId, 500),
      repo.countUnlinked(this.db, planId),
    ]);
    return { items: rows.map((r) => ({ ...presentAssignment(r), taskRef: r.task_ref })), total };
  }
}
