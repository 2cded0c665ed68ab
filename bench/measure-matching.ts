// Concern matching at union scale (issue 16). Every active member gets a concern (主な職場の
// 悩み・要求) built from the labelled set's 188 concerns (two of them joined, with the member's
// number, so no two texts are the same), the 30 demands are worded as a demand book; then:
//   - from scratch: every member's concern read, segmented and scored against the 30 demands
//     (the index emptied first) vs the same texts segmented in-process alone (the floor: the
//     dictionary's own speed) and the scoring SQL alone (every score again from stored keys);
//   - notes: 100,000 of the generated notes (eight templates) indexed, as texts per second;
//   - a demand's suggestion page (the service: read, explain) vs the bare index read of the
//     same 50 pairs;
//   - one member's edit matched (after the UPDATE: the queue worked off) vs the UPDATE itself;
//   - the server's memory (RSS) with the dictionary loaded, after it answered a suggestion page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { analyzeText } from '../src/core/matching/analyze';
import { MAX_EVIDENCE, STORED_MIN_SCORE } from '../src/core/matching/score';
import type { Database } from '../src/db/client';
import { rescoreAll } from '../src/db/queries/matching';
import { rowsOf } from '../src/db/queries/records';
import type { ServiceContext } from '../src/services/context';
import { listDemandSuggestions } from '../src/services/matching/demand-suggestions';
import { syncMatchIndex } from '../src/services/matching/sync-match-index';
import { loadSegmenter } from '../src/services/matching/tokenizer';
import { ROOT, type Scratch, startKumiai, timeRuns } from './engine';
import { BENCH_ADMIN, BENCH_PASSWORD } from './generate';
import { signIn } from './measure-api';

type LabelledSet = {
  demands: { id: string; title: string; description: string | null }[];
  concerns: { text: string }[];
};

const EXTRA_DEMANDS = [
  '退職金制度の改善',
  '家族手当の増額',
  '職場のハラスメント研修の実施',
  '代休取得の徹底',
  '賃金体系の見直し',
  '作業服・備品の支給',
  '食事補助の新設',
  '育児短時間勤務の対象年齢の引き上げ',
  '有期雇用職員の無期転換',
  '深夜の一人勤務の解消',
];

async function timed<T>(work: () => Promise<T>) {
  const started = performance.now();
  const value = await work();
  return { ms: Math.round(performance.now() - started), value };
}

