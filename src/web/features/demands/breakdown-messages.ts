import type { LinkEventSource } from '../../../core/demands/breakdown';
import { useI18n } from '../../i18n/I18nProvider';

/** Strings of a demand's breakdown (関連組合員数の内訳) and its link history. */
export const ja = {
  title: '関連組合員数の内訳',
  intro: (n: number) => `関連組合員数 ${n}人の内訳。人数を選ぶと、数えた組合員の一覧を開きます。`,
  empty: '数える組合員（在籍中・オルグ対象を除く）がまだ紐付いていません',
  people: (n: number) => `${n}人`,
  share: (percent: string) => `${percent}%`,
  unset: '未設定',
  dims: {
    workplace: '職場',
    jobType: '職種',
    grade: '等級',
    engagement: '関与度',
    unionRole: '組合役職',
  },
  cols: {
    value: '区分',
    count: '人数',
    memberCount: '職場の組合員数',
    share: '職場に占める割合',
  },
  countLink: (label: string, n: number) => `${label}の${n}人を一覧で見る`,
  drillTitle: (dim: string, label: string) => `${dim}「${label}」の関連組合員`,
  drillAll: '関連組合員の全員',
  drillClose: '一覧を閉じる',
  drillEmpty: '該当する組合員はいません',
  drillTruncated: (shown: number, total: number) => `${total}人中 ${shown}人を表示しています`,
  historyTitle: '紐付けの推移',
  historyIntro: (from: string, to: string) =>
    `${from}から${to}まで、日ごとの紐付け数（退会した人やオルグ対象も、紐付いている限り数えます）と、その日の紐付け・解除の経路。`,
  historyEmpty: 'まだ紐付けの記録がありません',
  historyChart: (from: string, to: string, first: number, last: number) =>
    `紐付け数の推移の折れ線グラフ。${from}の${first}件から${to}の${last}件へ。数値は下の表にあります。`,
  historyCount: '紐付け数',
  historyDay: '日付',
  historyLinks: '紐付け',
  historyUnlinks: '解除',
  historyTable: '紐付けや解除があった日',
  historyNoEvents: 'この期間に紐付けや解除はありませんでした',
  sourceCount: (source: string, n: number) => `${source} ${n}`,
  sources: {
    officer: '個別',
    bulk: '一括',
    import: '取り込み',
    survey: 'アンケート',
    matched: '提案の承認',
    merge: '統合',
    removal: '削除・消去',
  } satisfies Record<LinkEventSource, string>,
  compactTitle: '内訳',
  compactMore: (n: number) => `ほか${n}`,
  compactOpen: (title: string) => `「${title}」の内訳を要求のページで見る`,
};

export type BreakdownMessages = typeof ja;

export const en: BreakdownMessages = {
  title: 'What the count is made of',
  intro: (n: number) =>
    `The ${n} ${n === 1 ? 'member' : 'members'} counted, broken down. Choose a number to list the members it counts.`,
  empty: 'No counted member (active, not an organizing target) is linked yet',
  people: (n: number) => `${n} ${n === 1 ? 'member' : 'members'}`,
  share: (percent: string) => `${percent}%`,
  unset: 'Not set',
  dims: {
    workplace: 'Workplace',
    jobType: 'Job type',
    grade: 'Grade',
    engagement: 'Engagement',
    unionRole: 'Union role',
  },
  cols: {
    value: 'Group',
    count: 'Members',
    memberCount: "Workplace's members",
    share: 'Share of the workplace',
  },
  countLink: (label: string, n: number) => `List the ${n} ${n === 1 ? 'member' : 'members'}: ${label}`,
  drillTitle: (dim: string, label: string) => `Members linked — ${dim}: ${label}`,
  drillAll: 'Every counted member',
  drillClose: 'Close the list',
  drillEmpty: 'No member matches',
  drillTruncated: (shown: number, total: number) => `Showing ${shown} of ${total}`,
  historyTitle: 'Links over the season',
  historyIntro: (from: string, to: string) =>
    `From ${from} to ${to}: the links held each day (members who left or are organizing targets count while linked) and where that day's links and unlinks came from.`,
  historyEmpty: 'No link recorded yet',
  historyChart: (from: string, to: string, first: number, last: number) =>
    `Line chart of the links held: ${first} on ${from}, ${last} on ${to}. The numbers are in the table below.`,
  historyCount: 'Links held',
  historyDay: 'Day',
  historyLinks: 'Linked',
  historyUnlinks: 'Unlinked',
  historyTable: 'Days with links or unlinks',
  historyNoEvents: 'No link or unlink in this period',
  sourceCount: (source: string, n: number) => `${source} ${n}`,
  sources: {
    officer: 'One by one',
    bulk: 'In bulk',
    import: 'Import',
    survey: 'Survey',
    matched: 'Accepted suggestion',
    merge: 'Merge',
    removal: 'Deleted or erased',
  },
  compactTitle: 'Breakdown',
  compactMore: (n: number) => `${n} more`,
  compactOpen: (title: string) => `See the breakdown of “${title}” on the demand's page`,
};

export function useBreakdownText(): BreakdownMessages {
  const { lang } = useI18n();
  return lang === 'ja' ? ja : en;
}
