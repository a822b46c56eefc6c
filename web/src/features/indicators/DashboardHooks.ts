/** Hooks of the indicator dashboard (server: modules/indicators/rollup.ts). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, buildUrl } from '../../api/client';
import type { ResponseOf } from '../../api/types';

export type Rollup = ResponseOf<'/api/v1/indicators/rollup', 'get'>;
export type RollupRow = Rollup['rows'][number];
export type Trend = ResponseOf<'/api/v1/indicators/trend', 'get'>;
export type Summary = ResponseOf<'/api/v1/indicators/summary', 'get'>;
export type Status = Rollup['total']['status'];

export interface DashboardQuery {
  indicator: string;
  period: string;
  unitId?: string | undefined;
}

const clean = (q: Record<string, string | number | undefined>) =>
  Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>;

export function useRollup(q: DashboardQuery) {
  return useQuery({
    queryKey: ['indicators', 'rollup', q],
    queryFn: ({ signal }) => api<Rollup>('/indicators/rollup', { signal, query: clean({ ...q }) }),
    placeholderData: keepPreviousData,
    enabled: q.indicator !== '',
  });
}

export function useTrend(q: { indicator: string; unitId?: string | undefined; from: number; to: number }) {
  return useQuery({
    queryKey: ['indicators', 'trend', q],
    queryFn: ({ signal }) => api<Trend>('/indicators/trend', { signal, query: clean({ ...q }) }),
    placeholderData: keepPreviousData,
    enabled: q.indicator !== '',
  });
}

export function useSummary(q: { period: string; unitId?: string | undefined }) {
  return useQuery({
    queryKey: ['indicators', 'summary', q],
    queryFn: ({ signal }) => api<Summary>('/indicators/summary', { signal, query: clean({ ...q }) }),
    placeholderData: keepPreviousData,
  });
}

export const rollupXlsxUrl = (q: DashboardQuery) => buildUrl('/indicators/rollup.xlsx', clean({ ...q }));

export const STATUS_COLOURS: Record<Status, string> = {
  green: '#389e0d',
  amber: '#d48806',
  red: '#cf1322',
  grey: '#8c8c8c',
};
