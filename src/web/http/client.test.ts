// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, get } from './client';

afterEach(() => {
  vi.unstubAllGlobals();
  document.documentElement.lang = 'ja';
});

describe('api', () => {
  it('says in the page’s language that the database is briefly away (503 database_unavailable)', async () => {
    const body = JSON.stringify({
      error: { code: 'database_unavailable', message: 'The database is not available' },
    });
    vi.stubGlobal('fetch', async () => new Response(body, { status: 503, headers: { 'retry-after': '5' } }));
    document.documentElement.lang = 'ja';
    const ja = await get('/members').catch((e: unknown) => e);
    expect(ja).toBeInstanceOf(ApiError);
    expect(ja).toMatchObject({ status: 503, code: 'database_unavailable' });
    expect((ja as ApiError).message).toContain('データベース');
    document.documentElement.lang = 'en';
    const en = (await get('/members').catch((e: unknown) => e)) as ApiError;
    expect(en.message).toBe('The database is briefly unavailable. Try again in a few seconds.');
  });
});
