import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from './env';

export const SECRET_FILE = 'secret.key';

/**
 * The server secret behind survey links and anonymous answer keys: KUMIAI_SECRET when set,
 * else the file `<KUMIAI_DATA_DIR>/secret.key`, created on first start with 32 random bytes
 * (mode 0600). Losing it makes every survey link unusable (they cannot be re-derived) and
 * anonymous answers can no longer be changed through their links; keep it with the backups.
 * Answers 32 bytes either way (a configured string is hashed to them).
 */
export async function loadSecret(config: Pick<Config, 'secret' | 'dataDir'>): Promise<Buffer> {
  if (config.secret) return createHash('sha256').update(config.secret, 'utf8').digest();
  const path = join(config.dataDir, SECRET_FILE);
  try {
    const stored = await readFile(path);
    if (stored.length < 32) throw new Error(`${path} is shorter than 32 bytes: restore it or remove it`);
    return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(config.dataDir, { recursive: true });
  const fresh = randomBytes(32);
  try {
    // 'wx': never overwrite a key another process wrote meanwhile.
    await writeFile(path, fresh, { mode: 0o600, flag: 'wx' });
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFile(path);
    throw error;
  }
}
