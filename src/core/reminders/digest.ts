/**
 * The e-mail digest's content, built from items already read within the user's
 * scope. Pure: no I/O, no clock. Personal data is kept to names: no contact data,
 * no case titles (a sensitive case is never named at all, only counted), no notes.
 */

export type DigestLanguage = 'ja' | 'en';

export type DigestItems = {
  frequency: 'daily' | 'weekly';
  /** The organization's today and this week (Monday–Sunday). */
  asOf: string;
  weekStart: string;
  weekEnd: string;
  /** The user's open tasks due by weekEnd (overdue first). */
  tasks: { id: string; title: string; dueOn: string; overdue: boolean }[];
  tasksTotal: number;
  /** Open tasks the workflow rules created for the user since the last digest. */
  newRuleTasks: { id: string; title: string; dueOn: string | null }[];
  /** Members' next actions due by weekEnd (the name only, not the action's text). */
  nextActions: { memberId: string; name: string; dueOn: string; overdue: boolean }[];
  nextActionsTotal: number;
  /** Open non-sensitive cases due by weekEnd (the member's name only, not the case's title). */
  cases: { memberId: string; memberName: string; dueOn: string; overdue: boolean }[];
  casesTotal: number;
  /** Open sensitive cases due by weekEnd: counted, never named (0 without cases.sensitive). */
  sensitiveCasesDue: number;
  negotiations: { demandId: string; title: string; on: string }[];
  meetings: { workplaceId: string; workplaceName: string; title: string; heldOn: string }[];
  /** For officers, executives and admins: the week's counts from the weekly dashboard. */
  figures?: { atRisk: number; earlyWarnings: number } | undefined;
};

export type DigestMail = { subject: string; text: string; html: string };

/** Whether anything is due: no mail otherwise (the figures alone do not make a digest). */
export function digestHasContent(items: DigestItems): boolean {
  return (
    items.tasks.length +
      items.newRuleTasks.length +
      items.nextActions.length +
      items.cases.length +
      items.sensitiveCasesDue +
      items.negotiations.length +
      items.meetings.length >
    0
  );
}

const WORDS = {
  ja: {
    subjectDaily: (d: string) => `【Kumiai】今日のお知らせ（${d}）`,
    subjectWeekly: (d: string) => `【Kumiai】今週のお知らせ（${d}〜）`,
    greeting: (name: string) => `${name} さん`,
    intro: '期日の近いもの・新しいものをお知らせします。',
    tasks: '期日のタスク（期限切れ・今週）',
    newRuleTasks: '前回のお知らせ以降に自動作成されたタスク',
    nextActions: '次のアクション（期限切れ・今週）',
    cases: '期日の案件（期限切れ・今週）',
    caseOf: (name: string) => `${name} さんの案件`,
    nextActionOf: (name: string) => `${name} さんの次のアクション`,
    sensitive: (n: number) => `ほかに非公開の案件 ${n}件（Kumiai で確認してください）`,
    negotiations: '今週の交渉期日',
    meetings: '今週の職場集会',
    figures: '今週の数字',
    atRisk: (n: number) => `脱退リスク ${n}人`,
    earlyWarnings: (n: number) => `関与度の急低下 ${n}人`,
    overdue: '期限切れ',
    due: (d: string) => `期日 ${d}`,
    more: (n: number) => `ほか ${n}件`,
    open: 'Kumiai で開く',
    footer: 'このメールは Kumiai から自動送信されています。配信の設定はアカウント画面で変更できます：',
  },
  en: {
    subjectDaily: (d: string) => `[Kumiai] Today's reminders (${d})`,
    subjectWeekly: (d: string) => `[Kumiai] This week's reminders (from ${d})`,
    greeting: (name: string) => `Hello ${name},`,
    intro: 'Here is what is due soon or new.',
    tasks: 'Tasks due (overdue and this week)',
    newRuleTasks: 'Tasks created by the workflow rules since the last digest',
    nextActions: 'Next actions (overdue and this week)',
    cases: 'Cases due (overdue and this week)',
    caseOf: (name: string) => `A case of ${name}`,
    nextActionOf: (name: string) => `Next action for ${name}`,
    sensitive: (n: number) => `and ${n} confidential case(s) (see Kumiai)`,
    negotiations: "This week's negotiation dates",
    meetings: "This week's workplace meetings",
    figures: "This week's figures",
    atRisk: (n: number) => `At risk of leaving: ${n}`,
    earlyWarnings: (n: number) => `Early warnings: ${n}`,
    overdue: 'overdue',
    due: (d: string) => `due ${d}`,
    more: (n: number) => `and ${n} more`,
    open: 'Open in Kumiai',
    footer: 'Sent automatically by Kumiai. Change or stop this digest on your account page: ',
  },
} as const;

