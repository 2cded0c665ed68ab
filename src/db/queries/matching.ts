import { type SQL, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../client';
import { rowsOf } from './records';

// The concern-matching index (issue 16): texts' keys, demands' keys, the synonym expansions and
// the scores, kept current from match_queue. Scores are computed here, set-based, the same way
// core/matching/score.ts computes one (its tests hold the two equal): for every demand key, the
// text's largest weight for it, directly or through an expansion (× factor); each key's evidence
// is min(MAX_EVIDENCE, demand weight × that); the score combines them as 1 − Π(1 − evidence).

/** Queue refs of kind 'all': index every text again / only score everything again (synonyms changed). */
export const REINDEX_ALL = '00000000-0000-0000-0000-000000000000';
export const RESCORE_ALL = '00000000-0000-0000-0000-000000000001';

export type QueueKind = 'member' | 'note' | 'response' | 'demand' | 'all';
export type QueueItem = { kind: QueueKind; ref: string };

const uuids = (ids: readonly string[]) => sql`${sql.param([...ids])}::uuid[]`;

/** Takes (removes) up to `limit` queued changes, oldest first; another worker's are skipped. */
export async function takeQueue(db: DbOrTx, limit: number): Promise<QueueItem[]> {
  return rowsOf<QueueItem>(
    await db.execute(sql`
      delete from match_queue q using (
        select kind, ref from match_queue order by (kind = 'all') desc, queued_at, kind, ref
         limit ${limit} for update skip locked
      ) t where q.kind = t.kind and q.ref = t.ref
      returning q.kind, q.ref::text as ref`),
  );
}

export async function queueLength(db: DbOrTx): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from match_queue`));
  return row?.n ?? 0;
}

export async function enqueue(db: DbOrTx, kind: QueueKind, refs: readonly string[]) {
  if (refs.length === 0) return;
  await db.execute(sql`
    insert into match_queue (kind, ref) select ${kind}, r from unnest(${uuids(refs)}) as r
    on conflict do nothing`);
}

/** Forgets every text and demand, and queues each source again (a full rebuild). */
export async function clearAndQueueEverything(db: DbOrTx) {
  await db.execute(sql`delete from match_docs`);
  await db.execute(sql`delete from match_demand_terms`);
  await db.execute(sql`
    insert into match_queue (kind, ref)
    select 'member', id from members where concerns is not null and btrim(concerns) <> ''
    union all select 'note', id from member_notes
    union all select 'response', id from survey_responses where free_text is not null and btrim(free_text) <> ''
    union all select 'demand', id from demands
    on conflict do nothing`);
}

export async function findConcernTexts(db: DbOrTx, memberIds: readonly string[]) {
  return rowsOf<{ id: string; text: string | null }>(
    await db.execute(sql`select id::text, concerns as text from members where id = any(${uuids(memberIds)})`),
  );
}

export async function findNoteTexts(db: DbOrTx, noteIds: readonly string[]) {
  return rowsOf<{ id: string; memberId: string; text: string }>(
    await db.execute(sql`
      select id::text, member_id::text as "memberId", body as text from member_notes where id = any(${uuids(noteIds)})`),
  );
}

export async function findAnswerTexts(db: DbOrTx, responseIds: readonly string[]) {
  return rowsOf<{
    id: string;
    surveyId: string;
    memberId: string | null;
    workplaceId: string | null;
    text: string | null;
  }>(
    await db.execute(sql`
      select id::text, survey_id::text as "surveyId", member_id::text as "memberId",
             workplace_id::text as "workplaceId", free_text as text
        from survey_responses where id = any(${uuids(responseIds)})`),
  );
}

export async function findDemandTexts(db: DbOrTx, demandIds: readonly string[]) {
  return rowsOf<{ id: string; title: string; description: string | null }>(
    await db.execute(
      sql`select id::text, title, description from demands where id = any(${uuids(demandIds)})`,
    ),
  );
}

export type IndexedDoc = {
  id: string;
  source: 'concerns' | 'note' | 'survey';
  memberId: string | null;
  surveyId: string | null;
  workplaceId: string | null;
  terms: ReadonlyMap<string, number>;
};

/**
 * Plans with indexes for the rest of the transaction, the plans the connection kept dropped.
 * Every key and score written checks its text in match_docs (the foreign keys), and a removed
 * text deletes its keys and scores, through plans the connection keeps: one planned while a
 * rebuild had written only a few texts reads the whole table for every row (a rebuild of
 * 100,000 texts then takes hours, not seconds).
 */
/**
 * For the suggestion page's reads, inside their transaction: index lookups in score order only,
 * so the read stops when the page (or the count's cap) is full. They read a few thousand pairs
 * of one demand at most; with statistics older than the index (PGlite has no autovacuum; after a
 * rebuild the planner expected 705 pairs where there were 17,830) the planner took every pair by
 * a bitmap scan, joined them all and sorted (130–160 ms at 50,000 members); with fresh ones, a
 * parallel hash of every text, slower still on two cores.
 */
export async function planIndexedReads(db: DbOrTx) {
  await db.execute(sql`set local enable_seqscan = off`);
  await db.execute(sql`set local enable_bitmapscan = off`);
  await db.execute(sql`set local enable_hashjoin = off`);
  await db.execute(sql`set local enable_mergejoin = off`);
  await db.execute(sql`set local max_parallel_workers_per_gather = 0`);
}

export async function planWithIndexes(db: DbOrTx) {
  await db.execute(sql`set local enable_seqscan = off`);
  await db.execute(sql`discard plans`);
}

/** Removes the texts `ids` (their keys and scores go with them). */
export async function removeDocs(db: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return;
  await db.execute(sql`delete from match_docs where id = any(${uuids(ids)})`);
}

/** The pairs' scores, from (doc, key, value) rows `reached` and the demand terms `demandTerms`. */
function scoreInsert(reached: SQL, demandTerms: SQL, maxEvidence: number, minScore: number) {
  return sql`
    insert into match_scores (demand_id, doc_id, score)
    select s.demand_id, s.doc_id, s.score from (
      select dt.demand_id, r.doc_id,
             1 - exp(sum(ln(1 - least(${maxEvidence}::float8, dt.weight * r.value)))) as score
        from (select doc_id, key, max(value) as value from (${reached}) x group by doc_id, key) r
        join (${demandTerms}) dt on dt.key = r.key
       group by dt.demand_id, r.doc_id
    ) s where s.score >= ${minScore}::float8`;
}

/**
 * Where a text's key reaches one of `demandKeys`: the key itself (× 1) or through an expansion
 * (× its factor). Only expansions that end at a demand's key matter, so this stays small (the
 * synonym table's size, not the texts').
 */
function reachSql(demandKeys: SQL) {
  return sql`(
    select dk.key, dk.key as target, 1::float8 as factor from (${demandKeys}) dk
    union all
    select e.key, e.target, e.factor from match_expansions e join (${demandKeys}) dk on dk.key = e.target)`;
}

/** The (doc, demand key, value) rows of the texts `docFilter` picks, for the demand keys `demandKeys`. */
function reachedByDocs(docFilter: SQL, demandKeys: SQL) {
  return sql`
    select t.doc_id, x.target as key, t.weight * x.factor as value
      from match_doc_terms t join ${reachSql(demandKeys)} x on x.key = t.key
     where ${docFilter}`;
}

const allDemandKeys = sql`select distinct key from match_demand_terms`;

export type ScoreParams = { maxEvidence: number; minScore: number };

/**
 * Writes `docs` with their keys and scores them against every demand (their old rows must be
 * gone). The scores are computed from the keys as sent, in the statement that stores them: the
 * texts' stored keys are not read back (nor planned for: in a rebuild that table grows from
 * empty, without statistics).
 */
export async function writeDocs(db: DbOrTx, docs: readonly IndexedDoc[], p: ScoreParams) {
  if (docs.length === 0) return;
  await db.execute(sql`
    insert into match_docs (id, source, member_id, survey_id, workplace_id)
    select * from unnest(${uuids(docs.map((d) => d.id))}, ${sql.param(docs.map((d) => d.source))}::text[],
      ${sql.param(docs.map((d) => d.memberId))}::uuid[], ${sql.param(docs.map((d) => d.surveyId))}::uuid[],
      ${sql.param(docs.map((d) => d.workplaceId))}::uuid[])`);
  const ids: string[] = [];
  const keys: string[] = [];
  const weights: number[] = [];
  for (const d of docs) {
    for (const [key, w] of d.terms) {
      ids.push(d.id);
      keys.push(key);
      weights.push(w);
    }
  }
  if (ids.length === 0) return;
  await db.execute(sql`
    with t as (
      select * from unnest(${uuids(ids)}, ${sql.param(keys)}::text[], ${sql.param(weights)}::float8[])
        as t(doc_id, key, weight)
    ),
    stored as (insert into match_doc_terms (doc_id, key, weight) select doc_id, key, weight from t)
    ${scoreInsert(
      sql`select t.doc_id, x.target as key, t.weight * x.factor as value
            from t join ${reachSql(allDemandKeys)} x on x.key = t.key`,
      sql`select demand_id, key, weight from match_demand_terms`,
      p.maxEvidence,
      p.minScore,
    )}`);
}

/** Scores the demands `demandIds` against every text, after removing their old scores. */
export async function rescoreDemands(db: DbOrTx, demandIds: readonly string[], p: ScoreParams) {
  if (demandIds.length === 0) return;
  const ids = uuids(demandIds);
  await db.execute(sql`delete from match_scores where demand_id = any(${ids})`);
  await db.execute(
    scoreInsert(
      reachedByDocs(
        sql`true`,
        sql`select distinct key from match_demand_terms where demand_id = any(${ids})`,
      ),
      sql`select demand_id, key, weight from match_demand_terms where demand_id = any(${ids})`,
      p.maxEvidence,
      p.minScore,
    ),
  );
}

/** Every score again (the synonym table changed). */
export async function rescoreAll(db: DbOrTx, p: ScoreParams) {
  await db.execute(sql`delete from match_scores`);
  await db.execute(
    scoreInsert(
      reachedByDocs(sql`true`, allDemandKeys),
      sql`select demand_id, key, weight from match_demand_terms`,
      p.maxEvidence,
      p.minScore,
    ),
  );
}

/** Every demand's own keys (raw weights) and the weights scoring uses now. */
export async function findDemandTerms(db: DbOrTx) {
  return rowsOf<{ demandId: string; key: string; raw: number; weight: number }>(
    await db.execute(sql`select demand_id::text as "demandId", key, raw, weight from match_demand_terms`),
  );
}

/** Replaces the keys of the demands `demandIds` (raw weights; `weight` is set by setDemandWeights). */
export async function replaceDemandTerms(
  db: DbOrTx,
  demandIds: readonly string[],
  rows: readonly { demandId: string; key: string; raw: number }[],
) {
  if (demandIds.length > 0) {
    await db.execute(sql`delete from match_demand_terms where demand_id = any(${uuids(demandIds)})`);
  }
  if (rows.length === 0) return;
  await db.execute(sql`
    insert into match_demand_terms (demand_id, key, raw, weight)
    select d, k, r, 0 from unnest(${uuids(rows.map((r) => r.demandId))}, ${sql.param(rows.map((r) => r.key))}::text[],
      ${sql.param(rows.map((r) => r.raw))}::float8[]) as x(d, k, r)`);
}

export async function setDemandWeights(
  db: DbOrTx,
  rows: readonly { demandId: string; key: string; weight: number }[],
) {
  if (rows.length === 0) return;
  await db.execute(sql`
    update match_demand_terms t set weight = x.w
      from unnest(${uuids(rows.map((r) => r.demandId))}, ${sql.param(rows.map((r) => r.key))}::text[],
        ${sql.param(rows.map((r) => r.weight))}::float8[]) as x(d, k, w)
     where t.demand_id = x.d and t.key = x.k`);
}

export async function replaceExpansions(
  db: DbOrTx,
  rows: readonly { key: string; target: string; factor: number; rule: number }[],
) {
  await db.execute(sql`delete from match_expansions`);
  if (rows.length === 0) return;
  await db.execute(sql`
    insert into match_expansions (key, target, factor, rule)
    select * from unnest(${sql.param(rows.map((r) => r.key))}::text[], ${sql.param(rows.map((r) => r.target))}::text[],
      ${sql.param(rows.map((r) => r.factor))}::float8[], ${sql.param(rows.map((r) => r.rule))}::int[])`);
}

export async function findMatchState(db: DbOrTx) {
  const [row] = rowsOf<{ fingerprint: string | null }>(
    await db.execute(sql`select synonyms_fingerprint as fingerprint from match_state where id = 1`),
  );
  return row ?? { fingerprint: null };
}

export async function setMatchState(db: DbOrTx, fingerprint: string, now: Date) {
  await db.execute(sql`
    insert into match_state (id, synonyms_fingerprint, built_at) values (1, ${fingerprint}, ${now.toISOString()}::timestamptz)
    on conflict (id) do update set synonyms_fingerprint = excluded.synonyms_fingerprint, built_at = excluded.built_at`);
}

/** The stored synonym table (null groups: the default list). */
export async function findSynonymRow(db: DbOrTx) {
  const [row] = rowsOf<{ groups: unknown; version: number; updatedAt: string }>(
    await db.execute(sql`
      select groups, version, updated_at as "updatedAt" from match_synonyms where id = 1`),
  );
  return row ?? { groups: null, version: 1, updatedAt: new Date(0).toISOString() };
}

/**
 * After much work: the queue's dead rows cleared. Every request asks whether the queue is empty,
 * and a count over the dead rows of a rebuild (100,000 and more) costs tens of milliseconds each
 * time. Not in a transaction. Autovacuum does the same in time on PostgreSQL; PGlite has none.
 */
export async function tidyMatchQueue(db: Db) {
  await db.execute(sql`vacuum match_queue`);
}

/** Takes an advisory lock for the rest of the transaction: one index writer at a time. */
export async function lockMatchIndex(db: DbOrTx) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('kumiai.match_index'))`);
}

