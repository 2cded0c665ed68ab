import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('members API', () => {
  it('creates a member and reads it back with computed fields', async () => {
    const res = await t.api('POST', '/api/members', { name: '山田 太郎', nameKana: 'やまだ たろう', joinedOn: '2015-04-08' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: '山田 太郎', nameKana: 'ヤマダ タロウ', engagement: 'occasional', version: 1 });
  });
});