export async function measureMatchingInProcess(
  database: Database,
  ctx: ServiceContext,
  options: { runs: number },
) {
  const db = database.db;
  const set = JSON.parse(
    readFileSync(join(ROOT, 'test/fixtures/matching/labelled-set.json'), 'utf8'),
  ) as LabelledSet;
  const titles = [...set.demands.map((d) => d.title), ...EXTRA_DEMANDS];
  const texts = set.concerns.map((c) => c.text);

  // The demand book and a concern for every active member; nothing indexed yet.
  await db.execute(sql`
    update demands d set title = (${sql.param(titles)}::text[])[1 + (x.n - 1) % ${titles.length}], description = null
      from (select id, row_number() over (order by id) as n from demands) x where x.id = d.id`);
  await db.execute(sql`
    update members m set concerns = (${sql.param(texts)}::text[])[1 + x.n % ${texts.length}]
        || case when x.n % 3 = 0 then '。' || (${sql.param(texts)}::text[])[1 + (x.n * 7 + 3) % ${texts.length}] else '' end
        || '（' || x.n || '）'
      from (select id, row_number() over (order by id)::int as n from members where status = 'active') x
     where x.id = m.id`);
  await db.execute(sql`delete from match_queue`);
  await db.execute(sql`delete from match_docs`);
  await db.execute(sql`delete from match_demand_terms`);
  const concerns = rowsOf<{ text: string }>(
    await db.execute(sql`select concerns as text from members where concerns is not null`),
  ).map((r) => r.text);

  // The floor: the same texts segmented and analyzed in-process, nothing written.
  const segment = await loadSegmenter();
  const analyzeOnly = await timed(async () => {
    let terms = 0;
    for (const text of concerns) terms += analyzeText(segment, text).length;
    return terms;
  });

  // From scratch: the demands and every member's concern queued, then worked off.
  await db.execute(sql`
    insert into match_queue (kind, ref)
    select 'demand', id from demands union all select 'member', id from members where concerns is not null`);
  // This process's peak memory meanwhile (the bench's own arrays included: an upper bound of a
  // server's during a rebuild).
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  const fromScratch = await timed(() => syncMatchIndex(db, { now: ctx.now, batchSize: 5000 })).finally(() =>
    clearInterval(sampler),
  );
  const counts = rowsOf<{ docs: number; terms: number; scores: number; suggested: number }>(
    await db.execute(sql`
      select (select count(*)::int from match_docs) as docs, (select count(*)::int from match_doc_terms) as terms,
             (select count(*)::int from match_scores) as scores,
             (select count(*)::int from match_scores where score >= 0.5) as suggested`),
  )[0]!;
  // The scoring SQL alone: every score again from the stored keys.
  const rescore = await timed(() =>
    db.transaction((tx) => rescoreAll(tx, { maxEvidence: MAX_EVIDENCE, minScore: STORED_MIN_SCORE })),
  );

  // Notes: 100,000 of the generated ones (eight templates: the same texts again and again).
  const noteIds = rowsOf<{ id: string }>(
    await db.execute(sql`select id from member_notes order by id limit 100000`),
  );
  await db.execute(
    sql`insert into match_queue (kind, ref) select 'note', id from member_notes order by id limit 100000`,
  );
  const notes = await timed(() => syncMatchIndex(db, { now: ctx.now, batchSize: 5000 }));

  // A demand's suggestion page: the five demands with the most suggestions.
  const busiest = rowsOf<{ id: string }>(
    await db.execute(sql`
      select demand_id as id from match_scores group by demand_id order by count(*) desc limit 5`),
  ).map((r) => r.id);
  let k = 0;
  const page = await timeRuns(options.runs, () =>
    listDemandSuggestions(ctx, busiest[k++ % busiest.length]!, 50),
  );
  let j = 0;
  const barePage = await timeRuns(options.runs, () =>
    db.execute(sql`
      select s.doc_id, s.score from match_scores s
       where s.demand_id = ${busiest[j++ % busiest.length]!}::uuid order by s.score desc limit 50`),
  );

  // One member's edit: the UPDATE (untimed), then the queue worked off (what a save costs the index).
  const editable = rowsOf<{ id: string }>(
    await db.execute(sql`select id from members where status = 'active' order by id limit 200`),
  ).map((r) => r.id);
  let e = 0;
  const edit = await timeRuns(
    options.runs,
    () => syncMatchIndex(db, { now: ctx.now, batchSize: 5000 }),
    async () => {
      const id = editable[e++ % editable.length]!;
      await db.execute(
        sql`update members set concerns = ${`${texts[e % texts.length]}（編集${e}）`} where id = ${id}::uuid`,
      );
    },
  );
  let u = 0;
  const bareEdit = await timeRuns(options.runs, async () => {
    const id = editable[u++ % editable.length]!;
    await db.execute(
      sql`update members set concerns = ${`${texts[u % texts.length]}（参照${u}）`} where id = ${id}::uuid`,
    );
  });
  // Leave nothing queued for the server that comes next.
  await syncMatchIndex(db, { now: ctx.now, batchSize: 5000 });

  return {
    demands: titles.length,
    concerns: concerns.length,
    fromScratch: {
      ms: fromScratch.ms,
      texts: fromScratch.value.processed,
      ...counts,
      analyzeOnlyMs: analyzeOnly.ms,
      rescoreOnlyMs: rescore.ms,
      peakRssMb: Math.round(peakRss / 2 ** 20),
    },
    notes: {
      texts: noteIds.length,
      ms: notes.ms,
      textsPerSecond: Math.round((noteIds.length / notes.ms) * 1000),
    },
    suggestionPage: { service: page, bare: barePage, demands: busiest.length },
    memberEdit: { service: edit, bareUpdate: bareEdit },
  };
}

/** The server's resident memory after it answered a demand's suggestion page (dictionary loaded). */
export async function measureMatchingServerMemory(scratch: Scratch) {
  const server = await startKumiai(scratch, 4);
  try {
    const cookie = await signIn(server.url, BENCH_ADMIN, BENCH_PASSWORD);
    const demands = await fetch(`${server.url}/api/demands?limit=1`, { headers: { cookie } });
    const [demand] = ((await demands.json()) as { items: { id: string }[] }).items;
    const before = rssMb(server.pid);
    const res = await fetch(`${server.url}/api/demands/${demand!.id}/suggestions`, { headers: { cookie } });
    if (!res.ok) throw new Error(`suggestions: ${res.status} ${await res.text()}`);
    await res.json();
    return { rssBeforeMb: before, rssAfterSuggestionsMb: rssMb(server.pid) };
  } finally {
    await server.stop();
  }
}

function rssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}
