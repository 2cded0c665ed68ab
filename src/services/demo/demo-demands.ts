import type { DemandNoteKind, NegotiationStatus, Priority } from '../../core/enums';
import type { WorkplaceKind } from './demo-workplaces';

/** What a concern is about; a member with a concern of a topic is likely to hold that topic's demand. */
export type Topic =
  | 'night_allowance'
  | 'base_up'
  | 'childcare'
  | 'harassment'
  | 'holidays'
  | 'bonus'
  | 'commute'
  | 'overtime'
  | 'heat'
  | 'waiting_time'
  | 'reemployment'
  | 'care_leave'
  | 'regular_conversion'
  | 'qualification'
  | 'telework'
  | 'rest_room'
  | 'other';

export type DemoDemand = {
  topic: Topic;
  title: string;
  description: string;
  priority: Priority;
  status: NegotiationStatus;
  /** Days from today to the next negotiation (negative: it was missed and not yet rescheduled). */
  nextNegotiationInDays: number | null;
  /** How many members hold it: clearly different from demand to demand (bargaining power). */
  relatedMembers: number;
  kinds: readonly WorkplaceKind[];
  notes: readonly { daysAgo: number; kind: DemandNoteKind; body: string }[];
};

const ALL: readonly WorkplaceKind[] = ['office', 'factory', 'logistics'];

