import { sql } from 'drizzle-orm';
import { can } from '../../core/access/policy';
import { notFound } from '../../core/errors';
import { analyzeText, type Term, WEIGHTS } from '../../core/matching/analyze';
import type { SuggestionDecisionInput } from '../../core/matching/schemas';
import { explainMatch, SUGGESTION_MIN_SCORE } from '../../core/matching/score';
import type { DbOrTx } from '../../db/client';
import { insertAuditEvents } from '../../db/queries/audit';
import {
  findDemandById,
  insertDemandMembersWhere,
  lockDemandKey,
  selectedMembersSql,
} from '../../db/queries/demands';
import {
  countDemandSuggestions,
  countSynonymCandidates,
  findBestTexts,
  findDemandSuggestions,
  findDemandsWeights,
  findDemandTexts,
  findDemandTitle,
  findDemandWeights,
  findMemberDemandSuggestions,
  insertRejections,
  planIndexedReads,
} from '../../db/queries/matching';
import { memberScopeSql } from '../../db/queries/scope';
import { findCurrentSeasonId } from '../../db/queries/seasons';
import { organizationTodaySql } from '../../db/queries/settings';
import { reachableMember, requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { explainText } from './explain';
import { syncMatchIndex } from './sync-match-index';
import { type SynonymsInForce, synonymsInForce } from './synonym-table';
import { loadSegmenter } from './tokenizer';

// Suggestions both ways (issue 16): on a demand, the members whose words match it; on a member,
// the demands their words match. Reading first brings the index up to date (within a short
// budget; the rest is reported as `pending` and worked off in the background).

/** How long a read may spend bringing the index up to date before answering. */
export const READ_SYNC_BUDGET_MS = 1500;

/** Survey answers are shown (and suggested from) only to those who may read survey results. */
export function mayUseSurveyAnswers(ctx: ServiceContext) {
  return can(ctx.actor.role, 'surveys.read');
}

export async function listDemandSuggestions(ctx: ServiceContext, demandId: string, limit: number) {
  const scope = scopeOf(ctx);
  const title = await findDemandTitle(ctx.db, demandId);
  if (title === undefined) throw notFound('Demand');
  const { pending } = await syncMatchIndex(ctx.db, { now: ctx.now, budgetMs: READ_SYNC_BUDGET_MS });
  const options = {
    scope: memberScopeSql(scope, sql`m.workplace_id`),
    includeSurvey: mayUseSurveyAnswers(ctx),
    minScore: SUGGESTION_MIN_SCORE,
  };
  const { rows, total, capped } = await ctx.db.transaction(async (tx) => {
    await planIndexedReads(tx);
    const rows = await findDemandSuggestions(tx, demandId, { ...options, limit });
    const count =
      rows.length < limit
        ? { total: rows.length, capped: false }
        : await countDemandSuggestions(tx, demandId, options);
    return { rows, ...count };
  });
  const segment = await loadSegmenter();
  const weights = await findDemandWeights(ctx.db, demandId);
  const synonyms = await synonymsInForce(ctx.db);
  return {
    items: rows.map((r) => ({
      memberId: r.memberId,
      memberName: r.memberName,
      memberNameKana: r.memberNameKana,
      workplaceName: r.workplaceName,
      score: r.score,
      source: r.source,
      ...explainText(segment, r.text ?? '', { title, weights }, synonyms),
    })),
    total,
    totalCapped: capped,
    pending,
  };
}

export async function listMemberDemandSuggestions(ctx: ServiceContext, memberId: string) {
  const scope = scopeOf(ctx);
  await reachableMember(ctx.db, scope, memberId);
  const { pending } = await syncMatchIndex(ctx.db, { now: ctx.now, budgetMs: READ_SYNC_BUDGET_MS });
  const rows = await findMemberDemandSuggestions(ctx.db, memberId, {
    seasonId: await findCurrentSeasonId(ctx.db, organizationTodaySql(ctx.now)),
    includeSurvey: mayUseSurveyAnswers(ctx),
    minScore: SUGGESTION_MIN_SCORE,
    limit: 20,
  });
  const segment = await loadSegmenter();
  const weights = await findDemandsWeights(
    ctx.db,
    rows.map((r) => r.demandId),
  );
  const synonyms = await synonymsInForce(ctx.db);
  return {
    items: rows.map((r) => ({
      demandId: r.demandId,
      title: r.title,
      score: r.score,
      source: r.source,
      ...explainText(
        segment,
        r.text ?? '',
        { title: r.title, weights: weights.get(r.demandId) ?? new Map() },
        synonyms,
      ),
    })),
    pending,
  };
}

/**
 * Links the members named (within scope) to the demand with source `matched`, in one
 * transaction with one audit event; the words that carried each accepted match but are not
 * yet joined by the synonym table are counted as suggested additions. Needs `demands.link`.
 */
export async function acceptDemandSuggestions(
  ctx: ServiceContext,
  demandId: string,
  input: SuggestionDecisionInput,
) {
  requirePermission(ctx, 'demands.link');
  const scope = scopeOf(ctx);
  const today = organizationTodaySql(ctx.now);
  // The texts learned from are the index's: bring it up to date first.
  await syncMatchIndex(ctx.db, { now: ctx.now, budgetMs: READ_SYNC_BUDGET_MS });
  return ctx.db.transaction(async (tx) => {
    if (!(await lockDemandKey(tx, demandId))) throw notFound('Demand');
    const selection = selectedMembersSql({ memberIds: input.memberIds }, scope, today);
    const linked = await insertDemandMembersWhere(
      tx,
      { demandId, createdBy: ctx.actor.id, createdAt: ctx.now, source: 'matched' },
      selection,
    );
    await insertAuditEvents(tx, [
      {
        at: ctx.now,
        actorId: ctx.actor.id,
        action: 'link_members',
        tableName: 'demands',
        recordId: demandId,
        subjectId: demandId,
        details: { linked, source: 'matched', selection: 'ids', requested: new Set(input.memberIds).size },
      },
    ]);
    const synonyms = await synonymsInForce(tx);
    await countSynonymCandidates(tx, await candidatePairs(tx, demandId, input.memberIds, synonyms), ctx.now);
    const demand = (await findDemandById(tx, demandId, scope))!;
    return { linked, relatedMemberCount: demand.relatedMemberCount };
  });
}

/**
 * Records the pairs as turned down (never suggested again), for members within scope; one
 * audit event. Needs `demands.link`.
 */
export async function rejectDemandSuggestions(
  ctx: ServiceContext,
  demandId: string,
  input: SuggestionDecisionInput,
) {
  requirePermission(ctx, 'demands.link');
  const scope = scopeOf(ctx);
  return ctx.db.transaction(async (tx) => {
    if (!(await lockDemandKey(tx, demandId))) throw notFound('Demand');
    const rejected = await insertRejections(tx, {
      demandId,
      selection: selectedMembersSql({ memberIds: input.memberIds }, scope, organizationTodaySql(ctx.now)),
      actorId: ctx.actor.id,
      now: ctx.now,
    });
    await insertAuditEvents(tx, [
      {
        at: ctx.now,
        actorId: ctx.actor.id,
        action: 'reject_suggestions',
        tableName: 'demands',
        recordId: demandId,
        subjectId: demandId,
        details: { rejected, requested: new Set(input.memberIds).size },
      },
    ]);
    return { rejected };
  });
}

/** At most this many acceptances per request teach the synonym table (the rest are linked all the same). */
const LEARN_FROM_AT_MOST = 200;

/**
 * Pairs of (a member's word, the demand's word) the synonym table does not join yet, from the
 * accepted members' best matching texts: the demand's strongest title word, paired with each of
 * the member's two strongest content words that matched nothing (nor contain or sit inside a
 * word of the demand). Counted over acceptances; pairs seen at least twice are shown to a person.
 */
async function candidatePairs(
  tx: DbOrTx,
  demandId: string,
  memberIds: readonly string[],
  synonyms: SynonymsInForce,
) {
  const texts = await findBestTexts(tx, demandId, memberIds.slice(0, LEARN_FROM_AT_MOST));
  if (texts.length === 0) return [];
  const segment = await loadSegmenter();
  const [demand] = await findDemandTexts(tx, [demandId]);
  if (!demand) return [];
  const lead = contentWords(analyzeText(segment, demand.title))[0];
  if (!lead) return [];
  const weights = await findDemandWeights(tx, demandId);
  const demandKeys = [...weights.keys()];
  const pairs: { term: string; demandTerm: string }[] = [];
  for (const { text } of texts) {
    if (!text) continue;
    const terms = analyzeText(segment, text);
    const { reasons } = explainMatch(terms, { weights: new Map(weights) }, synonyms.index);
    const used = new Set(reasons.map((r) => r.surface));
    const fresh = contentWords(terms).filter(
      (w) =>
        !used.has(w.surface) &&
        !demandKeys.some((k) => k.includes(w.key) || w.key.includes(k)) &&
        !synonyms.index.get(w.key)?.some((e) => e.target === lead.key),
    );
    for (const w of fresh.slice(0, 2)) pairs.push({ term: w.surface, demandTerm: lead.surface });
  }
  return pairs;
}

/** Nouns and compounds at full weight (not the generic ones), strongest first, once each. */
function contentWords(terms: readonly Term[]) {
  const seen = new Set<string>();
  return [...terms]
    .filter((t) => (t.kind === 'word' || t.kind === 'compound') && t.weight >= WEIGHTS.inner)
    .sort((a, b) => b.weight - a.weight)
    .filter((t) => !seen.has(t.key) && seen.add(t.key));
}
