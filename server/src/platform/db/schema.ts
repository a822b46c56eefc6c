import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** The one place where the database shape is declared. Mirrors server/migrations. */

/** A timestamp with a database default: optional on insert. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type RequiredTimestamp = ColumnType<Date, Date | string, Date | string>;
/** `date` columns travel as ISO strings (YYYY-MM-DD); see platform/db/database.ts type parsers. */
type DateOnly = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;

export interface OrgLevelTable {
  code: string;
  name_vi: string;
  name_en: string;
  rank: number;
  valid_from: DateOnly | null;
  valid_to: DateOnly | null;
  /** Optimistic concurrency (migration 0003): 1 on insert, +1 on every update. */
  version: Generated<number>;
}

export interface OrgKindTable {
  code: string;
  name_vi: string;
  name_en: string;
  system: string;
}

export interface OrgUnitTable {
  id: Generated<string>;
  code: string | null;
  parent_id: string | null;
  path: string;
  depth: number;
  kind: string;
  level: string;
  name: string;
  short_name: string | null;
  aliases: ColumnType<string[], string[] | undefined, string[]>;
  search_text: string;
  valid_from: DateOnly | null;
  valid_to: DateOnly | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Optimistic concurrency (migration 0003): 1 on insert, +1 on every update. */
  version: Generated<number>;
}

export interface OrgSuccessionTable {
  id: Generated<string>;
  predecessor_id: string;
  successor_id: string;
  kind: string;
  effective_on: DateOnly;
  note: string | null;
}

export interface AppUserTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  password_hash: string;
  home_unit_id: string | null;
  is_active: Generated<boolean>;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
  /** Where e-mail reminders go; null: in-app only (0012_reminders). */
  email: ColumnType<string | null, string | null | undefined, string | null>;
  /** Optimistic concurrency (migration 0003): 1 on insert, +1 on every update. */
  version: Generated<number>;
}

export interface RoleGrantTable {
  id: Generated<string>;
  user_id: string;
  unit_id: string | null;
  role: string;
  created_at: Timestamp;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: RequiredTimestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  ip: string | null;
}

export interface DocumentTable {
  id: Generated<string>;
  system: string | null;
  type_name: string | null;
  type_code: string | null;
  number: string | null;
  symbol: string | null;
  issuer_code: string | null;
  issuer_name: string | null;
  issuer_unit_id: string | null;
  place: string | null;
  issued_on: DateOnly | null;
  title: string;
  addressees: Json<string[]>;
  signer: Json<Signer> | null;
  search_text: ColumnType<string, string | undefined, string>;
  scope_unit_id: string | null;
  respond_within_days: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Optimistic concurrency (migration 0003): 1 on insert, +1 on every update. */
  version: Generated<number>;
}

export interface DocumentFileTable {
  document_id: string;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  /** null when the bytes live in the file store (PGlite: DATA_DIR/files, platform/files.ts). */
  content: Buffer | null;
  uploaded_at: Timestamp;
}

export interface DocumentLinkTable {
  id: Generated<string>;
  from_document_id: string;
  to_document_id: string;
  relation: string;
  created_at: Timestamp;
}

export interface Signer {
  authority: string | null;
  onBehalfOf: string | null;
  title: string | null;
  name: string | null;
}

export interface DocumentReferenceTable {
  id: Generated<string>;
  document_id: string;
  position: number;
  relation: string;
  as_written: string;
  system: string | null;
  type_name: string | null;
  type_code: string | null;
  number: string | null;
  symbol: string | null;
  issuer_code: string | null;
  issuer_name: string | null;
  issued_on: DateOnly | null;
  target_document_id: string | null;
}

export interface DocumentRecipientTable {
  id: Generated<string>;
  document_id: string;
  position: number;
  as_written: string;
  organization: string | null;
  purpose: string | null;
  is_archive: boolean;
  unit_id: string | null;
}

