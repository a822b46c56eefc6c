/** React Query hooks of the follow-through pages (server: modules/followup). */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ResponseOf } from '../../api/types';

export const OWED_STATES = ['due', 'overdue', 'returned', 'submitted', 'accepted'] as const;
export type OwedState = (typeof OWED_STATES)[number];

/** The answers, named over the generated contract (web/src/api/schema.gen.ts). */
export type OwedPage = ResponseOf<'/api/v1/me/obligations', 'get'>;
export type ObligationRow = OwedPage['items'][number];
export type PlanToIssue = OwedPage['plansToIssue'][number];
export type HomeAnswer = ResponseOf<'/api/v1/me/home', 'get'>;

export interface OwedFilter {
  state?: OwedState;
  limit: number;
  offset: number;
}

export const followupKeys = {
  owed: (filter: OwedFilter) => ['followup', 'owed', filter] as const,
  home: (page: { limit: number; offset: number }) => ['followup', 'home', page] as const,
};

/** What the signed-in user's units owe (GET /api/v1/me/obligations). */
export function useOwed(filter: OwedFilter) {
  return useQuery({
    queryKey: followupKeys.owed(filter),
    queryFn: ({ signal }) => api<OwedPage>('/me/obligations', { signal, query: { ...filter } }),
  });
}

/** A leader's home: counts by state and the most urgent obligations of the whole scope. */
export function useHome(page: { limit: number; offset: number }) {
  return useQuery({
    queryKey: followupKeys.home(page),
    queryFn: ({ signal }) => api<HomeAnswer>('/me/home', { signal, query: { ...page } }),
  });
}
