import { z } from 'zod';
import { IsoDate, Name, OptionalName, Text, Uuid } from '../../platform/schemas.js';
import { ROLES } from './plan-format.js';

/** Request bodies of the plan editing routes (plans.edit.routes.ts). */

const Version = z.number().int().min(1).max(2_147_483_647);
/** The date from which a change applies (obligations follow from it); default: today. */
const On = IsoDate.optional();

export const PlanPatch = z
  .object({
    /** The plan's version the edit was made from; 409 stale_version when it moved on. */
    version: Version.optional(),
    title: Name(2000).optional(),
    /** Through the documents service's rules (symbol grammar, identity). */
    number: Text(20).optional(),
    symbol: Text(100).optional(),
    date: IsoDate.nullish(),
    objectives: z.array(Text(4000)).max(200).optional(),
    reportingFrom: IsoDate.nullish(),
    reportingUntil: IsoDate.nullish(),
    reportsToUnitId: Uuid.nullish(),
    on: On,
  })
  .strict();

export const NodeCreate = z
  .object({
    kind: z.enum(['section', 'task']),
    /** The section (or task) it goes under; null or absent: the root. */
    parentId: Uuid.nullish(),
    /** Among its siblings, from 0; absent: last. */
    position: z.number().int().min(0).max(100_000).optional(),
    label: Name(50),
    title: OptionalName(2000),
    text: Text(20_000).nullish(),
    deadline: IsoDate.nullish(),
    weight: z.number().int().min(0).max(1000).optional(),
    on: On,
  })
  .strict();

export const NodePatch = z
  .object({
    version: Version.optional(),
    label: Name(50).optional(),
    title: OptionalName(2000),
    text: Text(20_000).nullish(),
    deadline: IsoDate.nullish(),
    weight: z.number().int().min(0).max(1000).optional(),
    /** Move: the new parent (null: the root) … */
    parentId: Uuid.nullish(),
    /** … and the place among its new siblings (absent: last). */
    position: z.number().int().min(0).max(100_000).optional(),
    on: On,
  })
  .strict();

export const NodeCancel = z.object({ version: Version.optional(), on: On }).strict();

export const AssignmentCreate = z.object({ unitId: Uuid, role: z.enum(ROLES), on: On }).strict();

export const AssignmentPatch = z
  .object({
    version: Version.optional(),
    role: z.enum(ROLES).optional(),
    /** "Link later": the unit of an assignment imported without one. */
    unitId: Uuid.optional(),
    on: On,
  })
  .strict();

export const AssignmentEnd = z.object({ version: Version.optional(), on: On }).strict();

export const Withdraw = z.object({ version: Version.optional(), on: IsoDate, reason: Name(2000) }).strict();
export const Replace = z.object({ version: Version.optional(), byPlanId: Uuid, on: IsoDate }).strict();

export const NodeParams = z.object({ id: Uuid, nodeId: Uuid });
export const AssignmentParams = z.object({ id: Uuid, assignmentId: Uuid });

/** A node as the edit routes answer it. */
export const EditedNode = z.object({
  id: Uuid,
  parentId: Uuid.nullable(),
  position: z.number().int(),
  kind: z.enum(['section', 'task']),
  label: z.string(),
  title: z.string().nullable(),
  text: z.string().nullable(),
  deadline: z.string().nullable(),
  weight: z.number().int(),
  status: z.string(),
  cancelledOn: z.string().nullable(),
  version: z.number().int(),
});

export const EditedAssignment = z.object({
  id: Uuid,
  taskId: Uuid,
  organization: z.string(),
  role: z.string(),
  selector: z.string().nullable(),
  unitId: Uuid.nullable(),
  unitName: z.string().nullable(),
  endedOn: z.string().nullable(),
  version: z.number().int(),
});

/** Assignments imported without a unit ("link later"), across the plan's tasks. */
export const UnlinkedPage = z.object({
  items: z.array(EditedAssignment.extend({ taskRef: z.string() })),
  total: z.number().int(),
});
