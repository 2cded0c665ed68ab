import type { Topic } from './demo-demands';
import type { WorkplaceKind } from './demo-workplaces';

// Texts written the way officers actually write them: short, concrete, in the
// member's own words where it is a concern. The first three concerns are the
// seed article's examples.

export type Concern = { text: string; topic: Topic; kinds?: readonly WorkplaceKind[] };

export const CONCERNS: readonly Concern[] = [
  { text: '夜間作業の手当が低すぎる', topic: 'night_allowance', kinds: ['factory', 'logistics'] },
  { text: 'ハラスメントを受けているが相談できる場所がない', topic: 'harassment' },
  { text: '育児と仕事の両立支援が不十分', topic: 'childcare' },
  { text: '連続夜勤のあとの休息時間が短く、体がもたない', topic: 'night_allowance', kinds: ['factory'] },
  { text: '夜勤シフトが直前に変更され、家族の予定が立たない', topic: 'night_allowance', kinds: ['factory'] },
  { text: '上司の叱責が人前で行われ、職場の雰囲気が悪い', topic: 'harassment' },
  { text: '子どもが3歳を過ぎると短時間勤務が使えなくなるのが不安', topic: 'childcare' },
  { text: '保育園の送迎に間に合うシフトにしてほしい', topic: 'childcare', kinds: ['factory', 'logistics'] },
  { text: '物価が上がっているのに基本給がほとんど上がらない', topic: 'base_up' },
  { text: '若手の賃金が低く、同期が次々に辞めていく', topic: 'base_up' },
  { text: '住宅ローンと教育費で生活が苦しい。ベースアップを求めたい', topic: 'base_up' },
  { text: '年間休日が少なく、家族と過ごす時間がない', topic: 'holidays' },
  { text: '有給休暇を申請しても人手不足を理由に取りにくい', topic: 'holidays' },
  { text: '一時金の水準が業績に見合っていない', topic: 'bonus' },
  { text: '月末の残業が多く、36協定の上限に近い月がある', topic: 'overtime', kinds: ['office'] },
  { text: 'みなし残業で実際の労働時間が反映されていない', topic: 'overtime', kinds: ['office'] },
  { text: '生産計画の変更が多く、残業の予定が立たない', topic: 'overtime', kinds: ['factory'] },
  { text: '夏場の工場内が暑すぎて、熱中症になりかけた', topic: 'heat', kinds: ['factory'] },
  {
    text: '荷待ちで拘束時間が長いのに、待機時間が賃金に反映されない',
    topic: 'waiting_time',
    kinds: ['logistics'],
  },
  { text: '60歳以降の再雇用で給与が大きく下がるのが不安', topic: 'reemployment' },
  { text: '親の介護が始まり、今の働き方を続けられるか不安', topic: 'care_leave' },
  {
    text: '契約社員のまま5年目。正社員登用の基準がわからない',
    topic: 'regular_conversion',
    kinds: ['factory', 'logistics'],
  },
  {
    text: 'フォークリフトや危険物の資格の取得費用を会社に負担してほしい',
    topic: 'qualification',
    kinds: ['logistics', 'factory'],
  },
  { text: '在宅勤務の光熱費・通信費が自己負担になっている', topic: 'telework', kinds: ['office'] },
  { text: '休憩室が狭く、夏は更衣室が蒸し暑い', topic: 'rest_room', kinds: ['factory', 'logistics'] },
  { text: '通勤手当の上限を超えていて自己負担が出ている', topic: 'commute' },
  { text: '評価の基準が不透明で、昇格の見通しが立たない', topic: 'other' },
  { text: '人員が減っているのに業務量は変わらず、負担が増え続けている', topic: 'other' },
  {
    text: '深夜・休日のシステム障害対応が手当のない「待機」扱いになっている',
    topic: 'overtime',
    kinds: ['office'],
  },
  { text: '組合費に見合うメリットが感じられない', topic: 'other' },
];

export type DemoCase = { title: string; description: string; sensitive: boolean; topic: Topic };

