// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import type { TimelineItem } from '../../http/types';
import { Timeline } from './Timeline';
import { buildMember, jsonBody, MEMBER_ID, page } from './test-fixtures';

afterEach(cleanup);

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function item(n: number, fields: Partial<TimelineItem> & Pick<TimelineItem, 'kind' | 'date'>): TimelineItem {
  return {
    id: `${fields.kind}:${uuid(n)}`,
    at: `${fields.date}T09:00:00.000+09:00`,
    title: null,
    body: null,
    actorName: null,
    from: null,
    to: null,
    channel: null,
    sensitive: false,
    refId: uuid(n),
    fromUserName: null,
    toUserName: null,
    edited: false,
    version: null,
    canEdit: false,
    ...fields,
  };
}

// Newest first, as the API sends them; two on the same day keep the API's order.
const items: TimelineItem[] = [
  item(1, {
    kind: 'task_completed',
    date: '2026-03-05',
    title: '山田さん 相談案件のフォローアップ',
    actorName: '佐藤',
  }),
  item(2, { kind: 'case_closed', date: '2026-03-05', title: '上司からの威圧的な言動', sensitive: true }),
  item(3, {
    kind: 'engagement',
    date: '2026-02-20',
    from: 'regular',
    to: 'at_risk',
    body: '面談で脱退を考えていると話した',
    actorName: '佐藤',
  }),
  item(4, {
    kind: 'note',
    date: '2026-02-18',
    channel: 'phone',
    body: '夜勤明けの呼び出しについて相談',
    actorName: '鈴木',
  }),
  item(5, {
    kind: 'case_opened',
    date: '2026-02-01',
    title: '上司からの威圧的な言動',
    body: '会議での叱責が続いている',
    sensitive: true,
  }),
  item(6, {
    kind: 'task_created',
    date: '2026-01-31',
    title: '山田さん 相談案件のフォローアップ',
    body: '本人に連絡',
    actorName: '佐藤',
  }),
  item(7, { kind: 'engagement', date: '2015-04-01', to: 'regular' }),
];

