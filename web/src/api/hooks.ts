/** react-query hooks for every endpoint the screens use. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type {
  AssignmentPage,
  AuditFilter,
  AuditPage,
  CascadeNode,
  CoveragePage,
  CoverageQuery,
  CreatePlanInput,
  DocRelation,
  DocumentDetail,
  DocumentFilter,
  DocumentInput,
  DocumentPage,
  ImportPreview,
  Items,
  LevelInput,
  NewUnitInput,
  OrgKind,
  OrgLevel,
  Page,
  ParsedSymbol,
  PlanDetail,
  PlanSummary,
  Unit,
  UnitAssignment,
  UnitDetail,
  UnitInput,
} from './types';

export const keys = {
  me: ['auth', 'me'] as const,
  levels: ['org-levels'] as const,
  kinds: ['org-kinds'] as const,
  units: (filter: UnitFilter) => ['org-units', 'list', filter] as const,
  unit: (id: string) => ['org-units', 'detail', id] as const,
  unitAssignments: (id: string) => ['org-units', 'assignments', id] as const,
  plans: ['plans', 'list'] as const,
  plan: (id: string) => ['plans', 'detail', id] as const,
  taskAssignments: (planId: string, taskId: string, query: TaskAssignmentQuery) =>
    ['plans', 'task-assignments', planId, taskId, query] as const,
  audit: (filter: AuditFilter) => ['audit', filter] as const,
  documents: (filter: DocumentFilter) => ['documents', 'list', filter] as const,
  document: (id: string) => ['documents', 'detail', id] as const,
  cascade: (id: string) => ['documents', 'cascade', id] as const,
  coverage: (id: string, query: CoverageQuery) => ['documents', 'coverage', id, query] as const,
  parseSymbol: (text: string) => ['documents', 'parse-symbol', text] as const,
};

const REFERENCE_STALE = 10 * 60 * 1000;

export function useOrgLevels() {
  return useQuery({
    queryKey: keys.levels,
    queryFn: ({ signal }) => api<Items<OrgLevel>>('/org-levels', { signal }).then((r) => r.items),
    staleTime: REFERENCE_STALE,
  });
}

export function useOrgKinds() {
  return useQuery({
    queryKey: keys.kinds,
    queryFn: ({ signal }) => api<Items<OrgKind>>('/org-kinds', { signal }).then((r) => r.items),
    staleTime: REFERENCE_STALE,
  });
}

export interface UnitFilter {
  q?: string;
  level?: string;
  kind?: string;
  parentId?: string;
  includeClosed?: boolean;
}

export function useUnits(filter: UnitFilter, enabled = true) {
  return useQuery<Unit[]>({
    queryKey: keys.units(filter),
    queryFn: ({ signal }) =>
      api<Items<Unit>>('/org-units', {
        signal,
        query: { ...filter, includeClosed: filter.includeClosed ? 'true' : undefined },
      }).then((r) => r.items),
    placeholderData: (previous: Unit[] | undefined) => previous,
    enabled,
  });
}

/** The units page: one page of units with the total, so a longer list says so. */
export function useUnitPage(filter: UnitFilter) {
  return useQuery<Page<Unit>>({
    queryKey: [...keys.units(filter), 'page'],
    queryFn: ({ signal }) =>
      api<Page<Unit>>('/org-units', {
        signal,
        query: { ...filter, includeClosed: filter.includeClosed ? 'true' : undefined },
      }),
    placeholderData: (previous: Page<Unit> | undefined) => previous,
  });
}

export function useUnit(id: string, enabled = true) {
  return useQuery({
    queryKey: keys.unit(id),
    queryFn: ({ signal }) => api<UnitDetail>(`/org-units/${encodeURIComponent(id)}`, { signal }),
    enabled: enabled && id.length > 0,
  });
}

export function useUnitAssignments(id: string, enabled = true) {
  return useQuery({
    queryKey: keys.unitAssignments(id),
    queryFn: ({ signal }) =>
      api<Items<UnitAssignment>>(`/org-units/${encodeURIComponent(id)}/assignments`, { signal }).then((r) => r.items),
    enabled,
  });
}

function useInvalidateUnits() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['org-units'] });
}

export function useCreateUnit() {
  const invalidate = useInvalidateUnits();
  return useMutation({
    mutationFn: (input: NewUnitInput) => api<UnitDetail>('/org-units', { method: 'POST', body: input }),
    onSuccess: invalidate,
  });
}

export function useUpdateUnit(id: string) {
  const invalidate = useInvalidateUnits();
  return useMutation({
    mutationFn: (input: UnitInput) =>
      api<UnitDetail>(`/org-units/${encodeURIComponent(id)}`, { method: 'PATCH', body: input }),
    onSuccess: invalidate,
  });
}

export function useMoveUnit(id: string) {
  const invalidate = useInvalidateUnits();
  return useMutation({
    mutationFn: (parentId: string | null) =>
      api<UnitDetail>(`/org-units/${encodeURIComponent(id)}/move`, { method: 'POST', body: { parentId } }),
    onSuccess: invalidate,
  });
}

export interface CloseInput {
  validTo: string;
  successorId?: string;
  note?: string;
}

export function useCloseUnit(id: string) {
  const invalidate = useInvalidateUnits();
  return useMutation({
    mutationFn: (input: CloseInput) =>
      api<UnitDetail>(`/org-units/${encodeURIComponent(id)}/close`, { method: 'POST', body: input }),
    onSuccess: invalidate,
  });
}

export function usePlans() {
  return useQuery({
    queryKey: keys.plans,
    queryFn: ({ signal }) => api<Items<PlanSummary>>('/plans', { signal }).then((r) => r.items),
  });
}

