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

/**
 * May the user take this action? Asked of an answer's `actions` (a document, a plan, a unit) or
 * of the signed-in user for list-level actions. The server decides (platform/access.ts); the web
 * app keeps no copy of the rules.
 */
export function allows(subject: { actions?: readonly string[] } | null | undefined, action: string): boolean {
  return !!subject?.actions?.includes(action);
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