describe('Timeline', () => {
  it('tells the story in the API’s order with a label, a date and the details of each kind', async () => {
    renderWeb(<Timeline memberId={MEMBER_ID} />, {
      fetch: (url) => (url.startsWith(`/api/members/${MEMBER_ID}/timeline`) ? page(items) : undefined),
    });
    await screen.findByText('夜勤明けの呼び出しについて相談');
    const entries = Array.from(document.querySelectorAll('.member-timeline > li'));
    expect(entries.map((li) => li.getAttribute('data-kind'))).toEqual(items.map((i) => i.kind));
    expect(entries.map((li) => li.querySelector('.tl-kind')?.textContent)).toEqual([
      'タスク完了',
      '案件を完了',
      '関与度の変更',
      '相談・連絡',
      '案件を開始',
      'タスク作成',
      '関与度の登録',
    ]);
    expect(entries.map((li) => li.querySelector('time')?.textContent)).toEqual([
      '2026年3月5日',
      '2026年3月5日',
      '2026年2月20日',
      '2026年2月18日',
      '2026年2月1日',
      '2026年1月31日',
      '2015年4月1日',
    ]);

    const [, closed, engagement, note, opened, created] = entries as HTMLElement[];
    // A note: its channel, body and author.
    expect(within(note!).getByText('電話')).toBeTruthy();
    expect(within(note!).getByText('記録：鈴木')).toBeTruthy();
    // An engagement change: from → to, the reason and who changed it.
    const chips = Array.from(engagement!.querySelectorAll('[data-engagement]'));
    expect(chips.map((c) => c.getAttribute('data-engagement'))).toEqual(['regular', 'at_risk']);
    expect(chips.map((c) => c.textContent?.replace('!', ''))).toEqual(['定期参加', '脱退リスクあり']);
    expect(within(engagement!).getByText('面談で脱退を考えていると話した')).toBeTruthy();
    expect(within(engagement!).getByText('変更：佐藤')).toBeTruthy();
    // Sensitive cases are marked in words (not colour alone) and still show their description.
    expect(within(opened!).getByText('要配慮')).toBeTruthy();
    expect(within(opened!).getByText('会議での叱責が続いている')).toBeTruthy();
    expect(within(closed!).getByText('要配慮')).toBeTruthy();
    expect(within(note!).queryByText('要配慮')).toBeNull();
    // A task: its title, body and assignee.
    expect(within(created!).getByText('本人に連絡')).toBeTruthy();
    expect(within(created!).getByText('担当：佐藤')).toBeTruthy();
    // A completed task names who completed it.
    expect(within(entries[0] as HTMLElement).getByText('完了：佐藤')).toBeTruthy();
    // Nobody may change these (canEdit false): no note buttons.
    expect(screen.queryByRole('button', { name: /メモを編集/ })).toBeNull();
  });

  it('loads older events with “load more” using the next offset', async () => {
    const user = userEvent.setup();
    const urls: string[] = [];
    const first = Array.from({ length: 20 }, (_, i) =>
      item(100 + i, { kind: 'note', date: '2026-03-01', channel: 'visit', body: `メモ${i + 1}` }),
    );
    const second = [item(200, { kind: 'note', date: '2025-12-01', channel: 'email', body: '古いメモ' })];
    renderWeb(<Timeline memberId={MEMBER_ID} />, {
      fetch: (url) => {
        urls.push(url);
        return url.includes('offset=20') ? page(second, 21) : page(first, 21);
      },
    });
    await screen.findByText('メモ20');
    expect(screen.getByText('21件中 20件を表示')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'さらに読み込む' }));
    await screen.findByText('古いメモ');
    expect(urls).toEqual([
      `/api/members/${MEMBER_ID}/timeline?limit=20&offset=0`,
      `/api/members/${MEMBER_ID}/timeline?limit=20&offset=20`,
    ]);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'さらに読み込む' })).toBeNull());
    expect(document.querySelectorAll('.member-timeline > li')).toHaveLength(21);
  });

  it('tells a handover: from whom to whom, the note and who did it', async () => {
    const handover = item(300, {
      kind: 'handover',
      date: '2026-04-01',
      fromUserName: '佐藤',
      toUserName: '鈴木',
      body: '夜勤明けの相談が続いている',
      actorName: '管理者',
    });
    renderWeb(<Timeline memberId={MEMBER_ID} />, { fetch: () => page([handover]) });
    const entry = (await screen.findByText('担当を佐藤から鈴木へ引き継ぎ')).closest('li') as HTMLElement;
    expect(entry.querySelector('.tl-kind')?.textContent).toBe('担当の引き継ぎ');
    expect(entry.querySelector('.tl-body')?.textContent).toBe('申し送り：夜勤明けの相談が続いている');
    expect(within(entry).getByText('変更：管理者')).toBeTruthy();
    cleanup();
    renderWeb(<Timeline memberId={MEMBER_ID} />, { fetch: () => page([handover]), lang: 'en' });
    expect(await screen.findByText('Handed over from 佐藤 to 鈴木')).toBeTruthy();
  });

  it('tells a link made by applying a survey: the demand and who applied it', async () => {
    const linked = item(310, {
      kind: 'survey_linked',
      date: '2027-03-01',
      title: '賃上げ',
      actorName: '書記長',
    });
    renderWeb(<Timeline memberId={MEMBER_ID} />, { fetch: () => page([linked]) });
    const entry = (await screen.findByText('賃上げ')).closest('li') as HTMLElement;
    expect(entry.querySelector('.tl-kind')?.textContent).toBe('アンケート回答から要求に紐付け');
    expect(within(entry).getByText('反映：書記長')).toBeTruthy();
    cleanup();
    renderWeb(<Timeline memberId={MEMBER_ID} />, { fetch: () => page([linked]), lang: 'en' });
    expect(await screen.findByText('Linked to a demand from a survey answer')).toBeTruthy();
  });

  it('says so when nothing is recorded yet', async () => {
    renderWeb(<Timeline memberId={MEMBER_ID} />, { fetch: () => page([]) });
    expect(await screen.findByText(/まだ記録がありません/)).toBeTruthy();
  });
});