export async function lockSynonymRow(db: DbOrTx) {
  const [row] = rowsOf<{ groups: unknown; version: number }>(
    await db.execute(sql`select groups, version from match_synonyms where id = 1 for update`),
  );
  return row ?? { groups: null, version: 1 };
}

export async function saveSynonymRow(db: DbOrTx, groups: unknown, actorId: string, now: Date) {
  await db.execute(sql`
    update match_synonyms set groups = ${JSON.stringify(groups)}::jsonb, version = version + 1,
           updated_at = ${now.toISOString()}::timestamptz, updated_by = ${actorId}::uuid
     where id = 1`);
}

/** Additions the accepted matches suggest (paired at least `minCount` times, not dismissed), most often first. */
export async function findSynonymCandidates(db: DbOrTx, limit: number, minCount: number) {
  return rowsOf<{ term: string; demandTerm: string; count: number }>(
    await db.execute(sql`
      select term, demand_term as "demandTerm", count from match_synonym_candidates
       where not dismissed and count >= ${minCount} order by count desc, updated_at desc, term, demand_term limit ${limit}`),
  );
}

/** Counts pairs of a member's word and a demand's word that an accepted match joined. */
export async function countSynonymCandidates(
  db: DbOrTx,
  pairs: readonly { term: string; demandTerm: string }[],
  now: Date,
) {
  if (pairs.length === 0) return;
  await db.execute(sql`
    insert into match_synonym_candidates (term, demand_term, count, updated_at)
    select t, d, count(*), ${now.toISOString()}::timestamptz
      from unnest(${sql.param(pairs.map((p) => p.term))}::text[], ${sql.param(pairs.map((p) => p.demandTerm))}::text[]) as x(t, d)
     group by t, d
    on conflict (term, demand_term) do update
      set count = match_synonym_candidates.count + excluded.count, updated_at = excluded.updated_at`);
}

