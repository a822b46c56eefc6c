/** Types and react-query hooks of data entry (server: modules/indicators, part B). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { BodyOf, ResponseOf } from '../../api/types';

type FormPath = '/api/v1/indicators/forms/{unitId}/{periodKey}';
export type FiguresForm = ResponseOf<FormPath, 'get'>;
export type FormSection = FiguresForm['sections'][number];
export type FormElement = FormSection['elements'][number];
export type FormCellView = FormElement['cells'][number];
export type Validation = FiguresForm['validation'];
export type Issue = Validation['errors'][number];
export type CellChange = BodyOf<FormPath, 'put'>['changes'][number];
export type Saved = ResponseOf<FormPath, 'put'>;
export type CellHistory = ResponseOf<'/api/v1/indicators/forms/{unitId}/{periodKey}/history', 'get'>;
export type EntryList = ResponseOf<'/api/v1/indicators/entry', 'get'>;
export type EntryItem = EntryList['items'][number];

const formPath = (unitId: string, periodKey: string) =>
  `/indicators/forms/${encodeURIComponent(unitId)}/${encodeURIComponent(periodKey)}`;
export const formKey = (unitId: string, periodKey: string) => ['indicators', 'form', unitId, periodKey] as const;

export function useFiguresForm(unitId: string, periodKey: string) {
  return useQuery({
    queryKey: formKey(unitId, periodKey),
    queryFn: ({ signal }) => api<FiguresForm>(formPath(unitId, periodKey), { signal }),
  });
}

/** Validation of the form as it would be with the changes (nothing saved). */
export function useValidateFigures(unitId: string, periodKey: string, changes: CellChange[], enabled: boolean) {
  return useQuery({
    queryKey: ['indicators', 'validate', unitId, periodKey, changes] as const,
    queryFn: ({ signal }) =>
      api<Validation>(`${formPath(unitId, periodKey)}/validate`, { method: 'POST', body: { changes }, signal }),
    enabled,
    staleTime: 60_000,
  });
}

export function useSaveFigures(unitId: string, periodKey: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { changes: CellChange[]; reason?: string }) =>
      api<Saved>(formPath(unitId, periodKey), { method: 'PUT', body }),
    onSuccess: (saved) => {
      client.setQueryData(formKey(unitId, periodKey), saved.form);
      void client.invalidateQueries({ queryKey: ['indicators', 'entry'] });
    },
  });
}

export function useCellHistory(unitId: string, periodKey: string, element: string, combo: string, enabled: boolean) {
  return useQuery({
    queryKey: ['indicators', 'history', unitId, periodKey, element, combo] as const,
    queryFn: ({ signal }) =>
      api<CellHistory>(`${formPath(unitId, periodKey)}/history`, { query: { element, combo }, signal }),
    enabled,
  });
}

export function useEntryList(period: string) {
  return useQuery({
    queryKey: ['indicators', 'entry', period] as const,
    queryFn: ({ signal }) => api<EntryList>('/indicators/entry', { query: { period }, signal }),
  });
}

export function useReopen(unitId: string, periodKey: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { openUntil: string; reason: string }) =>
      api('/indicators/locks', { method: 'POST', body: { unitId, periodKey, ...body } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: formKey(unitId, periodKey) }),
  });
}
