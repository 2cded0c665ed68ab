import type { Lang } from './I18nProvider';

// The API's field messages are English; Japanese users see them translated.
const patterns: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^is required$/, () => '入力してください'],
  [/^is required when status is left$/, () => '脱退の場合は脱退日を入力してください'],
  [/^must be empty while status is active$/, () => '在籍中は脱退日を空にしてください'],
  [/^must not be before (\w+)$/, () => '日付の前後関係が正しくありません'],
  [/^must be at most (\d+) characters$/, (m) => `${m[1]}文字以内で入力してください`],
  [/^must be at least (\d+) characters$/, (m) => `${m[1]}文字以上で入力してください`],
  [/^must be a real calendar date/, () => '存在する日付を入力してください'],
  [/^must be a date/, () => '日付を入力してください'],
  [/^must be one of/, () => '選択肢から選んでください'],
  [/^is already in use$/, () => 'すでに使われています'],
  [/^does not exist$/, () => '存在しない項目が指定されています'],
  [
    /^is a workplace rep whose workplaces do not include this (member|workplace)$/,
    (m) => `この職場委員の担当職場に含まれない${m[1] === 'member' ? '組合員' : '職場'}です`,
  ],
  [/^must be an email address$/, () => 'メールアドレスの形式で入力してください'],
  [/^stale$/, () => '他の人が先に更新しました'],
  [/^is not a known field$/, () => '不明な項目です'],
  [/^must be a whole number$/, () => '整数で入力してください'],
  [/^must be 0 or more$/, () => '0以上の数を入力してください'],
  [/^is too large$/, () => '数が大きすぎます'],
  [/^must not exceed invitedCount \((\d+)\)$/, (m) => `参加者数は招集人数（${m[1]}人）以下にしてください`],
  [/^must be a valid id$/, () => '選択肢から選んでください'],
  [
    /^lists (an id|\d+ ids) that (is|are) not (a member|members) of this workplace$/,
    () => 'この職場の組合員でない人が含まれています',
  ],
  [
    /^must not list more members than invitedCount \((\d+)\)$/,
    (m) => `出席者は招集人数（${m[1]}人）以下にしてください`,
  ],
  [
    /^must be the number of attendees recorded \((\d+)\)$/,
    (m) => `参加者数は出席者の人数（${m[1]}人）にしてください`,
  ],
  [/^is required without attendeeIds$/, () => '参加者数を入力するか、出席者にチェックしてください'],
  [/^is not correct$/, () => '正しくありません'],
  [
    /^must not contain NUL characters or unpaired surrogates$/,
    () => '使用できない文字（NUL文字や壊れた文字）が含まれています',
  ],
];

export function translateFieldError(message: string, lang: Lang): string {
  if (lang === 'en') return message;
  for (const [re, make] of patterns) {
    const m = message.match(re);
    if (m) return make(m);
  }
  return message;
}
