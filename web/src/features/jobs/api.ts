/** Types and hooks of the jobs page (server: modules/jobs, GET /api/v1/jobs). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
export type JobStatus = 'queued' | 'active' | 'failed' | 'done' | 'cancelled';

export interface JobRow {
  id: string;
  queue: string;
  state: JobState;
  key: string | null;
  data: unknown;
  output: unknown;
  retryCount: number;
  retryLimit: number;
  startAfter: string;
  startedOn: string | null;
  completedOn: string | null;
  createdOn: string;
}

export interface JobPage {
  items: JobRow[];
  total: number;
  counts: Record<JobState, number>;
  schedules: { queue: string; cron: string; timezone: string | null }[];
}

export interface JobFilter {
  status?: JobStatus;
  limit: number;
  offset: number;
}

const key = (filter: JobFilter) => ['jobs', filter] as const;

export function useJobs(filter: JobFilter) {
  return useQuery({
    queryKey: key(filter),
    queryFn: ({ signal }) => api<JobPage>('/jobs', { signal, query: { ...filter } }),
    refetchInterval: 10_000,
  });
}

export function useJobAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'retry' | 'cancel' }) =>
      api<{ id: string; state: JobState }>(`/jobs/${encodeURIComponent(id)}/${action}`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['jobs'] }),
  });
}
