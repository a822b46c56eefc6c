/** Types and react-query hooks of the report page (server: modules/reports). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { BodyOf, ResponseOf } from '../../api/types';

export type ObligationDetail = ResponseOf<'/api/v1/obligations/{id}', 'get'>;
export type ReportView = ObligationDetail['report'];
export type DraftInput = BodyOf<'/api/v1/obligations/{id}/report', 'put'>;
export type ReportAction = ObligationDetail['actions'][number];
export type TimelineEvent = ObligationDetail['timeline'][number];

const key = (id: string) => ['obligation', id] as const;
const path = (id: string) => `/obligations/${encodeURIComponent(id)}`;

export const evidenceUrl = (id: string, fileId: string) =>
  `/api/v1/obligations/${encodeURIComponent(id)}/report/files/${encodeURIComponent(fileId)}`;

export function useObligation(id: string) {
  return useQuery({
    queryKey: key(id),
    queryFn: ({ signal }) => api<ObligationDetail>(path(id), { signal }),
  });
}

/** Every write answers the whole page; the cache takes it as it comes. */
function useWrite<I>(id: string, call: (input: I) => Promise<ObligationDetail>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (detail) => client.setQueryData(key(id), detail),
  });
}

export type SavedDraft = ResponseOf<'/api/v1/obligations/{id}/report', 'put'>;

/** An autosave answers the report and the actions only; the page is refreshed behind it. */
export function useSaveDraft(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: DraftInput) => api<SavedDraft>(`${path(id)}/report`, { method: 'PUT', body }),
    onSuccess: (saved) => {
      client.setQueryData<ObligationDetail>(key(id), (page) => (page ? { ...page, ...saved } : page));
      // The timeline (a new `saved` step, or the count of the folded one) follows in the background.
      void client.invalidateQueries({ queryKey: key(id) });
    },
  });
}

export const useReportStep = (id: string) =>
  useWrite(
    id,
    ({ step, version, comment }: { step: 'submit' | 'accept' | 'return'; version: number; comment?: string }) =>
      api<ObligationDetail>(`${path(id)}/report/${step}`, {
        method: 'POST',
        body: step === 'return' ? { version, comment } : { version },
      }),
  );

export const useUploadEvidence = (id: string) =>
  useWrite(id, (file: File) => {
    const body = new FormData();
    body.append('file', file, file.name);
    return api<ObligationDetail>(`${path(id)}/report/files`, { method: 'POST', body });
  });

export const useRemoveEvidence = (id: string) =>
  useWrite(id, (fileId: string) =>
    api<ObligationDetail>(`${path(id)}/report/files/${encodeURIComponent(fileId)}`, { method: 'DELETE' }),
  );

export const useRequestExtension = (id: string) =>
  useWrite(id, (body: { reason: string; requestedDueOn: string }) =>
    api<ObligationDetail>(`${path(id)}/extensions`, { method: 'POST', body }),
  );

export const useDecideExtension = (id: string) =>
  useWrite(
    id,
    ({
      extensionId,
      grant,
      dueOn,
      comment,
    }: {
      extensionId: string;
      grant: boolean;
      dueOn?: string | null;
      comment: string;
    }) =>
      api<ObligationDetail>(`/extensions/${encodeURIComponent(extensionId)}/${grant ? 'grant' : 'refuse'}`, {
        method: 'POST',
        body: grant ? { ...(dueOn ? { dueOn } : {}), ...(comment ? { comment } : {}) } : { comment },
      }),
  );
