import { z } from 'zod';
import { Uuid } from '../../platform/schemas.js';
import { PlanDocument, PlanImportObject, PlanReference, ROLES, Signer } from './plan-format.js';

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
  /** active | withdrawn | replaced: an ended plan stays listed, marked (0009, plans.edit). */
  status: z.enum(['active', 'withdrawn', 'replaced']),
  /** What the viewer may do with this plan (platform/access.ts authorize()). */
  actions: z.array(z.string()),
});

export const PlanAssignment = z.object({
  id: Uuid,
  organization: z.string(),
  role: z.string(),
  /** The collective phrase this assignment was expanded from ("Các cấp ủy đảng"), if any. */
  selector: z.string().nullable(),
  unitId: Uuid.nullable(),
  unitName: z.string().nullable(),
  /** Optimistic concurrency for a role change, a late link or an end (plans.edit). */
  version: z.number().int(),
});

/** How many assignments of one role come from one selector (null: units named one by one), and the first few. */
export const AssignmentGroup = z.object({
  selector: z.string().nullable(),
  count: z.number().int(),
  first: z.array(PlanAssignment),
});

/** A task's assignments summarised: counts by role, groups by selector, the first few units of each. */
export const AssignmentSummary = z.object({
  total: z.number().int(),
  roles: z.array(z.object({ role: z.string(), count: z.number().int(), groups: z.array(AssignmentGroup) })),
});

export const NodeStatus = z.enum(['not_started', 'in_progress', 'done', 'cancelled']);

const NodeBase = {
  id: Uuid,
  weight: z.number().int(),
  status: NodeStatus,
  title: z.string().nullable(),
  /** The version an edit of this node is made from (409 stale_version otherwise). */
  version: z.number().int(),
};

interface NodeFields {
  id: string;
  weight: number;
  status: z.infer<typeof NodeStatus>;
  title: string | null;
  version: number;
  children: PlanNodeValue[];
}
export type PlanNodeValue =
  | (NodeFields & { kind: 'section'; label: string })
  | (NodeFields & {
      kind: 'task';
      ref: string;
      text: string;
      deadline: string | null;
      recurrence: string | null;
      cancelledOn: string | null;
      assignments: z.infer<typeof AssignmentSummary>;
    });

const Children = z.array(z.lazy((): z.ZodType<PlanNodeValue> => PlanNode));

export const SectionNode = z.object({ kind: z.literal('section'), ...NodeBase, label: z.string(), children: Children });

export const TaskNode = z.object({
  kind: z.literal('task'),
  ...NodeBase,
  ref: z.string(),
  text: z.string(),
  deadline: z.string().nullable(),
  recurrence: z.string().nullable(),
  /** When the task was cancelled (status cancelled); null otherwise. */
  cancelledOn: z.string().nullable(),
  assignments: AssignmentSummary,
  children: Children,
});

/** One node of the plan's tree, in order; sections and tasks nest. */
export const PlanNode: z.ZodType<PlanNodeValue> = z
  .discriminatedUnion('kind', [SectionNode, TaskNode])
  .meta({ id: 'PlanNode' });

export const AssignmentPageQuery = z
  .object({
    role: z.enum(ROLES).optional(),
    q: z
      .string()
      .max(200)
      .refine((v) => !v.includes('\u0000'), { message: 'NUL' })
      .optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();

export const AssignmentPage = z.object({
  items: z.array(PlanAssignment),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const TaskParams = z.object({ id: Uuid, taskId: Uuid });

export const PlanDetail = z.object({
  id: Uuid,
  /** The version an edit of the plan is made from (PATCH /plans/:id, withdraw, replace). */
  version: z.number().int(),
  /** active, or ended (withdrawn / replaced) from `endedOn`; an ended plan stays readable. */
  status: z.enum(['active', 'withdrawn', 'replaced']),
  endedOn: z.string().nullable(),
  endReason: z.string().nullable(),
  replacedByPlanId: Uuid.nullable(),
  /** The span over which reporting periods run (null: from the plan's date / open-ended). */
  reportingFrom: z.string().nullable(),
  reportingUntil: z.string().nullable(),
  /** The unit the plan's own report goes to (the level above). */
  reportsToUnit: Ref.nullable(),
  ownerUnit: Ref,
  parentPlanId: Uuid.nullable(),
  document: PlanDocument.extend({ id: Uuid, system: z.string().nullable(), title: z.string() }),
  references: z.array(
    PlanReference.extend({ system: z.string().nullable(), relation: z.string(), documentId: Uuid.nullable() }),
  ),
  objectives: z.array(z.string()),
  taskCount: z.number().int(),
  /** Sections and tasks as one tree, in the plan's order. */
  tree: z.array(PlanNode),
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

/**
 * Units one collective phrase may stand for: every commune and ward of the country (3,321) and
 * then some, within the 2 MB body limit (a uuid is 39 bytes of JSON).
 */
export const MAX_SELECTOR_UNITS = 20_000;

export const CreatePlanBody = z
  .object({
    plan: PlanImportObject,
    ownerUnitId: Uuid,
    organizations: z.record(
      z.string().max(500),
      z.union([
        z.object({ unitId: Uuid }).strict(),
        z.object({ unitIds: z.array(Uuid).max(MAX_SELECTOR_UNITS) }).strict(),
        z.null(),
      ]),
    ),
  })
  .strict();