export interface PlanTable {
  id: Generated<string>;
  document_id: string;
  owner_unit_id: string;
  scope_unit_id: string;
  parent_plan_id: string | null;
  objectives: Json<string[]>;
  created_at: Timestamp;
  /** Optimistic concurrency (migration 0003): 1 on insert, +1 on every update. */
  version: Generated<number>;
  /** Reporting regime (followup/periods.ts `Regime`); null: the default (0009_followup). */
  regime: Json<unknown> | null;
  /** The unit the plan's own report goes to (the level above); null: none. */
  reports_to_unit_id: string | null;
  /** The span over which reporting periods run; null: from the plan's date / open-ended. */
  reporting_from: DateOnly | null;
  reporting_until: DateOnly | null;
  /** Reminder ladder, delays and channels; null: the defaults. */
  followup_settings: Json<unknown> | null;
  status: Generated<'active' | 'withdrawn' | 'replaced'>;
  /** When a withdrawn or replaced plan stopped applying. */
  ended_on: DateOnly | null;
  replaced_by_plan_id: string | null;
  /** Why the plan was withdrawn or replaced (0015_plan_edit). */
  end_reason: string | null;
}

/** One node of a plan's tree: a section or a task (0005_task_tree). */
export interface PlanNodeTable {
  id: Generated<string>;
  plan_id: string;
  parent_id: string | null;
  /** Position among its siblings (same parent), from 0. */
  position: number;
  kind: 'section' | 'task';
  /** A section's label ("II", "1") or a task's ref ("II.1"). */
  label: string;
  title: string | null;
  /** A task's text (null for a section). */
  text: string | null;
  deadline: DateOnly | null;
  recurrence: string | null;
  weight: Generated<number>;
  status: Generated<'not_started' | 'in_progress' | 'done' | 'cancelled'>;
  version: Generated<number>;
  /** A task's own reporting regime; null: the plan's (0009_followup). */
  regime: Json<unknown> | null;
  /** When the task was cancelled (status `cancelled`, 0015_plan_edit). */
  cancelled_on: DateOnly | null;
}

/** Who owes a report on which task for which period (0009_followup). Never deleted: `ended_on`. */
export interface ObligationTable {
  id: Generated<string>;
  plan_id: string;
  /** null: the plan's own report upward (role `plan`). */
  task_id: string | null;
  unit_id: string;
  /** `figures`: the unit's indicator values for the period (0016_indicators), task_id null. */
  role: 'lead' | 'coordinate' | 'plan' | 'figures';
  period_key: string;
  period_start: DateOnly;
  /** The cut-off day of the period (inclusive). */
  period_end: DateOnly;
  /** The level code whose deadline applies. */
  level: string;
  /** The deadline computed when the obligation was made. */
  due_on: DateOnly;
  /** A granted extension; timeliness is counted against both. */
  extended_due_on: DateOnly | null;
  /** From when the obligation no longer applies (unit closed, assignment removed, plan withdrawn). */
  ended_on: DateOnly | null;
  /** The reviewing unit of a `figures` obligation (null for the other roles: the plan says). */
  reviewer_unit_id: string | null;
  created_at: Timestamp;
  version: Generated<number>;
}

/** The report given for one obligation: current content and review state (0009_followup). */
export interface ReportTable {
  id: Generated<string>;
  obligation_id: string;
  status: Generated<'not_started' | 'in_progress' | 'done' | 'cannot_do'>;
  cannot_reason: string | null;
  progress: number | null;
  narrative: string | null;
  results: string | null;
  difficulties: string | null;
  proposals: string | null;
  review_state: Generated<'draft' | 'submitted' | 'returned' | 'accepted'>;
  review_comment: string | null;
  /** The first submission: timeliness is judged on it. */
  first_submitted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  submitted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  submitted_by: string | null;
  reviewed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  reviewed_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  updated_by: string | null;
  version: Generated<number>;
}

