import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

// Reading a union's worth of texts (a rebuild, a changed analyzer) is kuromoji's work, on one
// core. A second thread with its own dictionary reads part of each chunk while this one reads
// the rest (sync-match-index.ts), so a rebuild takes about half as long on a machine with two
// cores or more. The thread is started only for large batches, costs about 300 MB while it
// lives, and ends after a short idle time, so a server at rest holds one dictionary.

/** Idle time after which the helper thread ends (its memory goes back). */
const IDLE_MS = 30_000;

type Pending = { resolve: (terms: Map<string, number>[]) => void; reject: (error: Error) => void };

export type HelperThread = {
  /** Keys and weights of each text, in order (rejects when the thread fails). */
  read(texts: readonly string[]): Promise<Map<string, number>[]>;
};

let current: { thread: HelperThread; worker: Worker; pending: Map<number, Pending> } | null = null;
let idleTimer: NodeJS.Timeout | undefined;
let nextId = 1;
let textsRead = 0;

/** How many texts helper threads have read in this process (tests check it moved). */
export function helperTextsRead(): number {
  return textsRead;
}

/** Whether this machine has a second core to read texts on. */
export function canReadInParallel(): boolean {
  return availableParallelism() > 1;
}

function start() {
  // The thread runs TypeScript like the rest of the server, through tsx's loader (named by path,
  // so it resolves wherever the process was started from).
  const api = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(
    /\.cjs$/,
    '.mjs',
  );
  const entry = new URL('./analyze-thread.ts', import.meta.url).href;
  const code = `import { tsImport } from ${JSON.stringify(api)}; await tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)});`;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`));
  const pending = new Map<number, Pending>();
  const fail = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
    if (current?.worker === worker) current = null;
  };
  worker.on('message', (message: { id: number; terms?: [string, number][][]; error?: string }) => {
    const p = pending.get(message.id);
    if (!p) return;
    pending.delete(message.id);
    if (pending.size === 0) worker.unref();
    if (message.terms) {
      textsRead += message.terms.length;
      p.resolve(message.terms.map((t) => new Map(t)));
    } else p.reject(new Error(`The helper thread failed (${message.error ?? 'unknown'})`));
  });
  worker.on('error', (error) => fail(error));
  worker.on('exit', () => fail(new Error('The helper thread ended')));
  worker.unref();
  const thread: HelperThread = {
    read(texts) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.ref();
        worker.postMessage({ id, texts });
      });
    },
  };
  return { thread, worker, pending };
}

/** The helper thread, started on first use; it ends after IDLE_MS without a call to this. */
export function helperThread(): HelperThread {
  if (!current) current = start();
  scheduleIdleEnd(current.worker);
  return current.thread;
}

function scheduleIdleEnd(worker: Worker) {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    if (current?.worker !== worker) return;
    if (current.pending.size > 0) {
      scheduleIdleEnd(worker);
      return;
    }
    current = null;
    void worker.terminate();
  }, IDLE_MS);
  idleTimer.unref();
}

/** Ends the helper thread now (tests, a CLI command at its end). */
export async function stopHelperThread(): Promise<void> {
  clearTimeout(idleTimer);
  const worker = current?.worker;
  current = null;
  if (worker) await worker.terminate();
}
