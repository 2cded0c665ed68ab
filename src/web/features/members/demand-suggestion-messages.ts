import { useI18n } from '../../i18n/I18nProvider';

/** Strings of 「関係しそうな要求」 on the member page (issue 16); the reasons' own are the demands feature's. */
export const ja = {
  title: '関係しそうな要求',
  intro: 'この組合員の言葉が近い、今シーズンの要求です。本人の言葉を確かめてから紐付けてください。',
  empty: '提案はありません',
  list: '提案された要求',
  accept: '紐付ける',
  reject: '提案しない',
  acceptLabel: (title: string) => `『${title}』に紐付ける`,
  rejectLabel: (title: string) => `『${title}』を今後提案しない`,
  accepted: (title: string) => `『${title}』に紐付けました`,
  rejected: (title: string) => `『${title}』を今後提案しません`,
};
export type MemberSuggestionMessages = typeof ja;

export const en: MemberSuggestionMessages = {
  title: 'Demands this member’s words match',
  intro: 'Demands of the current season close to what this member said. Read their words before linking.',
  empty: 'No suggestions',
  list: 'Suggested demands',
  accept: 'Link',
  reject: 'Do not suggest',
  acceptLabel: (title: string) => `Link to “${title}”`,
  rejectLabel: (title: string) => `Do not suggest “${title}” again`,
  accepted: (title: string) => `Linked to “${title}”`,
  rejected: (title: string) => `“${title}” will not be suggested again`,
};

export function useMemberSuggestionText(): MemberSuggestionMessages {
  const { lang } = useI18n();
  return lang === 'ja' ? ja : en;
}
