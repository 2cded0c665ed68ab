// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import { signedInAs } from '../members/test-fixtures';
import type { SynonymTable } from './queries';
import SettingsPage from './SettingsPage';
import { parseTerms, SynonymSettings } from './SynonymSettings';
import { recordRequest, type Seen } from './test-fixtures';

afterEach(cleanup);

function buildTable(over: Partial<SynonymTable> = {}): SynonymTable {
  return {
    groups: [
      { kind: 'equal', terms: ['ベースアップ', 'ベア', '賃上げ'] },
      { kind: 'related', terms: ['残業', 'タイムカード'] },
      { kind: 'narrower', terms: ['ハラスメント', 'パワハラ', 'セクハラ'] },
    ],
    isDefault: true,
    version: 1,
    updatedAt: '2026-11-01T00:00:00.000Z',
    candidates: [
      { term: '仮眠', demandTerm: '夜勤手当', count: 3 },
      { term: '駐車', demandTerm: '通勤', count: 2 },
    ],
    ...over,
  };
}

type Handlers = {
  put?: (req: Seen, n: number) => unknown;
  dismiss?: (req: Seen) => unknown;
  reads?: SynonymTable[];
};

function server(seen: Seen[], handlers: Handlers = {}) {
  let puts = 0;
  let reads = 0;
  const tables = handlers.reads ?? [buildTable()];
  return (url: string, init?: RequestInit) => {
    const req = recordRequest(seen, url, init);
    const path = url.split('?')[0];
    if (path === '/api/settings/synonyms' && req.method === 'PUT') return handlers.put?.(req, ++puts);
    if (path === '/api/settings/synonyms') return tables[Math.min(reads++, tables.length - 1)];
    if (path === '/api/settings/synonyms/candidates/dismiss') return handlers.dismiss?.(req);
    return apiError(404, 'not_found');
  };
}

