/** Users and grants: the administrator's people page and everyone's own password. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { BodyOf, ResponseOf } from '../../api/types';

export const ROLES = ['admin', 'monitor', 'viewer', 'unit_head', 'unit_officer'] as const;
export type UserRole = (typeof ROLES)[number];

export type UserRow = ResponseOf<'/api/v1/users/{id}', 'get'>;
export type UserGrant = UserRow['grants'][number];
export type UserPage = ResponseOf<'/api/v1/users', 'get'>;
type UserPatch = BodyOf<'/api/v1/users/{id}', 'patch'>;

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  homeUnitId: string | null;
  grants: { role: UserRole; unitId: string | null }[];
}

const usersKey = ['users'] as const;

/** One page of users, searched on the server (`q` is already debounced by the page). */
export function useUsers(query: { q: string; limit: number; offset: number }) {
  const params = new URLSearchParams({ limit: String(query.limit), offset: String(query.offset) });
  if (query.q) params.set('q', query.q);
  return useQuery({
    queryKey: [...usersKey, 'page', query],
    queryFn: ({ signal }) => api<UserPage>(`/users?${params}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** The user being edited, as the server has it now (with its version). */
export function useUser(id: string | null) {
  return useQuery({
    queryKey: [...usersKey, 'one', id],
    queryFn: ({ signal }) => api<UserRow>(`/users/${id}`, { signal }),
    enabled: id !== null,
  });
}

function useUsersMutation<I, O>(fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    // Also after a refusal (409 stale_version): the page then shows the user as it is now.
    onSettled: () => client.invalidateQueries({ queryKey: usersKey }),
  });
}

export const useCreateUser = () =>
  useUsersMutation((input: NewUser) => api<{ id: string }>('/users', { method: 'POST', body: input }));

export const useUpdateUser = () =>
  useUsersMutation(({ id, ...body }: { id: string } & UserPatch) =>
    api<UserRow>(`/users/${id}`, { method: 'PATCH', body }),
  );

export const useAddGrant = () =>
  useUsersMutation(({ userId, role, unitId }: { userId: string; role: UserRole; unitId: string | null }) =>
    api<UserGrant>(`/users/${userId}/grants`, { method: 'POST', body: { role, unitId } }),
  );

export const useRemoveGrant = () =>
  useUsersMutation(({ userId, grantId }: { userId: string; grantId: string }) =>
    api<void>(`/users/${userId}/grants/${grantId}`, { method: 'DELETE' }),
  );

export const useResetPassword = () =>
  useUsersMutation(({ userId, password }: { userId: string; password: string }) =>
    api<void>(`/users/${userId}/password`, { method: 'POST', body: { password } }),
  );

export function useChangeOwnPassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api<void>('/me/password', { method: 'POST', body }),
  });
}
