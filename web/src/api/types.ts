/**
 * Shapes of the /api/v1 answers and requests — names over the generated contract.
 *
 * Every type here is an alias into `schema.gen.ts`, which `npm run gen:api` generates from the
 * server's zod schemas (via /api/docs/json). Nothing is declared by hand: when the server
 * changes a schema, regenerate, and the web app stops compiling where it no longer fits.
 */
import type { components, paths } from './schema.gen';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON body of a route's success answer (200, else 201). */
export type ResponseOf<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: infer A }
    ? Json<A>
    : R extends { 201: infer A }
      ? Json<A>
      : never
  : never;

/** The JSON request body of a route. */
export type BodyOf<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: infer B;
}
  ? Json<NonNullable<B>>
  : never;

/** The query string of a route. */
export type QueryOf<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  parameters: { query?: infer Q };
}
  ? NonNullable<Q>
  : never;

export type Problem = components['schemas']['Problem'];

export interface Items<T> {
  items: T[];
}

/** A page of a list that may be longer: `total` counted up to a bound (`totalExact` false beyond). */
export interface Page<T> extends Items<T> {
  total: number;
  totalExact: boolean;
}

/* ---- session ---- */

export type SessionAnswer = ResponseOf<'/api/v1/auth/me', 'get'>;
export type Me = SessionAnswer['user'];
export type Grant = Me['grants'][number];

/* ---- directory ---- */

export type OrgLevel = ResponseOf<'/api/v1/org-levels', 'get'>['items'][number];
export type OrgKind = ResponseOf<'/api/v1/org-kinds', 'get'>['items'][number];
export type Unit = ResponseOf<'/api/v1/org-units', 'get'>['items'][number];
export type UnitDetail = ResponseOf<'/api/v1/org-units/{id}', 'get'>;
export type UnitRef = UnitDetail['ancestors'][number];
export type UnitLineage = UnitDetail['predecessors'][number];
export type NewUnitInput = BodyOf<'/api/v1/org-units', 'post'>;
/** What the unit form sends on edit: the changed fields. */
export type UnitInput = BodyOf<'/api/v1/org-units/{id}', 'patch'>;
export type UnitAssignment = ResponseOf<'/api/v1/org-units/{id}/assignments', 'get'>['items'][number];
export type LevelInput = BodyOf<'/api/v1/org-levels/{code}', 'put'>;

/* ---- plans ---- */

export type PlanSummary = ResponseOf<'/api/v1/plans', 'get'>['items'][number];
export type PlanDetail = ResponseOf<'/api/v1/plans/{id}', 'get'>;
export type DocumentInfo = PlanDetail['document'];
export type PlanReference = PlanDetail['references'][number];
/** The plan's tree: sections and tasks in order (server/src/modules/plans/tree.ts). */
export type PlanNode = components['schemas']['PlanNode'];
export type SectionNode = Extract<PlanNode, { kind: 'section' }>;
export type TaskNode = Extract<PlanNode, { kind: 'task' }>;
export type NodeStatus = PlanNode['status'];
/** A task's assignments counted by role and selector, with the first units of each group. */
export type AssignmentSummary = TaskNode['assignments'];
export type AssignmentGroup = AssignmentSummary['roles'][number]['groups'][number];
export type Assignment = AssignmentGroup['first'][number];
export type AssignmentPage = ResponseOf<'/api/v1/plans/{id}/tasks/{taskId}/assignments', 'get'>;
export type Recipient = PlanDetail['recipients'][number];
export type Signer = NonNullable<PlanDetail['signer']>;

/* ---- audit ---- */

export type AuditPage = ResponseOf<'/api/v1/audit', 'get'>;
export type AuditRow = AuditPage['items'][number];
export type AuditFilter = QueryOf<'/api/v1/audit', 'get'> & { limit: number; offset: number };

/* ---- document registry ---- */

export type DocumentPage = ResponseOf<'/api/v1/documents', 'get'>;
export type DocumentSummary = DocumentPage['items'][number];
export type DocumentDetail = ResponseOf<'/api/v1/documents/{id}', 'get'>;
export type DocumentReference = DocumentDetail['references'][number];
export type DocumentLink = DocumentDetail['links']['outgoing'][number];
export type DocumentFile = NonNullable<DocumentSummary['file']>;
/** The systems a document may be registered in (stored documents answer a plain string). */
export type DocSystem = NonNullable<DocumentInput['system']>;
export type DocRelation = DocumentLink['relation'];
export type DocumentFilter = QueryOf<'/api/v1/documents', 'get'> & { limit: number; offset: number };
export type DocumentInput = BodyOf<'/api/v1/documents/{id}', 'patch'>;
export type ParsedSymbol = ResponseOf<'/api/v1/documents/parse-symbol', 'get'>;

export type CascadeNode = components['schemas']['CascadeNode'];
export type Coverage = components['schemas']['CoverageSummary'];
export type CoverageRow = components['schemas']['CoverageUnit'];
export type CoverageStatus = CoverageRow['status'];
export type CoveragePage = ResponseOf<'/api/v1/documents/{id}/coverage', 'get'>;
export type CoverageQuery = QueryOf<'/api/v1/documents/{id}/coverage', 'get'>;

/* ---- plan import (trienkhai.plan/1) ---- */

export type ImportPreview = ResponseOf<'/api/v1/plans/import', 'post'>;
export type PlanImport = ImportPreview['plan'];
export type ImportDocument = PlanImport['document'];
export type ImportReference = PlanImport['references'][number];
export type ImportSection = PlanImport['sections'][number];
export type ImportTask = PlanImport['tasks'][number];
export type ImportRecipient = PlanImport['recipients'][number];
export type AssignmentRole = ImportTask['assignments'][number]['role'];
export type Recurrence = NonNullable<ImportTask['recurrence']>;
export type ReferenceRelation = ImportReference['relation'];
export type OrgMatch = ImportPreview['organizations'][number];
export type OrgCandidate = OrgMatch['candidates'][number];

export type CreatePlanInput = BodyOf<'/api/v1/plans', 'post'>;
export type OrgResolution = CreatePlanInput['organizations'][string];
export type AuditChange = AuditRow['changes'][number];
