import { z } from 'zod';
import { foldKey } from './text';

// The union's synonym and related-words table (issue 16), kept in settings: groups of words that
// mean the same (ベア = ベースアップ = 賃上げ), that are related (残業代 ≈ 時間外手当), or where some
// are narrower than the first (ハラスメント ⊃ パワハラ, セクハラ). A member's word reaches a demand's
// word through a group with a factor; which group fired is shown with the suggestion.

export const SYNONYM_KINDS = ['equal', 'related', 'narrower'] as const;
export type SynonymKind = (typeof SYNONYM_KINDS)[number];

/** How much of a word's weight passes through a group. */
export const SYNONYM_FACTORS = {
  equal: 1,
  related: 0.7,
  /** From a narrower word to the broader one (パワハラ → ハラスメント). */
  toBroader: 0.8,
  /** From the broader word to a narrower one (ハラスメント → パワハラ). */
  toNarrower: 0.5,
} as const;

const synonymTerm = z
  .string()
  .trim()
  .min(1, { error: 'required' })
  .max(40, { error: 'tooLong' })
  .refine((s) => !/[\p{Cc}\p{Cs}]/u.test(s), { error: 'invalidCharacters' })
  .refine((s) => foldKey(s).length >= 2, { error: 'tooShort' });

export const synonymGroupSchema = z
  .object({
    kind: z.enum(SYNONYM_KINDS).meta({
      description:
        'equal: the same meaning; related: close; narrower: the other terms are kinds of the first',
    }),
    terms: z.array(synonymTerm).min(2, { error: 'tooFew' }).max(20, { error: 'tooMany' }),
  })
  .refine((g) => new Set(g.terms.map(foldKey)).size === g.terms.length, {
    error: 'duplicateTerms',
    path: ['terms'],
  })
  .meta({ id: 'SynonymGroup' });
export type SynonymGroup = z.infer<typeof synonymGroupSchema>;

export const synonymGroupsSchema = z.array(synonymGroupSchema).max(500, { error: 'tooMany' });

/** The list a union starts with: common workplace and bargaining words. */
export const DEFAULT_SYNONYMS: readonly SynonymGroup[] = [
  { kind: 'equal', terms: ['ベースアップ', 'ベア', '賃上げ', '昇給', '基本給引き上げ'] },
  { kind: 'related', terms: ['基本給', '給料', '給与', '賃金', '月給', '給料日'] },
  { kind: 'related', terms: ['賃上げ', '給料', '賃金'] },
  { kind: 'equal', terms: ['残業代', '時間外手当', '超過勤務手当', '残業手当'] },
  { kind: 'equal', terms: ['残業', '時間外労働', '時間外勤務', '超過勤務', 'サービス残業', 'サビ残'] },
  { kind: 'related', terms: ['残業', '残業代', '長時間労働', '36協定'] },
  { kind: 'equal', terms: ['有給休暇', '有休', '年休', '有給', '年次有給休暇', '年次休暇'] },
  { kind: 'equal', terms: ['育児休業', '育休', '育児休暇'] },
  { kind: 'equal', terms: ['介護休業', '介護休暇'] },
  {
    kind: 'related',
    terms: [
      '育児',
      '子育て',
      '子ども',
      '子供',
      '保育園',
      '託児所',
      '育休',
      '育児休業',
      '時短勤務',
      '短時間勤務',
      'お迎え',
      '迎え',
    ],
  },
  { kind: 'related', terms: ['介護', '親の介護', '介護休業', '両立'] },
  { kind: 'related', terms: ['両立', '両立支援', '育児', '介護'] },
  {
    kind: 'narrower',
    terms: [
      'ハラスメント',
      'パワハラ',
      'セクハラ',
      'マタハラ',
      'カスハラ',
      'モラハラ',
      'パワーハラスメント',
      'セクシャルハラスメント',
      'いじめ',
      '嫌がらせ',
    ],
  },
  { kind: 'equal', terms: ['パワハラ', 'パワーハラスメント'] },
  { kind: 'equal', terms: ['セクハラ', 'セクシャルハラスメント', 'セクシュアルハラスメント'] },
  { kind: 'related', terms: ['相談窓口', '相談', '窓口', '相談先'] },
  {
    kind: 'related',
    terms: ['夜勤', '深夜勤務', '夜間作業', '夜間勤務', '深夜', '夜間', '夜勤明け', '当直', '宿直'],
  },
  { kind: 'equal', terms: ['一時金', '賞与', 'ボーナス', '期末手当', '夏季一時金', '冬季一時金'] },
  { kind: 'related', terms: ['人員', '人手不足', '人手', '増員', '欠員', '人員不足', '補充', '採用'] },
  { kind: 'related', terms: ['休憩', '休憩時間', '休憩室', '昼休み', '休息'] },
  { kind: 'related', terms: ['通勤手当', '交通費', '通勤費', 'ガソリン代', '定期代'] },
  { kind: 'related', terms: ['住宅手当', '家賃補助', '家賃', '社宅', '寮', '住居手当'] },
  {
    kind: 'related',
    terms: [
      '非正規',
      'パート',
      'アルバイト',
      '契約社員',
      '派遣',
      '有期雇用',
      '嘱託',
      '正社員化',
      '無期転換',
      '会計年度任用職員',
    ],
  },
  { kind: 'equal', terms: ['テレワーク', '在宅勤務', 'リモートワーク', '在宅', 'リモート'] },
  {
    kind: 'related',
    terms: ['メンタルヘルス', 'メンタル', 'ストレス', 'うつ', '心の健康', 'ストレスチェック', '産業医'],
  },
  { kind: 'related', terms: ['健康診断', '健診', '人間ドック', '産業医'] },
  { kind: 'related', terms: ['定年', '定年延長', '再雇用', '継続雇用', '嘱託', '60歳', '65歳'] },
  { kind: 'related', terms: ['安全衛生', '熱中症', '暑さ', 'エアコン', '空調', '冷房', '労災', '安全'] },
  { kind: 'related', terms: ['評価制度', '人事評価', '評価', '査定', '考課'] },
  {
    kind: 'related',
    terms: ['シフト', '勤務表', '勤務割', '勤務間インターバル', 'インターバル', '連勤', '休日'],
  },
  { kind: 'related', terms: ['研修', '資格', '資格取得', '講習', '教育', 'スキルアップ'] },
  { kind: 'related', terms: ['休日出勤', '休出', '休日労働', '土日出勤'] },
  { kind: 'related', terms: ['手当', '諸手当', '手当額'] },
];

