// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import type { Demand, DemandMember } from '../../http/types';
import { signedInAs } from '../members/test-fixtures';
import { buildDemand, buildDemandMember, page, recordRequest, type Seen } from '../workplaces/test-fixtures';
import DemandPage from './DemandPage';
import { highlightParts } from './MatchReasons';
import type { DemandSuggestion } from './queries';

// Permissions the test takes away (every staff role may link members today).
const access = vi.hoisted(() => ({ denied: new Set<string>() }));
vi.mock('../../components/access', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../components/access')>();
  return {
    ...real,
    useCan: (permission: Parameters<typeof real.useCan>[0]) => {
      const allowed = real.useCan(permission);
      return allowed && !access.denied.has(permission);
    },
  };
});

afterEach(() => {
  cleanup();
  access.denied.clear();
});

const AOKI = 'a0000000-0000-4000-8000-000000000001';
const BABA = 'b0000000-0000-4000-8000-000000000002';
const CHIBA = 'c0000000-0000-4000-8000-000000000003';

function suggestion(over: Partial<DemandSuggestion> & Pick<DemandSuggestion, 'memberId'>): DemandSuggestion {
  return {
    memberName: '青木 一郎',
    memberNameKana: 'アオキ イチロウ',
    workplaceName: 'A 病棟',
    score: 0.72,
    terms: ['夜勤', '手当'],
    source: 'concerns',
    excerpt: '夜勤明けの手当をもう少し上げてほしい',
    highlights: [
      { start: 0, end: 2 },
      { start: 5, end: 7 },
    ],
    rules: [],
    ...over,
  };
}

function fakeUnion({ pending = 0, empty = false, capped = false } = {}) {
  let demand: Demand = buildDemand({ title: '夜勤手当の引き上げ', relatedMemberCount: 1 });
  const linked: DemandMember[] = [buildDemandMember({ name: '相川 一郎', workplaceName: 'A 病棟' })];
  let suggestions: DemandSuggestion[] = empty
    ? []
    : [
        suggestion({ memberId: AOKI }),
        suggestion({
          memberId: BABA,
          memberName: '馬場 一子',
          memberNameKana: null,
          workplaceName: 'B 物流センター',
          score: 0.55,
          terms: ['深夜勤務', '手当'],
          source: 'note',
          excerpt: '深夜勤務の手当が低すぎる',
          highlights: [
            { start: 0, end: 4 },
            { start: 5, end: 7 },
          ],
          rules: ['夜勤 ≈ 深夜勤務 ≈ 夜間作業'],
        }),
        suggestion({
          memberId: CHIBA,
          memberName: '千葉 三郎',
          workplaceName: null,
          score: 0.31,
          terms: ['夜勤'],
          source: 'survey',
          excerpt: '夜勤の回数を減らしてほしい',
          highlights: [{ start: 0, end: 2 }],
        }),
      ];
  const rejected: string[] = [];
  const seen: Seen[] = [];
  const fetch = (url: string, init?: RequestInit) => {
    const req = recordRequest(seen, url, init);
    const path = url.split('?')[0] ?? '';
    const base = `/api/demands/${demand.id}`;
    if (path === base && req.method === 'GET') return demand;
    if (path === '/api/seasons') return { items: [], currentId: null };
    if (path === `${base}/members`) return page(linked);
    if (path === `${base}/notes`) return page([]);
    if (path === `${base}/suggestions`) {
      return capped
        ? { items: suggestions, total: 1000, totalCapped: true, pending }
        : { items: suggestions, total: suggestions.length, totalCapped: false, pending };
    }
    if (path === `${base}/suggestions/accept` && req.method === 'POST') {
      const ids = (req.body as { memberIds: string[] }).memberIds;
      for (const id of ids) {
        const s = suggestions.find((x) => x.memberId === id)!;
        linked.push(buildDemandMember({ id, name: s.memberName, workplaceName: s.workplaceName }));
      }
      suggestions = suggestions.filter((x) => !ids.includes(x.memberId));
      demand = { ...demand, relatedMemberCount: demand.relatedMemberCount + ids.length };
      return { linked: ids.length, relatedMemberCount: demand.relatedMemberCount };
    }
    if (path === `${base}/suggestions/reject` && req.method === 'POST') {
      const ids = (req.body as { memberIds: string[] }).memberIds;
      rejected.push(...ids);
      suggestions = suggestions.filter((x) => !ids.includes(x.memberId));
      return { rejected: ids.length };
    }
    return apiError(404, 'not_found');
  };
  return { seen, fetch, demand: () => demand, rejected };
}

