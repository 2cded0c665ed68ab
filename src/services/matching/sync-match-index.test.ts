import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '../../../test/db';
import { ANALYZER_VERSION, analyzeText, type Segmenter } from '../../core/matching/analyze';
import {
  demandTermsOf,
  explainMatch,
  indexExpansions,
  STORED_MIN_SCORE,
  weighDemands,
} from '../../core/matching/score';
import { compileExpansions, DEFAULT_SYNONYMS, type SynonymGroup } from '../../core/matching/synonyms';
import { rowsOf } from '../../db/queries/records';
import { demands, matchSynonyms, memberNotes, members, surveyResponses, surveys } from '../../db/schema';
import { syncMatchIndex } from './sync-match-index';
import { effectiveSynonyms } from './synonym-table';
import { loadSegmenter } from './tokenizer';

// The index the database keeps (scores of every text against every demand) equals what the
// reference scoring in core/matching computes from the same texts, after any sequence of edits;
// and an edit re-scores only what it touches.

let db: TestDatabase;
let segment: Segmenter;

beforeAll(async () => {
  db = await createTestDb();
  segment = await loadSegmenter();
});
afterAll(async () => {
  await db?.close();
});

type Pair = { demandId: string; docId: string; score: number };

async function storedScores(): Promise<Pair[]> {
  const rows = rowsOf<Pair>(
    await db.db.execute(
      sql`select demand_id::text as "demandId", doc_id::text as "docId", score from match_scores`,
    ),
  );
  return rows.sort((a, b) => (a.demandId + a.docId < b.demandId + b.docId ? -1 : 1));
}

/** Every pair's score from the source rows, computed in TypeScript. */
async function expectedScores(groups: readonly SynonymGroup[] = DEFAULT_SYNONYMS): Promise<Pair[]> {
  const ds = await db.db.select().from(demands);
  const texts: { id: string; text: string }[] = [];
  for (const m of await db.db.select().from(members))
    if (m.concerns) texts.push({ id: m.id, text: m.concerns });
  for (const n of await db.db.select().from(memberNotes)) texts.push({ id: n.id, text: n.body });
  for (const r of await db.db.select().from(surveyResponses))
    if (r.freeText) texts.push({ id: r.id, text: r.freeText });
  const weighed = weighDemands(
    ds.map((d) =>
      demandTermsOf(analyzeText(segment, d.title), d.description ? analyzeText(segment, d.description) : []),
    ),
  );
  const expansions = indexExpansions(compileExpansions(groups));
  const out: Pair[] = [];
  for (const t of texts) {
    const terms = analyzeText(segment, t.text);
    ds.forEach((d, i) => {
      const { score } = explainMatch(terms, weighed[i]!, expansions);
      if (score >= STORED_MIN_SCORE) out.push({ demandId: d.id, docId: t.id, score });
    });
  }
  return out.sort((a, b) => (a.demandId + a.docId < b.demandId + b.docId ? -1 : 1));
}

function expectSame(actual: Pair[], expected: Pair[]) {
  // Scores within a hair of the stored minimum may fall either side by rounding: leave them out.
  const clear = (p: Pair) => Math.abs(p.score - STORED_MIN_SCORE) > 1e-9;
  const a = actual.filter(clear);
  const e = expected.filter(clear);
  expect(a.map((p) => `${p.demandId}/${p.docId}`)).toEqual(e.map((p) => `${p.demandId}/${p.docId}`));
  a.forEach((p, i) => {
    expect(p.score).toBeCloseTo(e[i]!.score, 9);
  });
}