type Line = { text: string; href: string; note?: string };
type Section = { title: string; lines: Line[]; more: number; extra?: string };

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A name or title on one line: control characters (a forged header or line) become spaces. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();

/**
 * Subject, plain text and HTML of a user's digest. `baseUrl` is where Kumiai is reached
 * (KUMIAI_PUBLIC_URL), without a trailing slash.
 */
export function buildDigestMail(
  items: DigestItems,
  recipient: { displayName: string; language: DigestLanguage | null },
  baseUrl: string,
): DigestMail {
  const w = WORDS[recipient.language === 'en' ? 'en' : 'ja'];
  const url = (path: string) => `${baseUrl}${path}`;
  const when = (dueOn: string, overdue: boolean) => (overdue ? `${w.overdue} ${dueOn}` : w.due(dueOn));
  const all: Section[] = [
    {
      title: w.tasks,
      lines: items.tasks.map((t) => ({
        text: oneLine(t.title),
        href: url('/tasks'),
        note: when(t.dueOn, t.overdue),
      })),
      more: items.tasksTotal - items.tasks.length,
    },
    {
      title: w.newRuleTasks,
      lines: items.newRuleTasks.map((t) => ({
        text: oneLine(t.title),
        href: url('/tasks'),
        ...(t.dueOn ? { note: w.due(t.dueOn) } : {}),
      })),
      more: 0,
    },
    {
      title: w.nextActions,
      lines: items.nextActions.map((a) => ({
        text: w.nextActionOf(oneLine(a.name)),
        href: url(`/members/${a.memberId}`),
        note: when(a.dueOn, a.overdue),
      })),
      more: items.nextActionsTotal - items.nextActions.length,
    },
    {
      title: w.cases,
      lines: items.cases.map((c) => ({
        text: w.caseOf(oneLine(c.memberName)),
        href: url(`/members/${c.memberId}`),
        note: when(c.dueOn, c.overdue),
      })),
      more: items.casesTotal - items.cases.length,
      ...(items.sensitiveCasesDue ? { extra: w.sensitive(items.sensitiveCasesDue) } : {}),
    },
    {
      title: w.negotiations,
      lines: items.negotiations.map((n) => ({
        text: oneLine(n.title),
        href: url(`/demands/${n.demandId}`),
        note: n.on,
      })),
      more: 0,
    },
    {
      title: w.meetings,
      lines: items.meetings.map((m) => ({
        text: `${oneLine(m.title)}（${oneLine(m.workplaceName)}）`,
        href: url(`/workplaces/${m.workplaceId}`),
        note: m.heldOn,
      })),
      more: 0,
    },
  ];
  const sections = all.filter((s) => s.lines.length || s.extra);
  if (items.figures) {
    sections.push({
      title: w.figures,
      lines: [
        { text: w.atRisk(items.figures.atRisk), href: url('/dashboards/weekly') },
        { text: w.earlyWarnings(items.figures.earlyWarnings), href: url('/dashboards/weekly') },
      ],
      more: 0,
    });
  }
  const subject = items.frequency === 'daily' ? w.subjectDaily(items.asOf) : w.subjectWeekly(items.weekStart);
  const name = oneLine(recipient.displayName);
  const account = url('/account');

  const text = [
    w.greeting(name),
    '',
    w.intro,
    ...sections.flatMap((s) => [
      '',
      `■ ${s.title}`,
      ...s.lines.map((l) => `・${l.text}${l.note ? `（${l.note}）` : ''}\n  ${l.href}`),
      ...(s.more > 0 ? [`・${w.more(s.more)}`] : []),
      ...(s.extra ? [`・${s.extra}`] : []),
    ]),
    '',
    '--',
    `${w.footer}${account}`,
    '',
  ].join('\n');

  const html = [
    '<!doctype html><html><head><meta charset="utf-8"></head>',
    '<body style="font-family:sans-serif;line-height:1.6">',
    `<p>${esc(w.greeting(name))}</p>`,
    `<p>${esc(w.intro)}</p>`,
    ...sections.map(
      (s) =>
        `<h2 style="font-size:1.05em;margin:1.2em 0 .3em">${esc(s.title)}</h2><ul>` +
        s.lines
          .map(
            (l) =>
              `<li><a href="${esc(l.href)}">${esc(l.text)}</a>${l.note ? ` <small>（${esc(l.note)}）</small>` : ''}</li>`,
          )
          .join('') +
        (s.more > 0 ? `<li>${esc(w.more(s.more))}</li>` : '') +
        (s.extra ? `<li>${esc(s.extra)}</li>` : '') +
        '</ul>',
    ),
    `<hr><p style="font-size:.85em;color:#555">${esc(w.footer)}<a href="${esc(account)}">${esc(account)}</a></p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
