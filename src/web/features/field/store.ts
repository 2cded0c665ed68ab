import { type DBSchema, deleteDB, type IDBPDatabase, openDB } from 'idb';
import type { OutboxEntry, Pack } from './types';

/**
 * The field app's data on the device (issue 19), in IndexedDB — never in the service worker's
 * caches: `pack` holds the one workplace pack last fetched (replaced whole each time, so members
 * who left the user's scope disappear), `outbox` the items captured and not yet applied by the
 * server, in capture order (`seq`), conflicts and rejections included until the user resolves them.
 */
export const DB_NAME = 'kumiai-field';

interface FieldDB extends DBSchema {
  pack: { key: 'current'; value: Pack };
  outbox: { key: string; value: OutboxEntry; indexes: { seq: number } };
}

let opening: Promise<IDBPDatabase<FieldDB>> | undefined;

function db(): Promise<IDBPDatabase<FieldDB>> {
  opening ??= openDB<FieldDB>(DB_NAME, 1, {
    upgrade(database) {
      database.createObjectStore('pack');
      database.createObjectStore('outbox', { keyPath: 'clientId' }).createIndex('seq', 'seq');
    },
    // Another tab wipes the device (sign-out): let it, and open again when next asked.
    blocking() {
      void close();
    },
  });
  return opening;
}

async function close(): Promise<void> {
  const open = opening;
  opening = undefined;
  (await open?.catch(() => undefined))?.close();
}

export async function readPack(): Promise<Pack | undefined> {
  return (await db()).get('pack', 'current');
}

export async function savePack(pack: Pack): Promise<void> {
  await (await db()).put('pack', pack, 'current');
}

/** The outbox in capture order. */
export async function readOutbox(): Promise<OutboxEntry[]> {
  return (await db()).getAllFromIndex('outbox', 'seq');
}

export async function outboxCount(): Promise<number> {
  if (!(await hasDatabase())) return 0;
  return (await db()).count('outbox');
}

let lastSeq = 0;
/** A capture order that keeps rising within a tab and across reloads (time-based). */
export function nextSeq(): number {
  lastSeq = Math.max(Date.now() * 1000, lastSeq + 1);
  return lastSeq;
}

export async function putEntries(entries: OutboxEntry[]): Promise<void> {
  const tx = (await db()).transaction('outbox', 'readwrite');
  await Promise.all([...entries.map((e) => tx.store.put(e)), tx.done]);
}

export async function deleteEntries(clientIds: string[]): Promise<void> {
  const tx = (await db()).transaction('outbox', 'readwrite');
  await Promise.all([...clientIds.map((id) => tx.store.delete(id)), tx.done]);
}

/** Whether the device has the field database at all (sign-out checks before opening one). */
async function hasDatabase(): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return false;
  if (typeof indexedDB.databases !== 'function') return true;
  return (await indexedDB.databases()).some((d) => d.name === DB_NAME);
}

/**
 * Removes everything the app keeps on the device: the field database and every Cache Storage
 * cache of this origin (the service worker's app shell; the next online visit fetches it again).
 * On sign-out, and when the server answers 401 (session revoked, user disabled).
 */
export async function wipeDevice(): Promise<void> {
  await close();
  if (typeof indexedDB !== 'undefined') await deleteDB(DB_NAME).catch(() => {});
  if (typeof caches !== 'undefined') {
    const names = await caches.keys().catch(() => [] as string[]);
    await Promise.all(names.map((name) => caches.delete(name).catch(() => false)));
  }
}
