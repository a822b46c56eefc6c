import { z } from 'zod';
import { Uuid } from '../../platform/schemas.js';
import { PlanDocument, PlanImportObject, PlanReference, PlanSectionNode, Signer } from './plan-format.js';

const Ref = z.object({ id: Uuid, name: z.string() });

export const PlanSummary = z.object({
  id: Uuid,
  title: z.string(),
  symbol: z.string().nullable(),
  typeName: z.string().nullable(),
  issuedOn: z.string().nullable(),
  issuer: z.string().nullable(),
  ownerUnit: Ref,
  taskCount: z.number(),
  /** What the viewer may do with this plan (platform/access.ts authorize()). */
  actions: z.array(z.string()),
});

export const PlanAssignment = z.object({
  id: Uuid,
  organization: z.string(),
  role: z.string(),
  unitId: Uuid.nullable(),
  unitName: z.string().nullable(),
});

export const PlanDetail = z.object({
  id: Uuid,
  ownerUnit: Ref,
  parentPlanId: Uuid.nullable(),
  document: PlanDocument.extend({ id: Uuid, system: z.string().nullable(), title: z.string() }),
  references: z.array(
    PlanReference.extend({ system: z.string().nullable(), relation: z.string(), documentId: Uuid.nullable() }),
  ),
  sections: z.array(PlanSectionNode),
  objectives: z.array(z.string()),
  tasks: z.array(
    z.object({
      id: Uuid,
      ref: z.string(),
      title: z.string().nullable(),
      text: z.string(),
      deadline: z.string().nullable(),
      recurrence: z.string().nullable(),
      assignments: z.array(PlanAssignment),
    }),
  ),
  addressees: z.array(z.string()),
  recipients: z.array(
    z.object({
      asWritten: z.string(),
      organization: z.string().nullable(),
      purpose: z.string().nullable(),
      isArchive: z.boolean(),
      unitId: Uuid.nullable(),
      unitName: z.string().nullable(),
    }),
  ),
  signer: Signer.nullable(),
  actions: z.array(z.string()),
});

export const UnitAssignment = z.object({
  id: Uuid,
  role: z.string(),
  organization: z.string(),
  task: z.object({ id: Uuid, ref: z.string(), title: z.string().nullable(), text: z.string() }),
  plan: z.object({ id: Uuid, title: z.string(), symbol: z.string().nullable() }),
});

const Candidate = z.object({ unitId: Uuid, name: z.string(), confidence: z.number(), activeAtDate: z.boolean() });

export const ImportPreview = z.object({
  plan: PlanImportObject,
  organizations: z.array(
    z.object({
      name: z.string(),
      occurrences: z.number(),
      status: z.enum(['matched', 'selector', 'unmatched']),
      unitId: Uuid.nullable(),
      confidence: z.number(),
      candidates: z.array(Candidate),
      selector: z.object({ label: z.string(), units: z.array(z.object({ id: Uuid, name: z.string() })) }).nullable(),
    }),
  ),
  owner: z.object({ unitId: Uuid, name: z.string(), confidence: z.number() }).nullable(),
});

export const CreatePlanBody = z
  .object({
    plan: PlanImportObject,
    ownerUnitId: Uuid,
    organizations: z.record(
      z.string().max(500),
      z.union([z.object({ unitId: Uuid }).strict(), z.object({ unitIds: z.array(Uuid).max(2000) }).strict(), z.null()]),
    ),
  })
  .strict();
