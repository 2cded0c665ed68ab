import type { Atmosphere } from '../../core/enums';

export type WorkplaceKind = 'office' | 'factory' | 'logistics';
export type DemoOwnerKey = 'sato' | 'suzuki' | 'takahashi';

export type DemoWorkplace = {
  name: string;
  /** The reading (よみ), as the API stores it (full-width katakana): 職場名順 sorts by it. */
  nameKana: string;
  establishment: string;
  kind: WorkplaceKind;
  /** Member rows to generate here (members, organizing targets and leavers together). */
  size: number;
  /** The organization rate aimed at: employeeCount is derived from it. */
  rate: number;
  /** Share of organizing targets among the rows. */
  targetShare: number;
  owner: DemoOwnerKey;
  departments: readonly string[];
  jobTypes: Readonly<Record<string, number>>;
  maleShare: number;
  /** The atmosphere when the union started recording, then each change (days before today). */
  initialAtmosphere: Atmosphere;
  changes: readonly { to: Atmosphere; daysAgo: number; reason: string }[];
  meetings: { count: number; lastDaysAgo: number };
  issues: string;
  organizingStatus: string;
};

export const ESTABLISHMENTS = {
  head: '本社',
  nagoya: '名古屋工場',
  osaka: '大阪物流センター',
} as const;

export const PARENT_ORGANIZATIONS: Record<string, string> = {
  本社: 'ものづくり産業労組 東京地方協議会',
  名古屋工場: 'ものづくり産業労組 東海地方協議会',
  大阪物流センター: 'ものづくり産業労組 関西地方協議会',
};

const officeJobs = { 事務職: 6, 総合職: 3, 専門職: 1 };
const factoryJobs = { 製造オペレーター: 7, 技能職: 2, 班長: 1 };

