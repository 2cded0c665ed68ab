/** The API's error shape (SPEC §6), thrown by every request that is not 2xx. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string>;
  readonly currentVersion: number | undefined;

  constructor(status: number, body: unknown) {
    const error = (
      body as {
        error?: { code?: string; message?: string; fields?: Record<string, string>; currentVersion?: number };
      }
    )?.error;
    super(error?.message ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = error?.code ?? 'http_error';
    this.fields = error?.fields ?? {};
    this.currentVersion = error?.currentVersion;
  }
}

export type Page<T> = { items: T[]; total: number; totalCapped?: boolean; nextCursor?: string };

type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** JSON over HTTP with the session cookie; errors become ApiError. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`/api${path}`, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) throw new ApiError(res.status, json);
  return json as T;
}

export const get = <T>(path: string, query?: Query) => api<T>('GET', withQuery(path, query));
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const put = <T>(path: string) => api<T>('PUT', path);
export const del = <T = void>(path: string, query?: Query) => api<T>('DELETE', withQuery(path, query));
