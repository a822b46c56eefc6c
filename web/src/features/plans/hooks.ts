import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { keys } from '../../api/hooks';
import type { BodyOf, PlanDetail, ResponseOf } from '../../api/types';

/** Plan editing (server: plans.edit.routes.ts): the React Query hooks of the plan page's edit mode. */

export type PlanPatch = BodyOf<'/api/v1/plans/{id}', 'patch'>;
export type NodeCreate = BodyOf<'/api/v1/plans/{id}/nodes', 'post'>;
export type NodePatch = BodyOf<'/api/v1/plans/{id}/nodes/{nodeId}', 'patch'>;
export type EditedNode = ResponseOf<'/api/v1/plans/{id}/nodes/{nodeId}', 'patch'>;
export type EditedAssignment = ResponseOf<'/api/v1/plans/{id}/assignments/{assignmentId}', 'patch'>;
export type AssignmentCreate = BodyOf<'/api/v1/plans/{id}/tasks/{taskId}/assignments', 'post'>;
export type AssignmentPatch = BodyOf<'/api/v1/plans/{id}/assignments/{assignmentId}', 'patch'>;
export type UnlinkedPage = ResponseOf<'/api/v1/plans/{id}/unlinked', 'get'>;
export type WithdrawBody = BodyOf<'/api/v1/plans/{id}/withdraw', 'post'>;
export type ReplaceBody = BodyOf<'/api/v1/plans/{id}/replace', 'post'>;

const enc = encodeURIComponent;
const unlinkedKey = (planId: string) => ['plans', 'unlinked', planId] as const;

/** After any edit: the plan, its lists, its task pages and its unlinked list are read again. */
function useRefresh(planId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: keys.plan(planId) }),
      client.invalidateQueries({ queryKey: keys.plans }),
      client.invalidateQueries({ queryKey: ['plans'] }),
    ]).then(() => undefined);
}

export function useUnlinked(planId: string, enabled = true) {
  return useQuery({
    queryKey: unlinkedKey(planId),
    queryFn: ({ signal }) => api<UnlinkedPage>(`/plans/${enc(planId)}/unlinked`, { signal }),
    enabled,
  });
}

export function useUpdatePlan(planId: string) {
  const refresh = useRefresh(planId);
  return useMutation({
    mutationFn: (body: PlanPatch) => api<PlanDetail>(`/plans/${enc(planId)}`, { method: 'PATCH', body }),
    onSuccess: refresh,
  });
}

export function useCreateNode(planId: string) {
  const refresh = useRefresh(planId);
  return useMutation({
    mutationFn: (body: NodeCreate) => api<EditedNode>(`/plans/${enc(planId)}/nodes`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useUpdateNode(planId: string) {
  const refresh = useRefresh(planId);
  return useMutation({
    mutationFn: ({ nodeId, body }: { nodeId: string; body: NodePatch }) =>
      api<EditedNode>(`/plans/${enc(planId)}/nodes/${enc(nodeId)}`, { method: 'PATCH', body }),
    onSuccess: refresh,
  });
}

export function useCancelNode(planId: string) {
  const refresh = useRefresh(planId);
  return useMutation({
    mutationFn: ({ nodeId, version }: { nodeId: string; version: number }) =>
      api<EditedNode>(`/plans/${enc(planId)}/nodes/${enc(nodeId)}/cancel`, { method: 'POST', body: { version } }),
    onSuccess: refresh,
  });
}

export function useAddAssignment(planId: string) {
  const refresh = useRefresh(planId);
  return useMutation({
    mutationFn: ({ taskId, body }: { taskId: string; body: AssignmentCreate }) =>
      api<EditedAssignment>(`/plans/${enc(planId)}/tasks/${enc(taskId)}/assignments`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useUpdateAssignment(planId: string) {
  const refresh = useRefresh(planId);
  return useMutation({
    mutationFn: ({ assignmentId, body }: { assignmentId: string; body: AssignmentPatch }) =>
      api<EditedAssignment>(`/plans/${enc(planId)}/assignments/${enc(assignmentId)}`, { method: 'PATCH', body }),
    onSuccess: refresh,
  });
}

export function useEndAssignment(planId: string) {
  const refresh = useRefresh(planId);
  return useMutation({
    mutationFn: ({ assignmentId, version }: { assignmentId: string; version: number }) =>
      api<EditedAssignment>(`/plans/${enc(planId)}/assignments/${enc(assignmentId)}/end`, {
        method: 'POST',
        body: { version },
      }),
    onSuccess: refresh,
  });
}

export function useWithdrawPlan(planId: string) {
  const refresh = useRefresh(planId);
  return useMutation({
    mutationFn: (body: WithdrawBody) => api<PlanDetail>(`/plans/${enc(planId)}/withdraw`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useReplacePlan(planId: string) {
  const refresh = useRefresh(planId);
  return useMutation({
    mutationFn: (body: ReplaceBody) => api<PlanDetail>(`/plans/${enc(planId)}/replace`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}
