import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../core/access/policy';
import {
  type DuplicateReason,
  duplicateNameKey,
  duplicateReadingKey,
  normalizeEmployeeNumber,
  zeroPaddedVariants,
} from '../../core/members/duplicates';
import type { DbOrTx } from '../client';
import { members, users, workplaces } from '../schema';
import { memberSelection } from './members';
import { memberScopeSql } from './scope';

/** A LIKE pattern for `value` taken literally (its `%`, `_` and `\` escaped). */
function likeLiteral(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The stored name as compared (core duplicateNameKey): NFKC, lower case, no whitespace. */
export const nameKeySql = (name: SQL | typeof members.name) =>
  sql`lower(regexp_replace(normalize(${name}, NFKC), '\\s', '', 'g'))`;
/** The stored reading (katakana, NFKC on write) without spaces. */
export const readingKeySql = (kana: SQL | typeof members.nameKana) => sql`translate(${kana}, ' 　', '')`;

export type DuplicateProbe = {
  name?: string | null;
  nameKana?: string | null;
  employeeNumber?: string | null;
};

/**
 * The members within `scope` that the probe likely duplicates (core/members/duplicates.ts),
 * kana order, at most `limit`; each says what matched.
 *
 * Found through the indexes there are, with no new expression index (that would need a
 * migration), fast at a million members:
 * - names and readings through the trigram index on `search_text` (name without spaces,
 *   reading without spaces, employee number, separated by single spaces). The candidates
 *   are `search_text ILIKE '<name> %'` (anchored at the start, so even a two-character
 *   name yields trigrams: the index narrows it to a handful of rows) — the name as typed
 *   and width-folded — and, with a reading, `ILIKE '% <reading> %'`, which also finds a
 *   record whose stored name is in another width than typed. Each candidate is then
 *   compared exactly on the normalized name (`normalize(…, NFKC)`) and reading.
 * - employee numbers through the unique index: `employee_number = ANY(…)` over the
 *   spellings that differ only in leading zeros (zeroPaddedVariants: a few dozen index
 *   probes), rather than `ltrim(employee_number, '0') = …`, which reads every member.
 */
export async function findDuplicateMembers(
  db: DbOrTx,
  probe: DuplicateProbe & { excludeId?: string },
  today: string | SQL,
  scope: Scope,
  limit: number,
) {
  const nameMatch = nameCondition(probe);
  const numberMatch = employeeNumberCondition(probe.employeeNumber);
  if (!nameMatch && !numberMatch) return [];
  const matches = [nameMatch, numberMatch].filter((c): c is SQL => c !== undefined);
  const rows = await db
    .select({
      ...memberSelection(today, scope),
      nameMatched: nameMatch ? sql<boolean>`(${nameMatch})` : sql<boolean>`false`,
      numberMatched: numberMatch ? sql<boolean>`(${numberMatch})` : sql<boolean>`false`,
    })
    .from(members)
    .leftJoin(workplaces, eq(workplaces.id, members.workplaceId))
    .leftJoin(users, eq(users.id, members.ownerId))
    .where(
      and(
        memberScopeSql(scope),
        probe.excludeId ? sql`${members.id} <> ${probe.excludeId}` : undefined,
        sql`(${sql.join(matches, sql` or `)})`,
      ),
    )
    .orderBy(
      sql`${members.nameKana} collate "C" asc nulls last`,
      sql`${members.name} collate "C"`,
      asc(members.id),
    )
    .limit(limit);
  return rows.map(({ nameMatched, numberMatched, ...member }) => ({
    ...member,
    matchedOn: [
      ...(nameMatched ? ['name' as const] : []),
      ...(numberMatched ? ['employeeNumber' as const] : []),
    ] satisfies DuplicateReason[],
  }));
}

function nameCondition(probe: DuplicateProbe): SQL | undefined {
  if (!probe.name) return undefined;
  const nameKey = duplicateNameKey(probe.name);
  if (!nameKey) return undefined;
  const reading = probe.nameKana ? duplicateReadingKey(probe.nameKana) : '';
  const typed = probe.name.toLowerCase().replace(/[ \u3000]+/g, '');
  const candidates = [...new Set([nameKey, typed])].map(
    (n) => sql`${members.searchText} ilike ${`${likeLiteral(n)} %`}`,
  );
  if (reading) candidates.push(sql`${members.searchText} ilike ${`% ${likeLiteral(reading)} %`}`);
  const sameReading = reading
    ? sql` and (${members.nameKana} is null or ${readingKeySql(members.nameKana)} = ${reading})`
    : sql``;
  return sql`((${sql.join(candidates, sql` or `)}) and ${nameKeySql(members.name)} = ${nameKey}${sameReading})`;
}

function employeeNumberCondition(employeeNumber: string | null | undefined): SQL | undefined {
  if (!employeeNumber) return undefined;
  const value = normalizeEmployeeNumber(employeeNumber);
  if (!value) return undefined;
  const variants = zeroPaddedVariants(value);
  return sql`${members.employeeNumber} in (${sql.join(
    variants.map((v) => sql`${v}`),
    sql`, `,
  )})`;
}
