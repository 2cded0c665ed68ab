import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN, settle, signIn, useKumiai } from './harness';

// Issue 20: the organization settings show the last scheduled backup (admins). The server runs
// on its own PostgreSQL database so the test can record a run as the scheduler does.

const BASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dbName = `kumiai_e2e_backups_${process.pid}_${Date.now()}`;
const dbUrl = (() => {
  const url = new URL(BASE_URL);
  url.pathname = `/${dbName}`;
  return url.toString();
})();

async function query(text: string, url = dbUrl) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}
await query(`CREATE DATABASE "${dbName}"`, BASE_URL);

describe('automatic backups in the settings', () => {
  const k = useKumiai({ admin: ADMIN, env: { DATABASE_URL: dbUrl } });
  afterAll(async () => {
    await k.server?.stop();
    await query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`, BASE_URL).catch(() => {});
  });

  it('shows that none was made yet, then the last run: its file, size and that it was verified, or its error', async () => {
    const page = await k.newPage();
    await signIn(page);
    await page.goto('/settings');
    await settle(page);
    const section = page.getByRole('region', { name: '自動バックアップ' });
    await section.getByText('まだ自動バックアップの記録はありません。').waitFor();

    await query(`insert into backup_runs (slot, started_at, finished_at, file, bytes, rows, verified)
      values ('2026-12-07', '2026-12-06T18:00:00Z', '2026-12-06T18:00:09Z', 'kumiai-2026-12-06T180000Z.kumiai.gz', 20480, 1234, true)`);
    await page.reload();
    await settle(page);
    await section.getByText('kumiai-2026-12-06T180000Z.kumiai.gz').waitFor();
    expect(await section.getByText('20 KB').count()).toBe(1);
    expect(await section.getByText('1,234行').count()).toBe(1);
    expect(await section.getByText('確認済み（復元して件数とチェックサムが一致）').count()).toBe(1);

    await query(`insert into backup_runs (slot, started_at, finished_at, verified, error)
      values ('2026-12-08', '2026-12-07T18:00:00Z', '2026-12-07T18:00:01Z', false, 'Cannot write /backups/x: EACCES')`);
    await page.reload();
    await settle(page);
    await section.getByText('失敗：Cannot write /backups/x: EACCES').waitFor();
  });
});
