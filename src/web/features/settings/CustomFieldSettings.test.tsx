// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import type { CustomField } from '../../http/types';
import { answerDefinitions, buildCustomField } from '../custom-fields/test-fixtures';
import { signedInAs } from '../members/test-fixtures';
import { CustomFieldSettings } from './CustomFieldSettings';
import SettingsPage from './SettingsPage';
import { recordRequest, type Seen } from './test-fixtures';

afterEach(cleanup);

/** A fake API keeping the definitions, so every answer reflects the writes before it. */
function server(
  seen: Seen[],
  fields: CustomField[],
  fail: (req: Seen) => Response | undefined = () => undefined,
) {
  return (url: string, init?: RequestInit) => {
    const req = recordRequest(seen, url, init);
    const path = url.split('?')[0] ?? '';
    const failure = fail(req);
    if (failure) return failure;
    if (path === '/api/custom-fields' && req.method === 'GET') return answerDefinitions(url, fields);
    if (path === '/api/custom-fields' && req.method === 'POST') {
      const created = buildCustomField({ ...(req.body as Partial<CustomField>) });
      fields.push(created);
      return new Response(JSON.stringify(created), { status: 201 });
    }
    const match = /^\/api\/custom-fields\/([^/]+)(\/restore)?$/.exec(path);
    const index = fields.findIndex((f) => f.id === match?.[1]);
    const field = fields[index];
    if (!field) return apiError(404, 'not_found');
    let next: CustomField;
    if (req.method === 'PATCH') {
      const { version, ...changes } = req.body as { version: number };
      if (version !== field.version)
        return apiError(409, 'conflict', { version: 'stale' }, { currentVersion: field.version });
      next = { ...field, ...changes };
    } else if (req.method === 'DELETE') next = { ...field, archivedAt: '2026-12-01T03:00:00.000Z' };
    else next = { ...field, archivedAt: null };
    next.version = field.version + 1;
    fields[index] = next;
    return next;
  };
}

const shift = () =>
  buildCustomField({
    key: 'shift',
    labelJa: '勤務形態',
    labelEn: 'Shift',
    type: 'choice',
    position: 0,
    options: [{ value: 'day', labelJa: '日勤', labelEn: 'Day' }],
  });
const memo = () => buildCustomField({ key: 'memo', labelJa: 'メモ', labelEn: 'Memo', position: 1 });

const memberSection = () => screen.getByRole('region', { name: '会員の項目' });

