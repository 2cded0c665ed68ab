import { useI18n } from '../../i18n/I18nProvider';

/**
 * Strings of the suggestions (issue 16): members whose words match a demand, and why
 * (the reasons are shared with the member page's 「関係しそうな要求」).
 */
export const ja = {
  // Why a suggestion is made
  score: (percent: number) => `一致度 ${percent}%`,
  source: {
    concerns: '主な職場の悩み・要求',
    note: '相談・連絡の記録',
    survey: 'アンケートの自由記述',
  },
  sourceLabel: '出典',
  terms: '一致した言葉',
  colon: '：',
  join: (words: string[]) => words.join('、'),
  rules: (rules: string[]) => `同義語: ${rules.join('、')}`,
  pending: '最近の変更を反映中です。提案は少し後で増えることがあります。',
  // The demand page's section
  title: '関係しそうな組合員（提案）',
  intro:
    '主な職場の悩み・要求、相談・連絡の記録、アンケートの自由記述の言葉がこの要求に近い組合員です。本人の言葉を確かめてから紐付けてください。',
  empty: '提案はありません',
  shown: (shown: number, total: number, capped = false) =>
    `${total}人${capped ? '以上' : ''}中 一致度の高い${shown}人を表示しています`,
  count: (n: number, capped = false) => (capped ? `${n}人以上` : `${n}人`),
  select: (name: string) => `${name}を選択`,
  selectAll: '表示中の全員を選択',
  selected: (n: number) => `${n}人を選択中`,
  accept: '紐付ける',
  reject: '提案しない',
  confirmAccept: (n: number, title: string) => `${n}人を『${title}』に紐付けますか？`,
  confirmReject: (n: number, title: string) =>
    `${n}人を『${title}』に今後提案しないようにしますか？紐付けはしません。`,
  doAccept: 'はい、紐付ける',
  doReject: 'はい、提案しない',
  cancel: 'キャンセル',
  accepted: (n: number, count: number) => `${n}人を紐付けました（関連組合員数 ${count}人）`,
  rejected: (n: number) => `${n}人を今後この要求に提案しません`,
  noWorkplace: '職場未設定',
  list: '提案された組合員',
};

export type SuggestionMessages = typeof ja;

export const en: SuggestionMessages = {
  score: (percent: number) => `Match ${percent}%`,
  source: {
    concerns: 'Main workplace concerns',
    note: 'Consultation and contact log',
    survey: 'Survey free-text answer',
  },
  sourceLabel: 'Source',
  terms: 'Matching words',
  colon: ': ',
  join: (words: string[]) => words.join(', '),
  rules: (rules: string[]) => `Synonyms: ${rules.join('; ')}`,
  pending: 'Recent changes are still being matched; more suggestions may appear shortly.',
  title: 'Members who may hold this demand (suggestions)',
  intro:
    'Members whose concerns, logged conversations or survey answers use words close to this demand. Read their words before linking them.',
  empty: 'No suggestions',
  shown: (shown: number, total: number, capped = false) =>
    `Showing the best ${shown} of ${capped ? 'more than ' : ''}${total}`,
  count: (n: number, capped = false) => (capped ? `${n}+` : `${n}`),
  select: (name: string) => `Select ${name}`,
  selectAll: 'Select everyone shown',
  selected: (n: number) => `${n} selected`,
  accept: 'Link',
  reject: 'Do not suggest',
  confirmAccept: (n: number, title: string) => `Link ${n} ${n === 1 ? 'member' : 'members'} to “${title}”?`,
  confirmReject: (n: number, title: string) =>
    `Stop suggesting ${n} ${n === 1 ? 'member' : 'members'} for “${title}”? They will not be linked.`,
  doAccept: 'Yes, link',
  doReject: 'Yes, do not suggest',
  cancel: 'Cancel',
  accepted: (n: number, count: number) =>
    `Linked ${n} ${n === 1 ? 'member' : 'members'} (members holding it: ${count})`,
  rejected: (n: number) =>
    `${n} ${n === 1 ? 'member' : 'members'} will not be suggested for this demand again`,
  noWorkplace: 'No workplace',
  list: 'Suggested members',
};

export function useSuggestionText(): SuggestionMessages {
  const { lang } = useI18n();
  return lang === 'ja' ? ja : en;
}