/** Marks pairs dismissed (kept, so they are not suggested again); returns how many were found. */
export async function dismissSynonymCandidate(db: DbOrTx, term: string, demandTerm: string) {
  const rows = rowsOf<{ term: string }>(
    await db.execute(sql`
      update match_synonym_candidates set dismissed = true where term = ${term} and demand_term = ${demandTerm}
      returning term`),
  );
  return rows.length;
}

// ---------------------------------------------------------------- reading

const textOfDoc = sql`case b.source when 'concerns' then m.concerns when 'note' then n.body else sr.free_text end`;

export type SuggestionRow = {
  memberId: string;
  memberName: string;
  memberNameKana: string | null;
  workplaceName: string | null;
  docId: string;
  source: 'concerns' | 'note' | 'survey';
  score: number;
  text: string | null;
};

type SuggestionOptions = { scope: SQL | undefined; includeSurvey: boolean; minScore: number };

/** The pairs a demand may suggest: texts of active members in scope, not linked, not turned down. */
function suggestable(demandId: string, o: SuggestionOptions) {
  return sql`
    s.demand_id = ${demandId}::uuid and s.score >= ${o.minScore}::float8
    and m.status = 'active' and ${o.scope ?? sql`true`}
    and (${o.includeSurvey} or d.source <> 'survey')
    and not exists (select 1 from demand_members dm where dm.demand_id = s.demand_id and dm.member_id = d.member_id)
    and not exists (select 1 from match_rejections r where r.demand_id = s.demand_id and r.member_id = d.member_id)`;
}

