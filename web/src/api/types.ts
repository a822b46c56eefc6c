/** Shapes of the /api/v1 answers (see the API contract). */

export interface Grant {
  role: string;
  unitId: string;
  unitName: string;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  homeUnit: { id: string; name: string } | null;
  grants: Grant[];
  capabilities: string[];
}

export interface SessionAnswer {
  user: Me;
  csrfToken: string;
}

export interface Items<T> {
  items: T[];
}

/** A page of a list that may be longer: `total` counted up to a bound (`totalExact` false beyond). */
export interface Page<T> extends Items<T> {
  total: number;
  totalExact: boolean;
}

export interface OrgLevel {
  code: string;
  nameVi: string;
  nameEn: string;
  rank: number;
  validFrom: string | null;
  validTo: string | null;
}

export interface OrgKind {
  code: string;
  nameVi: string;
  nameEn: string;
  system: string;
}

export interface Unit {
  id: string;
  code: string | null;
  parentId: string | null;
  name: string;
  shortName: string | null;
  aliases: string[];
  kind: string;
  level: string;
  validFrom: string | null;
  validTo: string | null;
  depth: number;
  isActive: boolean;
}

export interface UnitRef {
  id: string;
  name: string;
}

export interface UnitLineage extends UnitRef {
  kind: string;
  effectiveOn: string | null;
}

export interface UnitDetail extends Unit {
  ancestors: UnitRef[];
  children: Unit[];
  predecessors: UnitLineage[];
  successors: UnitLineage[];
}

export interface UnitInput {
  code?: string | null;
  parentId?: string | null;
  kind?: string;
  level?: string;
  name?: string;
  shortName?: string | null;
  aliases?: string[];
  validFrom?: string | null;
}

export interface UnitAssignment {
  id: string;
  role: string;
  organization: string;
  task: { id: string; ref: string; title: string | null; text: string };
  plan: { id: string; title: string; symbol: string | null };
}

export interface PlanSummary {
  id: string;
  title: string;
  symbol: string | null;
  typeName: string | null;
  issuedOn: string | null;
  issuer: string | null;
  ownerUnit: UnitRef | null;
  taskCount: number;
}

export interface DocumentInfo {
  id: string;
  system: string | null;
  typeName: string | null;
  typeCode: string | null;
  number: string | null;
  symbol: string | null;
  issuerCode: string | null;
  issuer: string | null;
  place: string | null;
  date: string | null;
  title: string;
}

export interface PlanReference {
  asWritten: string | null;
  /** The registered document this reference points to, when it is in the registry. */
  documentId?: string | null;
  system: string | null;
  typeName: string | null;
  typeCode: string | null;
  number: string | null;
  symbol: string | null;
  issuerCode: string | null;
  issuer: string | null;
  date: string | null;
  relation: string;
}

export interface PlanSection {
  label: string;
  title: string;
  children: { label: string; title: string }[];
}

export interface Assignment {
  id: string;
  organization: string;
  role: string;
  unitId: string | null;
  unitName: string | null;
}

export interface Task {
  id: string;
  ref: string;
  title: string | null;
  text: string;
  deadline: string | null;
  recurrence: string | null;
  assignments: Assignment[];
}

export interface Recipient {
  asWritten: string;
  organization: string | null;
  purpose: string | null;
  isArchive: boolean;
  unitId: string | null;
  unitName: string | null;
}

export interface Signer {
  authority: string | null;
  onBehalfOf: string | null;
  title: string | null;
  name: string | null;
}

export interface PlanDetail {
  id: string;
  ownerUnit: UnitRef | null;
  parentPlanId?: string | null;
  document: DocumentInfo;
  references: PlanReference[];
  sections: PlanSection[];
  objectives: string[];
  tasks: Task[];
  addressees: string[];
  recipients: Recipient[];
  signer: Signer | null;
}

