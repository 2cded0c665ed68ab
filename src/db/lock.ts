import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(dataDir: string, holder: string) {
    super(
      `The data directory ${dataDir} is in use by another Kumiai process (${holder}).\n` +
        'Two processes on one embedded database corrupt it, so this one will not start.\n' +
        'Stop the other process first (or run CLI commands while the server is stopped).\n' +
        `If no Kumiai process is running, delete ${join(dataDir, 'kumiai.lock')}.`,
    );
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite takes no lock on its directory, and two processes on one directory
 * silently corrupt it. We take our own: a lock file created with O_EXCL that
 * names the owning pid. A lock left by a dead process on this host is stale
 * and is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'kumiai.lock');
  const me = `${hostname()}:${process.pid}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, `${me}\n`);
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(path, 'utf8').trim() === me) rmSync(path);
        } catch {
          // already gone
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = safeRead(path);
      const [host, pidText] = holder.split(':');
      const pid = Number(pidText);
      const stale = host === hostname() && Number.isInteger(pid) && pid > 0 && !isAlive(pid);
      if (!stale || attempt > 0) throw new DataDirLockedError(dataDir, holder || 'unknown');
      rmSync(path, { force: true });
    }
  }
  throw new DataDirLockedError(dataDir, 'unknown');
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}
