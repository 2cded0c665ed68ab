import { invalid, notFound, staleVersion } from '../../core/errors';
import type { UpdateSynonymsInput } from '../../core/matching/schemas';
import { type ExpansionIndex, indexExpansions } from '../../core/matching/score';
import {
  compileExpansions,
  DEFAULT_SYNONYMS,
  type Expansion,
  type SynonymGroup,
  synonymGroupsSchema,
  synonymsFingerprint,
} from '../../core/matching/synonyms';
import type { DbOrTx } from '../../db/client';
import {
  dismissSynonymCandidate,
  findSynonymCandidates,
  findSynonymRow,
  lockSynonymRow,
  saveSynonymRow,
} from '../../db/queries/matching';
import { requirePermission } from '../access';
import type { ServiceContext } from '../context';

// The union's synonym and related-words table (issue 16, GET/PUT /api/settings/synonyms). Until
// someone saves one, the default list (core/matching/synonyms.ts) is in force. Saving re-scores
// every match in the background (sync-match-index.ts notices the new fingerprint).

/** The groups in force: the saved table, or the default list. */
export async function effectiveSynonyms(db: DbOrTx): Promise<readonly SynonymGroup[]> {
  return groupsOf(await findSynonymRow(db));
}

function groupsOf(row: { groups: unknown }): readonly SynonymGroup[] {
  if (row.groups === null) return DEFAULT_SYNONYMS;
  const parsed = synonymGroupsSchema.safeParse(row.groups);
  // A table saved by this code always parses; anything else falls back to the default list.
  return parsed.success ? parsed.data : DEFAULT_SYNONYMS;
}

export type SynonymsInForce = {
  groups: readonly SynonymGroup[];
  /** Changes whenever what the groups do changes: the index is rebuilt when it differs. */
  fingerprint: string;
  expansions: Expansion[];
  index: ExpansionIndex;
};

let cached: { row: string; value: SynonymsInForce } | null = null;

/** The table in force, compiled; compiled again only when the saved groups change. */
export async function synonymsInForce(db: DbOrTx): Promise<SynonymsInForce> {
  const row = await findSynonymRow(db);
  // Keyed by the content, not the row's version: equal versions in two databases may differ.
  const key = row.groups === null ? 'default' : JSON.stringify(row.groups);
  if (cached?.row !== key) {
    const groups = groupsOf(row);
    const expansions = compileExpansions(groups);
    cached = {
      row: key,
      value: {
        groups,
        fingerprint: synonymsFingerprint(groups),
        expansions,
        index: indexExpansions(expansions),
      },
    };
  }
  return cached.value;
}

const CANDIDATE_LIMIT = 50;
/** A pair one acceptance made may be chance; two are worth a look. */
const CANDIDATE_MIN_COUNT = 2;

export async function getSynonyms(ctx: ServiceContext) {
  const row = await findSynonymRow(ctx.db);
  return {
    groups: [...(await effectiveSynonyms(ctx.db))],
    isDefault: row.groups === null,
    version: row.version,
    updatedAt: new Date(row.updatedAt).toISOString(),
    candidates: await findSynonymCandidates(ctx.db, CANDIDATE_LIMIT, CANDIDATE_MIN_COUNT),
  };
}

/** Saves the table (optimistic locking on `version`); needs `demands.write`. */
export async function updateSynonyms(ctx: ServiceContext, input: UpdateSynonymsInput) {
  requirePermission(ctx, 'demands.write');
  await ctx.db.transaction(async (tx) => {
    const current = await lockSynonymRow(tx);
    if (current.version !== input.version) throw staleVersion(current.version);
    await saveSynonymRow(tx, input.groups, ctx.actor.id, ctx.now);
  });
  return getSynonyms(ctx);
}

/** Turns down a suggested addition; needs `demands.write`. */
export async function dismissSynonymSuggestion(
  ctx: ServiceContext,
  input: { term: string; demandTerm: string },
) {
  requirePermission(ctx, 'demands.write');
  if (!input.term || !input.demandTerm) throw invalid({ term: 'required' });
  const n = await dismissSynonymCandidate(ctx.db, input.term, input.demandTerm);
  if (n === 0) throw notFound('Suggestion');
  return getSynonyms(ctx);
}
