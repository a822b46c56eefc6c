/** Users and grants: the administrator's people page and everyone's own password. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export const ROLES = ['admin', 'monitor', 'viewer', 'unit_head', 'unit_officer'] as const;
export type UserRole = (typeof ROLES)[number];

export interface UserGrant {
  id: string;
  role: string;
  unitId: string | null;
  unitName: string | null;
}

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  isActive: boolean;
  isDemo: boolean;
  homeUnit: { id: string; name: string } | null;
  grants: UserGrant[];
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  homeUnitId: string | null;
  grants: { role: UserRole; unitId: string | null }[];
}

const usersKey = ['users'] as const;

export function useUsers() {
  return useQuery({
    queryKey: usersKey,
    queryFn: ({ signal }) => api<{ items: UserRow[] }>('/users', { signal }).then((r) => r.items),
  });
}

function useUsersMutation<I, O>(fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: usersKey }),
  });
}

export const useCreateUser = () =>
  useUsersMutation((input: NewUser) => api<{ id: string }>('/users', { method: 'POST', body: input }));

export const useUpdateUser = () =>
  useUsersMutation(
    ({ id, ...body }: { id: string; displayName?: string; homeUnitId?: string | null; isActive?: boolean }) =>
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