describe('the matching index', () => {
  let nightShift: string;
  let memberA: string;
  let memberB: string;

  it('scores every text against every demand as the reference does', async () => {
    const [d1, d2, d3] = await db.db
      .insert(demands)
      .values([
        { title: '夜勤手当の引き上げ', description: '夜勤手当を1回あたり3,000円引き上げること。' },
        { title: '年次有給休暇の取得促進' },
        { title: 'ハラスメント防止と相談窓口の設置' },
      ])
      .returning();
    nightShift = d1!.id;
    const [a, b] = await db.db
      .insert(members)
      .values([
        { name: '甲', concerns: '夜勤明けの手当をもう少し上げてほしい' },
        { name: '乙', concerns: '有休が全然取れない。ﾊﾟﾜﾊﾗもある' },
        { name: '丙', concerns: null },
      ])
      .returning();
    memberA = a!.id;
    memberB = b!.id;
    await db.db.insert(memberNotes).values([
      {
        memberId: a!.id,
        occurredOn: '2027-01-10',
        channel: 'meeting',
        body: '上司からの嫌がらせについて相談を受けた',
      },
      { memberId: b!.id, occurredOn: '2027-01-11', channel: 'phone', body: '年休の申請を断られたとのこと' },
    ]);
    const [s] = await db.db
      .insert(surveys)
      .values({ title: '要求アンケート', anonymous: true, closesOn: '2027-02-01' })
      .returning();
    await db.db
      .insert(surveyResponses)
      .values({ surveyId: s!.id, ownerKey: 'k1', freeText: '深夜勤務の手当が低すぎる' });

    const result = await syncMatchIndex(db.db);
    expect(result.pending).toBe(0);
    const stored = await storedScores();
    expectSame(stored, await expectedScores());
    // The examples land where an officer would put them.
    expect(stored.some((p) => p.demandId === nightShift && p.docId === memberA)).toBe(true);
    expect(stored.some((p) => p.demandId === d2!.id && p.docId === memberB)).toBe(true);
    expect(stored.some((p) => p.demandId === d3!.id && p.docId === memberB)).toBe(true);
    const anonymous = rowsOf<{ memberId: string | null; source: string }>(
      await db.db.execute(
        sql`select member_id as "memberId", source from match_docs where survey_id is not null`,
      ),
    );
    expect(anonymous).toEqual([{ memberId: null, source: 'survey' }]);
  });

  it('an edit re-scores only the text it touches', async () => {
    await db.db.update(members).set({ concerns: 'セクハラの相談窓口がない' }).where(eq(members.id, memberA));
    const result = await syncMatchIndex(db.db);
    expect(result).toEqual({ processed: 1, pending: 0 });
    expectSame(await storedScores(), await expectedScores());
  });

  it('a removed note and an emptied concern leave the index', async () => {
    await db.db.delete(memberNotes).where(eq(memberNotes.memberId, memberB));
    await db.db.update(members).set({ concerns: '  ' }).where(eq(members.id, memberB));
    await syncMatchIndex(db.db);
    const docs = rowsOf<{ id: string }>(await db.db.execute(sql`select id::text from match_docs`));
    expect(docs.map((d) => d.id)).not.toContain(memberB);
    expectSame(await storedScores(), await expectedScores());
  });

  it('a demand’s new title re-scores it, and the demands that share its words', async () => {
    await db.db.update(demands).set({ title: '住宅手当の新設' }).where(eq(demands.id, nightShift));
    await syncMatchIndex(db.db);
    expectSame(await storedScores(), await expectedScores());
  });

  it('a deleted demand takes its scores with it, and the demands that shared its words are weighed again', async () => {
    const [extra] = await db.db.insert(demands).values({ title: '有給休暇の計画的付与' }).returning();
    await syncMatchIndex(db.db);
    expectSame(await storedScores(), await expectedScores());
    await db.db.delete(demands).where(eq(demands.id, extra!.id));
    await syncMatchIndex(db.db);
    expectSame(await storedScores(), await expectedScores());
  });

  it('a new synonym table re-scores everything without reading the texts again', async () => {
    const groups: SynonymGroup[] = [{ kind: 'equal', terms: ['相談窓口', '駆け込み寺'] }];
    await db.db.update(matchSynonyms).set({ groups, version: 2 }).where(eq(matchSynonyms.id, 1));
    expect(await effectiveSynonyms(db.db)).toEqual(groups);
    await syncMatchIndex(db.db);
    expectSame(await storedScores(), await expectedScores(groups));
    await db.db.update(matchSynonyms).set({ groups: null, version: 3 }).where(eq(matchSynonyms.id, 1));
    await syncMatchIndex(db.db);
    expectSame(await storedScores(), await expectedScores());
  });

  it('texts read by an older analyzer (an upgrade) are read again on the next sync', async () => {
    await syncMatchIndex(db.db);
    // What an older analyzer left: other keys, and the state's fingerprint without this version.
    await db.db.execute(sql`update match_doc_terms set key = key || '#old'`);
    await db.db.execute(sql`delete from match_scores`);
    await db.db.execute(
      sql`update match_state set synonyms_fingerprint = split_part(synonyms_fingerprint, '|', 2)`,
    );
    await syncMatchIndex(db.db);
    expectSame(await storedScores(), await expectedScores());
    const [old] = rowsOf<{ n: number }>(
      await db.db.execute(sql`select count(*)::int as n from match_doc_terms where key like '%#old'`),
    );
    expect(old!.n).toBe(0);
    const [state] = rowsOf<{ fingerprint: string }>(
      await db.db.execute(sql`select synonyms_fingerprint as fingerprint from match_state`),
    );
    expect(state!.fingerprint.startsWith(`${ANALYZER_VERSION}|`)).toBe(true);
  });

  it('any sequence of texts and edits ends where the reference does', async () => {
    const words = [
      '夜勤',
      '手当',
      '有休',
      '年休',
      'パワハラ',
      '残業代',
      '時間外手当',
      'ﾎﾞｰﾅｽ',
      '賞与',
      '人手不足',
      '休憩',
      'テレワーク',
      '子どもの迎え',
      'を上げてほしい',
      'が取れない',
      'が足りない',
      '。',
      '職場',
    ];
    const text = fc.array(fc.constantFrom(...words), { minLength: 0, maxLength: 6 }).map((w) => w.join(''));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(2), text), { minLength: 1, maxLength: 5 }), async (edits) => {
        const ids = [memberA, memberB, nightShift];
        for (const [target, value] of edits) {
          if (target === 2) {
            await db.db
              .update(demands)
              .set({ title: value || '一時金の増額' })
              .where(eq(demands.id, ids[2]!));
          } else {
            await db.db.update(members).set({ concerns: value }).where(eq(members.id, ids[target]!));
          }
        }
        await syncMatchIndex(db.db);
        expectSame(await storedScores(), await expectedScores());
      }),
      { numRuns: 15 },
    );
  });

  it('texts read and written in chunks end where the reference does, and the queue is vacuumed after', async () => {
    const concerns = [
      '夜勤明けの手当をもう少し上げてほしい',
      '有休が全然取れない',
      '残業代がきちんと出ない',
      '人手不足で休憩が取れない',
      'テレワークを認めてほしい',
      '',
      '子どもの迎えに間に合わない',
    ];
    await db.db.insert(members).values(
      Array.from({ length: 23 }, (_, i) => ({
        name: `分割${i}`,
        concerns: `${concerns[i % concerns.length]}${i % 2 ? `（${i}）` : ''}`,
      })),
    );
    const result = await syncMatchIndex(db.db, { chunkSize: 4, tidyAfter: 1 });
    // The blank concern was never queued.
    expect(result).toEqual({ processed: 22, pending: 0 });
    expectSame(await storedScores(), await expectedScores());
  });

  it('a batch that fails part way keeps every item queued and the index as it was', async () => {
    const added = await db.db
      .insert(members)
      .values(Array.from({ length: 9 }, (_, i) => ({ name: `失敗${i}`, concerns: `賞与が少ない（${i}）` })))
      .returning();
    const failing = added[6]!.id;
    const before = await storedScores();
    const queued = async () =>
      rowsOf<{ ref: string }>(
        await db.db.execute(sql`select ref::text as ref from match_queue order by ref`),
      );
    const queue = await queued();
    expect(queue.map((q) => q.ref).sort()).toEqual(added.map((m) => m.id).sort());
    await db.db.execute(sql`
      create function test_fail_doc_terms() returns trigger language plpgsql as $$
      begin raise exception 'test: cannot write %', new.doc_id; end $$`);
    await db.db.execute(
      sql.raw(`
      create trigger test_fail_doc_terms before insert on match_doc_terms for each row
      when (new.doc_id = '${failing}') execute function test_fail_doc_terms()`),
    );
    try {
      await expect(syncMatchIndex(db.db, { chunkSize: 2 })).rejects.toThrow();
      expect(await queued()).toEqual(queue);
      expect(await storedScores()).toEqual(before);
    } finally {
      await db.db.execute(sql`drop trigger test_fail_doc_terms on match_doc_terms`);
      await db.db.execute(sql`drop function test_fail_doc_terms()`);
    }
    expect(await syncMatchIndex(db.db, { chunkSize: 2 })).toEqual({ processed: 9, pending: 0 });
    expectSame(await storedScores(), await expectedScores());
  });
});