export const DEMO_WORKPLACES: readonly DemoWorkplace[] = [
  {
    name: '経理部',
    nameKana: 'ケイリブ',
    establishment: ESTABLISHMENTS.head,
    kind: 'office',
    size: 30,
    rate: 0.72,
    targetShare: 0.07,
    owner: 'suzuki',
    departments: ['経理部 経理課', '経理部 財務課'],
    jobTypes: { 事務職: 6, 経理専門職: 3, 総合職: 1 },
    maleShare: 0.45,
    initialAtmosphere: 'normal',
    changes: [],
    meetings: { count: 5, lastDaysAgo: 34 },
    issues:
      '月末・決算期の長時間残業が常態化している。経費精算システムの更新で業務が増えたが人員は据え置きで、補充を求める声が強い。',
    organizingStatus: '未加入は中途入社の数名。決算が落ち着く時期に職場委員が個別に声をかける予定。',
  },
  {
    name: '人事総務部',
    nameKana: 'ジンジソウムブ',
    establishment: ESTABLISHMENTS.head,
    kind: 'office',
    size: 28,
    rate: 0.55,
    targetShare: 0.1,
    owner: 'suzuki',
    departments: ['人事総務部 人事課', '人事総務部 総務課'],
    jobTypes: officeJobs,
    maleShare: 0.4,
    initialAtmosphere: 'normal',
    changes: [
      {
        to: 'indifferent',
        daysAgo: 200,
        reason: '職場集会の参加者が2名にとどまり、組合の話題が出なくなった',
      },
    ],
    meetings: { count: 2, lastDaysAgo: 150 },
    issues:
      '「会社側に近い立場だから」と組合活動から距離を置く人が多い。一方で育児・介護と仕事の両立支援への要望は多い。',
    organizingStatus:
      '加入をためらう理由は立場への遠慮。昼休みに両立支援制度の説明会を開き、そこで声をかけることを検討中。',
  },
  {
    name: '営業部',
    nameKana: 'エイギョウブ',
    establishment: ESTABLISHMENTS.head,
    kind: 'office',
    size: 70,
    rate: 0.48,
    targetShare: 0.09,
    owner: 'suzuki',
    departments: ['営業部 第一営業課', '営業部 第二営業課', '営業部 営業企画課'],
    jobTypes: { 営業職: 7, 営業事務: 2, 総合職: 1 },
    maleShare: 0.7,
    initialAtmosphere: 'indifferent',
    changes: [
      { to: 'normal', daysAgo: 300, reason: '春闘で営業手当の見直しを要求し、若手の関心が高まった' },
      { to: 'indifferent', daysAgo: 95, reason: '繁忙期で集会が開けず、関心が再び薄れている' },
    ],
    meetings: { count: 3, lastDaysAgo: 118 },
    issues:
      '外回りが多く職場集会に集まりにくい。みなし労働時間制の運用で実際の労働時間が反映されていないことと、営業手当の見直しが課題。',
    organizingStatus:
      '若手営業の加入率が低い。チャットでの情報発信とオンライン集会を試行しているが、反応はまだ少ない。',
  },
  {
    name: '情報システム部',
    nameKana: 'ジョウホウシステムブ',
    establishment: ESTABLISHMENTS.head,
    kind: 'office',
    size: 26,
    rate: 0.42,
    targetShare: 0.12,
    owner: 'suzuki',
    departments: ['情報システム部 基盤グループ', '情報システム部 業務システムグループ'],
    jobTypes: { システムエンジニア: 7, ヘルプデスク: 2, 総合職: 1 },
    maleShare: 0.75,
    initialAtmosphere: 'indifferent',
    changes: [
      { to: 'normal', daysAgo: 120, reason: 'テレワーク手当の要求づくりに若手が加わり、話し合いが始まった' },
    ],
    meetings: { count: 4, lastDaysAgo: 41 },
    issues:
      'テレワーク時の通信費・光熱費が自己負担。システム障害時の深夜・休日の呼び出しが手当のない「待機」扱いになっている。',
    organizingStatus:
      '中途採用のエンジニアが多く、組合の役割が知られていない。加入のメリットをまとめた資料を作成中。',
  },
  {
    name: '第一製造課',
    nameKana: 'ダイイチセイゾウカ',
    establishment: ESTABLISHMENTS.nagoya,
    kind: 'factory',
    size: 95,
    rate: 0.92,
    targetShare: 0.02,
    owner: 'sato',
    departments: ['製造部 第一製造課 組立係', '製造部 第一製造課 加工係', '製造部 第一製造課 塗装係'],
    jobTypes: factoryJobs,
    maleShare: 0.82,
    initialAtmosphere: 'normal',
    changes: [{ to: 'active', daysAgo: 400, reason: '夜勤手当の要求運動で若手組合員の参加が増えた' }],
    meetings: { count: 8, lastDaysAgo: 12 },
    issues:
      '夜勤手当が同業他社より低い。二交替勤務で連続夜勤が続く週の負担軽減と、休息時間の確保を求めている。',
    organizingStatus: '未加入は期間従業員が中心。正社員登用の要求とあわせて加入を呼びかけている。',
  },
  {
    name: '第二製造課',
    nameKana: 'ダイニセイゾウカ',
    establishment: ESTABLISHMENTS.nagoya,
    kind: 'factory',
    size: 85,
    rate: 0.84,
    targetShare: 0.03,
    owner: 'sato',
    departments: ['製造部 第二製造課 成形係', '製造部 第二製造課 組立係'],
    jobTypes: factoryJobs,
    maleShare: 0.8,
    initialAtmosphere: 'normal',
    changes: [
      {
        to: 'split_risk',
        daysAgo: 45,
        reason: '夜勤シフトの一方的な変更をめぐり、組合の対応への不満が噴出。脱退をほのめかす声も出ている',
      },
    ],
    meetings: { count: 5, lastDaysAgo: 20 },
    issues:
      '夜勤シフトの一方的な変更をめぐり、組合の対応が遅いという不満と対立が生じている。ベテランと若手で要求の優先順位が割れている。',
    organizingStatus:
      '脱退を口にする組合員がいるため、新規加入の声かけより既存組合員の声を聴くことを優先している。',
  },
  {
    name: '品質保証課',
    nameKana: 'ヒンシツホショウカ',
    establishment: ESTABLISHMENTS.nagoya,
    kind: 'factory',
    size: 45,
    rate: 0.78,
    targetShare: 0.04,
    owner: 'takahashi',
    departments: ['品質保証部 品質保証課 検査係', '品質保証部 品質保証課 品質管理係'],
    jobTypes: { 検査員: 6, 品質管理技術者: 3, 事務職: 1 },
    maleShare: 0.6,
    initialAtmosphere: 'normal',
    changes: [],
    meetings: { count: 5, lastDaysAgo: 27 },
    issues:
      '顧客クレーム対応による休日出勤が多い。検査工程の人員不足の解消と、検査資格への手当の新設を求める声がある。',
    organizingStatus: '未加入は派遣から直接雇用になった2名。職場委員が組合の説明をした。',
  },
  {
    name: '設備保全課',
    nameKana: 'セツビホゼンカ',
    establishment: ESTABLISHMENTS.nagoya,
    kind: 'factory',
    size: 38,
    rate: 0.95,
    targetShare: 0.03,
    owner: 'sato',
    departments: ['製造部 設備保全課'],
    jobTypes: { 保全技術者: 7, 技能職: 2, 班長: 1 },
    maleShare: 0.92,
    initialAtmosphere: 'active',
    changes: [],
    meetings: { count: 7, lastDaysAgo: 16 },
    issues: '夏場の工場内の暑さ（熱中症対策）と、突発故障に備えた自宅待機の手当化を求めている。',
    organizingStatus: '未加入は再雇用の1名のみ。再雇用者の処遇改善の要求とあわせて声をかけている。',
  },
  {
    name: '生産管理課',
    nameKana: 'セイサンカンリカ',
    establishment: ESTABLISHMENTS.nagoya,
    kind: 'factory',
    size: 32,
    rate: 0.62,
    targetShare: 0.06,
    owner: 'takahashi',
    departments: ['生産管理部 生産管理課', '生産管理部 購買課'],
    jobTypes: { 生産管理: 6, 事務職: 3, 総合職: 1 },
    maleShare: 0.6,
    initialAtmosphere: 'normal',
    changes: [{ to: 'indifferent', daysAgo: 240, reason: '職場委員の異動後、集会が途絶えている' }],
    meetings: { count: 2, lastDaysAgo: 205 },
    issues:
      '生産計画の変更が多く、残業の見通しが立たない。職場集会が半年以上開かれておらず、組合の存在感が薄れている。',
    organizingStatus: '新しい職場委員の選出が先決。未加入者へのオルグは止まっている。',
  },
  {
    name: '物流センター配送課',
    nameKana: 'ブツリュウセンターハイソウカ',
    establishment: ESTABLISHMENTS.osaka,
    kind: 'logistics',
    size: 75,
    rate: 0.74,
    targetShare: 0.07,
    owner: 'takahashi',
    departments: ['物流センター 配送課 第一班', '物流センター 配送課 第二班'],
    jobTypes: { 配送ドライバー: 8, 配車係: 1, 事務職: 1 },
    maleShare: 0.88,
    initialAtmosphere: 'split_risk',
    changes: [
      { to: 'normal', daysAgo: 210, reason: '荷待ち時間の削減で会社回答を得て、職場内の対立が落ち着いた' },
    ],
    meetings: { count: 5, lastDaysAgo: 38 },
    issues:
      '荷待ち時間が長く拘束時間が長い。労働時間の上限規制の強化で残業代が減った分の賃金保障と、待機時間の賃金化を求めている。',
    organizingStatus: '契約ドライバーの加入が課題。休憩所での昼の声かけを月2回続けている。',
  },
  {
    name: '物流センター倉庫課',
    nameKana: 'ブツリュウセンターソウコカ',
    establishment: ESTABLISHMENTS.osaka,
    kind: 'logistics',
    size: 55,
    rate: 0.88,
    targetShare: 0.04,
    owner: 'takahashi',
    departments: ['物流センター 倉庫課 入荷係', '物流センター 倉庫課 出荷係'],
    jobTypes: { 倉庫作業員: 6, フォークリフトオペレーター: 3, 班長: 1 },
    maleShare: 0.7,
    initialAtmosphere: 'normal',
    changes: [
      { to: 'active', daysAgo: 330, reason: 'フォークリフト事故の再発防止を組合が申し入れ、信頼が高まった' },
    ],
    meetings: { count: 6, lastDaysAgo: 25 },
    issues: 'フォークリフト作業の安全対策と、繁忙期の応援体制の整備。資格取得費用の会社負担を要望している。',
    organizingStatus: 'パート従業員への加入の呼びかけを開始。組合費の説明資料を配布した。',
  },
  {
    name: '物流センター業務課',
    nameKana: 'ブツリュウセンターギョウムカ',
    establishment: ESTABLISHMENTS.osaka,
    kind: 'logistics',
    size: 21,
    rate: 0.66,
    targetShare: 0.06,
    owner: 'suzuki',
    departments: ['物流センター 業務課'],
    jobTypes: { 事務職: 6, 配車係: 3, 総合職: 1 },
    maleShare: 0.45,
    initialAtmosphere: 'normal',
    changes: [],
    meetings: { count: 4, lastDaysAgo: 55 },
    issues: '少人数で受発注と配車を回しており、有給休暇が取りにくい。急な欠員時の応援体制を求めている。',
    organizingStatus: '未加入は新卒1名。新入社員研修後に職場委員が声をかける予定。',
  },
];