export const CASES: readonly DemoCase[] = [
  {
    title: '職場いじめの相談',
    description:
      '2ヶ月前に職場いじめの相談。対応中。同じ係の先輩から無視や仕事を回さない扱いを受けている。本人は異動を希望。',
    sensitive: true,
    topic: 'harassment',
  },
  {
    title: 'ハラスメント相談（上司からの叱責）',
    description:
      '朝礼で繰り返し人前で叱責されている。日時と発言のメモを本人が記録中。会社への申し入れは本人の同意を得てから。',
    sensitive: true,
    topic: 'harassment',
  },
  {
    title: 'セクハラ相談',
    description:
      '飲み会の席での発言と私的な連絡について相談。本人は加害者に知られることを強く心配している。対応は書記長と相談の上で。',
    sensitive: true,
    topic: 'harassment',
  },
  {
    title: 'メンタル不調からの復職相談',
    description: '休職中。復職時の短時間勤務と配置について、産業医面談の前に組合として希望を整理したい。',
    sensitive: true,
    topic: 'other',
  },
  {
    title: '残業代の未払い（みなし時間の超過分）',
    description:
      'みなし労働時間を大きく超える月が続いているが、超過分が支払われていない。勤怠記録と業務メールの時刻を確認中。',
    sensitive: false,
    topic: 'overtime',
  },
  {
    title: '夜勤シフトの一方的な変更',
    description: '事前の説明なく翌月の夜勤回数が増やされた。職場の他の組合員にも同様の変更がないか確認する。',
    sensitive: false,
    topic: 'night_allowance',
  },
  {
    title: '育児短時間勤務の延長申請',
    description:
      '子どもの小学校入学後も短時間勤務を続けたいが、制度上は対象外と言われた。個別の配慮を会社に求める。',
    sensitive: false,
    topic: 'childcare',
  },
  {
    title: '有給休暇の取得を断られた',
    description: '繁忙期を理由に有給休暇の申請を取り下げるよう言われた。時季変更権の要件を満たすか確認する。',
    sensitive: false,
    topic: 'holidays',
  },
  {
    title: '転勤の打診への不安',
    description:
      '本社への異動を打診された。親の介護があり単身赴任は難しい。家庭の事情を会社に伝える場を設けたい。',
    sensitive: false,
    topic: 'care_leave',
  },
  {
    title: '評価・昇格への不満',
    description: '3年連続で等級が据え置き。評価面談での説明に納得できていない。評価基準の開示を求める。',
    sensitive: false,
    topic: 'other',
  },
  {
    title: '介護休業の取得相談',
    description:
      '父親の介護のため介護休業の分割取得を希望。手続きと、休業中の賃金・社会保険の扱いを説明する。',
    sensitive: false,
    topic: 'care_leave',
  },
  {
    title: '契約更新（雇止め）への不安',
    description: '次回の契約更新がされないかもしれないと上司から示唆された。無期転換の権利について説明する。',
    sensitive: false,
    topic: 'regular_conversion',
  },
  {
    title: 'フォークリフト動線の危険箇所',
    description: '出荷場の通路でフォークリフトと歩行者の接触しかけが2件。安全衛生委員会に改善を申し入れる。',
    sensitive: false,
    topic: 'qualification',
  },
  {
    title: '荷待ち時間の記録の扱い',
    description: '荷待ち時間を休憩として記録するよう指示された。運転日報の書き方と労働時間の扱いを確認する。',
    sensitive: false,
    topic: 'waiting_time',
  },
  {
    title: '再雇用後の賃金についての相談',
    description: '来年定年を迎える。再雇用後の賃金と仕事内容の提示がまだなく、不安を感じている。',
    sensitive: false,
    topic: 'reemployment',
  },
];

// Engagement history reasons: warmer and cooler moves read differently.
export const WARMER_REASONS: readonly string[] = [
  '職場集会に参加し、要求アンケートにも回答してくれた',
  '相談案件が解決し、組合への信頼が戻った',
  '職場委員の声かけで学習会に参加',
  '春闘の職場討議で積極的に発言',
  '夜勤手当の交渉経過を説明したところ関心を示した',
  '懇親会に参加し、若手の取りまとめを引き受けてくれた',
  '育児短時間勤務の要求づくりに協力してくれた',
];

export const COOLER_REASONS: readonly string[] = [
  '夜勤シフトの変更への不満を口にしている',
  '相談への対応が遅れたことへの不信感',
  '育児で時間が取れず、集会に出られなくなった',
  '異動で職場委員との接点が減った',
  '組合費の負担への不満',
  '昇格後、組合活動から距離を置いている',
  '一時金の妥結内容に納得していない',
  '繁忙期が続き、組合どころではないとの話',
];

export const LEAVING_REASONS: readonly string[] = [
  '脱退の意向を示している。理由は組合費の負担と活動への不満',
  '転職活動中との話。組合の連絡にも返信がない',
  'シフト変更問題への組合の対応に強い不満',
];

