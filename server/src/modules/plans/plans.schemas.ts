import { z } from 'zod';
import { Uuid } from '../../platform/schemas.js';
import { PlanDocument, PlanReference, PlanSectionNode, Signer } from './plan-format.js';

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
});

export const UnitAssignment = z.object({
  id: Uuid,
  role: z.string(),
  organization: z.string(),
  task: z.object({ id: Uuid, ref: z.string(), title: z.string().nullable(), text: z.string() }),
  plan: z.object({ id: Uuid, title: z.string(), symbol: z.string().nullable() }),
});
