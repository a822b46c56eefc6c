/** React Query hooks of the catalogue page (server: modules/indicators/indicators.catalogue.routes.ts). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { BodyOf, ResponseOf } from '../../api/types';

export type Catalogue = ResponseOf<'/api/v1/indicators/catalogue', 'get'>;
export type CatIndicator = Catalogue['indicators'][number];
export type CatElement = Catalogue['elements'][number];
export type CatCategory = Catalogue['categories'][number];
export type CatRule = Catalogue['rules'][number];
export type CatTarget = CatIndicator['targets'][number];
export type NewIndicator = BodyOf<'/api/v1/indicators/catalogue/indicators', 'post'>;
export type IndicatorEdit = BodyOf<'/api/v1/indicators/catalogue/indicators/{id}', 'put'>;
export type NewElement = BodyOf<'/api/v1/indicators/catalogue/elements', 'post'>;
export type ElementEdit = BodyOf<'/api/v1/indicators/catalogue/elements/{id}', 'put'>;
export type NewRule = BodyOf<'/api/v1/indicators/catalogue/rules', 'post'>;
export type RuleEdit = BodyOf<'/api/v1/indicators/catalogue/rules/{id}', 'put'>;
export type CategoryEdit = BodyOf<'/api/v1/indicators/catalogue/categories/{code}', 'put'>;
export type TargetInput = BodyOf<'/api/v1/indicators/catalogue/indicators/{id}/targets', 'put'>;
export type ArchiveEntity = 'elements' | 'indicators' | 'rules';

const KEY = ['indicators', 'catalogue'] as const;

export function useCatalogue(archived: boolean) {
  return useQuery({
    queryKey: [...KEY, archived],
    queryFn: ({ signal }) =>
      api<Catalogue>('/indicators/catalogue', { signal, query: archived ? { archived: 'true' } : {} }),
    staleTime: 60_000,
  });
}

const enc = encodeURIComponent;

/** Every write refreshes the catalogue (also after a refusal: the next edit starts from what is stored). */
export function useCatalogueWrites() {
  const client = useQueryClient();
  const onSettled = () => client.invalidateQueries({ queryKey: KEY });
  return {
    indicator: useMutation({
      mutationFn: ({ id, body }: { id: string | null; body: IndicatorEdit | NewIndicator }) =>
        id
          ? api<CatIndicator>(`/indicators/catalogue/indicators/${enc(id)}`, { method: 'PUT', body })
          : api<CatIndicator>('/indicators/catalogue/indicators', { method: 'POST', body }),
      onSettled,
    }),
    element: useMutation({
      mutationFn: ({ id, body }: { id: string | null; body: ElementEdit | NewElement }) =>
        id
          ? api<CatElement>(`/indicators/catalogue/elements/${enc(id)}`, { method: 'PUT', body })
          : api<CatElement>('/indicators/catalogue/elements', { method: 'POST', body }),
      onSettled,
    }),
    rule: useMutation({
      mutationFn: ({ id, body }: { id: string | null; body: RuleEdit | NewRule }) =>
        id
          ? api<CatRule>(`/indicators/catalogue/rules/${enc(id)}`, { method: 'PUT', body })
          : api<CatRule>('/indicators/catalogue/rules', { method: 'POST', body }),
      onSettled,
    }),
    category: useMutation({
      mutationFn: ({ code, body }: { code: string; body: CategoryEdit }) =>
        api<CatCategory>(`/indicators/catalogue/categories/${enc(code)}`, { method: 'PUT', body }),
      onSettled,
    }),
    target: useMutation({
      mutationFn: ({ indicatorId, body }: { indicatorId: string; body: TargetInput }) =>
        api<CatTarget>(`/indicators/catalogue/indicators/${enc(indicatorId)}/targets`, { method: 'PUT', body }),
      onSettled,
    }),
    removeTarget: useMutation({
      mutationFn: ({ id, version }: { id: string; version: number }) =>
        api<null>(`/indicators/catalogue/targets/${enc(id)}`, { method: 'DELETE', query: { version } }),
      onSettled,
    }),
    archive: useMutation({
      mutationFn: ({
        entity,
        id,
        version,
        archived,
      }: {
        entity: ArchiveEntity;
        id: string;
        version: number;
        archived: boolean;
      }) =>
        api<{ id: string }>(`/indicators/catalogue/${entity}/${enc(id)}/archive`, {
          method: 'POST',
          body: { version, archived },
        }),
      onSettled,
    }),
  };
}