describe('changing a note', () => {
  const NOTE_ID = uuid(500);
  const note = (fields: Partial<TimelineItem> = {}) =>
    item(500, {
      kind: 'note',
      date: '2026-03-10',
      channel: 'phone',
      body: '残業の相談',
      actorName: '鈴木',
      version: 3,
      canEdit: true,
      ...fields,
    });
  type Call = { method: string; url: string; body: Record<string, unknown> | null };

  /** A server stand-in: the timeline (the note until it changes), member search, and the note's writes. */
  function serve(answers: { write?: () => unknown; after?: TimelineItem[] } = {}) {
    const calls: Call[] = [];
    let current = [note()];
    renderWeb(<Timeline memberId={MEMBER_ID} />, {
      fetch: (url, init) => {
        const method = init?.method ?? 'GET';
        if (method === 'GET' && url.startsWith(`/api/members/${MEMBER_ID}/timeline`)) return page(current);
        if (method === 'GET' && url.startsWith('/api/members?')) {
          return page([
            buildMember({ id: MEMBER_ID, name: '山田 太郎' }),
            buildMember({ id: uuid(900), name: '山田 花子', workplaceName: '本社' }),
          ]);
        }
        calls.push({ method, url, body: init?.body ? jsonBody(init) : null });
        const answer = answers.write?.();
        if (answer instanceof Response) return answer;
        current = answers.after ?? [];
        return method === 'DELETE' ? new Response(null, { status: 204 }) : { id: NOTE_ID };
      },
    });
    return calls;
  }

  it('marks a changed note 編集済み and shows no buttons on a note the user may not change', async () => {
    renderWeb(<Timeline memberId={MEMBER_ID} />, {
      fetch: () => page([note({ edited: true, canEdit: false })]),
    });
    const entry = (await screen.findByText('残業の相談')).closest('li') as HTMLElement;
    expect(within(entry).getByText('編集済み')).toBeTruthy();
    expect(within(entry).queryByRole('button')).toBeNull();
  });

  it('edits a note in place: date, channel and body with the version read', async () => {
    const user = userEvent.setup();
    const calls = serve({ after: [note({ body: '残業代未払いの相談', edited: true, version: 4 })] });
    await user.click(await screen.findByRole('button', { name: '2026年3月10日のメモを編集' }));
    const form = screen.getByRole('form', { name: 'メモを編集' });
    const body = within(form).getByLabelText(/内容/) as HTMLTextAreaElement;
    expect(body.value).toBe('残業の相談');
    await user.clear(body);
    await user.type(body, '残業代未払いの相談');
    await user.selectOptions(within(form).getByLabelText('手段'), 'visit');
    await user.click(within(form).getByRole('button', { name: '保存' }));
    await screen.findByText('残業代未払いの相談');
    expect(calls).toEqual([
      {
        method: 'PATCH',
        url: `/api/members/${MEMBER_ID}/notes/${NOTE_ID}`,
        body: { occurredOn: '2026-03-10', channel: 'visit', body: '残業代未払いの相談', version: 3 },
      },
    ]);
    expect(screen.getByText('編集済み')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'メモを編集' })).toBeNull();
  });

  it('says so when someone changed the note first (409) and keeps the form open', async () => {
    const user = userEvent.setup();
    serve({ write: () => apiError(409, 'conflict', { version: 'is stale' }) });
    await user.click(await screen.findByRole('button', { name: '2026年3月10日のメモを編集' }));
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText(/他の人がこのメモを先に変更しました/)).toBeTruthy();
    expect(screen.getByRole('form', { name: 'メモを編集' })).toBeTruthy();
  });

  it('deletes a note only after the confirmation', async () => {
    const user = userEvent.setup();
    const calls = serve();
    await user.click(await screen.findByRole('button', { name: '2026年3月10日のメモを削除' }));
    expect(screen.getByText('このメモを削除しますか？元に戻せません。')).toBeTruthy();
    expect(calls).toEqual([]);
    await user.click(screen.getByRole('button', { name: '削除する' }));
    expect(await screen.findByText('メモを削除しました。')).toBeTruthy();
    expect(calls).toEqual([
      { method: 'DELETE', url: `/api/members/${MEMBER_ID}/notes/${NOTE_ID}?version=3`, body: null },
    ]);
    await waitFor(() => expect(screen.queryByText('残業の相談')).toBeNull());
  });

  it('moves a note to a member found by search, after a confirmation naming them', async () => {
    const user = userEvent.setup();
    const calls = serve();
    await user.click(await screen.findByRole('button', { name: '2026年3月10日のメモを別の組合員に移す' }));
    await user.type(screen.getByLabelText('移動先の組合員を検索'), '山田');
    // The member the note is on is not offered.
    await user.click(await screen.findByRole('button', { name: '山田 花子さんを移動先に選ぶ' }));
    expect(screen.queryByRole('button', { name: '山田 太郎さんを移動先に選ぶ' })).toBeNull();
    expect(screen.getByText('このメモを山田 花子さんに移しますか？')).toBeTruthy();
    expect(calls).toEqual([]);
    await user.click(screen.getByRole('button', { name: '移す' }));
    expect(await screen.findByText('メモを山田 花子さんに移しました。')).toBeTruthy();
    expect(calls).toEqual([
      {
        method: 'PATCH',
        url: `/api/members/${MEMBER_ID}/notes/${NOTE_ID}`,
        body: { memberId: uuid(900), version: 3 },
      },
    ]);
  });
});
