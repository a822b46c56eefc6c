import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { type Actor, type Ctx, readablePrefixes } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { type Clock, systemClock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import { planChanged } from '../../platform/plan-events.js';
import { searchTerms } from '../../platform/text.js';
import * as documentsRepo from '../documents/documents.repository.js';
import { DocumentsService, linkReferences } from '../documents/documents.service.js';
import { organizationsPolicy } from '../organizations/organizations.policy.js';
import { territoryOf } from '../organizations/organizations.repository.js';
import { type PlanImportObject, ROLES } from './plan-format.js';
import { plansPolicy as policy } from './plans.policy.js';
import * as repo from './plans.repository.js';
import type { AssignmentSummary, PlanNodeValue } from './plans.schemas.js';
import { nest, planTree } from './tree.js';

export interface CreatePlanInput {
  plan: PlanImportObject;
  ownerUnitId: string;
  issuerUnitId?: string | null;
  parentPlanId?: string | null;
  /**
   * The unit chosen for each organization name (assignments and recipients): one unit, the
   * units a selector expands to, or null/absent when left unassigned.
   */
  units: Record<string, string | string[] | null>;
}

/** How many units of each (role, selector) group the plan answer names; the rest is paged. */
export const FIRST_PER_GROUP = 5;

type Summary = z.infer<typeof AssignmentSummary>;
type AssignmentRow = Awaited<ReturnType<typeof repo.assignmentsOfTask>>[number];

function presentAssignment(a: AssignmentRow) {
  return {
    id: a.id,
    organization: a.organization,
    role: a.role,
    selector: a.selector,
    unitId: a.unit_id,
    unitName: a.unit_name,
    version: a.version,
  };
}

/**
 * Each task's assignments as counts by role and selector with the first few units of each
 * group, roles in the format's order, groups in the plan's order.
 */
function summarise(rows: Awaited<ReturnType<typeof repo.assignmentGroups>>): Map<string, Summary> {
  const roleRank = (role: string) => {
    const i = (ROLES as readonly string[]).indexOf(role);
    return i < 0 ? ROLES.length : i;
  };
  const sorted = [...rows].sort(
    (a, b) =>
      roleRank(a.role) - roleRank(b.role) ||
      a.role.localeCompare(b.role) ||
      Number(a.first) - Number(b.first) ||
      a.position - b.position,
  );
  const out = new Map<string, Summary>();
  for (const row of sorted) {
    const summary = out.get(row.task_id) ?? { total: 0, roles: [] };
    out.set(row.task_id, summary);
    let role = summary.roles.find((r) => r.role === row.role);
    if (!role) {
      role = { role: row.role, count: 0, groups: [] };
      summary.roles.push(role);
    }
    let group = role.groups.find((g) => g.selector === row.selector);
    if (!group) {
      group = { selector: row.selector, count: row.n, first: [] };
      role.groups.push(group);
      role.count += row.n;
      summary.total += row.n;
    }
    group.first.push(presentAssignment(row));
  }
  return out;
}

export class PlansService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock = systemClock,
  ) {}

  async list(actor: Actor) {
    const rows = await repo.listPlans(this.db, readablePrefixes(actor));
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      symbol: r.symbol,
      typeName: r.type_name,
      issuedOn: r.issued_on,
      issuer: r.issuer_name,
      ownerUnit: { id: r.owner_id, name: r.owner_name },
      taskCount: r.task_count ?? 0,
      status: r.status,
      actions: policy.actions(actor, { ownerPath: r.owner_path, scopePath: r.scope_path }, r.status),
    }));
  }

  async get(actor: Actor, id: string) {
    const plan = await repo.findPlan(this.db, id);
    if (!plan) throw notFound('plan');
    const placed = { ownerPath: plan.owner_path, scopePath: plan.scope_path };
    policy.assertCanRead(actor, placed);
    const [nodes, groups, references, recipients] = await Promise.all([
      repo.nodesOf(this.db, id),
      repo.assignmentGroups(this.db, id, FIRST_PER_GROUP),
      documentsRepo.referencesOf(this.db, plan.document_id),
      repo.recipientsOf(this.db, plan.document_id),
    ]);
    const summaries = summarise(groups);
    return {
      id: plan.id,
      version: plan.version,
      status: plan.status,
      endedOn: plan.ended_on,
      endReason: plan.end_reason,
      replacedByPlanId: plan.replaced_by_plan_id,
      reportingFrom: plan.reporting_from,
      reportingUntil: plan.reporting_until,
      reportsToUnit:
        plan.reports_to_unit_id && plan.reports_to_name
          ? { id: plan.reports_to_unit_id, name: plan.reports_to_name }
          : null,
      ownerUnit: { id: plan.owner_id, name: plan.owner_name },
      parentPlanId: plan.parent_plan_id,
      document: {
        id: plan.document_id,
        system: plan.system,
        typeName: plan.type_name,
        typeCode: plan.type_code,
        number: plan.number,
        symbol: plan.symbol,
        issuerCode: plan.issuer_code,
        issuer: plan.issuer_name,
        place: plan.place,
        date: plan.issued_on,
        title: plan.title,
      },
      references: references.map((r) => ({
        asWritten: r.as_written,
        system: r.system,
        typeName: r.type_name,
        typeCode: r.type_code,
        number: r.number,
        symbol: r.symbol,
        issuerCode: r.issuer_code,
        issuer: r.issuer_name,
        date: r.issued_on,
        relation: r.relation,
        documentId: r.target_document_id,
      })),
      objectives: plan.objectives,
      taskCount: nodes.filter((n) => n.kind === 'task').length,
      tree: nest(nodes, (n, children): PlanNodeValue => {
        const base = { id: n.id, weight: n.weight, status: n.status, title: n.title, version: n.version, children };
        if (n.kind === 'section') return { kind: 'section', ...base, label: n.label };
        return {
          kind: 'task',
          ...base,
          ref: n.label,
          text: n.text ?? '',
          deadline: n.deadline,
          recurrence: n.recurrence,
          cancelledOn: n.cancelled_on,
          assignments: summaries.get(n.id) ?? { total: 0, roles: [] },
        };
      }),
      addressees: plan.addressees,
      recipients: recipients.map((r) => ({
        asWritten: r.as_written,
        organization: r.organization,
        purpose: r.purpose,
        isArchive: r.is_archive,
        unitId: r.unit_id,
        unitName: r.unit_name,
      })),
      signer: plan.signer,
      actions: policy.actions(actor, placed, plan.status),
    };
  }

  /** One page of a task's assignments, filtered by role and search terms. */
  async taskAssignments(
    actor: Actor,
    planId: string,
    taskId: string,
    query: { role?: string | undefined; q?: string | undefined; limit: number; offset: number },
  ) {
    const plan = await repo.findPlan(this.db, planId);
    if (!plan) throw notFound('plan');
    policy.assertCanRead(actor, { ownerPath: plan.owner_path, scopePath: plan.scope_path });
    const task = await repo.findTaskOfPlan(this.db, planId, taskId);
    if (!task) throw notFound('task');
    const filter = { role: query.role, terms: query.q ? searchTerms(query.q) : [] };
    const [rows, total] = await Promise.all([
      repo.assignmentsOfTask(this.db, taskId, filter, query),
      repo.countAssignmentsOfTask(this.db, taskId, filter),
    ]);
    return { items: rows.map(presentAssignment), total, limit: query.limit, offset: query.offset };
  }

  /**
   * What a unit is assigned across plans: the unit must be readable, and only the plans the
   * actor may read are listed (a unit in scope can be assigned by a plan that is not).
   */
  async assignmentsOfUnit(actor: Actor, unitId: string) {
    const unit = await repo.findUnitPath(this.db, unitId);
    if (!unit) throw notFound('unit');
    organizationsPolicy.assertCanRead(actor, unit);
    const rows = (await repo.assignmentsOfUnit(this.db, unit.id)).filter((r) =>
      policy.canRead(actor, { ownerPath: r.owner_path, scopePath: r.scope_path }),
    );
    return rows.map((r) => ({
      id: r.id,
      role: r.role,
      organization: r.organization,
      task: { id: r.task_id, ref: r.ref, title: r.task_title, text: r.text ?? '' },
      plan: { id: r.plan_id, title: r.plan_title, symbol: r.symbol },
    }));
  }

  /**
   * Creates the document (registered, its references linked to the registry), its recipients,
   * and the plan with its sections, tasks and assignments in one transaction, with an audit row
   * for the document and one for the plan. A name mapped to several units (a selector such as
   * "Các cấp ủy đảng") becomes one assignment per unit.
   */
  async create(ctx: Ctx, input: CreatePlanInput): Promise<{ id: string; documentId: string }> {
    const { plan } = input;
    return this.db.transaction().execute(async (trx) => {
      const owner = await repo.findUnitPath(trx, input.ownerUnitId);
      if (!owner) throw new AppError(400, 'unknown_reference', { entity: 'unit', value: input.ownerUnitId });
      const scope = (await territoryOf(trx, owner.path)) ?? owner;
      const chosen = [
        ...new Set(Object.values(input.units).flatMap((v) => (v === null ? [] : Array.isArray(v) ? v : [v]))),
      ];
      const known = new Map((await repo.existingUnitIds(trx, chosen)).map((u) => [u.id, u.path]));
      const forged = chosen.find((id) => !known.has(id));
      if (forged) throw new AppError(400, 'unknown_reference', { entity: 'unit', value: forged });
      const unitsOf = (name: string | null): string[] => {
        const v = name ? input.units[name] : null;
        return v === null || v === undefined ? [] : Array.isArray(v) ? v : [v];
      };
      // One grant must cover the owner and every unit a task is assigned to.
      const assignees = plan.tasks.flatMap((t) => t.assignments.flatMap((a) => unitsOf(a.organization)));
      policy.assertCanCreate(
        ctx.actor,
        { ownerPath: owner.path, scopePath: scope.path },
        [...new Set(assignees)].map((id) => known.get(id) ?? ''),
      );
      const doc = plan.document;
      const documentId = await new DocumentsService(this.db, this.clock).register(
        trx,
        ctx,
        {
          system: doc.system,
          typeName: doc.typeName,
          typeCode: doc.typeCode,
          number: doc.number,
          symbol: doc.symbol,
          issuerCode: doc.issuerCode,
          issuer: doc.issuer,
          issuerUnitId: input.issuerUnitId ?? owner.id,
          place: doc.place,
          date: doc.date,
          title: doc.title ?? plan.tasks[0]?.text.slice(0, 200) ?? '(không có tiêu đề)',
        },
        { addressees: plan.addressees, signer: plan.signer },
      );
      await repo.insertReferences(
        trx,
        plan.references.map((r, position) => ({
          document_id: documentId,
          position,
          relation: r.relation,
          as_written: r.asWritten,
          system: r.system,
          type_name: r.typeName,
          type_code: r.typeCode,
          number: r.number,
          symbol: r.symbol,
          issuer_code: r.issuerCode,
          issuer_name: r.issuer,
          issued_on: r.date,
        })),
      );
      await repo.insertRecipients(
        trx,
        plan.recipients.map((r, position) => ({
          document_id: documentId,
          position,
          as_written: r.asWritten,
          organization: r.organization,
          purpose: r.purpose,
          is_archive: r.isArchive,
          unit_id: unitsOf(r.organization).length === 1 ? (unitsOf(r.organization)[0] ?? null) : null,
        })),
      );
      await linkReferences(trx, documentId, owner.path);
      const parentPlanId = input.parentPlanId ?? (await repo.planOfImplementedDocument(trx, documentId));
      const planId = await repo.insertPlan(trx, {
        document_id: documentId,
        owner_unit_id: owner.id,
        scope_unit_id: scope.id,
        parent_plan_id: parentPlanId,
        objectives: plan.objectives,
      });
      const nodes = planTree(plan);
      await repo.insertNodes(
        trx,
        nodes.map((node) => {
          const task = node.taskIndex === null ? null : plan.tasks[node.taskIndex];
          return {
            id: node.id,
            plan_id: planId,
            parent_id: node.parentId,
            position: node.position,
            kind: node.kind,
            label: node.label,
            title: node.title,
            text: task?.text ?? null,
            deadline: task?.deadline ?? null,
            recurrence: task?.recurrence ?? null,
          };
        }),
      );
      type Row = Parameters<typeof repo.insertAssignments>[1][number];
      const rows: Row[] = [];
      for (const node of nodes) {
        const task = node.taskIndex === null ? null : plan.tasks[node.taskIndex];
        if (!task) continue;
        let n = 0;
        for (const a of task.assignments) {
          const units = unitsOf(a.organization);
          if (units.length <= 1) {
            rows.push({
              task_id: node.id,
              position: n++,
              organization: a.organization,
              role: a.role,
              unit_id: units[0] ?? null,
              selector: null,
            });
            continue;
          }
          for (const unitId of units) {
            rows.push({
              task_id: node.id,
              position: n++,
              organization: a.organization,
              role: a.role,
              unit_id: unitId,
              selector: a.organization,
            });
          }
        }
      }
      await repo.insertAssignments(trx, rows);
      await recordAudit(trx, ctx, {
        action: 'plan.create',
        entityType: 'plan',
        entityId: planId,
        after: { documentId, ownerUnitId: owner.id, plan, units: input.units },
      });
      await planChanged(trx, { planId, on: this.clock.today() });
      return { id: planId, documentId };
    });
  }
}
