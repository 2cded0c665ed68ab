// The public answer page's own small catalog (it does not load the staff app's).
// Japanese first; English through the language switch.

export type SurveyLang = 'ja' | 'en';

export const ja = {
  lang: 'English',
  langLabel: '表示言語',
  loading: '読み込み中…',
  title: '要求アンケート',
  closesOn: (date: string) => `締切日：${date}`,
  anonymous: '匿名のアンケート',
  anonymousBody:
    'あなたの回答は、あなたの名前と結びつけずに保存されます。組合にわかるのは、回答したかどうかだけです。',
  identified: '記名のアンケート',
  identifiedBody:
    'あなたの回答は、あなたの組合員記録とともに保存されます。選んだ要求は、その要求に関わる組合員として数えられます。',
  demandsLegend: '重視する要求をすべて選んでください',
  demandsHint: 'いくつでも選べます。',
  rankLegend: (n: number) => `重視する要求を上位${n}つまで順位をつけて選んでください`,
  rankHint: '1位から順に選んでください。選ばない順位は空欄のままで構いません。',
  rankLabel: (n: number) => `${n}位`,
  rankNone: '選ばない',
  optional: '任意',
  required: '必須',
  scaleLow: 'まったくそう思わない',
  scaleHigh: 'とてもそう思う',
  freeTextHint: (max: number) => `${max}文字まで`,
  submit: '回答を送信する',
  update: '回答を変更する',
  sending: '送信中…',
  saved: '回答を保存しました。',
  savedUntil: (date: string) => `締切日（${date}）までは、このページで何度でも回答を変更できます。`,
  yourAnswer: 'あなたの回答',
  chosen: '選んだ要求',
  noneChosen: '（選んでいません）',
  closed: 'このアンケートは締め切られました。',
  closedBody: '回答の受付は終了しています。回答を変更することはできません。',
  notFoundTitle: 'このリンクは使えません',
  notFoundBody:
    'リンクが正しくないか、無効になっています。紙の案内に書かれたリンクをもう一度確かめるか、組合の担当者にお問い合わせください。',
  errorTitle: '読み込めませんでした',
  errorBody: '通信に失敗しました。電波の良いところで、もう一度お試しください。',
  retry: 'もう一度読み込む',
  tooMany: '送信が続いたため、受け付けられませんでした。少し時間をおいてから、もう一度送信してください。',
  sendFailed: '送信できませんでした。通信状態を確かめて、もう一度送信してください。',
  fixErrors: '入力内容を確認してください。',
  errors: {
    required: '回答してください',
    duplicateRank: '同じ要求を複数の順位に選ぶことはできません',
    tooMany: (n: number) => `${n}つまで選んでください`,
    tooLong: (n: number) => `${n}文字以内で入力してください`,
    invalid: '選択肢から選んでください',
    scale: '1から5で選んでください',
  },
};

export type SurveyMessages = typeof ja;

export const en: SurveyMessages = {
  lang: '日本語',
  langLabel: 'Language',
  loading: 'Loading…',
  title: 'Demand survey',
  closesOn: (date: string) => `Closes on ${date}`,
  anonymous: 'Anonymous survey',
  anonymousBody: 'Your answer is stored without your name. The union only knows whether you have answered.',
  identified: 'Named survey',
  identifiedBody:
    'Your answer is kept with your member record. The demands you choose count you among the members who hold them.',
  demandsLegend: 'Choose every demand that matters to you',
  demandsHint: 'Choose as many as you like.',
  rankLegend: (n: number) => `Rank up to ${n} demands that matter most to you`,
  rankHint: 'Start with first place. Leave a place empty if you wish.',
  rankLabel: (n: number) => `${n === 1 ? '1st' : n === 2 ? '2nd' : n === 3 ? '3rd' : `${n}th`} place`,
  rankNone: 'None',
  optional: 'optional',
  required: 'required',
  scaleLow: 'Strongly disagree',
  scaleHigh: 'Strongly agree',
  freeTextHint: (max: number) => `Up to ${max} characters`,
  submit: 'Send my answer',
  update: 'Change my answer',
  sending: 'Sending…',
  saved: 'Your answer has been saved.',
  savedUntil: (date: string) => `You can change it on this page as often as you like until ${date}.`,
  yourAnswer: 'Your answer',
  chosen: 'Demands you chose',
  noneChosen: '(none chosen)',
  closed: 'This survey is closed.',
  closedBody: 'Answers are no longer taken and cannot be changed.',
  notFoundTitle: 'This link cannot be used',
  notFoundBody:
    'The link is wrong or no longer valid. Check the link on your printed invitation again, or ask your union contact.',
  errorTitle: 'Could not load the survey',
  errorBody: 'The connection failed. Please try again where the signal is better.',
  retry: 'Try again',
  tooMany: 'Too many attempts in a short time. Please wait a moment and send again.',
  sendFailed: 'Your answer could not be sent. Check your connection and send again.',
  fixErrors: 'Please check your answer.',
  errors: {
    required: 'Please answer this question',
    duplicateRank: 'A demand can only take one place',
    tooMany: (n: number) => `Choose at most ${n}`,
    tooLong: (n: number) => `Use at most ${n} characters`,
    invalid: 'Choose one of the options',
    scale: 'Choose 1 to 5',
  },
};

/** The server's English field messages, in the page's language. */
export function translateAnswerError(message: string, m: SurveyMessages): string {
  if (message === 'is required') return m.errors.required;
  if (message === 'must not repeat a demand') return m.errors.duplicateRank;
  const most = /^must choose at most (\d+)$/.exec(message);
  if (most) return m.errors.tooMany(Number(most[1]));
  const long = /^must be at most (\d+) characters$/.exec(message);
  if (long) return m.errors.tooLong(Number(long[1]));
  if (message === 'must be 1 to 5') return m.errors.scale;
  if (/^must be (one of the options|options of this question|demands this survey offers)/.test(message))
    return m.errors.invalid;
  return message;
}

/** 2027年3月31日 in Japanese, 2027-03-31 in English. */
export function formatDay(date: string, lang: SurveyLang): string {
  if (lang === 'en') return date;
  const [y, mo, d] = date.split('-').map(Number);
  return `${y}年${mo}月${d}日`;
}
