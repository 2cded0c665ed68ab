// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useParams } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import type { Demand } from '../../http/types';
import { signedInAs } from '../members/test-fixtures';
import { UnmatchedVoicesSection } from './UnmatchedVoicesSection';
import { buildCluster, buildVoices } from './voices-fixtures';

afterEach(cleanup);

type Request = { method: string; path: string; body: unknown };

function serve(voices = buildVoices({ items: [buildCluster()] }), create?: (body: unknown) => unknown) {
  const seen: Request[] = [];
  const fetch = (url: string, init?: RequestInit) => {
    const path = url.split('?')[0]!;
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    seen.push({ method, path, body });
    if (path === '/api/voices/unmatched') return voices;
    if (path === '/api/voices/unmatched/demand' && method === 'POST') return create?.(body);
    return apiError(404, 'not_found');
  };
  return { seen, fetch };
}

function DemandStub() {
  return <p data-testid="demand-page">{useParams().id}</p>;
}

function render(
  fetch: (url: string, init?: RequestInit) => unknown,
  options: { role?: 'officer' | 'rep' | 'executive'; paper?: boolean; lang?: 'ja' | 'en' } = {},
) {
  return renderWeb(
    <Routes>
      <Route path="/dashboards/monthly" element={<UnmatchedVoicesSection paper={options.paper} />} />
      <Route path="/demands/:id" element={<DemandStub />} />
    </Routes>,
    {
      route: '/dashboards/monthly',
      fetch,
      me: signedInAs(options.role ?? 'officer'),
      lang: options.lang ?? 'ja',
    },
  );
}

const created = (title: string): Demand => ({
  id: '00000000-0000-4000-9600-000000000001',
  createdAt: '2026-11-24T03:00:00.000Z',
  updatedAt: '2026-11-24T03:00:00.000Z',
  version: 1,
  title,
  description: null,
  priority: 'high',
  status: 'not_submitted',
  nextNegotiationOn: null,
  seasonId: null,
  seasonName: null,
  relatedMemberCount: 3,
});

