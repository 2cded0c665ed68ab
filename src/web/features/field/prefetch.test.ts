// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { prefetchPack, takePrefetchedPack } from './prefetch';

// Issue 19: the pack asked for while the app loads on /field is taken once by the field page's
// first refresh; a failed or stale early answer makes the page ask the server again.

const PACK = { generatedAt: '2026-12-07T00:00:00Z', members: [] };
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const scope = window as { __kumiaiFieldPack?: { at: number; pack: Promise<Response> } };

afterEach(() => {
  takePrefetchedPack();
  delete scope.__kumiaiFieldPack;
  vi.unstubAllGlobals();
});

describe('the early pack', () => {
  it('adopts the early-start script’s answer, once, without asking again', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    scope.__kumiaiFieldPack = { at: 1000, pack: Promise.resolve(json(PACK)) };
    prefetchPack(1000);
    expect(scope.__kumiaiFieldPack).toBeUndefined();
    await expect(takePrefetchedPack(2000)).resolves.toEqual(PACK);
    expect(takePrefetchedPack(2000)).toBeUndefined();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('asks itself when no early-start script ran (the dev server)', async () => {
    const fetch = vi.fn(async (_url: string) => json(PACK));
    vi.stubGlobal('fetch', fetch);
    prefetchPack(1000);
    await expect(takePrefetchedPack(1500)).resolves.toEqual(PACK);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/sync/pack');
  });

  it('asks again through the API client when the early answer was an error, which it reports', async () => {
    const fetch = vi.fn(async () =>
      json({ error: { code: 'unauthorized', message: 'サインインしてください' } }, 401),
    );
    vi.stubGlobal('fetch', fetch);
    scope.__kumiaiFieldPack = { at: 1000, pack: Promise.resolve(json({}, 401)) };
    prefetchPack(1000);
    await expect(takePrefetchedPack(1500)).rejects.toMatchObject({ name: 'ApiError', status: 401 });
    expect(fetch).toHaveBeenCalledTimes(1);

    scope.__kumiaiFieldPack = { at: 1000, pack: Promise.reject(new TypeError('Failed to fetch')) };
    fetch.mockImplementation(async () => json(PACK));
    prefetchPack(1000);
    await expect(takePrefetchedPack(1500)).resolves.toEqual(PACK);
  });

  it('is not taken once stale', () => {
    scope.__kumiaiFieldPack = { at: 1000, pack: Promise.resolve(json(PACK)) };
    prefetchPack(1000);
    expect(takePrefetchedPack(1000 + 30_000)).toBeUndefined();
  });
});
