import { z } from 'zod';
import { STORABLE_TEXT } from '../common/schemas';
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
  .regex(STORABLE_TEXT, { error: 'invalidCharacters' })
  .trim()
  .min(1, { error: 'required' })
  .max(40, { error: 'tooLong' })
  .refine((s) => !/\p{Cc}/u.test(s), { error: 'invalidCharacters' })
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

/**
 * The list a union starts with: common workplace and bargaining words, by topic, with the words
 * members use for them in everyday speech (週末, 休みの日, 子どもの迎え, 怒鳴る …). Verbs and
 * adjectives are written in their dictionary form (怒鳴る, 暑い): that is how a text's are keyed.
 * A word reaches another through one group (no chains), so a group of everyday words names the
 * bargaining word (the one a demand book uses) among them — one only: an everyday word that
 * reached several words of one demand would count several times (休み → 有給休暇, not → 休暇 too).
 * The bargaining words are grouped with each other separately.
 */
export const DEFAULT_SYNONYMS: readonly SynonymGroup[] = [
  // Wages
  { kind: 'equal', terms: ['ベースアップ', 'ベア', '賃上げ', '基本給引き上げ', '基本給の引き上げ'] },
  {
    kind: 'related',
    terms: ['基本給', 'ベースアップ', '賃金', '賃上げ', '昇給', '本給', '賃金水準', '賃金体系', '初任給'],
  },
  {
    kind: 'related',
    terms: ['基本給', '給料', '給与', '月給', '手取り', '月収', '年収', '収入', '安月給', '薄給'],
  },
  { kind: 'related', terms: ['賃上げ', '物価', '物価高', '物価上昇', '生活費', 'インフレ', '値上げ'] },
  { kind: 'equal', terms: ['昇給', '定期昇給', '定昇'] },
  // Bonus
  {
    kind: 'equal',
    terms: [
      '一時金',
      '賞与',
      'ボーナス',
      '期末手当',
      '勤勉手当',
      '期末勤勉手当',
      '夏季一時金',
      '年末一時金',
      '冬季一時金',
      '夏のボーナス',
      '冬のボーナス',
      '寸志',
    ],
  },
  // Overtime and working hours
  {
    kind: 'equal',
    terms: ['残業代', '時間外手当', '超過勤務手当', '残業手当', '時間外勤務手当', '割増賃金'],
  },
  { kind: 'equal', terms: ['残業', '時間外労働', '時間外勤務', '超過勤務', '超勤', '時間外'] },
  {
    kind: 'equal',
    terms: [
      'サービス残業',
      'サビ残',
      '不払い残業',
      '賃金不払い',
      '未払い残業',
      '持ち帰り残業',
      '持ち帰り仕事',
    ],
  },
  {
    kind: 'related',
    terms: ['残業', 'サービス残業', '残業代', '持ち帰り', 'タイムカード', '打刻', '勤怠', '勤怠管理'],
  },
  {
    kind: 'related',
    terms: [
      '時間外労働',
      '36協定',
      '上限規制',
      '残業時間',
      '特別条項',
      '過労死ライン',
      '拘束時間',
      '改善基準告示',
    ],
  },
  {
    kind: 'related',
    terms: [
      '時間外労働',
      '長時間労働',
      '長時間勤務',
      '終電',
      '定時',
      '定時退社',
      '早出',
      '過重労働',
      '過労',
      '過労死',
      'ノー残業デー',
      '帰れる',
    ],
  },
  // Paid leave
  {
    kind: 'equal',
    terms: ['有給休暇', '有休', '年休', '有給', '年次有給休暇', '年次休暇', '年次有給', '有給休暇取得'],
  },
  {
    kind: 'related',
    terms: [
      '有給休暇',
      '休み',
      '休む',
      '休める',
      '有休消化',
      '有給消化',
      '取得率',
      '消化率',
      '計画年休',
      '半休',
      '半日休暇',
      '時間休',
      '時間単位年休',
      '取得義務',
      '時季指定',
      '連休',
      'リフレッシュ休暇',
      '特別休暇',
    ],
  },
  // Childcare, pregnancy, nursing care and balancing them with work
  { kind: 'equal', terms: ['育児休業', '育休', '育児休暇', '男性育休', '産後パパ育休'] },
  { kind: 'equal', terms: ['介護休業', '介護休暇'] },
  { kind: 'equal', terms: ['看護休暇', '子の看護休暇', '子の看護等休暇'] },
  { kind: 'equal', terms: ['短時間勤務', '時短勤務', '時短', '育児短時間勤務'] },
  { kind: 'related', terms: ['育児', '育休', '育児休業', '短時間勤務', '看護休暇', '両立支援'] },
  {
    kind: 'related',
    terms: [
      '育児',
      '子育て',
      '子ども',
      '子供',
      'こども',
      '保育園',
      '保育所',
      '託児所',
      '学童',
      '学童保育',
      'お迎え',
      '迎え',
      '子どもの迎え',
      '送り迎え',
      '学校行事',
      '授業参観',
      '子の看護',
      '病児保育',
      '看病',
    ],
  },
  {
    kind: 'related',
    terms: [
      '育児',
      '両立支援',
      '妊娠',
      '妊婦',
      '出産',
      '産休',
      '産前産後休業',
      'つわり',
      '不妊治療',
      '母性保護',
    ],
  },
  { kind: 'related', terms: ['介護', '介護休業', '介護離職', '両立支援'] },
  {
    kind: 'related',
    terms: [
      '介護',
      '両立支援',
      '親の介護',
      '家族の介護',
      '要介護',
      '認知症',
      '在宅介護',
      '遠距離介護',
      'デイサービス',
      'ケアマネ',
      '老親',
    ],
  },
  {
    kind: 'related',
    terms: ['両立支援', '両立', '仕事と家庭', 'ワークライフバランス', '家庭の事情', '家庭との両立'],
  },
  // Harassment
  {
    kind: 'narrower',
    terms: [
      'ハラスメント',
      'パワハラ',
      'セクハラ',
      'マタハラ',
      'パタハラ',
      'カスハラ',
      'モラハラ',
      'パワーハラスメント',
      'セクシャルハラスメント',
      'カスタマーハラスメント',
      'いじめ',
      '嫌がらせ',
      '暴言',
      '暴力',
      '怒鳴る',
      '威圧',
      '罵倒',
      '人格否定',
      '差別',
      '不当要求',
    ],
  },
  {
    kind: 'narrower',
    terms: [
      'ハラスメント',
      '叱責',
      '恫喝',
      '悪口',
      '陰口',
      '嫌味',
      '下ネタ',
      'アウティング',
      '脅す',
      'つきまとい',
      'クレーム',
      'クレーマー',
      '土下座',
      '迷惑客',
      '理不尽',
    ],
  },
  { kind: 'equal', terms: ['パワハラ', 'パワーハラスメント'] },
  { kind: 'equal', terms: ['セクハラ', 'セクシャルハラスメント', 'セクシュアルハラスメント'] },
  { kind: 'equal', terms: ['カスハラ', 'カスタマーハラスメント'] },
  { kind: 'equal', terms: ['マタハラ', 'マタニティハラスメント'] },
  {
    kind: 'related',
    terms: ['相談窓口', '窓口', '相談先', '相談室', 'ホットライン', '通報窓口', '内部通報'],
  },
  // Night work
  { kind: 'equal', terms: ['夜勤手当', '深夜手当', '夜間手当', '深夜割増', '夜勤給'] },
  {
    kind: 'related',
    terms: [
      '夜勤',
      '深夜勤務',
      '夜間勤務',
      '夜勤明け',
      '当直',
      '宿直',
      '深夜業',
      '準夜勤',
      '夜勤回数',
      '夜間',
      '深夜',
      '夜中',
    ],
  },
  // Staffing
  { kind: 'related', terms: ['人員', '増員', '欠員', '補充', '人員配置', '配置基準', '人員不足', '採用'] },
  {
    kind: 'related',
    terms: [
      '人員',
      '増員',
      '人手不足',
      '人手',
      '人数',
      'ワンオペ',
      '一人夜勤',
      '一人体制',
      '一人勤務',
      '業務量',
      '仕事量',
      '退職者',
      '離職',
      '離職率',
    ],
  },
  // … and as members say it: a noun with its predicate (人が足りない, 職員が減らされた); a person
  // (職員, ドライバー, 二人) counts as 人 in these (core/matching/analyze.ts).
  {
    kind: 'related',
    terms: [
      '人員',
      '人+足りる+ない',
      '人+不足',
      '人+減る',
      '人+減らす',
      '人+削減',
      '人+削る',
      '人+辞める',
      '人+いる+ない',
      '人+増やす',
      '人+補充',
      '人+回す',
      '人+欲しい',
    ],
  },
  // Breaks
  { kind: 'equal', terms: ['休憩', '休憩時間'] },
  {
    kind: 'related',
    terms: [
      '休憩',
      '昼休み',
      '昼休憩',
      '仮眠',
      '仮眠時間',
      '仮眠室',
      '食事休憩',
      '昼食',
      '昼ご飯',
      'お昼',
      'トイレ',
      '一息',
      '手待ち時間',
    ],
  },
  // Commuting
  { kind: 'equal', terms: ['通勤手当', '交通費', '通勤費', '通勤交通費', '通勤費用'] },
  {
    kind: 'related',
    terms: [
      '通勤手当',
      'ガソリン代',
      'ガソリン',
      '定期代',
      '定期券',
      '駐車場代',
      'マイカー通勤',
      '車通勤',
      '自転車通勤',
      '通勤距離',
      '高速代',
    ],
  },
  // Housing
  { kind: 'equal', terms: ['住宅手当', '住居手当', '家賃補助', '住宅補助'] },
  {
    kind: 'related',
    terms: [
      '住宅手当',
      '家賃',
      '社宅',
      '社員寮',
      '独身寮',
      '借り上げ社宅',
      '賃貸',
      '持ち家',
      '住宅ローン',
      '引っ越し',
      '部屋+借りる',
      'アパート',
    ],
  },
  // Non-regular staff
  {
    kind: 'related',
    terms: [
      '非正規',
      '非正規雇用',
      'パート',
      'パートタイマー',
      'アルバイト',
      'バイト',
      '契約社員',
      '派遣',
      '派遣社員',
      '有期雇用',
      '有期契約',
      '嘱託',
      '臨時職員',
      '非常勤',
      '会計年度任用職員',
      '期間工',
      '準社員',
      '時給',
    ],
  },
  {
    kind: 'related',
    terms: [
      '正社員化',
      '正社員登用',
      '無期転換',
      '無期雇用',
      '直接雇用',
      '雇い止め',
      '契約更新',
      '同一労働同一賃金',
      '待遇格差',
      '格差',
    ],
  },
  // Telework
  { kind: 'equal', terms: ['テレワーク', '在宅勤務', 'リモートワーク', 'リモート勤務', '在宅ワーク'] },
  {
    kind: 'related',
    terms: ['テレワーク', '在宅', 'リモート', '自宅勤務', '自宅作業', '在宅作業'],
  },
  {
    kind: 'related',
    terms: ['テレワーク', '家+仕事', '家+作業', '家+働く', '自宅+仕事', '自宅+作業', '自宅+働く'],
  },
  // Health
  {
    kind: 'related',
    terms: [
      'メンタルヘルス',
      'メンタルヘルス対策',
      'メンタル',
      '心の健康',
      'ストレス',
      'うつ',
      'うつ病',
      '適応障害',
      '休職',
      '復職',
      '職場復帰',
      '不眠',
      '眠れる',
      'カウンセリング',
      'メンタル不調',
    ],
  },
  { kind: 'related', terms: ['メンタルヘルス', 'ストレスチェック', '産業医', '相談体制'] },
  {
    kind: 'related',
    terms: ['健康診断', '健診', '人間ドック', '産業医', '再検査', '精密検査', '検診', 'がん検診', '特定健診'],
  },
  {
    kind: 'related',
    terms: ['健康', '体調', '体調不良', '疲労', '過労', '心身', '体力', '持病', '睡眠不足'],
  },
  // Retirement
  { kind: 'related', terms: ['定年延長', '定年', '再雇用', '継続雇用', '再任用', '雇用延長', '定年後'] },
  {
    kind: 'related',
    terms: [
      '定年',
      '再雇用',
      'シニア',
      'シニア社員',
      '高齢者',
      '役職定年',
      '嘱託',
      '60歳',
      '65歳',
      '70歳',
      '年金',
      '老後',
    ],
  },
  { kind: 'related', terms: ['退職金', '退職手当', '企業年金', '老後'] },
  // Safety and heat
  {
    kind: 'related',
    terms: [
      '安全衛生',
      '安全',
      '労災',
      '労働災害',
      '事故',
      '怪我',
      'けが',
      '転倒',
      '転ぶ',
      '滑る',
      '危険',
      '危ない',
      '照明',
      '足元',
      '段差',
      '保護具',
      'ヒヤリハット',
    ],
  },
  {
    kind: 'related',
    terms: [
      '安全衛生',
      '重量物',
      '腰痛',
      '感染症',
      '感染対策',
      '針刺し',
      '転落',
      '墜落',
      '落下',
      '挟まれ',
      '有害物質',
      '粉じん',
      '騒音',
    ],
  },
  {
    kind: 'related',
    terms: [
      '安全衛生',
      '熱中症',
      '暑さ',
      '暑い',
      '猛暑',
      '高温',
      '空調',
      'エアコン',
      'クーラー',
      '冷房',
      '暖房',
      '寒さ',
      '寒い',
      '室温',
      '換気',
      '扇風機',
      '水分補給',
      '防寒',
    ],
  },
  // Appraisal
  { kind: 'equal', terms: ['人事評価', '査定', '人事考課', '考課'] },
  { kind: 'related', terms: ['評価制度', '評価', '人事評価', '評価基準', '評価結果', '評価面談'] },
  {
    kind: 'related',
    terms: [
      '評価',
      '評価制度',
      'えこひいき',
      '依怙贔屓',
      'ひいき',
      '不透明',
      '昇格',
      '昇進',
      '目標管理',
      'フィードバック',
    ],
  },
  // Shifts and rest between them
  { kind: 'related', terms: ['シフト', 'シフト作成', 'シフト表', '勤務表', '勤務割', 'シフト制'] },
  {
    kind: 'related',
    terms: [
      'シフト',
      '早番',
      '遅番',
      '日勤',
      '中番',
      '交代勤務',
      '交替勤務',
      '希望休',
      '勤務希望',
      'シフト変更',
      '偏り',
      '偏る',
    ],
  },
  { kind: 'equal', terms: ['勤務間インターバル', 'インターバル', '勤務間インターバル制度'] },
  {
    kind: 'related',
    terms: ['勤務間インターバル', '休息時間', '勤務間隔', '連勤', '連続勤務', '睡眠', '睡眠時間', '休息'],
  },
  // Training and qualifications
  {
    kind: 'related',
    terms: [
      '研修',
      '教育',
      '講習',
      '教育訓練',
      'OJT',
      'スキルアップ',
      '勉強会',
      '勉強',
      '受講',
      '受講料',
      'セミナー',
      '通信教育',
      '新人教育',
      '新人研修',
      '外部研修',
    ],
  },
  { kind: 'related', terms: ['資格取得', '資格', '研修', '資格取得支援'] },
  {
    kind: 'related',
    terms: ['資格', '資格取得', '免許', '免許取得', '検定', '受験', '受験料', '国家資格', '資格手当', '試験'],
  },
  // Holiday work
  { kind: 'equal', terms: ['休日出勤', '休出', '休日労働', '休日勤務'] },
  {
    kind: 'related',
    terms: [
      '休日出勤',
      '土日出勤',
      '土曜出勤',
      '日曜出勤',
      '祝日出勤',
      '週末出勤',
      '休日返上',
      '呼び出し',
      '呼び出す',
      '代休',
      '振替休日',
      '振休',
    ],
  },
  { kind: 'equal', terms: ['休日', '休みの日', '公休', '公休日', '所定休日'] },
  {
    kind: 'related',
    terms: ['休日', '土日', '週末', '土曜', '日曜', '祝日', '土日祝', '年間休日', '週休2日'],
  },
  // Allowances, transfers, job security
  { kind: 'related', terms: ['手当', '諸手当', '手当額'] },
  { kind: 'equal', terms: ['家族手当', '扶養手当'] },
  { kind: 'related', terms: ['転勤', '異動', '配置転換', '配転', '単身赴任'] },
  { kind: 'related', terms: ['解雇', 'リストラ', '雇い止め', '希望退職', '退職勧奨', '人員削減'] },
];