const termsOf = (n: number) => screen.getByRole('textbox', { name: `${n}行目の語` }) as HTMLInputElement;
const kindOf = (n: number) => screen.getByRole('combobox', { name: `${n}行目の種類` }) as HTMLSelectElement;
const describedText = (input: HTMLElement) =>
  (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

describe('SynonymSettings', () => {
  it('reads words separated by 、 and commas', () => {
    expect(parseTerms(' ベア、賃上げ,ベースアップ，  定昇 ')).toEqual([
      'ベア',
      '賃上げ',
      'ベースアップ',
      '定昇',
    ]);
    expect(parseTerms('、、')).toEqual([]);
  });

  it('shows the groups as rows, says the default list is in force, and saves the edited table with its version', async () => {
    const user = userEvent.setup();
    const seen: Seen[] = [];
    const saved = buildTable({ isDefault: false, version: 2, updatedAt: '2026-11-24T03:00:00.000Z' });
    renderWeb(<SynonymSettings />, {
      me: signedInAs('officer'),
      fetch: server(seen, { put: (req) => ({ ...saved, groups: (req.body as SynonymTable).groups }) }),
    });
    await screen.findByRole('table', { name: '同義語・関連語の表' });
    expect(screen.getByTestId('synonyms-source').textContent).toBe(
      '初期設定の一覧を使っています（まだ誰も保存していません）。',
    );
    expect(termsOf(1).value).toBe('ベースアップ、ベア、賃上げ');
    expect(kindOf(1).value).toBe('equal');
    expect(kindOf(2).selectedOptions[0]?.textContent).toBe('関連（≈）');
    // The broader word of a 上位・下位 row is said.
    expect(describedText(termsOf(3))).toContain('上位：ハラスメント／下位：パワハラ、セクハラ');

    // Change a row's kind and words, remove one, add one.
    await user.selectOptions(kindOf(2), '同じ意味（=）');
    await user.clear(termsOf(2));
    await user.type(termsOf(2), '残業代,時間外手当');
    await user.click(screen.getByRole('button', { name: '1行目を削除' }));
    // The keyboard goes to the row below.
    expect(document.activeElement).toBe(termsOf(1));
    await user.click(screen.getByRole('button', { name: '行を追加' }));
    expect(document.activeElement).toBe(termsOf(3));
    await user.type(termsOf(3), '駐車場、駐輪場');
    await user.selectOptions(kindOf(3), '関連（≈）');
    await user.click(screen.getByRole('button', { name: '保存' }));

    await screen.findByText('保存しました。提案はこの表で計算し直しています。');
    const put = seen.find((r) => r.method === 'PUT');
    expect(put?.body).toEqual({
      version: 1,
      groups: [
        { kind: 'equal', terms: ['残業代', '時間外手当'] },
        { kind: 'narrower', terms: ['ハラスメント', 'パワハラ', 'セクハラ'] },
        { kind: 'related', terms: ['駐車場', '駐輪場'] },
      ],
    });
    expect(screen.getByTestId('synonyms-source').textContent).toMatch(/^組合で編集した一覧を使っています/);
    expect(termsOf(1).value).toBe('残業代、時間外手当');
  });

  it('shows the server’s messages at the rows they are about, naming the word', async () => {
    const user = userEvent.setup();
    const seen: Seen[] = [];
    renderWeb(<SynonymSettings />, {
      me: signedInAs('admin'),
      fetch: server(seen, {
        put: () =>
          apiError(400, 'validation_failed', {
            'groups.1.terms.1': 'tooShort',
            'groups.2.terms': 'duplicateTerms',
          }),
      }),
    });
    await screen.findByRole('table');
    await user.clear(termsOf(2));
    await user.type(termsOf(2), '残業、x');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await screen.findByText('入力内容を確認してください');
    expect(termsOf(1).getAttribute('aria-invalid')).toBe('false');
    expect(termsOf(2).getAttribute('aria-invalid')).toBe('true');
    expect(describedText(termsOf(2))).toContain('「x」：2文字以上の語にしてください');
    expect(describedText(termsOf(3))).toContain('同じ語が重複しています');
  });

  it('after someone else saved (409) keeps the typed rows and loads the latest table on request', async () => {
    const user = userEvent.setup();
    const seen: Seen[] = [];
    const latest = buildTable({
      isDefault: false,
      version: 5,
      groups: [{ kind: 'equal', terms: ['一時金', '賞与', 'ボーナス'] }],
    });
    renderWeb(<SynonymSettings />, {
      me: signedInAs('officer'),
      fetch: server(seen, {
        reads: [buildTable(), latest],
        put: () => apiError(409, 'conflict', { version: 'stale' }, { currentVersion: 5 }),
      }),
    });
    await screen.findByRole('table');
    await user.type(termsOf(1), '、定昇');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await screen.findByText(/他の人がこの記録を先に更新しました/);
    expect(termsOf(1).value).toBe('ベースアップ、ベア、賃上げ、定昇');
    await user.click(screen.getByRole('button', { name: '最新の内容を読み込む' }));
    await waitFor(() => expect(termsOf(1).value).toBe('一時金、賞与、ボーナス'));
    expect(screen.queryByRole('textbox', { name: '2行目の語' })).toBeNull();
    expect(screen.queryByText(/他の人がこの記録を先に更新しました/)).toBeNull();
  });

  it('adds a suggested pair as a related row to save, and dismisses another', async () => {
    const user = userEvent.setup();
    const seen: Seen[] = [];
    renderWeb(<SynonymSettings />, {
      me: signedInAs('executive'),
      fetch: server(seen, {
        dismiss: () => buildTable({ candidates: [{ term: '仮眠', demandTerm: '夜勤手当', count: 3 }] }),
        put: (req) => ({ ...buildTable(), groups: (req.body as SynonymTable).groups, version: 2 }),
      }),
    });
    const candidates = await screen.findByRole('region', { name: '追加の候補' });
    expect(within(candidates).getByText('仮眠 ≈ 夜勤手当')).toBeTruthy();
    expect(within(candidates).getByText('採用 3回')).toBeTruthy();

    await user.click(within(candidates).getByRole('button', { name: '仮眠 ≈ 夜勤手当を表に追加' }));
    expect(termsOf(4).value).toBe('仮眠、夜勤手当');
    expect(kindOf(4).value).toBe('related');
    expect(document.activeElement).toBe(termsOf(4));
    expect(within(candidates).getByText('表に追加しました（保存してください）')).toBeTruthy();
    expect(within(candidates).queryByRole('button', { name: '仮眠 ≈ 夜勤手当を表に追加' })).toBeNull();

    await user.click(within(candidates).getByRole('button', { name: '駐車 ≈ 通勤を却下' }));
    await waitFor(() => expect(within(candidates).queryByText('駐車 ≈ 通勤')).toBeNull());
    expect(within(candidates).getByRole('status').textContent).toBe('駐車 ≈ 通勤を却下しました');
    expect(seen.find((r) => r.url === '/api/settings/synonyms/candidates/dismiss')?.body).toEqual({
      term: '駐車',
      demandTerm: '通勤',
    });
    // Dismissing kept the row being added.
    expect(termsOf(4).value).toBe('仮眠、夜勤手当');

    await user.click(screen.getByRole('button', { name: '保存' }));
    await screen.findByText(/保存しました/);
    const put = seen.find((r) => r.method === 'PUT');
    expect((put?.body as SynonymTable | undefined)?.groups.at(-1)).toEqual({
      kind: 'related',
      terms: ['仮眠', '夜勤手当'],
    });
    expect(within(candidates).getByText('表にあります')).toBeTruthy();
  });

  it('filters the rows shown by a word, and always shows a new row', async () => {
    const user = userEvent.setup();
    renderWeb(<SynonymSettings />, { me: signedInAs('officer'), fetch: server([]) });
    await screen.findByRole('table');
    await user.type(screen.getByLabelText('語で絞り込む'), 'パワハラ');
    expect(screen.getAllByRole('row')).toHaveLength(2);
    expect(termsOf(3)).toBeTruthy();
    expect(screen.getByText('3行中 1行を表示')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '行を追加' }));
    expect((screen.getByLabelText('語で絞り込む') as HTMLInputElement).value).toBe('');
    expect(document.activeElement).toBe(termsOf(4));
  });

  it('lets a workplace rep read the table without changing it', async () => {
    renderWeb(<SynonymSettings />, { me: signedInAs('rep'), fetch: server([]) });
    const table = await screen.findByRole('table', { name: '同義語・関連語の表' });
    expect(within(table).getByText('ベースアップ、ベア、賃上げ')).toBeTruthy();
    expect(within(table).getByText('上位・下位（⊃）')).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: /行目の語/ })).toBeNull();
    expect(screen.queryByRole('button', { name: '保存' })).toBeNull();
    expect(screen.queryByRole('button', { name: /を却下/ })).toBeNull();
    expect(screen.getByText('表を変更できるのは、管理者・専従役員・執行委員です。')).toBeTruthy();
  });

  it('speaks English', async () => {
    renderWeb(<SynonymSettings />, { me: signedInAs('officer'), fetch: server([]), lang: 'en' });
    await screen.findByRole('table', { name: 'Synonyms and related words' });
    expect(screen.getByTestId('synonyms-source').textContent).toBe(
      'The default list is in force (nobody has saved a table yet).',
    );
    expect(screen.getByRole('combobox', { name: 'Kind of row 3' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Dismiss 仮眠 ≈ 夜勤手当' })).toBeTruthy();
  });
});

describe('SettingsPage › 同義語・関連語', () => {
  it('is a section of 設定 for an admin', async () => {
    const admin = signedInAs('admin');
    renderWeb(<SettingsPage />, {
      route: '/settings?tab=synonyms',
      path: '/settings',
      me: admin,
      fetch: server([]),
    });
    await screen.findByRole('table', { name: '同義語・関連語の表' });
    const tab = screen.getByRole('link', { name: '同義語・関連語' });
    expect(tab.getAttribute('aria-current')).toBe('page');
    expect(tab.getAttribute('href')).toBe('/settings?tab=synonyms');
  });

  it('is open to an officer, who reaches it from the admins-only notice', async () => {
    const user = userEvent.setup();
    const seen: Seen[] = [];
    renderWeb(<SettingsPage />, {
      route: '/settings',
      path: '/settings',
      me: signedInAs('officer'),
      fetch: server(seen),
    });
    await screen.findByRole('heading', { level: 2, name: '管理者のみ' });
    await user.click(screen.getByRole('link', { name: '「同義語・関連語」の表は、どなたでも見られます。' }));
    await screen.findByRole('table', { name: '同義語・関連語の表' });
    expect(screen.getByRole('button', { name: '保存' })).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: '設定の項目' })).toBeNull();
    expect(seen.map((r) => r.url)).toEqual(['/api/settings/synonyms']);
  });
});