export const MEETING_TITLES: readonly string[] = [
  '職場集会（春闘要求の説明）',
  '職場懇談会',
  '要求アンケート結果の報告会',
  '秋闘に向けた職場討議',
  '一時金回答の報告集会',
  '安全衛生学習会',
  '新入組合員歓迎会',
  '夜勤手当に関する職場討議',
  '育児・介護制度の学習会',
  '職場委員との昼休み懇談会',
];

export const MEETING_NOTES: readonly string[] = [
  '夜勤手当への質問が多く、次回交渉の結果をすぐに報告してほしいとの要望があった。',
  '交替勤務に合わせて、集会を始業前と終業後の2回に分けてほしいとの声。',
  '若手の参加が目立った。懇親会を開いてほしいという意見が出た。',
  '出席が少なく、開催案内の方法（掲示板だけでなくチャットでも）を見直す。',
  'ハラスメント相談窓口の要求について意見交換。匿名で相談できる仕組みを求める声が多い。',
  '一時金の回答内容を説明し、概ね了承を得た。配分への質問が2件。',
  '育児短時間勤務の対象年齢について、子育て中の組合員から具体的な要望を聞いた。',
  '年間休日の増加について、繁忙期の人員配置とあわせて議論した。',
  '会社の回答に対する不満が強く、執行部の説明が足りないという指摘を受けた。',
  '熱中症対策として、スポットクーラー増設の要望をまとめた。',
];
