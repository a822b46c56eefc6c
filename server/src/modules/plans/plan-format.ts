import { z } from 'zod';
import { IsoDate, Name, SafeString, Text } from '../../platform/schemas.js';

/**
 * The `trienkhai.plan/1` object (../shared/contracts/plan-import.md): what the importer prints,
 * what the review screen edits, and what creates a plan.
 */
const Nullable = SafeString.max(2000).nullable();
/** A name or title: normalised (platform/text.ts normalizeName), capped like a document's title. */
const Title = Name(2000).nullable();
const Org = Name(500);
const Day = IsoDate.nullable();

export const PlanReference = z.object({
  asWritten: SafeString.max(2000),
  system: z.enum(['party', 'state']).nullable(),
  typeName: Nullable,
  typeCode: Nullable,
  number: Nullable,
  symbol: Nullable,
  issuerCode: Nullable,
  issuer: Title,
  date: Day,
  relation: z.enum(['implements', 'basis', 'cites']),
});

export const ROLES = ['lead', 'responsible', 'coordinate', 'advised', 'report_to'] as const;
export const AssignmentRole = z.enum(ROLES);
export type AssignmentRole = z.infer<typeof AssignmentRole>;

export const PlanTask = z.object({
  ref: SafeString.max(100),
  title: Title,
  text: Text(100_000),
  assignments: z.array(z.object({ organization: Org, role: AssignmentRole })),
  deadline: Day,
  recurrence: z.enum(['annual', 'semiannual', 'quarterly', 'monthly']).nullable(),
});

export const PlanSectionNode = z.object({
  label: SafeString.max(100),
  title: Title,
  children: z.array(z.object({ label: SafeString.max(100), title: Title })),
});

export const Signer = z.object({ authority: Title, onBehalfOf: Title, title: Title, name: Title });

export const PlanDocument = z.object({
  system: z.enum(['party', 'state']).nullable(),
  typeName: Nullable,
  typeCode: Nullable,
  number: Nullable,
  symbol: Nullable,
  issuerCode: Nullable,
  issuer: Title,
  place: Title,
  date: Day,
  title: Title,
});

export const PlanImportObject = z.object({
  format: z.literal('trienkhai.plan/1'),
  source: z.object({ fileName: Nullable, encoding: Nullable, warnings: z.array(SafeString.max(2000)) }),
  document: PlanDocument,
  references: z.array(PlanReference),
  sections: z.array(PlanSectionNode),
  objectives: z.array(Text(100_000)),
  tasks: z.array(PlanTask),
  addressees: z.array(Name(2000)),
  recipients: z.array(
    z.object({
      asWritten: SafeString.max(2000),
      organization: Org.nullable(),
      purpose: Nullable,
      isArchive: z.boolean(),
    }),
  ),
  signer: Signer,
});
export type PlanImportObject = z.infer<typeof PlanImportObject>;
