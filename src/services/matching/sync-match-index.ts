import { setImmediate as nextTurn } from 'node:timers/promises';
import { ANALYZER_VERSION, analyzeText, type Segmenter, termWeights } from '../../core/matching/analyze';
import { demandTermsOf, MAX_EVIDENCE, STORED_MIN_SCORE, weighDemands } from '../../core/matching/score';
import type { Db, DbOrTx } from '../../db/client';
import {
  clearAndQueueEverything,
  enqueue,
  findAnswerTexts,
  findConcernTexts,
  findDemandTerms,
  findDemandTexts,
  findMatchState,
  findNoteTexts,
  type IndexedDoc,
  lockMatchIndex,
  planWithIndexes,
  type QueueItem,
  queueLength,
  REINDEX_ALL,
  RESCORE_ALL,
  removeDocs,
  replaceDemandTerms,
  replaceExpansions,
  rescoreAll,
  rescoreDemands,
  setDemandWeights,
  setMatchState,
  takeQueue,
  tidyMatchQueue,
  writeDocs,
} from '../../db/queries/matching';
import { synonymsInForce } from './synonym-table';
import { loadSegmenter } from './tokenizer';

// Brings the concern-matching index up to date (issue 16). Writes queue what they change
// (triggers of migration 0023); this works the queue off in batches, each one transaction
// under an advisory lock: demands first (their keys, then the weights of every demand sharing
// a key, then their scores), then the texts (keys, then scores against every demand). So a
// member's edit re-scores that member's texts only, a demand's edit that demand (and those
// sharing its words). A changed synonym table re-scores everything, without re-reading texts.
// Within a batch the texts are read in chunks: while the database writes and scores one chunk,
// the next is segmented (the two work on two cores; a rebuild takes about as long as the
// larger of the two instead of their sum).

const PARAMS = { maxEvidence: MAX_EVIDENCE, minScore: STORED_MIN_SCORE };

/** Texts segmented per write within a batch. */
const CHUNK_SIZE = 500;
/** After this many queue items in one call, the queue is vacuumed (tidyMatchQueue). */
const TIDY_AFTER = 10_000;
/** Texts segmented between two turns of the event loop (so the write under way moves on). */
const TEXTS_PER_TURN = 20;

export type SyncOptions = {
  now?: Date;
  /** Stop starting new batches after this long (the rest stays queued). */
  budgetMs?: number;
  /**
   * Queue items per batch (one transaction each). On PGlite a transaction holds the only
   * connection, so the server keeps batches small; a rebuild from the command line takes more.
   */
  batchSize?: number;
  /** Texts segmented per write within a batch (tests make it small). */
  chunkSize?: number;
  /** Queue items after which the call ends by vacuuming the queue (tidyMatchQueue; tests make it small). */
  tidyAfter?: number;
};

export type SyncResult = { processed: number; pending: number };

/** Works the queue off within the budget; returns how much was done and what is left. */
export async function syncMatchIndex(db: Db, options: SyncOptions = {}): Promise<SyncResult> {
  const started = Date.now();
  const budget = options.budgetMs ?? Number.POSITIVE_INFINITY;
  const batchSize = options.batchSize ?? 1000;
  const chunkSize = options.chunkSize ?? CHUNK_SIZE;
  const now = options.now ?? new Date();
  await applySynonyms(db, now);
  let processed = 0;
  for (;;) {
    if (Date.now() - started > budget) break;
    if ((await queueLength(db)) === 0) break;
    const n = await db.transaction(async (tx) => {
      await lockMatchIndex(tx);
      const items = await takeQueue(tx, batchSize);
      await processBatch(tx, items, chunkSize);
      return items.length;
    });
    if (n === 0) break;
    processed += n;
  }
  if (processed >= (options.tidyAfter ?? TIDY_AFTER)) await tidyMatchQueue(db);
  return { processed, pending: await queueLength(db) };
}

/** When the synonym table in force is not the one the index was built with: compile it, re-score all. */
async function applySynonyms(db: Db, now: Date) {
  const synonyms = await synonymsInForce(db);
  // The analyzer's version goes with the table's fingerprint: texts read by an older analyzer
  // (after an upgrade) are read again, a new table only re-scores.
  const fingerprint = `${ANALYZER_VERSION}|${synonyms.fingerprint}`;
  if ((await findMatchState(db)).fingerprint === fingerprint) return;
  await db.transaction(async (tx) => {
    await lockMatchIndex(tx);
    const stored = (await findMatchState(tx)).fingerprint;
    if (stored === fingerprint) return;
    await replaceExpansions(tx, synonyms.expansions);
    await setMatchState(tx, fingerprint, now);
    const analyzedBefore = stored !== null && !stored.startsWith(`${ANALYZER_VERSION}|`);
    await enqueue(tx, 'all', [analyzedBefore ? REINDEX_ALL : RESCORE_ALL]);
  });
}

