import { QueryClient } from '@tanstack/react-query';
import { ApiError, onUnauthorized, setCsrfToken } from '../api/client';
import { keys } from '../api/hooks';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A 4xx answer will not change on retry; network trouble and 5xx get two more tries.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
    mutations: { retry: false },
  },
});

// Any 401 means the session is gone: forget the user, and the route guard sends them to /login.
onUnauthorized(() => {
  setCsrfToken(null);
  queryClient.setQueryData(keys.me, null);
});
