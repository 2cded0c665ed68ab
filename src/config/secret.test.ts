import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from './env';
import { loadSecret, SECRET_FILE } from './secret';

const dirs: string[] = [];
async function dataDir() {
  const dir = await mkdtemp(join(tmpdir(), 'kumiai-secret-'));
  dirs.push(dir);
  return join(dir, 'data');
}
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('the server secret', () => {
  it('is made on first start (32 random bytes, readable by the owner only) and read back after', async () => {
    const dir = await dataDir();
    const first = await loadSecret({ secret: undefined, dataDir: dir });
    expect(first).toHaveLength(32);
    const path = join(dir, SECRET_FILE);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await loadSecret({ secret: undefined, dataDir: dir })).toEqual(first);
    expect(await readFile(path)).toEqual(first);
    // Another data directory: another secret.
    expect(await loadSecret({ secret: undefined, dataDir: await dataDir() })).not.toEqual(first);
  });

  it('takes KUMIAI_SECRET when set (no file written), and refuses a short one or a damaged file', async () => {
    const dir = await dataDir();
    const value = 'x'.repeat(40);
    const a = await loadSecret({ secret: value, dataDir: dir });
    expect(a).toHaveLength(32);
    expect(await loadSecret({ secret: value, dataDir: dir })).toEqual(a);
    expect(await loadSecret({ secret: 'y'.repeat(40), dataDir: dir })).not.toEqual(a);
    await expect(stat(join(dir, SECRET_FILE))).rejects.toThrow();
    expect(() => loadConfig({ KUMIAI_SECRET: 'short' })).toThrow(
      /KUMIAI_SECRET: must be at least 32 characters/,
    );
    expect(loadConfig({ KUMIAI_SECRET: value }).secret).toBe(value);
    expect(loadConfig({}).publicRateLimit).toBe(300);
    expect(loadConfig({ KUMIAI_PUBLIC_URL: 'https://kumiai.example.org/' }).publicUrl).toBe(
      'https://kumiai.example.org',
    );
    expect(() => loadConfig({ KUMIAI_PUBLIC_URL: 'javascript:alert(1)' })).toThrow(/KUMIAI_PUBLIC_URL/);
    const damaged = await dataDir();
    await loadSecret({ secret: undefined, dataDir: damaged });
    await writeFile(join(damaged, SECRET_FILE), 'short');
    await expect(loadSecret({ secret: undefined, dataDir: damaged })).rejects.toThrow(
      /shorter than 32 bytes/,
    );
  });
});
