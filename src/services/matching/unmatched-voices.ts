import { sql } from 'drizzle-orm';
import { analyzeText, WEIGHTS } from '../../core/matching/analyze';
import { canonicalKeys, clusterVoices, type VoiceUnit } from '../../core/matching/cluster';
import type { DemandFromVoicesInput } from '../../core/matching/schemas';
import { SUGGESTION_MIN_SCORE } from '../../core/matching/score';
import { excerptAround } from '../../core/matching/text';
import { insertAuditEvents } from '../../db/queries/audit';
import { findDemandById, insertDemandMembersWhere, selectedMembersSql } from '../../db/queries/demands';
import { findDocTexts, findUnmatchedKeys, findWorkplaceNames } from '../../db/queries/matching';
import { memberScopeSql } from '../../db/queries/scope';
import { findCurrentSeasonId } from '../../db/queries/seasons';
import { organizationTodaySql } from '../../db/queries/settings';
import { requirePermission, scopeOf } from '../access';
import { organizationToday, type ServiceContext } from '../context';
import { insertDemand } from '../demands/create-demand';
import { mayUseSurveyAnswers, READ_SYNC_BUDGET_MS } from './demand-suggestions';
import { syncMatchIndex } from './sync-match-index';
import { synonymsInForce } from './synonym-table';
import { loadSegmenter } from './tokenizer';

// The voices no demand of the current season holds yet (issue 16), grouped by topic, for the
// executive committee before it writes the demand book: members' own words — their concerns and
// survey answers — within the caller's scope (notes, the staff's account of a conversation, feed
// suggestions but not topics: their wording is the staff's). Anonymous answers count in a topic (from closed surveys
// whose figures are shown, for those who may read survey results) but never name a member
// and are never counted by workplace.

const SAMPLES = 3;
/** Texts read per cluster to find how its words are written. */
const LABEL_TEXTS = 12;

type Unit = VoiceUnit & { workplaceId: string | null; docIds: string[] };

export async function listUnmatchedVoices(ctx: ServiceContext) {
  const scope = scopeOf(ctx);
  const { pending } = await syncMatchIndex(ctx.db, { now: ctx.now, budgetMs: READ_SYNC_BUDGET_MS });
  const seasonId = await findCurrentSeasonId(ctx.db, organizationTodaySql(ctx.now));
  const synonyms = await synonymsInForce(ctx.db);
  const equal = synonyms.expansions.filter((e) => e.factor >= 1);
  const canonical = canonicalKeys(equal);
  const rows = await findUnmatchedKeys(ctx.db, {
    seasonId,
    scope: memberScopeSql(scope, sql`m.workplace_id`),
    includeSurvey: mayUseSurveyAnswers(ctx),
    minScore: SUGGESTION_MIN_SCORE,
    minWeight: WEIGHTS.inner,
    today: await organizationToday(ctx.db, ctx.now),
  });

  const units = new Map<string, Unit & { keys: Set<string> }>();
  const docs = new Set<string>();
  for (const r of rows) {
    docs.add(r.docId);
    const id = r.memberId ?? r.docId;
    let unit = units.get(id);
    if (!unit) {
      unit = { id, anonymous: r.memberId === null, keys: new Set(), workplaceId: r.workplaceId, docIds: [] };
      units.set(id, unit);
    }
    unit.keys.add(canonical(r.key));
    if (!unit.docIds.includes(r.docId)) unit.docIds.push(r.docId);
  }
  const ordered = [...units.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const clusters = clusterVoices(ordered);

  const names = await findWorkplaceNames(ctx.db, [
    ...new Set(ordered.map((u) => u.workplaceId).filter((w): w is string => w !== null)),
  ]);
  const segment = clusters.length ? await loadSegmenter() : null;
  const items = [];
  for (const c of clusters) {
    const cUnits = c.units as Unit[];
    const named = cUnits.filter((u) => !u.anonymous);
    const byWorkplace = new Map<string | null, number>();
    for (const u of named) byWorkplace.set(u.workplaceId, (byWorkplace.get(u.workplaceId) ?? 0) + 1);
    // Texts to label the words and quote: members' first, a few per cluster.
    const readIds = cUnits.flatMap((u) => u.docIds).slice(0, LABEL_TEXTS);
    const texts = await findDocTexts(ctx.db, readIds);
    const labels = new Map<string, string>();
    const samples: { text: string; source: 'concerns' | 'note' | 'survey' }[] = [];
    for (const t of texts) {
      if (!t.text || !segment) continue;
      const terms = analyzeText(segment, t.text);
      for (const term of terms) {
        const key = canonical(term.key);
        if (c.keys.includes(key) && !labels.has(key)) labels.set(key, term.surface);
      }
      const lead = terms.find((term) => canonical(term.key) === c.key);
      if (lead && samples.length < SAMPLES) {
        samples.push({ text: excerptAround(t.text, lead.start, lead.end).text, source: t.source });
      }
    }
    items.push({
      key: c.key,
      terms: c.keys.map((k) => labels.get(k) ?? k),
      memberCount: named.length,
      anonymousCount: cUnits.length - named.length,
      memberIds: named.map((u) => u.id),
      byWorkplace: [...byWorkplace]
        .map(([workplaceId, count]) => ({
          workplaceId,
          workplaceName: workplaceId ? (names.get(workplaceId) ?? null) : null,
          count,
        }))
        .sort(
          (a, b) =>
            b.count - a.count || (a.workplaceName ?? '\uffff').localeCompare(b.workplaceName ?? '\uffff'),
        ),
      sampleExcerpts: samples,
    });
  }
  return { items, seasonId, unmatchedTexts: docs.size, pending };
}

/**
 * 「要求として登録」: creates the demand and links the members named (within scope) with source
 * `matched`, in one transaction with one audit event. Needs `demands.write` and `demands.link`.
 */
export async function createDemandFromVoices(ctx: ServiceContext, input: DemandFromVoicesInput) {
  requirePermission(ctx, 'demands.write');
  requirePermission(ctx, 'demands.link');
  const scope = scopeOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const id = await insertDemand(tx, ctx, input.demand);
    const linked = input.memberIds.length
      ? await insertDemandMembersWhere(
          tx,
          { demandId: id, createdBy: ctx.actor.id, createdAt: ctx.now, source: 'matched' },
          selectedMembersSql({ memberIds: input.memberIds }, scope, organizationTodaySql(ctx.now)),
        )
      : 0;
    await insertAuditEvents(tx, [
      {
        at: ctx.now,
        actorId: ctx.actor.id,
        action: 'link_members',
        tableName: 'demands',
        recordId: id,
        subjectId: id,
        details: { linked, source: 'matched', selection: 'ids', requested: new Set(input.memberIds).size },
      },
    ]);
    return { demand: (await findDemandById(tx, id, scope))!, linked };
  });
}
