// The top bar's search (issue 17): GET /api/search for typical queries, one request at a time
// as a user typing waits for it, as an officer (everything) and a rep (their workplaces),
// beside the bare SQL of its member part on the same database (the group that grows with the
// union). Target: p95 under 100 ms at 1M members on PostgreSQL.
import { sql } from 'drizzle-orm';
import { rowsOf } from '../src/db/queries/records';
import { type Scratch, startKumiai, type summarize, timeRuns } from './engine';
import { BENCH_OFFICER, BENCH_PASSWORD } from './generate';
import { signIn } from './measure-api';

/** What people type: a surname (no trigram), a reading, a full name, a number, a workplace, nothing found. */
export const SEARCH_QUERIES = {
  surname: '山田',
  readingKatakana: 'ヤマダ',
  readingHiraganaFullName: 'やまだたろう',
  nameWithSpace: '山田 太郎',
  employeeNumber: 'B00000042',
  workplace: '第42職場',
  noMatch: 'ゼンゼンナイ',
  rareShort: '澤村',
} as const;

// The bare member part, as a developer would write it after one EXPLAIN: with a trigram, every
// match sorted in kana order (fenced key).
const BARE_COLUMNS = `m.id, m.name, m.name_kana, m.employee_number, w.name as workplace_name, m.status`;
const bareMember = (pattern: string, ordered: boolean) => ({
  text: `select ${BARE_COLUMNS} from members m left join workplaces w on w.id = m.workplace_id
          where m.search_text ilike $1 ${ordered ? `order by (m.name_kana || '') collate "C", m.name collate "C", m.id` : ''} limit 6`,
  params: [`%${pattern}%`],
});
// Shorter terms (no trigram inside a word): at a word's start, or the words typed together within.
const bareWordStart = (terms: string[], joined?: string) => ({
  text: `select ${BARE_COLUMNS} from members m left join workplaces w on w.id = m.workplace_id
          where (${terms.map((_, i) => `(m.search_text ilike $${2 * i + 1} or m.search_text ilike $${2 * i + 2})`).join(' and ')})
          ${joined ? `or m.search_text ilike $${2 * terms.length + 1}` : ''} limit 6`,
  params: [...terms.flatMap((t) => [`${t}%`, `% ${t}%`]), ...(joined ? [`%${joined}%`] : [])],
});
const bareOf: Record<keyof typeof SEARCH_QUERIES, { text: string; params: unknown[] }[]> = {
  surname: [bareWordStart(['山田'])],
  readingKatakana: [bareMember('ヤマダ', true)],
  readingHiraganaFullName: [bareMember('ヤマダタロウ', true)],
  nameWithSpace: [bareWordStart(['山田', '太郎'], '山田太郎')],
  employeeNumber: [bareMember('B00000042', true)],
  workplace: [bareMember('第42職場', true)],
  noMatch: [bareMember('ゼンゼンナイ', true)],
  rareShort: [bareWordStart(['澤村'])],
};

export async function measureSearch(
  scratch: Scratch,
  options: { runs: number; poolSize: number; repEmail: string },
) {
  const server = await startKumiai(scratch, options.poolSize);
  const api: Record<string, Record<string, ReturnType<typeof summarize>>> = { asOfficer: {}, asRep: {} };
  const hits: Record<string, number> = {};
  try {
    const cookies = {
      asOfficer: await signIn(server.url, BENCH_OFFICER, BENCH_PASSWORD),
      asRep: await signIn(server.url, options.repEmail, BENCH_PASSWORD),
    };
    for (const [who, cookie] of Object.entries(cookies)) {
      for (const [name, q] of Object.entries(SEARCH_QUERIES)) {
        const get = async () => {
          const res = await fetch(`${server.url}/api/search?q=${encodeURIComponent(q)}`, {
            headers: { cookie },
          });
          if (!res.ok) throw new Error(`search ${q}: ${res.status} ${await res.text()}`);
          const body = (await res.json()) as Record<string, unknown[]>;
          if (who === 'asOfficer')
            hits[name] = ['members', 'workplaces', 'demands', 'tasks'].reduce(
              (n, g) => n + (body[g]?.length ?? 0),
              0,
            );
        };
        api[who]![name] = await timeRuns(options.runs, get);
      }
    }
  } finally {
    await server.stop();
  }
  // The bare member SQL on the same database once the server has let go of it (PGlite: one process).
  const database = await scratch.open(1);
  const bareMemberSql: Record<string, ReturnType<typeof summarize>> = {};
  try {
    const run = async (statements: { text: string; params: unknown[] }[]) => {
      for (const s of statements) {
        const params = s.params.map((p) => sql`${p}`);
        // Numbered placeholders → drizzle's parameters, in order.
        const chunks = s.text.split(/\$\d+/);
        const query = sql.join(
          chunks.flatMap((c, i) => (i < params.length ? [sql.raw(c), params[i]!] : [sql.raw(c)])),
          sql``,
        );
        rowsOf(await database.db.execute(query));
      }
    };
    for (const [name, statements] of Object.entries(bareOf)) {
      bareMemberSql[name] = await timeRuns(options.runs, () => run(statements));
    }
  } finally {
    await database.close();
  }
  const worstP95Ms = Math.max(
    ...Object.values(api).flatMap((byQuery) => Object.values(byQuery).map((s) => s.p95Ms)),
  );
  return { queries: SEARCH_QUERIES, hitsAsOfficer: hits, api, bareMemberSql, worstP95Ms };
}
