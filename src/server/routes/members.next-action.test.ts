import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { settings } from '../../db/schema';

// GET /api/members?nextActionDue=overdue|this_week|later (issue 14): the member's
// 次のアクション 期日 against the organization's today and this week's Sunday, on
// the day boundaries where Tokyo and UTC disagree. The weekly dashboard's
// nextActions are exactly the active members of `overdue` + `this_week`.

let t: TestApp;
// 2026-03-22 is a Sunday. 14:30Z is Sunday 23:30 in Tokyo; 15:30Z is already
// Monday 00:30 in Tokyo (a new week) while UTC still says Sunday 15:30.
const SUNDAY_2330_JST = new Date('2026-03-22T14:30:00Z');
const MONDAY_0030_JST = new Date('2026-03-22T15:30:00Z');
let clock = SUNDAY_2330_JST;

const ids: Record<string, string> = {};

async function member(key: string, nextActionDueOn: string | null, status: 'active' | 'left' = 'active') {
  const res = await t.api('POST', '/api/members', {
    name: `次の人 ${key}`,
    engagement: 'regular',
    unionRole: key === 'target' ? 'organizing_target' : 'general_member',
    status,
    ...(status === 'left' ? { leftOn: '2026-03-01' } : {}),
    nextAction: `面談 ${key}`,
    nextActionDueOn,
  });
  expect(res.status, key).toBe(201);
  ids[key] = res.body.id;
}

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  await member('mar16', '2026-03-16'); // Monday of the week
  await member('mar21', '2026-03-21'); // Saturday
  await member('mar22', '2026-03-22'); // Sunday
  await member('mar23', '2026-03-23'); // next Monday
  await member('mar29', '2026-03-29'); // next Sunday
  await member('mar30', '2026-03-30'); // the Monday after
  await member('none', null);
  await member('left', '2026-03-22', 'left');
  await member('target', '2026-03-21');
});
afterAll(async () => {
  await t?.close();
});

const keysOf = (items: { id: string }[]) =>
  items.map((m) => Object.keys(ids).find((k) => ids[k] === m.id)).sort();

async function filtered(due: string, extra = '') {
  const res = await t.api('GET', `/api/members?nextActionDue=${due}${extra}`);
  expect(res.status, due).toBe(200);
  expect(res.body.total).toBe(res.body.items.length);
  return keysOf(res.body.items);
}

async function setZone(timezone: string) {
  await t.db.update(settings).set({ timezone }).where(eq(settings.id, 1));
}

describe('members: the nextActionDue filter', () => {
  it('Sunday 23:30 in Tokyo: due Sunday is this week, the next Monday is later, no due day matches none', async () => {
    clock = SUNDAY_2330_JST;
    await setZone('Asia/Tokyo');
    expect(await filtered('overdue')).toEqual(['mar16', 'mar21', 'target']);
    expect(await filtered('this_week')).toEqual(['left', 'mar22']);
    expect(await filtered('later')).toEqual(['mar23', 'mar29', 'mar30']);
    // Combined with the other filters as usual.
    expect(await filtered('this_week', '&status=active')).toEqual(['mar22']);
  });

  it('Monday 00:30 in Tokyo (still Sunday in UTC): a new week in Tokyo, the old one in UTC', async () => {
    clock = MONDAY_0030_JST;
    await setZone('Asia/Tokyo');
    expect(await filtered('overdue')).toEqual(['left', 'mar16', 'mar21', 'mar22', 'target']);
    expect(await filtered('this_week')).toEqual(['mar23', 'mar29']);
    expect(await filtered('later')).toEqual(['mar30']);

    await setZone('UTC');
    expect(await filtered('overdue')).toEqual(['mar16', 'mar21', 'target']);
    expect(await filtered('this_week')).toEqual(['left', 'mar22']);
    expect(await filtered('later')).toEqual(['mar23', 'mar29', 'mar30']);
    await setZone('Asia/Tokyo');
  });

  it('the weekly dashboard lists the active members of overdue + this_week, overdue first, and drills down to them', async () => {
    clock = MONDAY_0030_JST;
    const res = await t.api('GET', '/api/dashboards/weekly');
    expect(res.status).toBe(200);
    expect(res.body.weekEnd).toBe('2026-03-29');
    const listed = res.body.nextActions as {
      memberId: string;
      name: string;
      nextAction: string;
      nextActionDueOn: string;
      overdue: boolean;
      ownerName: string | null;
    }[];
    // Left members are not due work; organizing targets are.
    expect(listed.map((n) => n.nextActionDueOn)).toEqual([
      '2026-03-16',
      '2026-03-21',
      '2026-03-21',
      '2026-03-22',
      '2026-03-23',
      '2026-03-29',
    ]);
    expect(listed.map((n) => n.overdue)).toEqual([true, true, true, true, false, false]);
    expect(listed[3]).toMatchObject({ memberId: ids.mar22, nextAction: '面談 mar22', ownerName: null });
    expect(res.body.totals.nextActions).toBe(6);
    const expected = [
      ...(await filtered('overdue', '&status=active')),
      ...(await filtered('this_week', '&status=active')),
    ].sort();
    expect(keysOf(listed.map((n) => ({ id: n.memberId })))).toEqual(expected);

    const drill = await t.api('GET', '/api/dashboards/members?figure=next_action');
    expect(drill.status).toBe(200);
    expect(keysOf(drill.body.items.map((m: { memberId: string }) => ({ id: m.memberId })))).toEqual(expected);

    // A changed due day moves the dashboard (the figures cache's version moves with members).
    const patched = await t.api('GET', `/api/members/${ids.mar30}`);
    const upd = await t.api('PATCH', `/api/members/${ids.mar30}`, {
      nextActionDueOn: '2026-03-24',
      version: patched.body.version,
    });
    expect(upd.status).toBe(200);
    const again = await t.api('GET', '/api/dashboards/weekly');
    expect(again.body.totals.nextActions).toBe(7);
  });

  it('the members export honours the filter', async () => {
    clock = SUNDAY_2330_JST;
    const res = await t.api('GET', '/api/export/members.csv?nextActionDue=overdue');
    expect(res.status).toBe(200);
    const rows = parse(res.text, { bom: true }) as string[][];
    const name = rows[0]!.indexOf('氏名');
    expect(name).toBeGreaterThanOrEqual(0);
    expect(
      rows
        .slice(1)
        .map((r) => r[name])
        .sort(),
    ).toEqual(['次の人 mar16', '次の人 mar21', '次の人 target']);
  });

  it('an unknown value is a 400 naming the parameter', async () => {
    const res = await t.api('GET', '/api/members?nextActionDue=tomorrow');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('nextActionDue');
  });
});
