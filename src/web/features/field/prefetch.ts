import { get } from '../../http/client';
import type { Pack } from './types';

/**
 * The pack asked for as the app starts on /field (issue 19: the first load's network chain).
 * In a build, the early-start script beside index.html (vite.config.ts) has already asked, while
 * the app's scripts were loading; main.tsx adopts that answer here, or asks now without it (the
 * dev server). The field page's first refresh takes it instead of asking again. Only a good
 * answer is used: on any error the page asks again through the API client, which reports it
 * (401 and all) as it always does.
 */
let early: { at: number; pack: Promise<Pack> } | undefined;

/** An early answer older than this is not taken: the page asks the server again. */
const FRESH_MS = 30_000;

type EarlyStart = { at: number; pack: Promise<Response> };

export function prefetchPack(now = Date.now()): void {
  const scope = window as { __kumiaiFieldPack?: EarlyStart };
  const started = scope.__kumiaiFieldPack;
  delete scope.__kumiaiFieldPack;
  if (started) {
    const pack = started.pack.then((res) => (res.ok ? (res.json() as Promise<Pack>) : Promise.reject(res)));
    early = { at: started.at, pack };
  } else if (navigator.onLine) {
    early = { at: now, pack: get<Pack>('/sync/pack') };
  } else return;
  // Not unhandled if nobody takes it (the page never opened).
  early.pack.catch(() => {});
}

/** The early request, once; undefined if there is none or it is stale. Its failure asks again. */
export function takePrefetchedPack(now = Date.now()): Promise<Pack> | undefined {
  const taken = early;
  early = undefined;
  if (!taken || now - taken.at >= FRESH_MS) return undefined;
  return taken.pack.catch(() => get<Pack>('/sync/pack'));
}
