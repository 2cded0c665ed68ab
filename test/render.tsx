import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { I18nProvider, type Lang } from '../src/web/i18n/I18nProvider';

/**
 * Renders a web component with the app's providers. `fetch` is the test's
 * stand-in for the server: pass a function that answers `/api/...` requests.
 */
export function renderWeb(
  ui: ReactElement,
  options: {
    lang?: Lang;
    route?: string;
    path?: string;
    fetch?: (url: string, init?: RequestInit) => unknown;
    /** The signed-in user, known from the start (as in the app, where every page waits for it). */
    me?: unknown;
  } = {},
) {
  if (options.fetch) {
    const handler = options.fetch;
    globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (url === SESSION_URL) return sessionFrom(await handler(ME_URL, init));
      const result = await handler(url, init);
      if (result instanceof Response) return result;
      return new Response(JSON.stringify(result), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }) as typeof fetch;
  }
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  if (options.me !== undefined) queryClient.setQueryData(['auth', 'me'], options.me);
  const element = options.path ? (
    <Routes>
      <Route path={options.path} element={ui} />
    </Routes>
  ) : (
    ui
  );
  return {
    queryClient,
    ...render(
      <QueryClientProvider client={queryClient}>
        <I18nProvider lang={options.lang ?? 'ja'}>
          <MemoryRouter initialEntries={[options.route ?? '/']}>{element}</MemoryRouter>
        </I18nProvider>
      </QueryClientProvider>,
    ),
  };
}

const SESSION_URL = '/api/auth/session';
const ME_URL = '/api/auth/me';

/**
 * Tests describe the signed-in user as `/api/auth/me` answers it; the app asks
 * `/api/auth/session`, which the server answers with that user, or `{ user: null }`
 * where `/auth/me` would answer 401 (src/server/routes/auth.test.ts holds the server to it).
 */
async function sessionFrom(me: unknown): Promise<Response> {
  let user: unknown = me;
  if (me instanceof Response) {
    if (me.status === 401) user = null;
    else if (!me.ok) return me;
    else user = await me.json();
  }
  return new Response(JSON.stringify({ user: user ?? null }), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
}

/** A JSON error answer in the API's shape. */
export function apiError(status: number, code: string, fields?: Record<string, string>, extra: object = {}) {
  return new Response(
    JSON.stringify({ error: { code, message: code, ...(fields ? { fields } : {}), ...extra } }),
    {
      status,
      headers: { 'content-type': 'application/json' },
    },
  );
}
