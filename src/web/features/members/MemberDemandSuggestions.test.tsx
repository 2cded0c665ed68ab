// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import MemberPage from './MemberPage';
import type { MemberDemandSuggestion } from './queries';
import { buildDemand, buildMember, jsonBody, MEMBER_ID, page, signedInAs } from './test-fixtures';

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

const nightShift = buildDemand('55555555-5555-4555-8555-555555555555', '夜勤手当の引き上げ');
const rest = buildDemand('66666666-6666-4666-8666-666666666666', '勤務間インターバルの導入');

function fakeServer({ pending = 0 } = {}) {
  const demandIds: string[] = [];
  let suggestions: MemberDemandSuggestion[] = [
    {
      demandId: nightShift.id,
      title: nightShift.title,
      score: 0.81,
      terms: ['夜勤', '手当'],
      source: 'concerns',
      excerpt: '夜勤明けの手当をもう少し上げてほしい',
      highlights: [
        { start: 0, end: 2 },
        { start: 5, end: 7 },
      ],
      rules: [],
    },
    {
      demandId: rest.id,
      title: rest.title,
      score: 0.4,
      terms: ['休息'],
      source: 'survey',
      excerpt: '夜勤明けの休息が短い',
      highlights: [{ start: 5, end: 7 }],
      rules: ['休息 ≈ インターバル'],
    },
  ];
  const writes: { url: string; body: Record<string, unknown> }[] = [];
  const urls: string[] = [];
  const fetch = (url: string, init?: RequestInit) => {
    urls.push(url);
    const method = init?.method ?? 'GET';
    const path = url.split('?')[0] ?? '';
    if (path === `/api/members/${MEMBER_ID}`) return buildMember({ demandIds: [...demandIds] });
    if (path === `/api/members/${MEMBER_ID}/timeline`) return page([]);
    if (path === `/api/members/${MEMBER_ID}/cases`) return page([]);
    if (path === `/api/members/${MEMBER_ID}/demand-suggestions`) return { items: suggestions, pending };
    if (path === '/api/demands') return page([nightShift, rest]);
    if (path === '/api/tasks') return page([]);
    const decided = /^\/api\/demands\/([^/]+)\/suggestions\/(accept|reject)$/.exec(path);
    if (decided && method === 'POST') {
      const body = jsonBody(init);
      writes.push({ url: path, body });
      const demandId = decided[1]!;
      suggestions = suggestions.filter((s) => s.demandId !== demandId);
      if (decided[2] === 'accept') {
        demandIds.push(demandId);
        return { linked: 1, relatedMemberCount: 13 };
      }
      return { rejected: 1 };
    }
    return apiError(404, 'not_found');
  };
  return { fetch, writes, urls };
}

function render(server: ReturnType<typeof fakeServer>, lang: 'ja' | 'en' = 'ja') {
  renderWeb(<MemberPage />, {
    route: `/members/${MEMBER_ID}`,
    path: '/members/:id',
    fetch: server.fetch,
    me: signedInAs('rep'),
    lang,
  });
}

const section = () => screen.findByRole('region', { name: /関係しそうな要求/ });
const row = (region: HTMLElement, demandId: string) =>
  region.querySelector(`[data-demand-id="${demandId}"]`) as HTMLElement;

describe('関係しそうな要求 on the member page', () => {
  it('shows each demand with its title as a link, the score as text and the excerpt with the words marked', async () => {
    render(fakeServer());
    const region = await section();
    await within(region).findByRole('link', { name: '夜勤手当の引き上げ' });
    const first = row(region, nightShift.id);
    expect(within(first).getByRole('link', { name: '夜勤手当の引き上げ' }).getAttribute('href')).toBe(
      `/demands/${nightShift.id}`,
    );
    expect(within(first).getByText('一致度 81%')).toBeTruthy();
    expect(within(first).getByText('主な職場の悩み・要求')).toBeTruthy();
    expect([...first.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['夜勤', '手当']);
    const second = row(region, rest.id);
    expect(within(second).getByText('アンケートの自由記述')).toBeTruthy();
    expect(within(second).getByText('同義語: 休息 ≈ インターバル')).toBeTruthy();
    expect([...second.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['休息']);
  });

  it('links the member to a demand from its row and refreshes the linked demands', async () => {
    const server = fakeServer();
    render(server);
    const region = await section();
    const user = userEvent.setup();
    await user.click(await within(region).findByRole('button', { name: '『夜勤手当の引き上げ』に紐付ける' }));
    await within(region).findByText('『夜勤手当の引き上げ』に紐付けました');
    expect(server.writes).toEqual([
      { url: `/api/demands/${nightShift.id}/suggestions/accept`, body: { memberIds: [MEMBER_ID] } },
    ]);
    // The member was read again: the demand is now among the linked ones, and no longer suggested.
    const linked = screen.getByRole('region', { name: /^関連する要求/ });
    expect(await within(linked).findByRole('link', { name: '夜勤手当の引き上げ' })).toBeTruthy();
    await waitFor(() => expect(row(region, nightShift.id)).toBeNull());
    expect(row(region, rest.id)).toBeTruthy();
  });

  it('turns a demand down from its row: never suggested again, not linked', async () => {
    const server = fakeServer();
    render(server);
    const region = await section();
    const user = userEvent.setup();
    await user.click(
      await within(region).findByRole('button', { name: '『勤務間インターバルの導入』を今後提案しない' }),
    );
    await within(region).findByText('『勤務間インターバルの導入』を今後提案しません');
    expect(server.writes).toEqual([
      { url: `/api/demands/${rest.id}/suggestions/reject`, body: { memberIds: [MEMBER_ID] } },
    ]);
    await waitFor(() => expect(row(region, rest.id)).toBeNull());
  });

  it('hides the buttons from a user who may not link members, and says when there is nothing', async () => {
    access.denied.add('demands.link');
    render(fakeServer({ pending: 2 }));
    const region = await section();
    await within(region).findByRole('link', { name: '夜勤手当の引き上げ' });
    expect(within(region).queryAllByRole('button')).toEqual([]);
    expect(within(region).getByText(/最近の変更を反映中です/)).toBeTruthy();
  });

  it('says 提案はありません when no demand matches', async () => {
    const server = fakeServer();
    const empty = (url: string, init?: RequestInit) =>
      url.startsWith(`/api/members/${MEMBER_ID}/demand-suggestions`)
        ? { items: [], pending: 0 }
        : server.fetch(url, init);
    renderWeb(<MemberPage />, {
      route: `/members/${MEMBER_ID}`,
      path: '/members/:id',
      fetch: empty,
      me: signedInAs('officer'),
    });
    const region = await section();
    expect(await within(region).findByText('提案はありません')).toBeTruthy();
  });

  it('speaks English when the app does', async () => {
    render(fakeServer(), 'en');
    const region = await screen.findByRole('region', { name: /Demands this member’s words match/ });
    expect(await within(region).findByRole('button', { name: 'Link to “夜勤手当の引き上げ”' })).toBeTruthy();
    expect(within(region).getByText('Match 81%')).toBeTruthy();
  });
});