export interface AssignmentTable {
  id: Generated<string>;
  /** A `plan_node` of kind `task`. */
  task_id: string;
  position: number;
  organization: string;
  role: string;
  unit_id: string | null;
  /** The collective phrase the assignment was expanded from ("Các cấp ủy đảng"), if any. */
  selector: string | null;
  /** Removed from the task from this date; kept for history (0015_plan_edit). Null: applies. */
  ended_on: DateOnly | null;
  version: Generated<number>;
}

export interface Database {
  org_level: OrgLevelTable;
  org_kind: OrgKindTable;
  org_unit: OrgUnitTable;
  org_succession: OrgSuccessionTable;
  app_user: AppUserTable;
  role_grant: RoleGrantTable;
  user_session: UserSessionTable;
  audit_log: AuditLogTable;
  document: DocumentTable;
  document_reference: DocumentReferenceTable;
  document_recipient: DocumentRecipientTable;
  document_file: DocumentFileTable;
  document_link: DocumentLinkTable;
  plan: PlanTable;
  plan_node: PlanNodeTable;
  assignment: AssignmentTable;
  job_receipt: JobReceiptTable;
  obligation: ObligationTable;
  report: ReportTable;
  dissemination_session: DisseminationSessionTable;
  report_event: ReportEventTable;
  report_file: ReportFileTable;
  extension_request: ExtensionRequestTable;
  explanation_letter: ExplanationLetterTable;
  reminder: ReminderTable;
  notification: NotificationTable;
  indicator_category: IndicatorCategoryTable;
  data_element: DataElementTable;
  indicator: IndicatorTable;
  indicator_target: IndicatorTargetTable;
  validation_rule: ValidationRuleTable;
  data_value: DataValueTable;
  data_value_history: DataValueHistoryTable;
  data_lock_exception: DataLockExceptionTable;
  figures_collection: FiguresCollectionTable;
}

/** One row per job idempotency key whose effect has happened (platform/jobs.ts). */
export interface JobReceiptTable {
  key: string;
  queue: string;
  job_id: string;
  done_at: Timestamp;
}

export type OrgUnitRow = Selectable<OrgUnitTable>;
export type NewOrgUnit = Insertable<OrgUnitTable>;
export type OrgUnitUpdate = Updateable<OrgUnitTable>;
export type AppUserRow = Selectable<AppUserTable>;
export type AuditRow = Selectable<AuditLogTable>;

/** A session at which a unit disseminated a plan (quán triệt, 0014_dissemination). Never deleted. */
export interface DisseminationSessionTable {
  id: Generated<string>;
  plan_id: string;
  unit_id: string;
  held_on: DateOnly;
  form: 'conference' | 'online' | 'loudspeaker' | 'printed' | 'other';
  title: string;
  cadres: number;
  party_members: number;
  association_members: number;
  people: number;
  materials: string | null;
  note: string | null;
  created_at: Timestamp;
  created_by: string | null;
  updated_at: Timestamp;
  updated_by: string | null;
  /** Withdrawn sessions are kept (who and when) and left out of every count. */
  withdrawn_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  withdrawn_by: string | null;
  withdraw_reason: string | null;
  version: Generated<number>;
}

type MaybeInstant = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type ReportEventKind =
  | 'created'
  | 'saved'
  | 'submitted'
  | 'returned'
  | 'accepted'
  | 'file_added'
  | 'file_removed'
  | 'extension_requested'
  | 'extension_granted'
  | 'extension_refused';

/** One step of a report's history (0011_reports); a person's autosaves coalesce into one `saved`. */
export interface ReportEventTable {
  id: Generated<string>;
  /** The order of the steps. */
  seq: Generated<string>;
  obligation_id: string;
  kind: ReportEventKind;
  actor_id: string | null;
  actor_name: string;
  at: RequiredTimestamp;
  /** The last save folded into this event (= `at` for every other kind). */
  last_at: RequiredTimestamp;
  count: Generated<number>;
  /** The report's version after the step. */
  version: number | null;
  comment: string | null;
  /** A submission's snapshot, a file's name, an extension's dates. */
  data: Json<unknown> | null;
}

