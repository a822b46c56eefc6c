/** Hooks of reminders and escalation (server: modules/reminders). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { BodyOf, ResponseOf } from '../../api/types';

export type NotificationPage = ResponseOf<'/api/v1/notifications', 'get'>;
export type NotificationItem = NotificationPage['items'][number];
export type SettingsView = ResponseOf<'/api/v1/plans/{id}/followup-settings', 'get'>;
export type FollowupSettings = SettingsView['settings'];
export type ReminderList = ResponseOf<'/api/v1/obligations/{id}/reminders', 'get'>;
export type ReminderItem = ReminderList['items'][number];
export type Letter = ResponseOf<'/api/v1/explanation-letters/{id}', 'get'>;
export type LetterBody = BodyOf<'/api/v1/explanation-letters/{id}', 'put'>;
export type IssueBody = BodyOf<'/api/v1/explanation-letters/{id}/issue', 'post'>;

const enc = encodeURIComponent;

export function useNotifications(page: { limit: number; offset: number; unread?: boolean }, enabled = true) {
  return useQuery({
    queryKey: ['notifications', page],
    queryFn: ({ signal }) =>
      api<NotificationPage>('/notifications', {
        signal,
        query: { limit: page.limit, offset: page.offset, unread: page.unread ? 'true' : undefined },
      }),
    refetchInterval: 60_000,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string | 'all'): Promise<unknown> =>
      id === 'all'
        ? api<{ updated: number }>('/notifications/read-all', { method: 'POST' })
        : api<{ id: string }>(`/notifications/${enc(id)}/read`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notifications'] }),
  });
}

export function useFollowupSettings(planId: string) {
  return useQuery({
    queryKey: ['followup-settings', planId],
    queryFn: ({ signal }) => api<SettingsView>(`/plans/${enc(planId)}/followup-settings`, { signal }),
  });
}

export function useSaveFollowupSettings(planId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { settings: FollowupSettings; version: number }) =>
      api<SettingsView>(`/plans/${enc(planId)}/followup-settings`, { method: 'PUT', body }),
    onSuccess: (data) => {
      client.setQueryData(['followup-settings', planId], data);
      void client.invalidateQueries({ queryKey: ['plan', planId] });
    },
  });
}

export function useReminderLog(obligationId: string) {
  return useQuery({
    queryKey: ['reminders', obligationId],
    queryFn: ({ signal }) => api<ReminderList>(`/obligations/${enc(obligationId)}/reminders`, { signal }),
  });
}

export function useLetter(id: string) {
  return useQuery({
    queryKey: ['explanation-letter', id],
    queryFn: ({ signal }) => api<Letter>(`/explanation-letters/${enc(id)}`, { signal }),
  });
}

export function useSaveLetter(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: LetterBody) => api<Letter>(`/explanation-letters/${enc(id)}`, { method: 'PUT', body }),
    onSuccess: (data) => client.setQueryData(['explanation-letter', id], data),
  });
}

export function useIssueLetter(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: IssueBody) => api<Letter>(`/explanation-letters/${enc(id)}/issue`, { method: 'POST', body }),
    onSuccess: (data) => {
      client.setQueryData(['explanation-letter', id], data);
      void client.invalidateQueries({ queryKey: ['notifications'] });
    },
  });
}

export const letterDocxUrl = (id: string) => `/api/v1/explanation-letters/${enc(id)}/docx`;
