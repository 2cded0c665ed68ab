import { useI18n } from '../../i18n/I18nProvider';

// 関与度の見直し (issue 19): the member page's suggestion panel.

const ja = {
  title: '関与度の見直し',
  up: (attended: number, of: number) =>
    attended === of ? `直近${of}回すべて参加` : `直近${of}回中${attended}回参加`,
  down: (of: number) => `直近${of}回すべて欠席`,
  explainUp: '職場集会への出席が、記録されている関与度より積極的です。',
  explainDown: '職場集会を続けて欠席しています。記録されている関与度より消極的かもしれません。',
  confirmHint: '提案にすぎません。内容を確認してから保存してください（自動では変わりません）。',
  open: '関与度の変更を確認',
  saved: '関与度を変更しました',
};

type ReviewMessages = typeof ja;

const en: ReviewMessages = {
  title: 'Engagement review',
  up: (attended: number, of: number) =>
    attended === of
      ? `Attended all of the last ${of} meetings`
      : `Attended ${attended} of the last ${of} meetings`,
  down: (of: number) => `Missed all of the last ${of} meetings`,
  explainUp: 'Their meeting attendance is warmer than the recorded engagement.',
  explainDown: 'They have missed the meetings in a row: the recorded engagement may be too warm.',
  confirmHint: 'Only a suggestion: check it before saving (nothing changes by itself).',
  open: 'Review the engagement change',
  saved: 'Engagement changed',
};

export function useEngagementReviewMessages(): ReviewMessages {
  const { lang } = useI18n();
  return lang === 'ja' ? ja : en;
}
