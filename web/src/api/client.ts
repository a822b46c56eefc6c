/**
 * A small fetch wrapper for the /api/v1 endpoints: JSON in and out, the session cookie
 * (same origin), the CSRF token on state-changing requests, and `Accept-Language` matching
 * the interface. Failures become an {@link ApiError} built from the problem+json answer.
 */

export type FieldErrors = Record<string, string>;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly fields: FieldErrors;
  /** The whole problem+json answer (e.g. `current`, the record as it is now, with 409 stale_version). */
  readonly problem: Record<string, unknown>;

  constructor(
    status: number,
    code: string,
    detail: string,
    fields: FieldErrors = {},
    problem: Record<string, unknown> = {},
  ) {
    super(detail || code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.fields = fields;
    this.problem = problem;
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

type Language = 'vi' | 'en';

let csrfToken: string | null = null;
let language: Language = 'vi';
let unauthorizedHandler: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setApiLanguage(lang: Language): void {
  language = lang;
}

/** Called when any request (except the ones that opt out) answers 401. */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue>;
  /** Do not send the app to the login page on 401 (login itself, the session probe). */
  ignoreUnauthorized?: boolean;
  signal?: AbortSignal;
}

const BASE = '/api/v1';

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `${BASE}${path}${search ? `?${search}` : ''}`;
}

/** Normalises the `fields` member of a problem into `{ fieldName: message }`. */
function readFields(raw: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (Array.isArray(raw)) {
    for (const item of raw) {
      if (item && typeof item === 'object') {
        const entry = item as Record<string, unknown>;
        const name = entry.field ?? entry.path ?? entry.name;
        const message = entry.message ?? entry.detail;
        if (name !== undefined) out[String(name)] = typeof message === 'string' ? message : '';
      }
    }
  } else if (raw && typeof raw === 'object') {
    for (const [name, message] of Object.entries(raw as Record<string, unknown>)) {
      out[name] = Array.isArray(message) ? message.map(String).join(' ') : String(message ?? '');
    }
  }
  return out;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': language === 'en' ? 'en' : 'vi',
  };
  // FormData (file uploads) sets its own multipart Content-Type with the boundary.
  const isForm = typeof FormData !== 'undefined' && options.body instanceof FormData;
  if (options.body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : isForm ? (options.body as FormData) : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', '');
  }

  const type = response.headers.get('content-type') ?? '';
  const isJson = type.includes('json');
  const payload: unknown =
    response.status === 204 || !isJson ? undefined : await response.json().catch(() => undefined);

  if (!response.ok) {
    const problem = (payload && typeof payload === 'object' ? payload : {}) as Record<string, unknown>;
    const error = new ApiError(
      response.status,
      typeof problem.code === 'string' ? problem.code : `http_${response.status}`,
      typeof problem.detail === 'string' ? problem.detail : '',
      readFields(problem.fields),
      problem,
    );
    if (response.status === 401 && !options.ignoreUnauthorized) unauthorizedHandler?.();
    throw error;
  }
  return payload as T;
}
