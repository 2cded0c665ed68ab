import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '../../../test/db';
import { tenureYears } from '../../core/common/dates';
import { members } from '../schema';
import { tenureYearsSql } from './members';

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
