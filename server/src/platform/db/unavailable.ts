/**
 * Telling "the database is not answering" from a bug: such errors answer 503
 * `database_unavailable` with `Retry-After` (platform/errors.ts), never 500.
 */

/** Seconds a client is told to wait before it tries again. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Thrown by our own timeouts around the database (the health check). */
export class DatabaseUnavailableError extends Error {
  readonly code = 'DATABASE_UNAVAILABLE';
}

const NETWORK_CODES = new Set([
  'DATABASE_UNAVAILABLE',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** SQLSTATE classes and codes that mean the server is away, starting, stopping or overloaded. */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '57014', '53300', '53400']);

const MESSAGES = [
  /^Connection terminated/i, // pg: the server closed the socket, or connectionTimeoutMillis passed
  /timeout exceeded when trying to connect/i, // pg-pool: no client within connectionTimeoutMillis
  /^Query read timeout/i, // pg: query_timeout passed
  /Client has encountered a connection error and is not queryable/i,
  /Cannot use a pool after calling end/i,
];

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const e = error as { code?: unknown; message?: unknown; errors?: unknown; cause?: unknown };
  if (typeof e.code === 'string') {
    if (NETWORK_CODES.has(e.code) || SQLSTATES.has(e.code) || e.code.startsWith('08')) return true;
  }
  if (typeof e.message === 'string' && MESSAGES.some((m) => m.test(e.message as string))) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return e.cause !== undefined && isDatabaseUnavailable(e.cause, depth + 1);
}

/** Rejects with DatabaseUnavailableError when `work` has not settled within `ms`. */
export async function withDeadline<T>(work: Promise<T>, ms: number, what = 'database'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseUnavailableError(`${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