/**
 * A demand's suggestions: active members within the scope, not linked to it, never turned down
 * for it, whose best text scores at least `minScore`, best first (each member once, with that
 * text). Survey answers only with `includeSurvey` (the caller may read survey answers);
 * anonymous answers never. Read in score order from the (demand, score) index, stopping once
 * `limit` members are found: the page costs the same whatever the demand's reach.
 */
export async function findDemandSuggestions(
  db: DbOrTx,
  demandId: string,
  o: SuggestionOptions & { limit: number },
): Promise<SuggestionRow[]> {
  for (let fetch = o.limit * 3; ; fetch *= 4) {
    const rows = rowsOf<SuggestionRow & { pairs: number }>(
      await db.execute(sql`
        with s as materialized (${topPairs(demandId, o.minScore, fetch)})
        select b.member_id::text as "memberId", m.name as "memberName", m.name_kana as "memberNameKana",
               w.name as "workplaceName", b.doc_id::text as "docId", b.source, b.score, ${textOfDoc} as text,
               (select count(*)::int from s) as pairs
          from (
            select d.member_id, d.id as doc_id, d.source, s.score
              from s
              join match_docs d on d.id = s.doc_id
              join members m on m.id = d.member_id
             where ${suggestable(demandId, o)}
          ) b
          join members m on m.id = b.member_id
          left join workplaces w on w.id = m.workplace_id
          left join member_notes n on b.source = 'note' and n.id = b.doc_id
          left join survey_responses sr on b.source = 'survey' and sr.id = b.doc_id
         order by b.score desc, m.name_kana collate "C" nulls last, m.name collate "C", b.member_id, b.doc_id`),
    );
    const seen = new Set<string>();
    const best = rows
      .map(({ pairs: _pairs, ...row }) => row)
      .filter((r) => !seen.has(r.memberId) && seen.add(r.memberId));
    const pairs = rows[0]?.pairs ?? (await countTopPairs(db, demandId, o.minScore, fetch));
    if (best.length >= o.limit || pairs < fetch) return best.slice(0, o.limit);
  }
}

