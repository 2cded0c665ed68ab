import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { MEMBER_TOTAL_CAP } from '../../core/members/schemas';

// A federation-sized list stops counting at MEMBER_TOTAL_CAP past the offset:
// the page says "more than", and paging on still works.
let t: TestApp;
const MANY = MEMBER_TOTAL_CAP + 60;

beforeAll(async () => {
  t = await createTestApp();
  await t.db.execute(sql`
    insert into members (name, name_kana, employee_number, engagement)
    select '組合員' || i, 'クミアイイン' || lpad(i::text, 6, '0'), 'T' || lpad(i::text, 6, '0'),
           case when i % 100 = 0 then 'at_risk' else 'regular' end::engagement
      from generate_series(1, ${MANY}::int) i`);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('member list totals at federation scale', () => {
  it('counts up to the cap, says there are more, and still offers the next page', async () => {
    const res = await t.api('GET', '/api/members?limit=50');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(MEMBER_TOTAL_CAP);
    expect(res.body.totalCapped).toBe(true);
    expect(res.body.items).toHaveLength(50);
    expect(res.body.nextCursor).toBeDefined();
  });

  it('counts exactly when the matches fit under the cap', async () => {
    const res = await t.api('GET', '/api/members?engagement=at_risk&limit=50');
    expect(res.body.total).toBe(Math.floor(MANY / 100));
    expect(res.body.totalCapped).toBe(false);
    const search = await t.api('GET', `/api/members?q=${encodeURIComponent('T000123')}`);
    expect(search.body).toMatchObject({ total: 1, totalCapped: false });
  });

  it('sorts a narrow search (found through the trigram index) in the order asked for', async () => {
    const q = encodeURIComponent('くみあいいん00001');
    const asc = await t.api('GET', `/api/members?q=${q}`);
    const expected = Array.from({ length: 10 }, (_, i) => `T0000${10 + i}`);
    expect(asc.body.items.map((m: { employeeNumber: string }) => m.employeeNumber)).toEqual(expected);
    const desc = await t.api('GET', `/api/members?q=${q}&sort=-nameKana&limit=3`);
    expect(desc.body.items.map((m: { employeeNumber: string }) => m.employeeNumber)).toEqual(
      expected.slice(-3).reverse(),
    );
    expect(desc.body).toMatchObject({ total: 10, totalCapped: false });
  });

  it('counts past a deep offset: the last page is exact and has no next page', async () => {
    const offset = MANY - 20;
    const res = await t.api('GET', `/api/members?limit=50&offset=${offset}`);
    expect(res.body.items).toHaveLength(20);
    expect(res.body.total).toBe(MANY);
    expect(res.body.totalCapped).toBe(false);
    expect(res.body.nextCursor).toBeUndefined();
    expect(res.body.items.at(-1).employeeNumber).toBe(`T${String(MANY).padStart(6, '0')}`);
  });

  it('follows cursors across the cap without repeating or skipping a member', async () => {
    const start = MEMBER_TOTAL_CAP - 40;
    const before = await t.api('GET', `/api/members?limit=50&offset=${start}`);
    expect(before.body.nextCursor).toBeDefined();
    const after = await t.api('GET', `/api/members?limit=50&cursor=${before.body.nextCursor}`);
    const numbers = [...before.body.items, ...after.body.items].map(
      (m: { employeeNumber: string }) => m.employeeNumber,
    );
    expect(numbers).toEqual(
      Array.from({ length: 100 }, (_, i) => `T${String(start + i + 1).padStart(6, '0')}`),
    );
  });
});
