import { ApiError, get, post } from '../../http/client';
import { takePrefetchedPack } from './prefetch';
import { deleteEntries, nextSeq, putEntries, readOutbox, savePack, wipeDevice } from './store';
import type { Capture, OutboxEntry, Pack, SyncItem, SyncResult } from './types';

/** The server takes at most this many items in one request (the sync contract). */
export const BATCH = 200;

/** An outbox entry for a capture: a fresh client id and the device's time, waiting to be sent. */
export function newEntry(capture: Capture, userId: string, now = new Date()): OutboxEntry {
  const item = { ...capture, clientId: crypto.randomUUID(), deviceTime: now.toISOString() } as SyncItem;
  return { clientId: item.clientId, seq: nextSeq(), userId, item, state: 'pending' };
}

/**
 * What the server's answers do to the sent entries: applied and duplicate ones leave the outbox
 * (the server has them exactly once); conflicts and rejections stay for the user to resolve.
 * An entry without a result (an answer cut short) stays pending and is sent again: its client
 * id makes that safe.
 */
export function settle(
  sent: OutboxEntry[],
  results: SyncResult[],
): { remove: string[]; keep: OutboxEntry[] } {
  const byId = new Map(results.map((r) => [r.clientId, r]));
  const remove: string[] = [];
  const keep: OutboxEntry[] = [];
  for (const entry of sent) {
    const result = byId.get(entry.clientId);
    if (!result) continue;
    if (result.status === 'applied' || result.status === 'duplicate') remove.push(entry.clientId);
    else if (result.status === 'conflict')
      keep.push({ ...entry, state: 'conflict', current: result.current });
    else keep.push({ ...entry, state: 'rejected', error: result.error });
  }
  return { remove, keep };
}

/** The server said the session is gone (revoked, user disabled, signed out elsewhere). */
export class SignedOut extends Error {
  constructor() {
    super('signed out');
    this.name = 'SignedOut';
  }
}

async function guard<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      await wipeDevice();
      throw new SignedOut();
    }
    throw error;
  }
}

/**
 * Fetches the user's pack and replaces the stored one with it (401: the device is wiped). The
 * first call after the app started on /field takes the request main.tsx made then (prefetch.ts).
 */
export async function refreshPack(): Promise<Pack> {
  const pack = await guard(() => takePrefetchedPack() ?? get<Pack>('/sync/pack'));
  await savePack(pack);
  return pack;
}

let sending: Promise<number> | undefined;

/**
 * Sends the user's pending items in capture order, BATCH at a time, and settles each answer.
 * One send at a time per tab (a second press waits for the first); sending again is harmless
 * anyway, since the server answers a replayed client id `duplicate`. Resolves to the number of
 * items the server took; rejects with the network error when there is no connection (the items
 * stay), SignedOut on 401.
 */
export function sendOutbox(userId: string): Promise<number> {
  sending ??= (async () => {
    let taken = 0;
    try {
      for (;;) {
        const pending = (await readOutbox()).filter((e) => e.state === 'pending' && e.userId === userId);
        if (!pending.length) return taken;
        const batch = pending.slice(0, BATCH);
        let results: SyncResult[];
        try {
          ({ results } = await guard(() =>
            post<{ results: SyncResult[] }>('/sync', { items: batch.map((e) => e.item) }),
          ));
        } catch (error) {
          // The envelope itself was refused (400): nothing was applied; show why on each item
          // rather than sending the same batch for ever.
          if (
            error instanceof ApiError &&
            error.status >= 400 &&
            error.status < 500 &&
            error.status !== 401
          ) {
            await putEntries(
              batch.map((e) => ({
                ...e,
                state: 'rejected',
                error: { code: error.code, message: error.message },
              })),
            );
            continue;
          }
          throw error;
        }
        const { remove, keep } = settle(batch, results);
        await deleteEntries(remove);
        await putEntries(keep);
        taken += remove.length;
        // An answer that settled nothing would loop: stop and let the next send try again.
        if (!remove.length && !keep.length) return taken;
      }
    } finally {
      sending = undefined;
    }
  })();
  return sending;
}

/** 相手の変更を残す / discard: the entry leaves the outbox, nothing is sent. */
export async function discard(entry: OutboxEntry): Promise<void> {
  await deleteEntries([entry.clientId]);
}

/**
 * 自分の変更で上書き: the conflicting change is sent again as a NEW item (new client id) whose
 * base is the level the server reported, so the server applies it knowingly.
 */
export async function applyMine(entry: OutboxEntry): Promise<OutboxEntry | undefined> {
  const { item } = entry;
  if (item.kind !== 'engagement' && item.kind !== 'atmosphere') return undefined;
  const { clientId: _c, deviceTime: _d, ...capture } = item;
  const base = entry.current?.level ?? null;
  const retry = newEntry({ ...capture, baseLevel: base } as Capture, entry.userId);
  await putEntries([retry]);
  await deleteEntries([entry.clientId]);
  return retry;
}
