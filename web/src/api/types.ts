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