/**
 * A demand's best `n` pairs from the (demand, score) index, in score order: what the page's reads
 * start from (materialized, so the scan stops at `n` whatever the planner thinks of the joins).
 */
function topPairs(demandId: string, minScore: number, n: number) {
  return sql`
    select demand_id, doc_id, score from match_scores
     where demand_id = ${demandId}::uuid and score >= ${minScore}::float8
     order by score desc limit ${n}`;
}

async function countTopPairs(db: DbOrTx, demandId: string, minScore: number, n: number) {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from (${topPairs(demandId, minScore, n)}) p`),
  );
  return row?.n ?? 0;
}

/** Counting stops here: past it the page says 「N人以上」. */
export const SUGGESTION_COUNT_CAP = 1000;

/**
 * How many members a demand suggests (as findDemandSuggestions lists them), counted among the
 * demand's best SUGGESTION_COUNT_CAP × 4 pairs, up to SUGGESTION_COUNT_CAP members: `capped` when
 * there may be more.
 */
export async function countDemandSuggestions(db: DbOrTx, demandId: string, o: SuggestionOptions) {
  const cap = SUGGESTION_COUNT_CAP * 4;
  const [row] = rowsOf<{ n: number; pairs: number }>(
    await db.execute(sql`
      with s as materialized (${topPairs(demandId, o.minScore, cap)})
      select (select count(*)::int from (
               select distinct d.member_id
                 from s
                 join match_docs d on d.id = s.doc_id
                 join members m on m.id = d.member_id
                where ${suggestable(demandId, o)}
                limit ${SUGGESTION_COUNT_CAP + 1}) y) as n,
             (select count(*)::int from s) as pairs`),
  );
  const n = row?.n ?? 0;
  // Past the cap, or with the demand's best pairs all read: at least this many (「N人以上」).
  if (n > SUGGESTION_COUNT_CAP) return { total: SUGGESTION_COUNT_CAP, capped: true };
  return { total: n, capped: (row?.pairs ?? 0) >= cap };
}

export type MemberSuggestionRow = {
  demandId: string;
  title: string;
  docId: string;
  source: 'concerns' | 'note' | 'survey';
  score: number;
  text: string | null;
};

/**
 * A member's suggested demands: demands of the season `seasonId` (and those in no season) the
 * member is not linked to and was never turned down for, where one of the member's texts
 * scores at least `minScore`; each demand with its best text, best first.
 */
export async function findMemberDemandSuggestions(
  db: DbOrTx,
  memberId: string,
  o: { seasonId: string | null; includeSurvey: boolean; minScore: number; limit: number },
) {
  return rowsOf<MemberSuggestionRow>(
    await db.execute(sql`
      with best as (
        select distinct on (s.demand_id) s.demand_id, d.id as doc_id, d.source, s.score, d.member_id
          from match_docs d
          join match_scores s on s.doc_id = d.id
          join demands dm on dm.id = s.demand_id
         where d.member_id = ${memberId}::uuid and s.score >= ${o.minScore}::float8
           and (dm.season_id is null or dm.season_id = ${o.seasonId}::uuid)
           and (${o.includeSurvey} or d.source <> 'survey')
           and not exists (select 1 from demand_members x where x.demand_id = s.demand_id and x.member_id = d.member_id)
           and not exists (select 1 from match_rejections r where r.demand_id = s.demand_id and r.member_id = d.member_id)
         order by s.demand_id, s.score desc, d.id
      )
      select b.demand_id::text as "demandId", dm.title, b.doc_id::text as "docId", b.source, b.score,
             ${textOfDoc} as text
        from best b
        join demands dm on dm.id = b.demand_id
        join members m on m.id = b.member_id
        left join member_notes n on b.source = 'note' and n.id = b.doc_id
        left join survey_responses sr on b.source = 'survey' and sr.id = b.doc_id
       order by b.score desc, dm.title collate "C", b.demand_id
       limit ${o.limit}`),
  );
}

/** The weights a demand's keys score with (for explaining a suggestion). */
export async function findDemandWeights(db: DbOrTx, demandId: string) {
  return (await findDemandsWeights(db, [demandId])).get(demandId) ?? new Map<string, number>();
}

export async function findDemandsWeights(db: DbOrTx, demandIds: readonly string[]) {
  const out = new Map<string, Map<string, number>>();
  if (demandIds.length === 0) return out;
  const rows = rowsOf<{ demandId: string; key: string; weight: number }>(
    await db.execute(sql`
      select demand_id::text as "demandId", key, weight from match_demand_terms where demand_id = any(${uuids(demandIds)})`),
  );
  for (const r of rows) {
    const m = out.get(r.demandId) ?? new Map<string, number>();
    m.set(r.key, r.weight);
    out.set(r.demandId, m);
  }
  return out;
}

export type UnmatchedKeyRow = {
  docId: string;
  memberId: string | null;
  workplaceId: string | null;
  key: string;
};

/**
 * The texts that match no demand of the season `seasonId` (none scores `minScore`), with their
 * content keys (weight at least `minWeight`): members' own words — their concerns within `scope`
 * (notes are the staff's account of a conversation, in the staff's words), survey answers only
 * with `includeSurvey`, anonymous ones only from surveys whose figures are shown (closed, with
 * at least the minimum cell of respondents).
 */
export async function findUnmatchedKeys(
  db: DbOrTx,
  o: {
    seasonId: string | null;
    scope: SQL | undefined;
    includeSurvey: boolean;
    minScore: number;
    minWeight: number;
    today: string;
  },
) {
  return rowsOf<UnmatchedKeyRow>(
    await db.execute(sql`
      with docs as (
        select d.id, d.member_id, m.workplace_id
          from match_docs d join members m on m.id = d.member_id
         where m.status = 'active' and ${o.scope ?? sql`true`} and d.source <> 'note'
           and (${o.includeSurvey} or d.source <> 'survey')
        union all
        select d.id, null, null
          from match_docs d join surveys sv on sv.id = d.survey_id
         where d.member_id is null and ${o.includeSurvey}
           and (sv.closed_at is not null or sv.closes_on < ${o.today}::date)
           and (select count(*) from survey_responses x where x.survey_id = sv.id)
               >= (select survey_min_cell from settings where id = 1)
      ),
      unmatched as (
        select docs.* from docs
         where not exists (
           select 1 from match_scores s join demands dm on dm.id = s.demand_id
            where s.doc_id = docs.id and s.score >= ${o.minScore}::float8
              and dm.season_id is not distinct from ${o.seasonId}::uuid)
      )
      select u.id::text as "docId", u.member_id::text as "memberId", u.workplace_id::text as "workplaceId", t.key
        from unmatched u join match_doc_terms t on t.doc_id = u.id
       where t.weight >= ${o.minWeight}::float8`),
  );
}

/** Texts of some indexed docs (for excerpts), with their source. */
export async function findDocTexts(db: DbOrTx, docIds: readonly string[]) {
  if (docIds.length === 0) return [];
  return rowsOf<{ docId: string; source: 'concerns' | 'note' | 'survey'; text: string | null }>(
    await db.execute(sql`
      select b.id::text as "docId", b.source, ${textOfDoc} as text
        from match_docs b
        left join members m on b.source = 'concerns' and m.id = b.id
        left join member_notes n on b.source = 'note' and n.id = b.id
        left join survey_responses sr on b.source = 'survey' and sr.id = b.id
       where b.id = any(${uuids(docIds)})`),
  );
}

export async function findWorkplaceNames(db: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = rowsOf<{ id: string; name: string }>(
    await db.execute(sql`select id::text, name from workplaces where id = any(${uuids(ids)})`),
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Records turned-down pairs for the members `selection` (a condition over members) matches; returns how many. */
export async function insertRejections(
  db: DbOrTx,
  p: { demandId: string; selection: SQL | undefined; actorId: string; now: Date },
) {
  const rows = rowsOf<{ n: number }>(
    await db.execute(sql`
      with added as (
        insert into match_rejections (demand_id, member_id, rejected_at, rejected_by)
        select ${p.demandId}::uuid, members.id, ${p.now.toISOString()}::timestamptz, ${p.actorId}::uuid
          from members where ${p.selection ?? sql`true`}
        on conflict do nothing
        returning 1)
      select count(*)::int as n from added`),
  );
  return rows[0]?.n ?? 0;
}

/** For each member named, the text that best matches the demand (for learning synonyms from an acceptance). */
export async function findBestTexts(db: DbOrTx, demandId: string, memberIds: readonly string[]) {
  if (memberIds.length === 0) return [];
  return rowsOf<{ memberId: string; text: string | null }>(
    await db.execute(sql`
      with best as (
        select distinct on (d.member_id) d.member_id, d.id as doc_id, d.source
          from match_scores s join match_docs d on d.id = s.doc_id
         where s.demand_id = ${demandId}::uuid and d.member_id = any(${uuids(memberIds)})
         order by d.member_id, s.score desc, d.id)
      select b.member_id::text as "memberId", ${textOfDoc} as text
        from best b
        join members m on m.id = b.member_id
        left join member_notes n on b.source = 'note' and n.id = b.doc_id
        left join survey_responses sr on b.source = 'survey' and sr.id = b.doc_id`),
  );
}

/** What the index holds and what is left to do (for operators). */
export async function findIndexStatus(db: DbOrTx) {
  const [row] = rowsOf<{
    queued: number;
    texts: number;
    anonymousTexts: number;
    demands: number;
    pairs: number;
    builtAt: string | null;
  }>(
    await db.execute(sql`
      select (select count(*)::int from match_queue) as queued,
             (select count(*)::int from match_docs) as texts,
             (select count(*)::int from match_docs where member_id is null) as "anonymousTexts",
             (select count(distinct demand_id)::int from match_demand_terms) as demands,
             (select count(*)::int from match_scores) as pairs,
             (select built_at::text from match_state where id = 1) as "builtAt"`),
  );
  return row!;
}

/** A demand's title, or undefined when there is no such demand (every role sees every demand). */
export async function findDemandTitle(db: DbOrTx, demandId: string) {
  const [row] = rowsOf<{ title: string }>(
    await db.execute(sql`select title from demands where id = ${demandId}::uuid`),
  );
  return row?.title;
}