export type Expansion = { key: string; target: string; factor: number; rule: number };

/**
 * Every way a word's key reaches another's through the groups (key → target, factor, the group's
 * index); the strongest when several groups join the same two keys. Words of an equal group stand
 * for each other everywhere: what reaches one reaches the others at the same factor, and each
 * reaches what the others reach (賃上げ = ベースアップ, 物価 ≈ 賃上げ: 物価 reaches ベースアップ too).
 */
export function compileExpansions(groups: readonly SynonymGroup[]): Expansion[] {
  // The words each word is equal to (itself included), across groups.
  const same = new Map<string, Set<string>>();
  const classOf = (k: string) => same.get(k) ?? new Set([k]);
  groups.forEach((group) => {
    if (group.kind !== 'equal') return;
    const merged = new Set<string>();
    for (const k of group.terms.map(foldKey)) for (const m of classOf(k)) merged.add(m);
    for (const k of merged) same.set(k, merged);
  });

  const best = new Map<string, Expansion>();
  const add = (a: string, b: string, factor: number, rule: number) => {
    if (a === b) return;
    const id = `${a}\u0000${b}`;
    const prev = best.get(id);
    if (!prev || prev.factor < factor) best.set(id, { key: a, target: b, factor, rule });
  };
  const link = (a: string, b: string, factor: number, rule: number) => {
    for (const x of classOf(a)) for (const y of classOf(b)) add(x, y, factor, rule);
  };
  groups.forEach((group, rule) => {
    const keys = group.terms.map(foldKey);
    if (group.kind === 'narrower') {
      const [broad, ...narrow] = keys;
      for (const n of narrow) {
        link(n, broad!, SYNONYM_FACTORS.toBroader, rule);
        link(broad!, n, SYNONYM_FACTORS.toNarrower, rule);
      }
      return;
    }
    const factor = group.kind === 'equal' ? SYNONYM_FACTORS.equal : SYNONYM_FACTORS.related;
    for (const a of keys) for (const b of keys) link(a, b, factor, rule);
  });
  return [...best.values()].sort((x, y) =>
    x.key < y.key ? -1 : x.key > y.key ? 1 : x.target < y.target ? -1 : 1,
  );
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