export const DEMO_DEMANDS: readonly DemoDemand[] = [
  {
    topic: 'base_up',
    title: 'ベースアップ（月額12,000円）',
    description: '物価上昇に見合う賃上げとして、全組合員一律で月額12,000円のベースアップを求める。',
    priority: 'high',
    status: 'negotiating',
    nextNegotiationInDays: 9,
    relatedMembers: 248,
    kinds: ALL,
    notes: [
      {
        daysAgo: 95,
        kind: 'internal',
        body: '要求アンケートの集計で「賃上げ」が最多（回答者の8割）。執行委員会で月額12,000円を要求額に決定。',
      },
      {
        daysAgo: 60,
        kind: 'negotiation',
        body: '要求書を提出し、第1回団体交渉。物価上昇率と同業他社の妥結水準を示して説明した。',
      },
      {
        daysAgo: 38,
        kind: 'management_response',
        body: '経営側回答：「月額6,000円が限度」。原材料高騰を理由に挙げた。組合は持ち帰りとし、職場討議にかける。',
      },
      {
        daysAgo: 15,
        kind: 'negotiation',
        body: '第2回団交。職場討議で出た生活実態の声（住宅ローン・教育費）を伝え、再回答を求めた。',
      },
    ],
  },
  {
    topic: 'night_allowance',
    title: '夜勤手当の引き上げ',
    description:
      '夜勤手当を1回2,500円から4,000円に引き上げる。連続夜勤明けの休息時間（11時間）の確保もあわせて求める。',
    priority: 'high',
    status: 'negotiating',
    nextNegotiationInDays: 4,
    relatedMembers: 196,
    kinds: ['factory', 'logistics'],
    notes: [
      {
        daysAgo: 120,
        kind: 'internal',
        body: '第一・第二製造課の職場集会で夜勤手当への不満が集中。同業他社の水準（3,500〜4,500円）を調査した。',
      },
      {
        daysAgo: 70,
        kind: 'negotiation',
        body: '第1回交渉で1回4,000円への引き上げを要求。深夜帯の欠員と連続夜勤の実態を資料で示した。',
      },
      {
        daysAgo: 48,
        kind: 'management_response',
        body: '経営側回答：500円の増額（3,000円）を提示。休息時間は「努力する」にとどまる。組合として受け入れず継続協議。',
      },
      {
        daysAgo: 6,
        kind: 'internal',
        body: '第二製造課のシフト変更問題とあわせて交渉する方針を執行委員会で確認。',
      },
    ],
  },
  {
    topic: 'harassment',
    title: 'ハラスメント相談窓口の設置（社外窓口を含む）',
    description:
      '上司に知られずに相談できる社外の相談窓口を設け、相談者が不利益を受けない仕組みを労使で確認する。',
    priority: 'high',
    status: 'carried_over',
    nextNegotiationInDays: 21,
    relatedMembers: 84,
    kinds: ALL,
    notes: [
      {
        daysAgo: 300,
        kind: 'negotiation',
        body: '昨年の秋闘で要求。社内の人事部窓口だけでは相談しにくいという組合員の声を伝えた。',
      },
      {
        daysAgo: 270,
        kind: 'management_response',
        body: '経営側回答：「社内窓口で対応できている」として社外窓口は見送り。継続協議とした。',
      },
      {
        daysAgo: 30,
        kind: 'internal',
        body: '組合に寄せられたハラスメント相談の件数（個人が特定されない形）を整理し、再要求の根拠とする。',
      },
    ],
  },
  {
    topic: 'childcare',
    title: '育児短時間勤務の対象拡大（小学校3年生まで）',
    description:
      '育児短時間勤務の対象を「3歳まで」から「小学校3年生修了まで」に広げる。交替勤務者の日勤固定も選べるようにする。',
    priority: 'medium',
    status: 'negotiating',
    nextNegotiationInDays: 16,
    relatedMembers: 57,
    kinds: ALL,
    notes: [
      {
        daysAgo: 80,
        kind: 'internal',
        body: '子育て中の組合員との懇談会を実施。「小1の壁」で退職を考えたという声が複数あった。',
      },
      {
        daysAgo: 40,
        kind: 'management_response',
        body: '経営側回答：「小学校就学前まで」への拡大なら検討可能。交替勤務者の日勤固定は職場ごとに判断したいとのこと。',
      },
    ],
  },
  {
    topic: 'holidays',
    title: '年間休日の増加（120日→125日）',
    description: '年間休日を5日増やす。あわせて有給休暇の計画的付与を職場ごとに確実に実施させる。',
    priority: 'medium',
    status: 'not_submitted',
    nextNegotiationInDays: 45,
    relatedMembers: 142,
    kinds: ALL,
    notes: [
      {
        daysAgo: 25,
        kind: 'internal',
        body: '次期春闘の要求候補。繁忙期の人員配置案とセットで要求書に盛り込む方向で検討。',
      },
    ],
  },
  {
    topic: 'bonus',
    title: '年間一時金 5.0ヶ月',
    description: '年間一時金として基本給の5.0ヶ月分を求める。',
    priority: 'high',
    status: 'settled',
    nextNegotiationInDays: null,
    relatedMembers: 221,
    kinds: ALL,
    notes: [
      { daysAgo: 200, kind: 'negotiation', body: '年間5.0ヶ月を要求。過去3年の業績推移を示して交渉した。' },
      { daysAgo: 170, kind: 'management_response', body: '経営側回答：年間4.6ヶ月。' },
      {
        daysAgo: 150,
        kind: 'negotiation',
        body: '再交渉の結果、年間4.8ヶ月で妥結。職場報告集会で了承を得た。',
      },
    ],
  },
  {
    topic: 'overtime',
    title: '時間外労働の削減と36協定の適正な運用',
    description: '特別条項の発動回数を減らし、みなし労働時間制の部署でも実労働時間を把握・記録させる。',
    priority: 'medium',
    status: 'negotiating',
    nextNegotiationInDays: -3,
    relatedMembers: 109,
    kinds: ['office', 'factory'],
    notes: [
      {
        daysAgo: 90,
        kind: 'negotiation',
        body: '営業部と経理部の時間外労働の実態を示し、特別条項の発動手続きの厳格化を求めた。',
      },
      {
        daysAgo: 52,
        kind: 'management_response',
        body: '経営側回答：勤怠システムにPCログを連携させ、実労働時間を把握すると回答。特別条項の見直しは継続協議。',
      },
    ],
  },
  {
    topic: 'waiting_time',
    title: '荷待ち時間の削減と待機時間の賃金化',
    description: '荷主との調整で荷待ち時間を削減し、残る待機時間は労働時間として賃金を支払う。',
    priority: 'high',
    status: 'negotiating',
    nextNegotiationInDays: 2,
    relatedMembers: 63,
    kinds: ['logistics'],
    notes: [
      {
        daysAgo: 240,
        kind: 'negotiation',
        body: '配送課の荷待ち時間の記録（平均1日90分）を提示し、削減策と賃金化を要求した。',
      },
      {
        daysAgo: 215,
        kind: 'management_response',
        body: '経営側回答：主要荷主2社と予約制の導入を調整する。待機時間の賃金化は検討する。',
      },
      {
        daysAgo: 20,
        kind: 'internal',
        body: '予約制の導入後も一部の荷主で待機が続いている。次回交渉で実績データを示す。',
      },
    ],
  },
  {
    topic: 'heat',
    title: '工場の空調設備の改善（熱中症対策）',
    description: '製造ラインと保全作業場にスポットクーラーを増設し、夏季の休憩回数を増やす。',
    priority: 'medium',
    status: 'settled',
    nextNegotiationInDays: null,
    relatedMembers: 118,
    kinds: ['factory'],
    notes: [
      {
        daysAgo: 330,
        kind: 'negotiation',
        body: '熱中症の一歩手前になった事例を報告し、空調設備の改善を要求した。',
      },
      {
        daysAgo: 300,
        kind: 'management_response',
        body: '経営側回答：スポットクーラー12台の増設と、WBGT 28以上での休憩追加を実施すると回答。妥結。',
      },
    ],
  },
  {
    topic: 'reemployment',
    title: '再雇用者（60歳以上）の処遇改善',
    description: '定年後再雇用の賃金水準を定年前の7割以上とし、職務内容に応じた手当を支給する。',
    priority: 'medium',
    status: 'carried_over',
    nextNegotiationInDays: 35,
    relatedMembers: 34,
    kinds: ALL,
    notes: [
      {
        daysAgo: 180,
        kind: 'management_response',
        body: '経営側回答：「制度全体の見直しの中で検討する」。具体的な回答はなく継続案件となった。',
      },
    ],
  },
  {
    topic: 'regular_conversion',
    title: '契約社員の正社員登用制度の拡充',
    description: '勤続3年以上の契約社員を対象に、年2回の登用試験と登用基準の公開を求める。',
    priority: 'medium',
    status: 'carried_over',
    nextNegotiationInDays: 28,
    relatedMembers: 26,
    kinds: ['factory', 'logistics'],
    notes: [
      {
        daysAgo: 160,
        kind: 'negotiation',
        body: '登用基準が不透明で、5年以上契約のままの人がいることを指摘した。',
      },
      {
        daysAgo: 140,
        kind: 'management_response',
        body: '経営側回答：登用試験を年1回から2回にする。基準の公開は見送り。',
      },
    ],
  },
  {
    topic: 'care_leave',
    title: '介護休業の取得要件の緩和',
    description: '介護休業を分割して取得できる回数を増やし、時間単位の介護休暇を導入する。',
    priority: 'low',
    status: 'not_submitted',
    nextNegotiationInDays: null,
    relatedMembers: 18,
    kinds: ALL,
    notes: [
      {
        daysAgo: 14,
        kind: 'internal',
        body: '親の介護が始まった組合員からの相談が続いている。要求書に入れるか執行委員会で検討。',
      },
    ],
  },
  {
    topic: 'commute',
    title: '通勤手当の上限引き上げ',
    description: '通勤手当の上限を月額30,000円から50,000円に引き上げる。',
    priority: 'low',
    status: 'settled',
    nextNegotiationInDays: null,
    relatedMembers: 41,
    kinds: ALL,
    notes: [
      {
        daysAgo: 260,
        kind: 'management_response',
        body: '経営側回答：上限を45,000円に引き上げる。組合として受け入れ、妥結。',
      },
    ],
  },
  {
    topic: 'qualification',
    title: '資格取得支援制度の拡充（フォークリフト・危険物など）',
    description: '業務に必要な資格の受講料・受験料を会社負担とし、取得者に資格手当を支給する。',
    priority: 'low',
    status: 'not_submitted',
    nextNegotiationInDays: null,
    relatedMembers: 12,
    kinds: ['logistics', 'factory'],
    notes: [
      {
        daysAgo: 10,
        kind: 'internal',
        body: '倉庫課の職場集会で要望が出た。対象資格の一覧を職場委員にまとめてもらう。',
      },
    ],
  },
  {
    topic: 'telework',
    title: 'テレワーク手当の新設',
    description: '在宅勤務日の通信費・光熱費の補助として、月額3,000円のテレワーク手当を新設する。',
    priority: 'low',
    status: 'not_submitted',
    nextNegotiationInDays: null,
    relatedMembers: 6,
    kinds: ['office'],
    notes: [
      {
        daysAgo: 33,
        kind: 'internal',
        body: '情報システム部の若手から提案。他の本社部門にも対象者がいるか確認する。',
      },
    ],
  },
];
