// The voices no demand holds yet, grouped by topic (issue 16). A unit is one person (a member,
// however many of their texts) or one anonymous answer; its words are the content keys of its
// texts that match no demand, words a synonym group says are the same counted as one. Topics are
// found greedily: the word most units share leads a cluster of the units that have it, with the
// words most of them share beside it; those units leave, and the next word is taken. Small and
// explainable: every cluster says which words made it.

export type VoiceUnit = {
  /** A member's id, or an anonymous answer's doc id. */
  id: string;
  anonymous: boolean;
  keys: ReadonlySet<string>;
};

export type VoiceCluster = {
  /** The leading key. */
  key: string;
  /** The leading key, then keys at least `shareForTerm` of the cluster's units have, most shared first. */
  keys: string[];
  units: VoiceUnit[];
};

export type ClusterOptions = {
  /** Fewer units than this make no cluster. */
  minUnits: number;
  maxClusters: number;
  /** A key joins a cluster's words when this share of its units have it. */
  shareForTerm: number;
  maxTerms: number;
};

export const CLUSTER_DEFAULTS: ClusterOptions = {
  minUnits: 2,
  maxClusters: 20,
  shareForTerm: 0.4,
  maxTerms: 4,
};

// Most shared first; on a tie the longer word (a compound says more than its part: 駐車場, 駐車).
const byCountThenKey = (a: [string, number], b: [string, number]) =>
  b[1] - a[1] || b[0].length - a[0].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

export function clusterVoices(
  units: readonly VoiceUnit[],
  options: ClusterOptions = CLUSTER_DEFAULTS,
): VoiceCluster[] {
  let left = [...units];
  const clusters: VoiceCluster[] = [];
  while (clusters.length < options.maxClusters) {
    const df = new Map<string, number>();
    for (const u of left) for (const k of u.keys) df.set(k, (df.get(k) ?? 0) + 1);
    const lead = [...df].sort(byCountThenKey)[0];
    if (!lead || lead[1] < options.minUnits) break;
    const [key] = lead;
    const members = left.filter((u) => u.keys.has(key));
    const co = new Map<string, number>();
    for (const u of members) for (const k of u.keys) if (k !== key) co.set(k, (co.get(k) ?? 0) + 1);
    const keys = [key];
    for (const [k, n] of [...co].sort(byCountThenKey)) {
      if (keys.length >= options.maxTerms) break;
      if (n < Math.max(2, Math.ceil(options.shareForTerm * members.length))) break;
      // A word inside another one already shown (夜勤 beside 夜勤明け) adds nothing.
      if (keys.some((shown) => shown.includes(k) || k.includes(shown))) continue;
      keys.push(k);
    }
    clusters.push({ key, keys, units: members });
    const taken = new Set(members);
    left = left.filter((u) => !taken.has(u));
  }
  return clusters;
}

/** Keys a synonym group says are equal, as one: each key's representative (the smallest). */
export function canonicalKeys(
  equalPairs: readonly { key: string; target: string }[],
): (key: string) => string {
  const rep = new Map<string, string>();
  const find = (k: string): string => {
    let r = k;
    while (rep.has(r) && rep.get(r) !== r) r = rep.get(r)!;
    return r;
  };
  for (const { key, target } of equalPairs) {
    const a = find(key);
    const b = find(target);
    if (a === b) continue;
    if (a < b) rep.set(b, a);
    else rep.set(a, b);
  }
  return (k) => find(k);
}
