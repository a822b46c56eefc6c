import type { Kysely } from 'kysely';
import { type Actor, type Ctx, readablePrefixes } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { type Clock, systemClock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import * as documentsRepo from '../documents/documents.repository.js';
import { DocumentsService, linkReferences } from '../documents/documents.service.js';
import { territoryOf } from '../organizations/organizations.repository.js';
import type { PlanImportObject } from './plan-format.js';
import { plansPolicy as policy } from './plans.policy.js';
import * as repo from './plans.repository.js';

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
    }));
  }

  async get(actor: Actor, id: string) {
    const plan = await repo.findPlan(this.db, id);
    if (!plan) throw notFound('plan');
    policy.assertCanRead(actor, { ownerPath: plan.owner_path, scopePath: plan.scope_path });
    const [sections, tasks, assignments, references, recipients] = await Promise.all([
      repo.sectionsOf(this.db, id),
      repo.tasksOf(this.db, id),
      repo.assignmentsOfPlan(this.db, id),
      documentsRepo.referencesOf(this.db, plan.document_id),
      repo.recipientsOf(this.db, plan.document_id),
    ]);
    return {
      id: plan.id,
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
      sections: sections
        .filter((s) => s.parent_id === null)
        .map((s) => ({
          label: s.label,
          title: s.title,
          children: sections.filter((c) => c.parent_id === s.id).map((c) => ({ label: c.label, title: c.title })),
        })),
      objectives: plan.objectives,
      tasks: tasks.map((t) => ({
        id: t.id,
        ref: t.ref,
        title: t.title,
        text: t.text,
        deadline: t.deadline,
        recurrence: t.recurrence,
        assignments: assignments
          .filter((a) => a.task_id === t.id)
          .map((a) => ({
            id: a.id,
            organization: a.organization,
            role: a.role,
            unitId: a.unit_id,
            unitName: a.unit_name,
          })),
      })),
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
    };
  }

  /** What a unit is assigned across plans. The caller has already checked the unit is readable. */
  async assignmentsOfUnit(unitId: string) {
    const rows = await repo.assignmentsOfUnit(this.db, unitId);
    return rows.map((r) => ({
      id: r.id,
      role: r.role,
      organization: r.organization,
      task: { id: r.task_id, ref: r.ref, title: r.task_title, text: r.text },
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
    policy.assertCanManage(ctx.actor);
    const { plan } = input;
    return this.db.transaction().execute(async (trx) => {
      const owner = await repo.findUnitPath(trx, input.ownerUnitId);
      if (!owner) throw new AppError(400, 'unknown_reference', { entity: 'unit', value: input.ownerUnitId });
      policy.assertCanCreateFor(ctx.actor, owner.path);
      const scope = (await territoryOf(trx, owner.path)) ?? owner;
      const chosen = [
        ...new Set(Object.values(input.units).flatMap((v) => (v === null ? [] : Array.isArray(v) ? v : [v]))),
      ];
      const known = new Set((await repo.existingUnitIds(trx, chosen)).map((u) => u.id));
      const forged = chosen.find((id) => !known.has(id));
      if (forged) throw new AppError(400, 'unknown_reference', { entity: 'unit', value: forged });
      const unitsOf = (name: string | null): string[] => {
        const v = name ? input.units[name] : null;
        return v === null || v === undefined ? [] : Array.isArray(v) ? v : [v];
      };
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
      let position = 0;
      for (const section of plan.sections) {
        const sectionId = await repo.insertSection(trx, {
          plan_id: planId,
          parent_id: null,
          position: position++,
          label: section.label,
          title: section.title,
        });
        for (const child of section.children) {
          await repo.insertSection(trx, {
            plan_id: planId,
            parent_id: sectionId,
            position: position++,
            label: child.label,
            title: child.title,
          });
        }
      }
      for (const [taskPosition, task] of plan.tasks.entries()) {
        const taskId = await repo.insertTask(trx, {
          plan_id: planId,
          position: taskPosition,
          ref: task.ref,
          title: task.title,
          text: task.text,
          deadline: task.deadline,
          recurrence: task.recurrence,
        });
        let n = 0;
        type Row = Parameters<typeof repo.insertAssignments>[1][number];
        const rows = task.assignments.flatMap((a): Row[] => {
          const units = unitsOf(a.organization);
          if (units.length <= 1) {
            return [
              {
                task_id: taskId,
                position: n++,
                organization: a.organization,
                role: a.role,
                unit_id: units[0] ?? null,
                selector: null,
              },
            ];
          }
          return units.map((unitId) => ({
            task_id: taskId,
            position: n++,
            organization: a.organization,
            role: a.role,
            unit_id: unitId,
            selector: a.organization,
          }));
        });
        await repo.insertAssignments(trx, rows);
      }
      await recordAudit(trx, ctx, {
        action: 'plan.create',
        entityType: 'plan',
        entityId: planId,
        after: { documentId, ownerUnitId: owner.id, plan, units: input.units },
      });
      return { id: planId, documentId };
    });
  }
}