export type Expansion = { key: string; target: string; factor: number; rule: number };

/**
 * Every way a word's key reaches another's through the groups (key → target, factor, the group's
 * index); the strongest when several groups join the same two keys.
 */
export function compileExpansions(groups: readonly SynonymGroup[]): Expansion[] {
  const best = new Map<string, Expansion>();
  const add = (a: string, b: string, factor: number, rule: number) => {
    if (a === b) return;
    const id = `${a}\u0000${b}`;
    const prev = best.get(id);
    if (!prev || prev.factor < factor) best.set(id, { key: a, target: b, factor, rule });
  };
  groups.forEach((group, rule) => {
    const keys = group.terms.map(foldKey);
    if (group.kind === 'narrower') {
      const [broad, ...narrow] = keys;
      for (const n of narrow) {
        add(n, broad!, SYNONYM_FACTORS.toBroader, rule);
        add(broad!, n, SYNONYM_FACTORS.toNarrower, rule);
      }
      return;
    }
    const factor = group.kind === 'equal' ? SYNONYM_FACTORS.equal : SYNONYM_FACTORS.related;
    for (const a of keys) for (const b of keys) add(a, b, factor, rule);
  });
  return [...best.values()].sort((x, y) =>
    x.key < y.key ? -1 : x.key > y.key ? 1 : x.target < y.target ? -1 : 1,
  );
}

/** How a group reads in an explanation: 残業代 = 時間外手当, 夜勤 ≈ 深夜勤務, ハラスメント ⊃ パワハラ. */
export function describeGroup(group: SynonymGroup): string {
  if (group.kind === 'narrower') return `${group.terms[0]} ⊃ ${group.terms.slice(1).join('・')}`;
  return group.terms.join(group.kind === 'equal' ? ' = ' : ' ≈ ');
}

/** A stable fingerprint of the groups in force: the index is rebuilt when it changes. */
export function synonymsFingerprint(groups: readonly SynonymGroup[]): string {
  const text = JSON.stringify(compileExpansions(groups).map((e) => [e.key, e.target, e.factor]));
  // FNV-1a, 32 bits twice (different seeds): enough to notice a change, not a security measure.
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return `${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}-${text.length}`;
}