describe('UnmatchedVoicesSection', () => {
  it('shows each topic’s words, members, anonymous answers, workplaces and quoted excerpts with where they come from', async () => {
    const { fetch } = serve(
      buildVoices({
        items: [
          buildCluster(),
          buildCluster({
            terms: ['休憩室', '狭い'],
            anonymousCount: 4,
            byWorkplace: [{ workplaceId: null, workplaceName: null, count: 3 }],
            // Two members wrote the same words: quoted once.
            sampleExcerpts: [
              { text: '休憩室が狭くて座れない', source: 'survey' },
              { text: '休憩室が狭くて座れない', source: 'survey' },
            ],
          }),
        ],
      }),
    );
    render(fetch);
    const section = await screen.findByRole('region', { name: '要求になっていない声' });
    const topics = await within(section).findAllByRole('listitem', {}, { timeout: 2000 });
    const parking = topics.find((li) => li.classList.contains('voice-topic'))!;
    expect(within(parking).getByRole('heading', { level: 3 }).textContent).toBe('駐車場、満車');
    expect(within(parking).getByTestId('voice-counts').textContent).toBe('組合員 3人');
    expect(within(parking).getByTestId('voice-workplaces').textContent).toBe(
      'A 病棟 2人、B 物流センター 1人',
    );
    const excerpts = within(parking).getByRole('list', { name: '声の例' });
    expect(
      within(excerpts)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      '「駐車場が足りなくて毎朝路上で待たされる」（主な職場の悩み・要求）',
      '「社員駐車場がいつも満車で困る」（組合員のメモ）',
    ]);

    const rest = screen.getByRole('heading', { level: 3, name: '休憩室、狭い' }).closest('li')!;
    expect(within(rest).getByTestId('voice-counts').textContent).toBe('組合員 3人・匿名回答 4件');
    expect(within(rest).getByTestId('voice-workplaces').textContent).toBe('所属職場なし 3人');
    expect(within(rest).getAllByText('「休憩室が狭くて座れない」')).toHaveLength(1);
    expect(within(rest).getByText('（アンケートの回答）')).toBeTruthy();
    expect(screen.getByRole('link', { name: '同義語・関連語の設定' }).getAttribute('href')).toBe(
      '/settings?tab=synonyms',
    );
  });

  it('要求として登録: the title comes from the words and can be changed; the confirmation counts the members; it opens the new demand', async () => {
    const user = userEvent.setup();
    const cluster = buildCluster({ anonymousCount: 2 });
    const { fetch, seen } = serve(buildVoices({ items: [cluster] }), (body) => {
      const { demand } = body as { demand: { title: string } };
      return new Response(JSON.stringify({ demand: created(demand.title), linked: 3 }), {
        status: 201,
        headers: { 'content-type': 'application/json' },
      });
    });
    const { queryClient } = render(fetch);
    await screen.findByRole('heading', { level: 3, name: '駐車場、満車' });
    await user.click(screen.getByRole('button', { name: '要求として登録' }));

    const form = screen.getByRole('form', { name: '「駐車場、満車」を要求として登録' });
    const title = within(form).getByLabelText(/要求事項の名称/) as HTMLInputElement;
    expect(title.value).toBe('駐車場・満車');
    expect(document.activeElement).toBe(title);
    expect(within(form).getByTestId('voice-confirm').textContent).toContain('3人の組合員を紐付けます。');
    expect(within(form).getByTestId('voice-confirm').textContent).toContain('匿名回答 2件は');
    await user.clear(title);
    await user.type(title, '従業員駐車場の確保');
    await user.selectOptions(within(form).getByLabelText('要求の優先度'), '高');
    await user.click(within(form).getByRole('button', { name: '登録して紐付ける' }));

    expect(await screen.findByTestId('demand-page')).toBeTruthy();
    expect(screen.getByTestId('demand-page').textContent).toBe(created('').id);
    const post = seen.find((r) => r.method === 'POST');
    expect(post).toEqual({
      method: 'POST',
      path: '/api/voices/unmatched/demand',
      body: { demand: { title: '従業員駐車場の確保', priority: 'high' }, memberIds: cluster.memberIds },
    });
    // The new demand's page has its record at once; the voices are read again.
    expect(queryClient.getQueryData(['demands', 'detail', created('').id])).toMatchObject({
      title: '従業員駐車場の確保',
    });
    await waitFor(() =>
      expect(seen.filter((r) => r.path === '/api/voices/unmatched').length).toBeGreaterThan(1),
    );
  });

  it('shows the server’s message beside the title and keeps the form; キャンセル gives the keyboard back to the button', async () => {
    const user = userEvent.setup();
    const { fetch } = serve(undefined, () =>
      apiError(400, 'validation_failed', { 'demand.title': 'is required' }),
    );
    render(fetch);
    await user.click(await screen.findByRole('button', { name: '要求として登録' }));
    const form = screen.getByRole('form', { name: /を要求として登録/ });
    const title = within(form).getByLabelText(/要求事項の名称/);
    await user.clear(title);
    await user.click(within(form).getByRole('button', { name: '登録して紐付ける' }));
    await within(form).findByText('入力してください');
    expect(title.getAttribute('aria-invalid')).toBe('true');
    await user.click(within(form).getByRole('button', { name: 'キャンセル' }));
    expect(screen.queryByRole('form')).toBeNull();
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: '要求として登録' })),
    );
  });

  it('offers 要求として登録 only to those who write demands', async () => {
    const { fetch } = serve();
    render(fetch, { role: 'rep' });
    await screen.findByRole('heading', { level: 3, name: '駐車場、満車' });
    expect(screen.queryByRole('button', { name: '要求として登録' })).toBeNull();
    cleanup();
    render(serve().fetch, { role: 'executive' });
    expect(await screen.findByRole('button', { name: '要求として登録' })).toBeTruthy();
  });

  it('says when nothing is left out, when changes are still being matched, and when there is no season', async () => {
    const { fetch } = serve(buildVoices({ items: [], pending: 3, seasonId: null }));
    render(fetch);
    expect(await screen.findByText('要求になっていない声はありません。')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe(
      '最近の変更を反映中です。まもなく最新の内容になります。',
    );
    expect(screen.getByText(/現在の交渉シーズンがないため/)).toBeTruthy();
  });

  it('shows five topics until すべて表示 is chosen', async () => {
    const user = userEvent.setup();
    const items = Array.from({ length: 7 }, (_, i) => buildCluster({ terms: [`話題${i + 1}`] }));
    render(serve(buildVoices({ items })).fetch);
    await screen.findByRole('heading', { level: 3, name: '話題1' });
    expect(screen.getAllByRole('heading', { level: 3 })).toHaveLength(5);
    await user.click(screen.getByRole('button', { name: 'すべて表示（7件）' }));
    expect(screen.getAllByRole('heading', { level: 3 })).toHaveLength(7);
  });

  it('on paper: no button or link, at most ten topics and how many more there are', async () => {
    const items = Array.from({ length: 12 }, (_, i) => buildCluster({ terms: [`話題${i + 1}`] }));
    render(serve(buildVoices({ items })).fetch, { paper: true });
    await screen.findByRole('heading', { level: 3, name: '話題1' });
    expect(screen.getAllByRole('heading', { level: 3 })).toHaveLength(10);
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByText(/ほか2件の話題があります/)).toBeTruthy();
  });

  it('speaks English', async () => {
    const user = userEvent.setup();
    render(serve(buildVoices({ items: [buildCluster({ anonymousCount: 1 })] })).fetch, { lang: 'en' });
    const section = await screen.findByRole('region', { name: 'Voices no demand holds yet' });
    expect((await within(section).findByTestId('voice-counts')).textContent).toBe(
      '3 members · 1 anonymous answer',
    );
    await user.click(within(section).getByRole('button', { name: 'Add as a demand' }));
    expect(within(section).getByTestId('voice-confirm').textContent).toContain('3 members are linked to it.');
  });
});