describe('CustomFieldSettings', () => {
  it('lists each entity’s fields in order with their Japanese type names', async () => {
    const seen: Seen[] = [];
    renderWeb(<CustomFieldSettings />, {
      me: signedInAs('admin'),
      fetch: server(seen, [
        shift(),
        memo(),
        buildCustomField({
          entity: 'workplace',
          key: 'site',
          labelJa: '拠点区分',
          type: 'boolean',
          required: true,
        }),
      ]),
    });
    const table = await screen.findByRole('table', { name: '会員のカスタム項目' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
      '勤務形態Shift',
      'メモMemo',
    ]);
    expect(within(rows[0]!).getByText('単一選択')).toBeTruthy();
    expect(within(rows[1]!).getByText('1行テキスト')).toBeTruthy();
    const workplaces = await screen.findByRole('table', { name: '職場のカスタム項目' });
    expect(within(workplaces).getByText('はい/いいえ')).toBeTruthy();
    expect(
      within(workplaces)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toContain('必須');
    expect(seen.map((r) => r.url)).toEqual([
      '/api/custom-fields?entity=member&includeArchived=true',
      '/api/custom-fields?entity=workplace&includeArchived=true',
    ]);
  });

  it('creates a choice field with its options, required, at the end', async () => {
    const user = userEvent.setup();
    const seen: Seen[] = [];
    renderWeb(<CustomFieldSettings />, { me: signedInAs('admin'), fetch: server(seen, [shift()]) });
    await screen.findByRole('table', { name: '会員のカスタム項目' });
    const section = memberSection();
    await user.click(within(section).getByRole('button', { name: '+ 会員の項目を追加' }));
    await user.type(within(section).getByRole('textbox', { name: 'キー' }), 'licenses');
    await user.type(within(section).getByRole('textbox', { name: '日本語ラベル' }), '資格');
    await user.type(within(section).getByRole('textbox', { name: '英語ラベル' }), 'Licences');
    await user.selectOptions(within(section).getByRole('combobox', { name: '種類' }), '複数選択');
    await user.click(within(section).getByRole('checkbox', { name: '必須にする' }));
    await user.type(within(section).getByRole('textbox', { name: '選択肢1の値' }), 'forklift');
    await user.type(
      within(section).getByRole('textbox', { name: '選択肢1の日本語ラベル' }),
      'フォークリフト',
    );
    await user.type(within(section).getByRole('textbox', { name: '選択肢1の英語ラベル' }), 'Forklift');
    await user.click(within(section).getByRole('button', { name: '+ 選択肢を追加' }));
    await user.type(within(section).getByRole('textbox', { name: '選択肢2の値' }), 'crane');
    await user.type(within(section).getByRole('textbox', { name: '選択肢2の日本語ラベル' }), 'クレーン');
    await user.type(within(section).getByRole('textbox', { name: '選択肢2の英語ラベル' }), 'Crane');
    await user.click(within(section).getByRole('button', { name: '追加' }));

    await within(section).findByText('「資格」を追加しました');
    expect(seen.find((r) => r.method === 'POST')?.body).toEqual({
      entity: 'member',
      key: 'licenses',
      labelJa: '資格',
      labelEn: 'Licences',
      type: 'choices',
      required: true,
      position: 1,
      options: [
        { value: 'forklift', labelJa: 'フォークリフト', labelEn: 'Forklift' },
        { value: 'crane', labelJa: 'クレーン', labelEn: 'Crane' },
      ],
    });
    await waitFor(() =>
      expect(
        within(section)
          .getAllByRole('rowheader')
          .map((r) => r.textContent),
      ).toEqual(['勤務形態Shift', '資格Licences']),
    );
  });

  it('shows the server’s message at the key (a duplicate key)', async () => {
    const user = userEvent.setup();
    const seen: Seen[] = [];
    renderWeb(<CustomFieldSettings />, {
      me: signedInAs('admin'),
      fetch: server(seen, [shift()], (req) =>
        req.method === 'POST'
          ? apiError(409, 'conflict', {
              key: 'is already in use (an archived field may hold it: restore that one)',
            })
          : undefined,
      ),
    });
    await screen.findByRole('table', { name: '会員のカスタム項目' });
    const section = memberSection();
    await user.click(within(section).getByRole('button', { name: '+ 会員の項目を追加' }));
    await user.type(within(section).getByRole('textbox', { name: 'キー' }), 'shift');
    await user.type(within(section).getByRole('textbox', { name: '日本語ラベル' }), '勤務');
    await user.type(within(section).getByRole('textbox', { name: '英語ラベル' }), 'Shift');
    await user.click(within(section).getByRole('button', { name: '追加' }));
    const key = within(section).getByRole('textbox', { name: 'キー' });
    await waitFor(() => expect(key.getAttribute('aria-invalid')).toBe('true'));
    expect(within(section).getByText(/^このキーはすでに使われています/)).toBeTruthy();
  });

  it('edits labels, options and required with the version; on a 409 offers the latest version', async () => {
    const user = userEvent.setup();
    const seen: Seen[] = [];
    const fields = [shift()];
    let stale = true;
    renderWeb(<CustomFieldSettings />, {
      me: signedInAs('admin'),
      fetch: server(seen, fields, (req) => {
        if (req.method === 'PATCH' && stale) {
          stale = false;
          // Someone saved meanwhile.
          fields[0] = { ...fields[0]!, labelEn: 'Work pattern', version: 2 };
          return apiError(409, 'conflict', { version: 'stale' }, { currentVersion: 2 });
        }
        return undefined;
      }),
    });
    await screen.findByRole('table', { name: '会員のカスタム項目' });
    const section = memberSection();
    await user.click(within(section).getByRole('button', { name: '「勤務形態」を編集' }));
    const ja = within(section).getByRole('textbox', { name: '日本語ラベル' });
    await user.clear(ja);
    await user.type(ja, '勤務体系');
    await user.click(within(section).getByRole('button', { name: '保存' }));
    const conflict = await within(section).findByRole('button', { name: '最新の内容を読み込む' });
    await user.click(conflict);
    await waitFor(() =>
      expect((within(section).getByRole('textbox', { name: '英語ラベル' }) as HTMLInputElement).value).toBe(
        'Work pattern',
      ),
    );
    const ja2 = within(section).getByRole('textbox', { name: '日本語ラベル' });
    await user.clear(ja2);
    await user.type(ja2, '勤務体系');
    await user.click(within(section).getByRole('checkbox', { name: '必須にする' }));
    await user.click(within(section).getByRole('button', { name: '+ 選択肢を追加' }));
    await user.type(within(section).getByRole('textbox', { name: '選択肢2の値' }), 'night');
    await user.type(within(section).getByRole('textbox', { name: '選択肢2の日本語ラベル' }), '夜勤');
    await user.type(within(section).getByRole('textbox', { name: '選択肢2の英語ラベル' }), 'Night');
    // A saved option's value is fixed (records hold it).
    expect((within(section).getByRole('textbox', { name: '選択肢1の値' }) as HTMLInputElement).readOnly).toBe(
      true,
    );
    await user.click(within(section).getByRole('button', { name: '保存' }));
    await within(section).findByText('「勤務体系」を保存しました');
    const patches = seen.filter((r) => r.method === 'PATCH');
    expect(patches.map((r) => r.body)).toEqual([
      {
        version: 1,
        labelJa: '勤務体系',
        labelEn: 'Shift',
        required: false,
        options: [{ value: 'day', labelJa: '日勤', labelEn: 'Day' }],
      },
      {
        version: 2,
        labelJa: '勤務体系',
        labelEn: 'Work pattern',
        required: true,
        options: [
          { value: 'day', labelJa: '日勤', labelEn: 'Day' },
          { value: 'night', labelJa: '夜勤', labelEn: 'Night' },
        ],
      },
    ]);
  });

  it('moves a field down by renumbering the positions', async () => {
    const user = userEvent.setup();
    const seen: Seen[] = [];
    renderWeb(<CustomFieldSettings />, { me: signedInAs('admin'), fetch: server(seen, [shift(), memo()]) });
    await screen.findByRole('table', { name: '会員のカスタム項目' });
    const section = memberSection();
    expect(
      (within(section).getByRole('button', { name: '「勤務形態」を上へ' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    await user.click(within(section).getByRole('button', { name: '「勤務形態」を下へ' }));
    await within(section).findByText('「勤務形態」の順番を変えました');
    expect(seen.filter((r) => r.method === 'PATCH').map((r) => [r.url, r.body])).toEqual([
      [expect.stringMatching(/^\/api\/custom-fields\//), { version: 1, position: 0 }],
      [expect.stringMatching(/^\/api\/custom-fields\//), { version: 1, position: 1 }],
    ]);
    await waitFor(() =>
      expect(
        within(section)
          .getAllByRole('rowheader')
          .map((r) => r.textContent),
      ).toEqual(['メモMemo', '勤務形態Shift']),
    );
  });

  it('deletes after a confirmation saying the values are kept, and restores', async () => {
    const user = userEvent.setup();
    const seen: Seen[] = [];
    renderWeb(<CustomFieldSettings />, { me: signedInAs('admin'), fetch: server(seen, [shift(), memo()]) });
    await screen.findByRole('table', { name: '会員のカスタム項目' });
    const section = memberSection();
    await user.click(within(section).getByRole('button', { name: '「メモ」を削除' }));
    const dialog = within(section).getByRole('alertdialog', { name: '「メモ」を削除しますか？' });
    expect(dialog.textContent).toContain('入力済みの値は消えずに残り');
    // Cancelling sends nothing.
    await user.click(within(dialog).getByRole('button', { name: 'キャンセル' }));
    expect(within(section).queryByRole('alertdialog')).toBeNull();
    await user.click(within(section).getByRole('button', { name: '「メモ」を削除' }));
    await user.click(within(section).getByRole('button', { name: '削除する' }));
    await within(section).findByText('「メモ」を削除しました（値は残っています）');
    expect(seen.filter((r) => r.method === 'DELETE').length).toBe(1);
    const archived = await within(section).findByRole('list', { name: '削除した項目（会員）' });
    expect(
      within(section)
        .getAllByRole('rowheader')
        .map((r) => r.textContent),
    ).toEqual(['勤務形態Shift']);
    await user.click(within(archived).getByRole('button', { name: '「メモ」を復元' }));
    await within(section).findByText('「メモ」を復元しました');
    expect(seen.some((r) => r.method === 'POST' && r.url.endsWith('/restore'))).toBe(true);
    await waitFor(() => expect(within(section).getAllByRole('rowheader').length).toBe(2));
    expect(within(section).queryByRole('list', { name: '削除した項目（会員）' })).toBeNull();
  });

  it('speaks English', async () => {
    renderWeb(<CustomFieldSettings />, { me: signedInAs('admin'), fetch: server([], [shift()]), lang: 'en' });
    const table = await screen.findByRole('table', { name: 'Member custom fields' });
    expect(within(table).getByText('Single choice')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Delete “Shift”' })).toBeTruthy();
  });
});

describe('SettingsPage › カスタム項目', () => {
  it('is a tab of 設定 for an admin', async () => {
    renderWeb(<SettingsPage />, {
      route: '/settings?tab=customFields',
      path: '/settings',
      me: signedInAs('admin'),
      fetch: server([], [shift()]),
    });
    await screen.findByRole('table', { name: '会員のカスタム項目' });
    const tab = screen.getByRole('link', { name: 'カスタム項目' });
    expect(tab.getAttribute('aria-current')).toBe('page');
  });
});