function renderDemand(union: ReturnType<typeof fakeUnion>, me = signedInAs('officer')) {
  return renderWeb(<DemandPage />, {
    route: `/demands/${union.demand().id}`,
    path: '/demands/:id',
    fetch: union.fetch,
    me,
  });
}

const section = () => screen.findByRole('region', { name: /関係しそうな組合員（提案）/ });
const writes = (seen: Seen[]) => seen.filter((r) => r.method === 'POST');
const item = (region: HTMLElement, memberId: string) =>
  region.querySelector(`[data-member-id="${memberId}"]`) as HTMLElement;

describe('highlightParts', () => {
  it('cuts the excerpt at its highlights, merging overlaps and clamping offsets beyond the text', () => {
    expect(
      highlightParts('夜勤明けの手当', [
        { start: 5, end: 7 },
        { start: 0, end: 2 },
      ]),
    ).toEqual([
      { text: '夜勤', marked: true },
      { text: '明けの', marked: false },
      { text: '手当', marked: true },
    ]);
    expect(
      highlightParts('abcdef', [
        { start: 1, end: 3 },
        { start: 2, end: 4 },
        { start: 5, end: 99 },
      ]),
    ).toEqual([
      { text: 'a', marked: false },
      { text: 'bcd', marked: true },
      { text: 'e', marked: false },
      { text: 'f', marked: true },
    ]);
    expect(highlightParts('abc', [{ start: 2, end: 2 }])).toEqual([{ text: 'abc', marked: false }]);
  });
});