export interface AuditRow {
  id: string;
  at: string;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export interface AuditPage {
  items: AuditRow[];
  total: number;
}

export interface AuditFilter {
  entityType?: string;
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/* ---- document registry ---- */

export type DocSystem = 'party' | 'state';
export type DocRelation = 'implements' | 'basis' | 'cites' | 'replaces';

export interface DocumentFile {
  name: string;
  size: number;
  contentType: string;
}

export interface DocumentSummary {
  id: string;
  system: DocSystem | null;
  typeName: string | null;
  typeCode: string | null;
  number: string | null;
  symbol: string | null;
  issuerCode: string | null;
  issuer: string | null;
  issuerUnit: UnitRef | null;
  place: string | null;
  date: string | null;
  title: string;
  /** Days the units below have to issue their implementing document. */
  respondWithinDays?: number | null;
  planId: string | null;
  file: DocumentFile | null;
}

export interface DocumentReference {
  asWritten: string | null;
  symbol: string | null;
  date: string | null;
  relation: string;
  documentId: string | null;
}

export interface DocumentLink {
  id: string;
  relation: DocRelation;
  document: DocumentSummary;
}

export interface DocumentDetail extends DocumentSummary {
  references: DocumentReference[];
  links: { outgoing: DocumentLink[]; incoming: DocumentLink[] };
}

export interface DocumentPage {
  items: DocumentSummary[];
  total: number;
}

export interface DocumentFilter {
  q?: string;
  system?: string;
  typeCode?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export interface DocumentInput {
  system?: DocSystem | null;
  typeName?: string | null;
  typeCode?: string | null;
  number?: string | null;
  symbol?: string | null;
  issuerCode?: string | null;
  issuer?: string | null;
  issuerUnitId?: string | null;
  place?: string | null;
  date?: string | null;
  title?: string;
  respondWithinDays?: number | null;
}

export interface ParsedSymbol {
  symbol: string;
  number: string | null;
  typeCode: string | null;
  typeName: string | null;
  issuerCode: string | null;
  system: DocSystem | null;
  year: string | null;
}

export type CoverageStatus = 'issued' | 'late' | 'missing' | 'overdue';

export interface CoverageRow {
  unit: UnitRef;
  status: CoverageStatus;
  document: { id: string; symbol: string | null; date: string | null } | null;
  daysAfterParent: number | null;
}

export interface Coverage {
  dueDays: number;
  expected: CoverageRow[];
  issued: number;
  late: number;
  missing: number;
}

export interface CascadeNode {
  document: DocumentSummary;
  relation: 'root' | 'implements' | 'basis';
  children: CascadeNode[];
  coverage: Coverage | null;
}

/* ---- plan import (trienkhai.plan/1) ---- */

export type AssignmentRole = 'lead' | 'responsible' | 'coordinate' | 'advised' | 'report_to';
export type Recurrence = 'annual' | 'semiannual' | 'quarterly' | 'monthly';
export type ReferenceRelation = 'implements' | 'basis' | 'cites';

export interface ImportDocument {
  system: DocSystem | null;
  typeName: string | null;
  typeCode: string | null;
  number: string | null;
  symbol: string | null;
  issuerCode: string | null;
  issuer: string | null;
  place: string | null;
  date: string | null;
  title: string | null;
}

export interface ImportReference {
  asWritten: string;
  system: DocSystem | null;
  typeName: string | null;
  typeCode: string | null;
  number: string | null;
  symbol: string | null;
  issuerCode: string | null;
  issuer: string | null;
  date: string | null;
  relation: ReferenceRelation;
}

export interface ImportSection {
  label: string;
  title: string | null;
  children: { label: string; title: string | null }[];
}

export interface ImportTask {
  ref: string;
  title: string | null;
  text: string;
  assignments: { organization: string; role: AssignmentRole }[];
  deadline: string | null;
  recurrence: Recurrence | null;
}

export interface ImportRecipient {
  asWritten: string;
  organization: string | null;
  purpose: string | null;
  isArchive: boolean;
}

export interface PlanImport {
  format: 'trienkhai.plan/1';
  source: { fileName: string | null; encoding: string | null; warnings: string[] };
  document: ImportDocument;
  references: ImportReference[];
  sections: ImportSection[];
  objectives: string[];
  tasks: ImportTask[];
  addressees: string[];
  recipients: ImportRecipient[];
  signer: Signer;
}

export interface OrgCandidate {
  unitId: string;
  name: string;
  confidence: number;
  activeAtDate: boolean;
}

export interface OrgMatch {
  name: string;
  occurrences: number;
  status: 'matched' | 'selector' | 'unmatched';
  unitId: string | null;
  confidence: number;
  candidates: OrgCandidate[];
  selector: { label: string; units: UnitRef[] } | null;
}

export interface ImportPreview {
  plan: PlanImport;
  organizations: OrgMatch[];
  owner: { unitId: string; name: string; confidence: number } | null;
}

export type OrgResolution = { unitId: string } | { unitIds: string[] } | null;

export interface CreatePlanInput {
  plan: PlanImport;
  ownerUnitId: string;
  organizations: Record<string, OrgResolution>;
}

export interface LevelInput {
  nameVi: string;
  nameEn: string;
  rank: number;
  validFrom: string | null;
  validTo: string | null;
}