/** An evidence file of a report (0011_reports); removed files stay (`removed_at`). */
export interface ReportFileTable {
  id: Generated<string>;
  obligation_id: string;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  /** null: the bytes are in the file store (PGlite, ADR 0004). */
  content: Buffer | null;
  added_at: RequiredTimestamp;
  added_by: string | null;
  removed_at: MaybeInstant;
  removed_by: string | null;
}

/** A later deadline asked for an obligation (0011_reports). */
export interface ExtensionRequestTable {
  id: Generated<string>;
  obligation_id: string;
  reason: string;
  requested_due_on: DateOnly;
  state: Generated<'pending' | 'granted' | 'refused'>;
  granted_due_on: DateOnly | null;
  decision_comment: string | null;
  requested_at: RequiredTimestamp;
  requested_by: string | null;
  decided_at: MaybeInstant;
  decided_by: string | null;
  version: Generated<number>;
}

// Reminders and escalation (0012_reminders) -------------------------------------------------------

type MaybeTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** A request for explanation drafted for the receiving level; one per (obligation, deadline). */
export interface ExplanationLetterTable {
  id: Generated<string>;
  obligation_id: string;
  deadline: DateOnly;
  status: Generated<'draft' | 'issued'>;
  superior_body: string | null;
  issuer: string;
  type_code: string;
  issuer_code: string;
  number: string | null;
  place: string;
  issued_on: DateOnly | null;
  subject: string;
  addressees: Json<string[]>;
  paragraphs: Json<string[]>;
  recipients: Json<{ text: string; purpose?: string }[]>;
  archive: string;
  signer_authority: string | null;
  signer_title: string;
  signer_name: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  updated_by: string | null;
  issued_at: MaybeTime;
  issued_by: string | null;
  version: Generated<number>;
}

/** One reminder of the ladder to one recipient on one channel; `key` is its identity. */
export interface ReminderTable {
  id: Generated<string>;
  key: string;
  obligation_id: string;
  step: 'remind' | 'follow_up' | 'explain' | 'letter_issued';
  deadline: DateOnly;
  recipient_user_id: string | null;
  recipient_email: string | null;
  channel: 'in_app' | 'email';
  outcome: 'pending' | 'sent' | 'failed' | 'skipped';
  error: string | null;
  message_id: string | null;
  attempts: Generated<number>;
  letter_id: string | null;
  created_at: RequiredTimestamp;
  sent_at: MaybeTime;
}

/** One entry of a user's in-app notification list. */
export interface NotificationTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  params: Json<Record<string, string>>;
  link: string | null;
  obligation_id: string | null;
  letter_id: string | null;
  reminder_id: string | null;
  created_at: RequiredTimestamp;
  read_at: MaybeTime;
}

// ---------------------------------------------------------------------------------------------
// Indicators (0016_indicators, docs/indicators.md). `numeric` columns travel as strings from the
// driver unless cast; repositories select them with `::float8` where a number is wanted.

/** One option of a disaggregation; `group` gathers options (every ethnic-minority group is 'dtts'). */
export interface CategoryOption {
  code: string;
  nameVi: string;
  nameEn: string;
  group?: string;
}

export interface IndicatorCategoryTable {
  code: string;
  name_vi: string;
  name_en: string;
  position: Generated<number>;
  options: Json<CategoryOption[]>;
  version: Generated<number>;
}

export type Aggregation = 'sum' | 'last';