describe('DemandSuggestions on the demand page', () => {
  it('shows each suggestion with the member, workplace, score as text, where the words are, marked words and synonym rules', async () => {
    renderDemand(fakeUnion());
    const region = await section();
    await within(region).findByText('青木 一郎');
    expect(within(region).getByRole('heading', { level: 2 }).textContent).toBe(
      '関係しそうな組合員（提案）3人',
    );

    const aoki = item(region, AOKI);
    expect(within(aoki).getByRole('link', { name: '青木 一郎' }).getAttribute('href')).toBe(
      `/members/${AOKI}`,
    );
    expect(within(aoki).getByText('A 病棟')).toBeTruthy();
    expect(within(aoki).getByText('一致度 72%')).toBeTruthy();
    expect(within(aoki).getByText('主な職場の悩み・要求')).toBeTruthy();
    expect([...aoki.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['夜勤', '手当']);
    expect(aoki.querySelector('blockquote')!.textContent).toBe('夜勤明けの手当をもう少し上げてほしい');
    expect(within(aoki).getByText('夜勤、手当')).toBeTruthy();
    expect(within(aoki).queryByText(/同義語/)).toBeNull();

    const baba = item(region, BABA);
    expect(within(baba).getByText('相談・連絡の記録')).toBeTruthy();
    expect([...baba.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['深夜勤務', '手当']);
    expect(within(baba).getByText('同義語: 夜勤 ≈ 深夜勤務 ≈ 夜間作業')).toBeTruthy();
    expect(within(baba).getByText('一致度 55%')).toBeTruthy();

    const chiba = item(region, CHIBA);
    expect(within(chiba).getByText('アンケートの自由記述')).toBeTruthy();
    expect(within(chiba).getByText('職場未設定')).toBeTruthy();
    expect(within(region).queryByText(/最近の変更を反映中です/)).toBeNull();
  });

  it('links the ticked members after a confirmation that counts them, then refreshes the count, the linked members and the suggestions', async () => {
    const union = fakeUnion();
    renderDemand(union);
    const region = await section();
    await within(region).findByText('青木 一郎');
    const user = userEvent.setup();
    const accept = within(region).getByRole('button', { name: '紐付ける' }) as HTMLButtonElement;
    expect(accept.disabled).toBe(true);
    await user.click(within(region).getByRole('checkbox', { name: '青木 一郎を選択' }));
    await user.click(within(region).getByRole('checkbox', { name: '馬場 一子を選択' }));
    expect(within(region).getByText('2人を選択中')).toBeTruthy();
    await user.click(accept);

    const dialog = within(region).getByRole('alertdialog', {
      name: '2人を『夜勤手当の引き上げ』に紐付けますか？',
    });
    expect(writes(union.seen)).toEqual([]);
    // The keyboard is on the confirming button.
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'はい、紐付ける' }));
    await user.click(within(dialog).getByRole('button', { name: 'はい、紐付ける' }));

    await within(region).findByText('2人を紐付けました（関連組合員数 3人）');
    expect(writes(union.seen)).toEqual([
      {
        method: 'POST',
        url: `/api/demands/${union.demand().id}/suggestions/accept`,
        body: { memberIds: [AOKI, BABA] },
      },
    ]);
    await waitFor(() => expect(screen.getByTestId('related-member-count').textContent).toBe('3人'));
    // The linked members list and the suggestions were asked again.
    const members = screen.getByRole('region', { name: '職場別の関連組合員' });
    expect(await within(members).findByRole('link', { name: '馬場 一子' })).toBeTruthy();
    await waitFor(() => expect(within(region).queryByText('青木 一郎')).toBeNull());
    expect(within(region).getByText('千葉 三郎')).toBeTruthy();
    expect(within(region).getByText('0人を選択中')).toBeTruthy();
  });

  it('turns down everyone shown with 提案しない after a confirmation; cancelling writes nothing', async () => {
    const union = fakeUnion();
    renderDemand(union);
    const region = await section();
    await within(region).findByText('青木 一郎');
    const user = userEvent.setup();
    await user.click(within(region).getByRole('checkbox', { name: '表示中の全員を選択' }));
    expect(within(region).getByText('3人を選択中')).toBeTruthy();

    await user.click(within(region).getByRole('button', { name: '提案しない' }));
    within(region).getByRole('alertdialog', {
      name: '3人を『夜勤手当の引き上げ』に今後提案しないようにしますか？紐付けはしません。',
    });
    await user.click(within(region).getByRole('button', { name: 'キャンセル' }));
    expect(within(region).queryByRole('alertdialog')).toBeNull();
    expect(writes(union.seen)).toEqual([]);
    // Back on the button that asked.
    await waitFor(() =>
      expect(document.activeElement).toBe(within(region).getByRole('button', { name: '提案しない' })),
    );

    // Untick one, then turn down the other two.
    await user.click(within(region).getByRole('checkbox', { name: '千葉 三郎を選択' }));
    await user.click(within(region).getByRole('button', { name: '提案しない' }));
    await user.click(within(region).getByRole('button', { name: 'はい、提案しない' }));
    await within(region).findByText('2人を今後この要求に提案しません');
    expect(writes(union.seen).map((r) => [r.url, r.body])).toEqual([
      [`/api/demands/${union.demand().id}/suggestions/reject`, { memberIds: [AOKI, BABA] }],
    ]);
    await waitFor(() => expect(within(region).queryByText('馬場 一子')).toBeNull());
    expect(within(region).getByText('千葉 三郎')).toBeTruthy();
    // Nobody was linked.
    expect(screen.getByTestId('related-member-count').textContent).toBe('1人');
  });

  it('shows the reasons but no checkboxes or buttons to a user who may not link members', async () => {
    access.denied.add('demands.link');
    renderDemand(fakeUnion());
    const region = await section();
    await within(region).findByText('青木 一郎');
    expect(region.querySelectorAll('mark').length).toBeGreaterThan(0);
    expect(within(region).queryAllByRole('checkbox')).toEqual([]);
    expect(within(region).queryByRole('button', { name: '紐付ける' })).toBeNull();
    expect(within(region).queryByRole('button', { name: '提案しない' })).toBeNull();
  });

  it('says 提案はありません when nothing matches, and quietly that recent changes are still being matched', async () => {
    renderDemand(fakeUnion({ empty: true, pending: 3 }));
    const region = await section();
    expect(await within(region).findByText('提案はありません')).toBeTruthy();
    expect(within(region).getByText(/最近の変更を反映中です/)).toBeTruthy();
    expect(within(region).queryByRole('button', { name: '紐付ける' })).toBeNull();
  });

  it('says 1000人以上 when there are more suggestions than the server counts', async () => {
    renderDemand(fakeUnion({ capped: true }));
    const region = await section();
    expect(await within(region).findByText('1000人以上')).toBeTruthy();
    expect(within(region).getByText(/1000人以上中 一致度の高い\d+人を表示しています/)).toBeTruthy();
  });

  it('speaks English when the app does', async () => {
    const union = fakeUnion();
    renderWeb(<DemandPage />, {
      route: `/demands/${union.demand().id}`,
      path: '/demands/:id',
      fetch: union.fetch,
      me: signedInAs('officer'),
      lang: 'en',
    });
    const region = await screen.findByRole('region', {
      name: /Members who may hold this demand \(suggestions\)/,
    });
    await within(region).findByText('青木 一郎');
    expect(within(region).getByText('Match 72%')).toBeTruthy();
    expect(within(region).getByText('Synonyms: 夜勤 ≈ 深夜勤務 ≈ 夜間作業')).toBeTruthy();
    expect(within(region).getByRole('checkbox', { name: 'Select 青木 一郎' })).toBeTruthy();
  });
});