async function processBatch(tx: DbOrTx, items: readonly QueueItem[], chunkSize: number) {
  const refs = (kind: QueueItem['kind']) => items.filter((i) => i.kind === kind).map((i) => i.ref);
  const all = refs('all');
  if (all.includes(REINDEX_ALL)) {
    // Everything is read again: the rest of this batch is queued again with it.
    await clearAndQueueEverything(tx);
    return;
  }
  if (all.includes(RESCORE_ALL)) await rescoreAll(tx, PARAMS);
  // The dictionary is loaded only when there is text to read (half a second, once per process).
  if (items.every((i) => i.kind === 'all')) return;
  const segmenter = await loadSegmenter();
  await indexDemands(tx, segmenter, refs('demand'));

  // Every text queued leaves the index (a text's id is its row's); those with words come back.
  const memberRefs = refs('member');
  const noteRefs = refs('note');
  const responseRefs = refs('response');
  await planWithIndexes(tx);
  await removeDocs(tx, [...memberRefs, ...noteRefs, ...responseRefs]);
  const texts: Text[] = [];
  for (const m of memberRefs.length ? await findConcernTexts(tx, memberRefs) : []) {
    texts.push({
      id: m.id,
      source: 'concerns',
      memberId: m.id,
      surveyId: null,
      workplaceId: null,
      text: m.text,
    });
  }
  for (const n of noteRefs.length ? await findNoteTexts(tx, noteRefs) : []) {
    texts.push({
      id: n.id,
      source: 'note',
      memberId: n.memberId,
      surveyId: null,
      workplaceId: null,
      text: n.text,
    });
  }
  for (const r of responseRefs.length ? await findAnswerTexts(tx, responseRefs) : []) {
    texts.push({ ...r, source: 'survey' });
  }

  // Short notes repeat (「面談済み」, 「電話で確認」): a text is read once per batch.
  const seen = new Map<string, Map<string, number>>();
  let writing: Promise<void> | undefined;
  try {
    for (let i = 0; i < texts.length; i += chunkSize) {
      const docs = await readTexts(segmenter, texts.slice(i, i + chunkSize), seen);
      await writing;
      writing = writeDocs(tx, docs, PARAMS);
      // Awaited before the next write or below; a failure meanwhile is not "unhandled".
      writing.catch(() => {});
    }
    await writing;
  } finally {
    // Never leave the transaction with a statement of its own still running.
    await writing?.catch(() => {});
  }
}

type Text = Omit<IndexedDoc, 'terms'> & { text: string | null };

/** The texts' keys (blank ones and those without any left out), yielding to the event loop now and then. */
async function readTexts(
  segmenter: Segmenter,
  texts: readonly Text[],
  seen: Map<string, Map<string, number>>,
) {
  const docs: IndexedDoc[] = [];
  for (let i = 0; i < texts.length; i++) {
    if (i > 0 && i % TEXTS_PER_TURN === 0) await nextTurn();
    const { text, ...doc } = texts[i]!;
    if (!text || text.trim() === '') continue;
    let terms = seen.get(text);
    if (!terms) {
      terms = termWeights(analyzeText(segmenter, text));
      seen.set(text, terms);
    }
    if (terms.size > 0) docs.push({ ...doc, terms });
  }
  return docs;
}

/**
 * New keys for the demands `ids` (deleted ones are gone already), then the weights of every
 * demand again (a key's weight depends on how many demands share it); every demand whose
 * weights moved is scored again.
 */
async function indexDemands(tx: DbOrTx, segmenter: Segmenter, ids: readonly string[]) {
  if (ids.length === 0) return;
  const texts = await findDemandTexts(tx, ids);
  const rows: { demandId: string; key: string; raw: number }[] = [];
  for (const d of texts) {
    const terms = demandTermsOf(
      analyzeText(segmenter, d.title),
      d.description ? analyzeText(segmenter, d.description) : [],
    );
    for (const [key, raw] of terms.weights) rows.push({ demandId: d.id, key, raw });
  }
  await replaceDemandTerms(tx, ids, rows);

  const stored = await findDemandTerms(tx);
  const byDemand = new Map<string, Map<string, { raw: number; weight: number }>>();
  for (const r of stored) {
    const m = byDemand.get(r.demandId) ?? new Map();
    m.set(r.key, { raw: r.raw, weight: r.weight });
    byDemand.set(r.demandId, m);
  }
  const demandIds = [...byDemand.keys()];
  const weighed = weighDemands(
    demandIds.map((id) => ({ weights: new Map([...byDemand.get(id)!].map(([k, v]) => [k, v.raw])) })),
  );
  const changed: { demandId: string; key: string; weight: number }[] = [];
  const rescore = new Set(texts.map((d) => d.id));
  demandIds.forEach((id, i) => {
    for (const [key, weight] of weighed[i]!.weights) {
      if (Math.abs(byDemand.get(id)!.get(key)!.weight - weight) > 1e-12) {
        changed.push({ demandId: id, key, weight });
        rescore.add(id);
      }
    }
  });
  await setDemandWeights(tx, changed);
  await rescoreDemands(tx, [...rescore], PARAMS);
}
