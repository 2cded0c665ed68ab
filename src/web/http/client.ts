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

/** A 503 database_unavailable (a database restart, issue 20): the request was not carried out. */
const DATABASE_AWAY = {
  ja: 'データベースに一時的に接続できません。数秒後にもう一度お試しください。',
  en: 'The database is briefly unavailable. Try again in a few seconds.',
};

const NO_ANSWER = {
  ja: 'サーバーから応答がありませんでした。接続を確かめて、もう一度お試しください。',
  en: 'The server did not answer. Check the connection and try again.',
};

function pageLanguage(): 'ja' | 'en' {
  return typeof document !== 'undefined' && document.documentElement.lang === 'en' ? 'en' : 'ja';
}

/** JSON over HTTP with the session cookie; errors become ApiError (status 0: no answer). */
export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    // No answer (offline, the connection dropped): a message the user can act on, in the page's
    // language, instead of the browser's "Failed to fetch". The request may have been carried out.
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, { error: { code: 'network', message: NO_ANSWER[pageLanguage()] } });
  }
  const text = await res.text();
  const json = text ? (JSON.parse(text) as unknown) : undefined;
  if (
    res.status === 503 &&
    (json as { error?: { code?: string } } | undefined)?.error?.code === 'database_unavailable'
  )
    throw new ApiError(503, {
      error: { code: 'database_unavailable', message: DATABASE_AWAY[pageLanguage()] },
    });
  if (!res.ok) throw new ApiError(res.status, json);
  return json as T;
}

export const get = <T>(path: string, query?: Query) => api<T>('GET', withQuery(path, query));
export const post = <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
  api<T>('POST', path, body ?? {}, headers);
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const put = <T>(path: string) => api<T>('PUT', path);
export const del = <T = void>(path: string, query?: Query) => api<T>('DELETE', withQuery(path, query));
