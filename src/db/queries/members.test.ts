import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '../../../test/db';
import { scopeOf } from '../../core/access/policy';
import { tenureYears } from '../../core/common/dates';
import { normalizeKana } from '../../core/members/kana';
import { members } from '../schema';
import { findMembers, memberSearchCondition, tenureYearsSql } from './members';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDb();
});
afterAll(async () => {
  await database?.close();
});

describe('tenureYears in SQL agrees with the pure rule', () => {
  const joins = ['2020-02-29', '2016-04-01', '2016-01-15', '2025-12-31', '2000-03-01', '2024-02-29'];
  const todays = [
    '2025-02-27',
    '2025-02-28',
    '2025-03-01',
    '2024-02-28',
    '2024-02-29',
    '2026-04-01',
    '2026-03-31',
    '2026-01-01',
  ];

  it('for leap days, month ends and year ends', async () => {
    const [row] = await database.db
      .insert(members)
      .values({ name: 'tenure probe' })
      .returning({ id: members.id });
    for (const joinedOn of joins) {
      await database.db.update(members).set({ joinedOn }).where(eq(members.id, row!.id));
      for (const today of todays) {
        const [r] = await database.db
          .select({ years: tenureYearsSql(today) })
          .from(members)
          .where(eq(members.id, row!.id));
        expect(r!.years, `${joinedOn} on ${today}`).toBe(tenureYears(joinedOn, today));
      }
    }
  });
});

describe('member search does not depend on spaces, script or width', () => {
  const people = [
    { name: '阿部 康平', nameKana: 'あべ こうへい', employeeNumber: 'Q-0001' },
    { name: '伊藤 和也', nameKana: 'イトウ　カズヤ', employeeNumber: 'Q-0002' },
    // Near misses: the same surname or given name only.
    { name: '阿部 愛', nameKana: 'あべ あい', employeeNumber: 'Q-0003' },
    { name: '伊藤 翼', nameKana: 'いとう つばさ', employeeNumber: 'Q-0004' },
    { name: '加藤 和也', nameKana: 'かとう かずや', employeeNumber: 'Q-0005' },
    { name: '山田 花子', nameKana: null, employeeNumber: 'Q-0006' },
  ];
  const admin = scopeOf({ id: '00000000-0000-4000-8000-000000000000', role: 'admin', workplaceIds: [] });

  beforeAll(async () => {
    // Readings as the API stores them (normalizeKana: full-width katakana, one space).
    await database.db
      .insert(members)
      .values(people.map((p) => ({ ...p, nameKana: p.nameKana && normalizeKana(p.nameKana) })));
  });

  /** The list's search (findMembers: the fenced trigram path for long terms) and the bare condition. */
  async function found(q: string) {
    const page = await findMembers(
      database.db,
      { q, sort: 'nameKana' },
      { limit: 50, offset: 0 },
      '2026-01-01',
      admin,
    );
    const bare = await database.db
      .select({ name: members.name })
      .from(members)
      .where(memberSearchCondition(q));
    const names = page.items.map((m) => m.name);
    expect(bare.map((m) => m.name).sort(), q).toEqual([...names].sort());
    expect(page.total, q).toBe(names.length);
    return names;
  }

  it.each([
    // A full reading typed without its space.
    ['あべこうへい', ['阿部 康平']],
    ['いとうかずや', ['伊藤 和也']],
    ['アベコウヘイ', ['阿部 康平']],
    ['ｱﾍﾞｺｳﾍｲ', ['阿部 康平']],
    ['ｲﾄｳｶｽﾞﾔ', ['伊藤 和也']],
    // With a space (half or full width), or part of it.
    ['あべ こうへい', ['阿部 康平']],
    ['アベ　コウヘイ', ['阿部 康平']],
    ['べこう', ['阿部 康平']],
    ['かずや', ['伊藤 和也', '加藤 和也']],
    // Kanji with and without a space, and kanji mixed with kana.
    ['阿部康平', ['阿部 康平']],
    ['阿部 康平', ['阿部 康平']],
    ['阿部　康平', ['阿部 康平']],
    ['阿部こうへい', ['阿部 康平']],
    ['伊藤カズヤ', ['伊藤 和也']],
    ['いとう和也', ['伊藤 和也']],
    ['あべ', ['阿部 愛', '阿部 康平']],
    // Employee numbers, full width; a name and a number.
    ['Ｑ－０００５', ['加藤 和也']],
    ['山田 Q-0006', ['山田 花子']],
    // Words in another order are still found; a reading nobody has is not.
    ['康平 あべ', ['阿部 康平']],
    ['こうへいあべ', []],
    ['あべかずや', []],
  ])('%s', async (q, expected) => {
    expect(await found(q)).toEqual(expected);
  });
});
