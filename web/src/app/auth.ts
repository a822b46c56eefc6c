import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from '../api/client';
import { keys } from '../api/hooks';
import type { Me, SessionAnswer } from '../api/types';

/** The signed-in user, or null when there is no session. */
export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: async ({ signal }): Promise<Me | null> => {
      try {
        const answer = await api<SessionAnswer>('/auth/me', { signal, ignoreUnauthorized: true });
        setCsrfToken(answer.csrfToken);
        return answer.user;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          setCsrfToken(null);
          return null;
        }
        throw error;
      }
    },
    staleTime: 5 * 60 * 1000,
  });
}

export function can(me: Me | null | undefined, capability: string): boolean {
  return !!me?.capabilities.includes(capability);
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { username: string; password: string }) =>
      api<SessionAnswer>('/auth/login', { method: 'POST', body: input, ignoreUnauthorized: true }),
    onSuccess: (answer) => {
      setCsrfToken(answer.csrfToken);
      // Data cached for a previous user must not leak into this session.
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== keys.me[0] });
      client.setQueryData(keys.me, answer.user);
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/auth/logout', { method: 'POST', ignoreUnauthorized: true }),
    onSettled: () => {
      setCsrfToken(null);
      client.clear();
      client.setQueryData(keys.me, null);
    },
  });
}
