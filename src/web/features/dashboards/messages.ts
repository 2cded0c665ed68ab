import type { RateBand } from '../../../core/dashboards/rates';
import type { StaffRole } from '../../../core/enums';
import { type Lang, useI18n } from '../../i18n/I18nProvider';

// Strings of the dashboards and the monthly report (ダッシュボード). SPEC §5's Japanese terms exactly.

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const EN_MONTHS_LONG = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const parts = (month: string) => month.split('-').map(Number) as [number, number];
// Workplace counts of a federation run to five digits: 10,000 reads better than 10000.
const jaNumber = (n: number) => n.toLocaleString('ja-JP');
const enNumber = (n: number) => n.toLocaleString('en-US');

export const ja = {
  /** 2026年11月 */
  month: (month: string) => {
    const [y, m] = parts(month);
    return `${y}年${m}月`;
  },
  /** A chart axis: 11月, with the year on the first month and on January. */
  monthShort: (month: string, first: boolean) => {
    const [y, m] = parts(month);
    return first || m === 1 ? `${y}年${m}月` : `${m}月`;
  },
  percent: (rate: number) => `${(Math.round(rate * 1000) / 10).toFixed(1)}%`,
  people: (n: number) => `${n}人`,
  count: (n: number) => `${n}件`,
  workplaces: (n: number) => `${n}職場`,
  diffPeople: (n: number) => (n === 0 ? '±0人' : `${n > 0 ? '+' : '−'}${Math.abs(n)}人`),
  diffPoints: (p: number) =>
    p === 0 ? '±0.0ポイント' : `${p > 0 ? '+' : '−'}${Math.abs(p).toFixed(1)}ポイント`,
  noValue: '—',
  paren: (s: string) => `（${s}）`,
  notSet: '未設定',
  noWorkplace: '所属職場なし',
  showTable: '表で見る',
  chartLoading: 'グラフを読み込み中…',
  chartFailed: 'グラフを表示できませんでした。数値は表でご覧ください。',
  showAll: (n: number) => `すべて表示（${n}件）`,
  showFewer: (n: number) => `先頭の${n}件だけ表示`,
  truncated: (shown: number, total: number) => `${total}件中 ${shown}件を表示しています。`,
  weekly: {
    title: '専従役員・書記長の週次ダッシュボード',
    /** The title for the role reading it: a rep sees only their workplaces (issue 14). */
    titles: {
      executive: '執行委員の週次ダッシュボード',
      rep: '担当職場の週次ダッシュボード',
    } as Partial<Record<StaffRole, string>>,
    print: '印刷',
    week: (from: string, to: string) => `${from}〜${to}の週`,
    asOf: '基準日',
    today: '今日',
    prevWeek: '前の週',
    nextWeek: '次の週',
    summary: '今週の概要',
    followUps: '今週フォロー推奨の組合員',
    followUpsIntro: '期日が今週の日曜日までの対応中の相談案件です。期限切れの案件が先頭に並びます。',
    attritionRisk: '脱退リスクアラート',
    attritionIntro: '関与度が「脱退リスクあり」の組合員です。長く続いている順に並びます。',
    nextActions: '今週期日の次のアクション',
    nextActionsIntro:
      '組合員ごとの「次のアクション」のうち、期日が今週の日曜日までのものです（脱退した組合員を除き、組織化対象者を含みます）。期限切れが先頭に並びます。',
    nextActionsInList: {
      overdue: '期限切れを組合員一覧で開く',
      thisWeek: '今週期日のものを組合員一覧で開く',
    },
    noNextActionText: '（内容未記入）',
    earlyWarnings: '早期警戒',
    earlyIntro: (date: string) =>
      `直近90日間で関与度が2段階以上下がった組合員です（${date}の終わりの関与度と比べています）。`,
    workplaceMap: '職場別の関与度・雰囲気マップ',
    mapIntro:
      '職場ごとの関与度別の組合員数です。分裂リスクあり・関心薄いの職場が先頭に並びます。数字を選ぶと、該当する組合員の一覧を開きます。',
    mapCaption: '職場別・関与度別の組合員数',
    cols: {
      member: '組合員',
      case: '案件',
      dueOn: '期日',
      owner: '担当者',
      workplace: '所属職場',
      atRiskFor: 'リスクの期間',
      nextAction: '次のアクション',
      since: '開始日',
      change: '関与度の変化',
      steps: '低下',
      when: '変化した日時',
      atmosphere: '職場の雰囲気',
      total: '組合員数',
    },
    overdue: '期限切れ',
    sensitive: '要配慮',
    sensitiveHint: '取り扱いに配慮が必要な案件（ハラスメント等）',
    to: '→',
    toSr: 'から',
    steps: (n: number) => `${n}段階`,
    months: (n: number) => `${n}か月`,
    days: (n: number) => `${n}日`,
    unknownSince: '不明',
    sinceFrom: (date: string) => `${date}から`,
    stat: {
      followUps: 'フォロー推奨',
      overdue: (n: number) => `うち期限切れ ${n}件`,
      attritionRisk: '脱退リスク',
      earlyWarnings: '早期警戒',
      nextActions: '次のアクション',
    },
    emptyFollowUps: '今週までに期日を迎える対応中の案件はありません',
    emptyNextActions: '今週までに期日を迎える次のアクションはありません',
    emptyAttrition: '脱退リスクのある組合員はいません',
    emptyEarly: '関与度が大きく下がった組合員はいません',
    emptyMap: '職場が登録されていません',
    cellLabel: (workplace: string, engagement: string, n: number) =>
      `${workplace}の「${engagement}」${n}人の一覧を開く`,
    totalLabel: (workplace: string, n: number) => `${workplace}の組合員${n}人の一覧を開く`,
  },
  monthly: {
    title: '執行委員会向け月次ダッシュボード',
    monthPicker: '対象月',
    prevMonth: '前月',
    nextMonth: '翌月',
    thisMonth: '今月',
    asOf: (date: string) => `${date}時点`,
    futureMonth: 'まだ来ていない月です。今月以前の月を選んでください。',
    printable: '印刷用レポート',
    demands: '要求別の関連組合員数',
    demandsIntro: '要求を支持する組合員の数です（多い順）。バーを選ぶと要求のページを開きます。',
    season: '交渉シーズン',
    seasonCurrent: (name: string) => `${name}（その月の現在）`,
    seasonNone: '現在のシーズン（未設定）',
    seasonAll: 'すべてのシーズン',
    seasonShown: (name: string | null) => (name ? `交渉シーズン：${name}` : '交渉シーズン：すべて'),
    demandsChart: (n: number, title: string, count: number) =>
      n === 0
        ? '要求はまだありません'
        : `横棒グラフ：要求${n}件の関連組合員数。最も多いのは「${title}」の${count}人。`,
    demandAxis: (priority: string, title: string) => `【${priority}】${title}`,
    demandValue: (count: string, status: string) => `${count}・${status}`,
    demandTooltip: (priority: string, status: string) => `優先度：${priority}　交渉ステータス：${status}`,
    demandTitle: '要求事項の名称',
    priority: '要求の優先度',
    status: '交渉ステータス',
    relatedMemberCount: '関連組合員数',
    emptyDemands: '要求はまだ登録されていません',
    rates: '組合組織率の職場別分布',
    ratesIntro: '職場ごとの組織率（組合員数 / 従業員数）です。バーを選ぶと職場のページを開きます。',
    ratesChart: (n: number, overall: string) => `横棒グラフ：${n}職場の組織率。組合全体は${overall}。`,
    /** A large union's chart: only the workplaces where organizing is most needed. */
    lowestRates: (n: number, total: number) => `組織率の低い${n}職場（全${jaNumber(total)}職場中）`,
    lowestRatesChart: (n: number, total: number, overall: string) =>
      `横棒グラフ：組織率の低い${n}職場（全${jaNumber(total)}職場中）の組織率（低い順）。組合全体は${overall}。`,
    /** Under the printed table of a large union. */
    ratesOmitted: (shown: number, omitted: number) =>
      `組織率の低い${shown}職場のみ掲載しています（ほか${jaNumber(omitted)}職場は省略）。`,
    overall: '組合全体の組織率',
    overallBasis: (w: number, m: number, e: number) => `${w}職場の組合員 ${m}人 / 従業員 ${e}人`,
    overallMembers: '対象の組合員を見る',
    overallShort: (pct: string) => `全体 ${pct}`,
    rateTooltip: (m: number, e: number) => `組合員 ${m}人 / 従業員 ${e}人`,
    workplace: '職場名',
    memberCount: '組合員数',
    employeeCount: '従業員数',
    organizationRate: '組織率',
    noHeadcount: '従業員数が未登録',
    distribution: '組織率の分布',
    band: '組織率',
    workplaceCount: '職場数',
    bandWorkplaces: '職場',
    moreWorkplaces: (n: number) => `ほか${jaNumber(n)}職場`,
    bands: {
      '0-20': '20%未満',
      '20-40': '20%以上40%未満',
      '40-60': '40%以上60%未満',
      '60-80': '60%以上80%未満',
      '80-100': '80%以上',
      unknown: '従業員数が未登録',
    } satisfies Record<RateBand, string>,
    emptyRates: '職場が登録されていません',
    attritionTrend: '脱退リスクのある組合員の推移',
    attritionIntro:
      '各月末時点の人数です（今月は基準日時点）。点を選ぶと、その月の組合員の一覧を表示します。',
    attritionChart: (from: string, to: string, first: number, last: number, max: number) =>
      `折れ線グラフ：${from}から${to}までの脱退リスクのある組合員数。${first}人から${last}人、最多は${max}人。`,
    monthCol: '月',
    atRiskCount: '脱退リスクのある組合員数',
    rateTrend: '組織率の推移',
    rateTrendIntro: '各月末時点の組合全体の組織率です。点を選ぶと、その月末の組合員の一覧を表示します。',
    rateTrendChart: (from: string, to: string, last: string) =>
      `折れ線グラフ：${from}から${to}までの組合全体の組織率。最新は${last}。`,
    ratedMembers: '組織率の組合員数',
    totalMembers: '全組合員数',
    source: '記録',
    sources: { snapshot: '月末の記録', live: '基準日時点', none: '記録なし' },
    drill: {
      at_risk_month: (month: string) => `${month}末に脱退リスクのあった組合員`,
      month_end: (month: string) => `${month}末の組合員`,
      rated: '組合全体の組織率の対象となる組合員',
      intro: '関与度は現在の値です。',
      close: '一覧を閉じる',
      empty: '該当する組合員はいません',
      name: '氏名',
      engagement: '関与度(感情温度)',
      showList: (month: string, n: number) => `${month}の${n}人の一覧を表示`,
    },
  },
  report: {
    title: '執行委員会 月次レポート',
    documentTitle: (org: string, month: string) => `${org} 月次レポート ${month}`,
    asOf: (date: string) => `${date}時点のデータ`,
    print: '印刷',
    toolbar: 'レポートの操作',
    back: '月次ダッシュボードに戻る',
    changes: '今月の変化',
    item: '項目',
    previous: '前月',
    current: '今月',
    diff: '増減',
    atRiskCount: '脱退リスクのある組合員',
    organizationRate: '組合全体の組織率',
    noPrevious: '前月の記録なし',
    newAtRisk: '今月新たに脱退リスクとなった組合員',
    noLongerAtRisk: '前月から脱退リスクでなくなった組合員',
    noneNew: '今月新たに脱退リスクとなった組合員はいません',
    noneRecovered: '該当する組合員はいません',
    listTruncated: '人数が多いため一部のみ比較しています。',
    demandsNow: '要求と関連組合員数',
  },
};

