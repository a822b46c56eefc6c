/** Types and react-query hooks of approval (server: modules/indicators/approval.*). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ResponseOf } from '../../api/types';

export type FiguresApproval = ResponseOf<'/api/v1/indicators/forms/{unitId}/{periodKey}/approval', 'get'>;
export type ReviewQueue = ResponseOf<'/api/v1/indicators/review', 'get'>;
export type FiguresCollection = ResponseOf<'/api/v1/plans/{id}/figures', 'get'>;

const approvalKey = (unitId: string, periodKey: string) => ['indicators', 'approval', unitId, periodKey] as const;

export function useFiguresApproval(unitId: string, periodKey: string) {
  return useQuery({
    queryKey: approvalKey(unitId, periodKey),
    queryFn: ({ signal }) =>
      api<FiguresApproval>(
        `/indicators/forms/${encodeURIComponent(unitId)}/${encodeURIComponent(periodKey)}/approval`,
        { signal },
      ),
  });
}

/** Submit, accept or return through the follow-through's report routes; the approval reloads. */
export function useFiguresStep(unitId: string, periodKey: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      obligationId,
      step,
      version,
      comment,
    }: {
      obligationId: string;
      step: 'submit' | 'accept' | 'return';
      version: number;
      comment?: string;
    }) =>
      api<unknown>(`/obligations/${encodeURIComponent(obligationId)}/report/${step}`, {
        method: 'POST',
        body: step === 'return' ? { version, comment } : { version },
      }),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: approvalKey(unitId, periodKey) });
      void client.invalidateQueries({ queryKey: ['indicators', 'review'] });
    },
  });
}

export function useReviewQueue(period: string | undefined) {
  return useQuery({
    queryKey: ['indicators', 'review', period ?? ''],
    queryFn: ({ signal }) =>
      api<ReviewQueue>(`/indicators/review${period ? `?period=${encodeURIComponent(period)}` : ''}`, { signal }),
  });
}

export function useFiguresCollection(planId: string) {
  return useQuery({
    queryKey: ['plan', planId, 'figures'],
    queryFn: ({ signal }) => api<FiguresCollection>(`/plans/${encodeURIComponent(planId)}/figures`, { signal }),
  });
}

export function useSetFiguresCollection(planId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      frequency: 'annual' | 'semiannual';
      fromYear: number;
      indicatorCodes: string[];
      lockAfterDays: number;
      version: number;
    }) => api<FiguresCollection>(`/plans/${encodeURIComponent(planId)}/figures`, { method: 'PUT', body }),
    onSuccess: (saved) => client.setQueryData(['plan', planId, 'figures'], saved),
  });
}
