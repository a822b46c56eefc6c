import { z } from 'zod';

/**
 * The `trienkhai.plan/1` object (../shared/contracts/plan-import.md): what the importer prints,
 * what the review screen edits, and what creates a plan.
 */
const Nullable = z.string().nullable();

export const PlanReference = z.object({
  asWritten: z.string(),
  system: z.enum(['party', 'state']).nullable(),
  typeName: Nullable,
  typeCode: Nullable,
  number: Nullable,
  symbol: Nullable,
  issuerCode: Nullable,
  issuer: Nullable,
  date: Nullable,
  relation: z.enum(['implements', 'basis', 'cites']),
});

export const ROLES = ['lead', 'responsible', 'coordinate', 'advised', 'report_to'] as const;
export const AssignmentRole = z.enum(ROLES);
export type AssignmentRole = z.infer<typeof AssignmentRole>;

export const PlanTask = z.object({
  ref: z.string(),
  title: Nullable,
  text: z.string(),
  assignments: z.array(z.object({ organization: z.string(), role: AssignmentRole })),
  deadline: Nullable,
  recurrence: z.enum(['annual', 'semiannual', 'quarterly', 'monthly']).nullable(),
});

export const PlanSectionNode = z.object({
  label: z.string(),
  title: Nullable,
  children: z.array(z.object({ label: z.string(), title: Nullable })),
});

export const Signer = z.object({ authority: Nullable, onBehalfOf: Nullable, title: Nullable, name: Nullable });

export const PlanDocument = z.object({
  system: z.enum(['party', 'state']).nullable(),
  typeName: Nullable,
  typeCode: Nullable,
  number: Nullable,
  symbol: Nullable,
  issuerCode: Nullable,
  issuer: Nullable,
  place: Nullable,
  date: Nullable,
  title: Nullable,
});

export const PlanImportObject = z.object({
  format: z.literal('trienkhai.plan/1'),
  source: z.object({ fileName: Nullable, encoding: Nullable, warnings: z.array(z.string()) }),
  document: PlanDocument,
  references: z.array(PlanReference),
  sections: z.array(PlanSectionNode),
  objectives: z.array(z.string()),
  tasks: z.array(PlanTask),
  addressees: z.array(z.string()),
  recipients: z.array(
    z.object({ asWritten: z.string(), organization: Nullable, purpose: Nullable, isArchive: z.boolean() }),
  ),
  signer: Signer,
});
export type PlanImportObject = z.infer<typeof PlanImportObject>;
