/** react-query hooks for every endpoint the screens use. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type {
  AuditFilter,
  AuditPage,
  Items,
  OrgKind,
  OrgLevel,
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
  audit: (filter: AuditFilter) => ['audit', filter] as const,
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

export function useUnit(id: string) {
  return useQuery({
    queryKey: keys.unit(id),
    queryFn: ({ signal }) => api<UnitDetail>(`/org-units/${encodeURIComponent(id)}`, { signal }),
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
    mutationFn: (input: UnitInput) => api<UnitDetail>('/org-units', { method: 'POST', body: input }),
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

export function useAudit(filter: AuditFilter) {
  return useQuery<AuditPage>({
    queryKey: keys.audit(filter),
    queryFn: ({ signal }) => api<AuditPage>('/audit', { signal, query: { ...filter } }),
    placeholderData: (previous: AuditPage | undefined) => previous,
  });
}