export interface DataElementTable {
  id: Generated<string>;
  code: string;
  name_vi: string;
  name_en: string;
  description_vi: string | null;
  description_en: string | null;
  aggregation: Aggregation;
  /** Category codes whose cross product makes the element's cells; empty: one cell. */
  categories: ColumnType<string[], string[] | undefined, string[]>;
  /** org_kind codes of the units that report it. */
  reporter_kinds: ColumnType<string[], string[] | undefined, string[]>;
  frequency: ColumnType<'annual' | 'semiannual', 'annual' | 'semiannual' | undefined, 'annual' | 'semiannual'>;
  min_value: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  max_value: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  /** Year-on-year change above this share (0.5 = ±50 %) warns and needs a comment. */
  yoy_max_change: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  required: Generated<boolean>;
  /** Computed by the system (e.g. 'obligations.on_time', 'obligations.expected'); null: typed. */
  computed: string | null;
  position: Generated<number>;
  archived_at: Date | null;
  version: Generated<number>;
}

export interface IndicatorTable {
  id: Generated<string>;
  code: string;
  name_vi: string;
  name_en: string;
  definition_vi: string;
  definition_en: string;
  /** Content area: 'LD' leadership, 'HV' membership, 'BL' violence, 'HT' support, 'CD' dialogue, 'QL' reporting. */
  area: string;
  /** An expression over data elements (indicators/expr.ts). */
  numerator: string;
  /** null: the indicator is a count (the numerator alone). */
  denominator: string | null;
  factor: Generated<number>;
  direction: ColumnType<'up' | 'down', 'up' | 'down' | undefined, 'up' | 'down'>;
  amber_ratio: ColumnType<string, number | string | undefined, number | string>;
  /** The disaggregations the catalogue lists (category codes, and 'LEVEL'). */
  disaggregations: ColumnType<string[], string[] | undefined, string[]>;
  reporter_vi: string | null;
  reporter_en: string | null;
  /** 'T' term start, 'Y' annual, 'H' six-monthly. */
  periods: ColumnType<string[], string[] | undefined, string[]>;
  position: Generated<number>;
  archived_at: Date | null;
  version: Generated<number>;
}

export interface IndicatorTargetTable {
  id: Generated<string>;
  indicator_id: string;
  year: number;
  /** null: the national target; a unit's own target applies to its subtree. */
  unit_id: string | null;
  value: ColumnType<string, number | string, number | string>;
  source: string;
  note: string | null;
  version: Generated<number>;
}

export interface ValidationRuleTable {
  id: Generated<string>;
  code: string;
  name_vi: string;
  name_en: string;
  left_expr: string;
  operator: '<=' | '<' | '>=' | '>' | '==';
  right_expr: string;
  importance: ColumnType<'error' | 'warning', 'error' | 'warning' | undefined, 'error' | 'warning'>;
  archived_at: Date | null;
  version: Generated<number>;
}

export interface DataValueTable {
  unit_id: string;
  period_key: string;
  element_id: string;
  /** 'AGE:lt40|ETH:kinh' (categories sorted by code); '' without disaggregation. */
  combo: string;
  value: ColumnType<string | null, number | string | null, number | string | null>;
  not_available: Generated<boolean>;
  comment: string | null;
  updated_at: Timestamp;
  updated_by: string | null;
  version: Generated<number>;
}

export interface DataValueHistoryTable {
  id: Generated<string>;
  unit_id: string;
  period_key: string;
  element_id: string;
  combo: string;
  old_value: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  old_not_available: boolean | null;
  new_value: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  new_not_available: boolean | null;
  comment: string | null;
  reason: string | null;
  supplement: Generated<boolean>;
  /** 'form' | 'spreadsheet' | 'seed' */
  source: Generated<string>;
  changed_at: Timestamp;
  changed_by: string | null;
}

export interface DataLockExceptionTable {
  id: Generated<string>;
  unit_id: string;
  period_key: string;
  open_until: DateOnly;
  reason: string;
  created_at: Timestamp;
  created_by: string | null;
}

export interface FiguresCollectionTable {
  plan_id: string;
  frequency: ColumnType<'annual' | 'semiannual', 'annual' | 'semiannual' | undefined, 'annual' | 'semiannual'>;
  from_year: number;
  indicator_codes: ColumnType<string[], string[] | undefined, string[]>;
  lock_after_days: Generated<number>;
  created_at: Timestamp;
  version: Generated<number>;
}
