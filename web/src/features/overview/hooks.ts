/** Hooks of the overview and progress (server: modules/overview). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { QueryOf, ResponseOf } from '../../api/types';

export type Overview = ResponseOf<'/api/v1/plans/{id}/overview', 'get'>;
export type OverviewRow = Overview['items'][number];
export type OverviewQuery = QueryOf<'/api/v1/plans/{id}/overview', 'get'>;
export type PeriodList = ResponseOf<'/api/v1/plans/{id}/periods', 'get'>;
export type PlanProgress = ResponseOf<'/api/v1/plans/{id}/progress', 'get'>;
export type ProgressNode = PlanProgress['nodes'][number];

const path = (planId: string, what: string) => `/plans/${encodeURIComponent(planId)}/${what}`;

export function usePeriods(planId: string) {
  return useQuery({
    queryKey: ['plan', planId, 'periods'],
    queryFn: ({ signal }) => api<PeriodList>(path(planId, 'periods'), { signal }),
  });
}

export function useOverview(planId: string, query: OverviewQuery) {
  return useQuery({
    queryKey: ['plan', planId, 'overview', query],
    queryFn: ({ signal }) => api<Overview>(path(planId, 'overview'), { signal, query: { ...query } }),
    placeholderData: keepPreviousData,
  });
}

/** One request per plan page (every task and section reads the same cached answer). */
export function usePlanProgress(planId: string, period?: string) {
  return useQuery({
    queryKey: ['plan', planId, 'progress', period ?? null],
    queryFn: ({ signal }) => api<PlanProgress>(path(planId, 'progress'), { signal, query: period ? { period } : {} }),
  });
}
