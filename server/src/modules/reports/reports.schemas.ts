import { z } from 'zod';
import { IsoDate, Text, Uuid } from '../../platform/schemas.js';
import { REPORT_ACTIONS } from './reports.policy.js';

export const REPORT_STATUSES = ['not_started', 'in_progress', 'done', 'cannot_do'] as const;
export const REVIEW_STATES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export const EVENT_KINDS = [
  'created',
  'saved',
  'submitted',
  'returned',
  'accepted',
  'file_added',
  'file_removed',
  'extension_requested',
  'extension_granted',
  'extension_refused',
] as const;
const TIMELINESS = ['on_time', 'late', 'overdue', 'pending'] as const;

const LongText = Text(20_000).nullish();
const Version = z.number().int().min(0).max(2_147_483_647);

export const FileParams = z.object({ id: Uuid, fileId: Uuid });

/** A draft as the unit saves it; `version` is the one the client edited from (0: no report yet). */
export const DraftBody = z.object({
  version: Version,
  status: z.enum(REPORT_STATUSES),
  progress: z.number().int().min(0).max(100).nullish(),
  narrative: LongText,
  results: LongText,
  difficulties: LongText,
  proposals: LongText,
  /** Required (non-blank) when `status` is `cannot_do`. */
  cannotReason: Text(5_000).nullish(),
});
export type DraftBody = z.infer<typeof DraftBody>;

export const VersionBody = z.object({ version: Version });
export const ReturnBody = z.object({ version: Version, comment: Text(5_000).refine((s) => s.trim().length > 0) });

export const ExtensionBody = z.object({
  reason: Text(5_000).refine((s) => s.trim().length > 0),
  requestedDueOn: IsoDate,
});
export const GrantBody = z.object({ dueOn: IsoDate.optional(), comment: Text(5_000).optional() });
export const RefuseBody = z.object({ comment: Text(5_000).refine((s) => s.trim().length > 0) });

export const TimelinessView = z.object({
  submittedOn: z.string().nullable(),
  original: z.enum(TIMELINESS),
  granted: z.enum(TIMELINESS),
  deadline: z.string(),
});

export const ReportView = z.object({
  /** null: nothing saved yet (the fields are the empty report). */
  id: z.string().nullable(),
  status: z.enum(REPORT_STATUSES),
  cannotReason: z.string().nullable(),
  progress: z.number().nullable(),
  narrative: z.string().nullable(),
  results: z.string().nullable(),
  difficulties: z.string().nullable(),
  proposals: z.string().nullable(),
  reviewState: z.enum(REVIEW_STATES),
  reviewComment: z.string().nullable(),
  firstSubmittedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
  version: z.number(),
});
export type ReportView = z.infer<typeof ReportView>;

export const ObligationDetail = z.object({
  obligation: z.object({
    id: z.string(),
    planId: z.string(),
    planTitle: z.string().nullable(),
    planSymbol: z.string().nullable(),
    taskId: z.string().nullable(),
    taskLabel: z.string().nullable(),
    taskTitle: z.string().nullable(),
    taskText: z.string().nullable(),
    unitId: z.string(),
    unitName: z.string(),
    reviewerUnitId: z.string(),
    reviewerUnitName: z.string(),
    role: z.enum(['lead', 'coordinate', 'plan', 'figures']),
    periodKey: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    dueOn: z.string(),
    extendedDueOn: z.string().nullable(),
    endedOn: z.string().nullable(),
  }),
  report: ReportView,
  /** True while the unit may change the report (a draft, or returned). */
  editable: z.boolean(),
  timeliness: TimelinessView,
  files: z.array(
    z.object({
      id: z.string(),
      fileName: z.string(),
      contentType: z.string(),
      size: z.number(),
      addedAt: z.string(),
      addedByName: z.string().nullable(),
    }),
  ),
  extensions: z.array(
    z.object({
      id: z.string(),
      reason: z.string(),
      requestedDueOn: z.string(),
      state: z.enum(['pending', 'granted', 'refused']),
      grantedDueOn: z.string().nullable(),
      comment: z.string().nullable(),
      requestedAt: z.string(),
      requestedByName: z.string().nullable(),
      decidedAt: z.string().nullable(),
      decidedByName: z.string().nullable(),
    }),
  ),
  timeline: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(EVENT_KINDS),
      actorName: z.string(),
      at: z.string(),
      lastAt: z.string(),
      count: z.number(),
      version: z.number().nullable(),
      comment: z.string().nullable(),
      data: z.unknown(),
    }),
  ),
  /** What the caller may do now: permission (platform/access.ts) and the report's state. */
  actions: z.array(z.enum(REPORT_ACTIONS)),
});
export type ObligationDetail = z.infer<typeof ObligationDetail>;

/** What an autosave answers: the saved report and what the caller may do now (not the whole page). */
export const SavedDraft = z.object({
  report: ReportView,
  editable: z.boolean(),
  actions: z.array(z.enum(REPORT_ACTIONS)),
});
export type SavedDraft = z.infer<typeof SavedDraft>;