export function usePlan(id: string) {
  return useQuery({
    queryKey: keys.plan(id),
    queryFn: ({ signal }) => api<PlanDetail>(`/plans/${encodeURIComponent(id)}`, { signal }),
  });
}

export interface TaskAssignmentQuery {
  role?: string;
  q?: string;
  limit: number;
  offset: number;
}

/** One page of a task's assignments (the plan answer only names the first few of each group). */
export function useTaskAssignments(planId: string, taskId: string, query: TaskAssignmentQuery, enabled = true) {
  return useQuery({
    queryKey: keys.taskAssignments(planId, taskId, query),
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ limit: String(query.limit), offset: String(query.offset) });
      if (query.role) params.set('role', query.role);
      if (query.q) params.set('q', query.q);
      return api<AssignmentPage>(
        `/plans/${encodeURIComponent(planId)}/tasks/${encodeURIComponent(taskId)}/assignments?${params}`,
        { signal },
      );
    },
    placeholderData: (previous) => previous,
    enabled,
  });
}

export function useAudit(filter: AuditFilter) {
  return useQuery<AuditPage>({
    queryKey: keys.audit(filter),
    queryFn: ({ signal }) => api<AuditPage>('/audit', { signal, query: { ...filter } }),
    placeholderData: (previous: AuditPage | undefined) => previous,
  });
}

export function useSaveLevel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ code, ...input }: LevelInput & { code: string }) =>
      api<OrgLevel>(`/org-levels/${encodeURIComponent(code)}`, { method: 'PUT', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.levels }),
  });
}

/* ---- documents ---- */

export function useDocuments(filter: DocumentFilter, enabled = true) {
  return useQuery<DocumentPage>({
    queryKey: keys.documents(filter),
    queryFn: ({ signal }) => api<DocumentPage>('/documents', { signal, query: { ...filter } }),
    placeholderData: (previous: DocumentPage | undefined) => previous,
    enabled,
  });
}

export function useDocument(id: string) {
  return useQuery({
    queryKey: keys.document(id),
    queryFn: ({ signal }) => api<DocumentDetail>(`/documents/${encodeURIComponent(id)}`, { signal }),
  });
}

/** One page of a document's expected units (the cascade names only the first few of each status). */
export function useCoverage(id: string, query: CoverageQuery, enabled = true) {
  return useQuery({
    queryKey: keys.coverage(id, query),
    queryFn: ({ signal }) =>
      api<CoveragePage>(`/documents/${encodeURIComponent(id)}/coverage`, { signal, query: { ...query } }),
    placeholderData: (previous) => previous,
    enabled,
  });
}

export function useCascade(id: string, enabled = true) {
  return useQuery({
    queryKey: keys.cascade(id),
    queryFn: ({ signal }) => api<CascadeNode>(`/documents/${encodeURIComponent(id)}/cascade`, { signal }),
    enabled,
  });
}

/** Reads a number-and-symbol as typed ("Số 45-KH/HU"); an unreadable text is an error (400). */
export function useParseSymbol(text: string) {
  return useQuery({
    queryKey: keys.parseSymbol(text),
    queryFn: ({ signal }) => api<ParsedSymbol>('/documents/parse-symbol', { signal, query: { text } }),
    enabled: text.trim().length > 0,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

function useInvalidateDocuments() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['documents'] });
}

export function useCreateDocument() {
  const invalidate = useInvalidateDocuments();
  return useMutation({
    mutationFn: (input: DocumentInput) => api<DocumentDetail>('/documents', { method: 'POST', body: input }),
    onSuccess: invalidate,
  });
}

export function useUpdateDocument(id: string) {
  const invalidate = useInvalidateDocuments();
  return useMutation({
    mutationFn: (input: DocumentInput) =>
      api<DocumentDetail>(`/documents/${encodeURIComponent(id)}`, { method: 'PATCH', body: input }),
    onSuccess: invalidate,
  });
}

export function useUploadDocumentFile(id: string) {
  const invalidate = useInvalidateDocuments();
  return useMutation({
    mutationFn: (file: File) => {
      const body = new FormData();
      body.append('file', file, file.name);
      return api<DocumentDetail>(`/documents/${encodeURIComponent(id)}/file`, { method: 'POST', body });
    },
    onSuccess: invalidate,
  });
}

export const documentFileUrl = (id: string) => `/api/v1/documents/${encodeURIComponent(id)}/file`;

export function useAddDocumentLink(id: string) {
  const invalidate = useInvalidateDocuments();
  return useMutation({
    mutationFn: (input: { toDocumentId: string; relation: DocRelation }) =>
      api<{ id: string }>(`/documents/${encodeURIComponent(id)}/links`, { method: 'POST', body: input }),
    onSuccess: invalidate,
  });
}

export function useDeleteDocumentLink(id: string) {
  const invalidate = useInvalidateDocuments();
  return useMutation({
    mutationFn: (linkId: string) =>
      api<void>(`/documents/${encodeURIComponent(id)}/links/${encodeURIComponent(linkId)}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}

/* ---- plan import ---- */

export type ImportSource = { file: File } | { text: string; fileName?: string };

export function useImportPreview() {
  return useMutation({
    mutationFn: (source: ImportSource) => {
      if ('file' in source) {
        const body = new FormData();
        body.append('file', source.file, source.file.name);
        return api<ImportPreview>('/plans/import', { method: 'POST', body });
      }
      return api<ImportPreview>('/plans/import', { method: 'POST', body: source });
    },
  });
}

export function useCreatePlan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreatePlanInput) =>
      api<{ id: string; documentId: string }>('/plans', { method: 'POST', body: input }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['plans'] });
      void client.invalidateQueries({ queryKey: ['documents'] });
      void client.invalidateQueries({ queryKey: ['org-units', 'assignments'] });
    },
  });
}