export const NOTES_BY_TOPIC: Partial<Record<Topic, readonly string[]>> = {
  night_allowance: [
    '夜勤明けに休憩室で話を聞いた。手当の額より、連続夜勤の週が続くことの方がつらいとのこと。',
    '夜勤手当の交渉経過を説明。会社の500円増額の提示には「話にならない」との反応。',
    'シフトの直前変更が今月2回あった。日付をメモしてもらい、次回の職場集会で取り上げる。',
  ],
  harassment: [
    '本人の希望で職場の外で面談。話を聞くことに徹した。会社への申し入れはまだ望んでいない。',
    '相談窓口がないことへの不満。組合の要求（社外窓口の設置）について説明した。',
  ],
  childcare: [
    '保育園の送迎時間とシフトの兼ね合いについて相談。制度の対象外になる時期が近い。',
    '育児短時間勤務の対象拡大の要求に賛同。子育て中の同僚にも声をかけてくれるとのこと。',
  ],
  base_up: [
    '賃上げ要求について意見を聞いた。物価の上がり方に給与が追いついていないとの実感。',
    '会社回答（月額6,000円）を伝えた。「せめて物価分は」との声。',
  ],
  holidays: ['有給を申請しにくい雰囲気があるとのこと。職場委員から課長に計画付与の徹底を伝えてもらう。'],
  overtime: [
    '月末の残業時間を確認。先月は特別条項の上限近くまで働いていた。健康面も心配。',
    'みなし労働時間と実際の退勤時刻の差について、PCログの記録方法を説明した。',
  ],
  heat: ['夏場の作業環境について聞き取り。スポットクーラー増設後も一部のラインは暑いまま。'],
  waiting_time: ['荷待ちの記録を見せてもらった。午前中だけで2時間待ちの日がある。'],
  reemployment: ['定年後の再雇用の条件を心配している。組合の要求内容を説明した。'],
  care_leave: ['親の介護について相談。介護休業と介護休暇の違いを説明し、資料を渡した。'],
  regular_conversion: ['正社員登用試験の時期と基準を質問された。人事に確認して回答する約束。'],
};

export const GENERIC_NOTES: readonly string[] = [
  '職場巡回で声をかけた。特に困っていることはないが、交渉結果はきちんと知らせてほしいとのこと。',
  '職場集会の案内を手渡し。交替勤務のため参加は難しいが、資料は読むとのこと。',
  '電話で近況を確認。繁忙期で疲れている様子。落ち着いたらまた話を聞く。',
  '要求アンケートへの回答をお願いした。職場の同僚の分もまとめて提出してくれた。',
  '昼休みに雑談。組合のニュースはあまり読んでいないとのこと。チャットでの配信を案内した。',
  '前回の相談の件、その後問題は起きていないとのこと。引き続き様子を見る。',
  '組合の学習会に初めて参加。感想は「思っていたより身近な話だった」。',
  '交渉の経過報告をメールで送付。返信で職場の人員不足についての意見が寄せられた。',
  '懇親会で話した。職場委員を手伝ってもよいとの前向きな発言があった。',
  '異動の内示について不安を聞いた。正式な発表後にもう一度話す。',
  '組合費の使い道について質問があった。決算報告の資料を渡して説明した。',
  '職場の人間関係について少し愚痴をこぼしていた。深刻な様子ではないが、次回も声をかける。',
];

export const ORGANIZING_NOTES: readonly string[] = [
  '組合加入の声かけ。組合費の額を気にしていた。加入のメリットをまとめた資料を渡した。',
  '加入について「考えておく」との返事。職場の組合員から話してもらう方がよさそう。',
  '休憩時間に少し話した。以前の職場で組合に良い印象がなかったとのこと。まずは関係づくりから。',
  '正社員登用の要求について説明したところ関心を示した。次回、加入申込書を持参する。',
];

export const NEXT_ACTIONS: readonly string[] = [
  '職場訪問で要求アンケートを回収する',
  '昼休みに面談して相談内容の進捗を確認する',
  '次回の職場集会への参加を声かけする',
  '交渉の経過を個別に説明する',
  '育児短時間勤務の制度資料を渡す',
  '異動後の職場での様子を電話で確認する',
  '相談案件の会社側の回答を伝える',
  '職場委員と一緒に話を聞く場を設ける',
];

export const ORGANIZING_NEXT_ACTIONS: readonly string[] = [
  '組合加入の声かけ（加入申込書を持参）',
  '職場の組合員と一緒に昼休みに話す',
  '組合説明会の案内を渡す',
];

export const INITIAL_REASON_RECORDING = 'システム導入時に既存の名簿から登録';
export const INITIAL_REASON_JOINED = '組合加入時の面談';
export const INITIAL_REASON_TARGET = 'オルグ対象として登録';
