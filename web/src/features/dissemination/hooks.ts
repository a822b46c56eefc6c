/** React Query hooks of the dissemination page (server: modules/dissemination). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';

export type Rollup = ResponseOf<'/api/v1/plans/{id}/dissemination', 'get'>;
export type RollupQuery = QueryOf<'/api/v1/plans/{id}/dissemination', 'get'>;
export type RollupRow = Rollup['units']['items'][number];
export type PendingUnit = Rollup['pending']['items'][number];
export type SessionPage = ResponseOf<'/api/v1/plans/{id}/dissemination/sessions', 'get'>;
export type SessionItem = SessionPage['items'][number];
export type NewSession = BodyOf<'/api/v1/plans/{id}/dissemination/sessions', 'post'>;
export type SessionEdit = BodyOf<'/api/v1/dissemination-sessions/{id}', 'patch'>;
export type Form = NewSession['form'];

export const FORMS: Form[] = ['conference', 'online', 'loudspeaker', 'printed', 'other'];

const keys = {
  all: (planId: string) => ['dissemination', planId] as const,
  rollup: (planId: string, q: RollupQuery) => ['dissemination', planId, 'rollup', q] as const,
  sessions: (planId: string, q: object) => ['dissemination', planId, 'sessions', q] as const,
};

export function useRollup(planId: string, query: RollupQuery) {
  return useQuery({
    queryKey: keys.rollup(planId, query),
    queryFn: ({ signal }) =>
      api<Rollup>(`/plans/${encodeURIComponent(planId)}/dissemination`, { signal, query: { ...query } }),
    placeholderData: keepPreviousData,
  });
}

export function useSessions(planId: string, query: { limit: number; offset: number; includeWithdrawn?: boolean }) {
  return useQuery({
    queryKey: keys.sessions(planId, query),
    queryFn: ({ signal }) =>
      api<SessionPage>(`/plans/${encodeURIComponent(planId)}/dissemination/sessions`, {
        signal,
        query: { ...query },
      }),
    placeholderData: keepPreviousData,
  });
}

/** Record, edit or withdraw; every success refreshes the plan's dissemination. */
export function useSessionWrites(planId: string) {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: keys.all(planId) });
  const record = useMutation({
    mutationFn: (body: NewSession) =>
      api<SessionItem>(`/plans/${encodeURIComponent(planId)}/dissemination/sessions`, { method: 'POST', body }),
    onSuccess,
  });
  const edit = useMutation({
    mutationFn: ({ id, body }: { id: string; body: SessionEdit }) =>
      api<SessionItem>(`/dissemination-sessions/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess,
  });
  const withdraw = useMutation({
    mutationFn: ({ id, version, reason }: { id: string; version: number; reason?: string }) =>
      api<SessionItem>(`/dissemination-sessions/${encodeURIComponent(id)}/withdraw`, {
        method: 'POST',
        body: { version, reason: reason ?? null },
      }),
    onSuccess,
  });
  return { record, edit, withdraw };
}
