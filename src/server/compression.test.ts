import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';
import { workplaces } from '../db/schema';

// Large JSON (a federation's dashboards list every workplace) goes gzip'd to clients that ask.
let t: TestApp;
let cookie: string;

beforeAll(async () => {
  t = await createTestApp();
  await t.db
    .insert(workplaces)
    .values(Array.from({ length: 200 }, (_, i) => ({ name: `圧縮テスト職場${i}`, employeeCount: 50 })));
  cookie = await t.signIn('admin@example.org');
});
afterAll(async () => {
  await t?.close();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  t.raw('GET', path, undefined, { cookie, ...headers });

describe('API response compression', () => {
  it('gzips a large JSON answer for a client that accepts gzip, with the same content', async () => {
    const plain = await get('/api/dashboards/weekly');
    expect(plain.headers.get('content-encoding')).toBeNull();
    const body = await plain.text();
    expect(body.length).toBeGreaterThan(2048);

    const zipped = await get('/api/dashboards/weekly', { 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toMatch(/accept-encoding/i);
    const bytes = Buffer.from(await zipped.arrayBuffer());
    expect(bytes.length).toBeLessThan(body.length / 3);
    expect(JSON.parse(gunzipSync(bytes).toString('utf8')).workplaceMap).toHaveLength(200);
  });
});