export type DashboardMessages = typeof ja;

type Widen<T> = T extends (...args: infer A) => infer R
  ? (...args: A) => R
  : T extends string
    ? string
    : { [K in keyof T]: Widen<T[K]> };

export const en: Widen<DashboardMessages> = {
  month: (month: string) => {
    const [y, m] = parts(month);
    return `${EN_MONTHS_LONG[m - 1]} ${y}`;
  },
  monthShort: (month: string, first: boolean) => {
    const [y, m] = parts(month);
    return first || m === 1 ? `${EN_MONTHS[m - 1]} ${y}` : `${EN_MONTHS[m - 1]}`;
  },
  percent: (rate: number) => `${(Math.round(rate * 1000) / 10).toFixed(1)}%`,
  people: (n: number) => `${n} ${n === 1 ? 'member' : 'members'}`,
  count: (n: number) => `${n}`,
  workplaces: (n: number) => `${n} ${n === 1 ? 'workplace' : 'workplaces'}`,
  diffPeople: (n: number) => (n === 0 ? '±0' : `${n > 0 ? '+' : '−'}${Math.abs(n)}`),
  diffPoints: (p: number) => (p === 0 ? '±0.0 pt' : `${p > 0 ? '+' : '−'}${Math.abs(p).toFixed(1)} pt`),
  noValue: '—',
  paren: (s: string) => ` (${s})`,
  notSet: 'Not set',
  noWorkplace: 'No workplace',
  showTable: 'Show as table',
  chartLoading: 'Loading the chart…',
  chartFailed: 'The chart could not be shown. The numbers are in the table.',
  showAll: (n: number) => `Show all (${n})`,
  showFewer: (n: number) => `Show the first ${n} only`,
  truncated: (shown: number, total: number) => `Showing ${shown} of ${total}.`,
  weekly: {
    title: 'Weekly dashboard for officers and the secretary general',
    titles: {
      executive: 'Weekly dashboard for executive committee members',
      rep: 'Weekly dashboard of your workplaces',
    } as Partial<Record<StaffRole, string>>,
    print: 'Print',
    week: (from: string, to: string) => `Week of ${from} – ${to}`,
    asOf: 'As of',
    today: 'Today',
    prevWeek: 'Previous week',
    nextWeek: 'Next week',
    summary: 'This week at a glance',
    followUps: 'Members to follow up this week',
    followUpsIntro: 'Open consultation cases due by this Sunday. Overdue cases come first.',
    nextActions: 'Next actions due this week',
    nextActionsIntro:
      'Members’ next actions due by this Sunday (members who left are not included; organizing targets are). Overdue ones come first.',
    nextActionsInList: {
      overdue: 'Open the overdue ones in the member list',
      thisWeek: 'Open the ones due this week in the member list',
    },
    noNextActionText: '(no description)',
    attritionRisk: 'Attrition risk alerts',
    attritionIntro: 'Members whose engagement is “At risk of leaving”, longest at risk first.',
    earlyWarnings: 'Early warnings',
    earlyIntro: (date: string) =>
      `Members whose engagement fell two or more steps in the last 90 days (compared with the end of ${date}).`,
    workplaceMap: 'Engagement and atmosphere by workplace',
    mapIntro:
      'Members per engagement level in each workplace; workplaces at risk of split or indifferent come first. Choose a number to open those members.',
    mapCaption: 'Members by workplace and engagement',
    cols: {
      member: 'Member',
      case: 'Case',
      dueOn: 'Due',
      owner: 'Officer in charge',
      workplace: 'Workplace',
      atRiskFor: 'At risk for',
      nextAction: 'Next action',
      since: 'Since',
      change: 'Engagement change',
      steps: 'Fall',
      when: 'Changed at',
      atmosphere: 'Atmosphere',
      total: 'Members',
    },
    overdue: 'Overdue',
    sensitive: 'Sensitive',
    sensitiveHint: 'A case to handle with care (e.g. harassment)',
    to: '→',
    toSr: 'to',
    steps: (n: number) => `${n} ${n === 1 ? 'step' : 'steps'}`,
    months: (n: number) => `${n} ${n === 1 ? 'month' : 'months'}`,
    days: (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`,
    unknownSince: 'Unknown',
    sinceFrom: (date: string) => `since ${date}`,
    stat: {
      followUps: 'To follow up',
      overdue: (n: number) => `${n} overdue`,
      attritionRisk: 'At risk of leaving',
      earlyWarnings: 'Early warnings',
      nextActions: 'Next actions',
    },
    emptyFollowUps: 'No open case is due by this Sunday',
    emptyNextActions: 'No next action is due by this Sunday',
    emptyAttrition: 'No member is at risk of leaving',
    emptyEarly: 'No member’s engagement fell sharply',
    emptyMap: 'No workplaces yet',
    cellLabel: (workplace: string, engagement: string, n: number) =>
      `Open the ${n} “${engagement}” ${n === 1 ? 'member' : 'members'} of ${workplace}`,
    totalLabel: (workplace: string, n: number) =>
      `Open the ${n} ${n === 1 ? 'member' : 'members'} of ${workplace}`,
  },
  monthly: {
    title: 'Monthly dashboard for the executive committee',
    monthPicker: 'Month',
    prevMonth: 'Previous month',
    nextMonth: 'Next month',
    thisMonth: 'This month',
    asOf: (date: string) => `As of ${date}`,
    futureMonth: 'This month has not come yet. Choose this month or an earlier one.',
    printable: 'Printable report',
    demands: 'Members behind each demand',
    demandsIntro: 'How many members hold each demand, most first. Choose a bar to open the demand.',
    season: 'Bargaining season',
    seasonCurrent: (name: string) => `${name} (current that month)`,
    seasonNone: 'Current season (none set)',
    seasonAll: 'All seasons',
    seasonShown: (name: string | null) => (name ? `Bargaining season: ${name}` : 'Bargaining season: all'),
    demandsChart: (n: number, title: string, count: number) =>
      n === 0
        ? 'No demands yet'
        : `Bar chart: members behind ${n} ${n === 1 ? 'demand' : 'demands'}. The most: “${title}” with ${count}.`,
    demandAxis: (priority: string, title: string) => `[${priority}] ${title}`,
    demandValue: (count: string, status: string) => `${count} · ${status}`,
    demandTooltip: (priority: string, status: string) => `Priority: ${priority}, status: ${status}`,
    demandTitle: 'Demand',
    priority: 'Priority',
    status: 'Negotiation status',
    relatedMemberCount: 'Related members',
    emptyDemands: 'No demands yet',
    rates: 'Organization rate by workplace',
    ratesIntro:
      'Each workplace’s organization rate (members / employees). Choose a bar to open the workplace.',
    ratesChart: (n: number, overall: string) =>
      `Bar chart: organization rate of ${n} ${n === 1 ? 'workplace' : 'workplaces'}. The whole union: ${overall}.`,
    lowestRates: (n: number, total: number) =>
      `The ${n} workplaces with the lowest rate (of ${enNumber(total)})`,
    lowestRatesChart: (n: number, total: number, overall: string) =>
      `Bar chart: the ${n} workplaces with the lowest organization rate (of ${enNumber(total)}), lowest first. The whole union: ${overall}.`,
    ratesOmitted: (shown: number, omitted: number) =>
      `Only the ${shown} workplaces with the lowest rate are printed; ${enNumber(omitted)} more are left out.`,
    overall: 'Organization rate of the whole union',
    overallBasis: (w: number, m: number, e: number) =>
      `${m} members / ${e} employees in ${w} ${w === 1 ? 'workplace' : 'workplaces'}`,
    overallMembers: 'See these members',
    overallShort: (pct: string) => `Union ${pct}`,
    rateTooltip: (m: number, e: number) => `${m} members / ${e} employees`,
    workplace: 'Workplace',
    memberCount: 'Members',
    employeeCount: 'Employees',
    organizationRate: 'Organization rate',
    noHeadcount: 'No head count recorded',
    distribution: 'Distribution of organization rates',
    band: 'Organization rate',
    workplaceCount: 'Workplaces',
    bandWorkplaces: 'Which',
    moreWorkplaces: (n: number) => `and ${enNumber(n)} more`,
    bands: {
      '0-20': 'Below 20%',
      '20-40': '20% to under 40%',
      '40-60': '40% to under 60%',
      '60-80': '60% to under 80%',
      '80-100': '80% and above',
      unknown: 'No head count recorded',
    },
    emptyRates: 'No workplaces yet',
    attritionTrend: 'Members at risk of leaving, month by month',
    attritionIntro:
      'At each month’s end (this month: as of the day shown). Choose a point to list that month’s members.',
    attritionChart: (from: string, to: string, first: number, last: number, max: number) =>
      `Line chart: members at risk of leaving from ${from} to ${to}: ${first} to ${last}, at most ${max}.`,
    monthCol: 'Month',
    atRiskCount: 'Members at risk of leaving',
    rateTrend: 'Organization rate, month by month',
    rateTrendIntro:
      'The whole union’s rate at each month’s end. Choose a point to list that month’s members.',
    rateTrendChart: (from: string, to: string, last: string) =>
      `Line chart: the union’s organization rate from ${from} to ${to}. Latest: ${last}.`,
    ratedMembers: 'Members counted in the rate',
    totalMembers: 'All members',
    source: 'Record',
    sources: { snapshot: 'Month-end record', live: 'As of the day shown', none: 'No record' },
    drill: {
      at_risk_month: (month: string) => `Members at risk of leaving at the end of ${month}`,
      month_end: (month: string) => `Members at the end of ${month}`,
      rated: 'Members counted in the union’s organization rate',
      intro: 'Engagement as it is now.',
      close: 'Close the list',
      empty: 'No members',
      name: 'Name',
      engagement: 'Engagement',
      showList: (month: string, n: number) => `List the ${n} ${n === 1 ? 'member' : 'members'} of ${month}`,
    },
  },
  report: {
    title: 'Monthly report to the executive committee',
    documentTitle: (org: string, month: string) => `${org} monthly report ${month}`,
    asOf: (date: string) => `Data as of ${date}`,
    print: 'Print',
    toolbar: 'Report actions',
    back: 'Back to the monthly dashboard',
    changes: 'This month’s changes',
    item: 'Figure',
    previous: 'Previous month',
    current: 'This month',
    diff: 'Change',
    atRiskCount: 'Members at risk of leaving',
    organizationRate: 'Organization rate of the whole union',
    noPrevious: 'No record for the previous month',
    newAtRisk: 'Newly at risk of leaving this month',
    noLongerAtRisk: 'No longer at risk since last month',
    noneNew: 'No member became at risk of leaving this month',
    noneRecovered: 'None',
    listTruncated: 'The lists are long: only part of them was compared.',
    demandsNow: 'Demands and their members',
  },
};

export function dashboardText(lang: Lang): DashboardMessages {
  return (lang === 'ja' ? ja : en) as DashboardMessages;
}

export function useDashboardText(): DashboardMessages {
  return dashboardText(useI18n().lang);
}
