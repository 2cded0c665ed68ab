// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import type { CustomField } from '../../http/types';
import { MemberForm } from '../members/MemberForm';
import MemberPage from '../members/MemberPage';
import { buildMember, jsonBody, MEMBER_ID, me, page, signedInAs, workplace } from '../members/test-fixtures';
import { buildWorkplace } from '../settings/test-fixtures';
import { staffAnswer } from '../users/test-fixtures';
import { valuesOf, WorkplaceForm } from '../workplaces/WorkplaceForm';
import WorkplacePage from '../workplaces/WorkplacePage';
import { answerDefinitions, buildCustomField, memberFields } from './test-fixtures';
import { customFieldsBody, displayValue, inputValuesOf } from './values';

afterEach(cleanup);

type Call = { url: string; method: string; body: Record<string, unknown> };

function fakeServer(fields: CustomField[], onWrite: (call: Call) => unknown) {
  const calls: Call[] = [];
  const fetch = (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    if (url.startsWith('/api/members/duplicates')) return { items: [] };
    const call = { url, method, body: method === 'GET' ? {} : jsonBody(init) };
    calls.push(call);
    if (method !== 'GET') return onWrite(call);
    if (url.startsWith('/api/custom-fields')) return answerDefinitions(url, fields);
    if (url.startsWith('/api/auth/me')) return me;
    if (url.startsWith('/api/workplaces')) return page([workplace]);
    if (url.startsWith('/api/staff')) return staffAnswer(url, [me]);
    return apiError(404, 'not_found');
  };
  return { calls, fetch };
}

describe('custom field values', () => {
  const [shift, licenses, nightOk, memo, years] = memberFields() as [
    CustomField,
    CustomField,
    CustomField,
    CustomField,
    CustomField,
  ];
  const all = [shift, licenses, nightOk, memo, years];

  it('sends on creation the filled fields and every yes/no; on an edit only the changed ones, empty as null', () => {
    expect(customFieldsBody(all, {})).toEqual({ night_ok: false });
    expect(customFieldsBody(all, { shift: 'day', years: ' 12.5 ', licenses: ['crane'] })).toEqual({
      shift: 'day',
      licenses: ['crane'],
      night_ok: false,
      years: 12.5,
    });
    const original = inputValuesOf({
      shift: 'day',
      licenses: ['crane', 'forklift'],
      night_ok: true,
      years: 3,
    });
    expect(original).toEqual({ shift: 'day', licenses: ['crane', 'forklift'], night_ok: true, years: '3' });
    expect(customFieldsBody(all, { ...original, licenses: ['forklift', 'crane'] }, original)).toBeUndefined();
    expect(
      customFieldsBody(all, { ...original, shift: '', licenses: [], night_ok: false, memo: 'x' }, original),
    ).toEqual({ shift: null, licenses: null, night_ok: false, memo: 'x' });
    // What does not read as a number goes as typed: the server names the field.
    expect(customFieldsBody([years], { years: '12a' })).toEqual({ years: '12a' });
  });

  it('shows values in the UI language', () => {
    const text = { yes: 'はい', no: 'いいえ', listSeparator: '、' };
    const date = (d: string) => `[${d}]`;
    expect(displayValue(shift, 'night', text, 'ja', date)).toBe('夜勤');
    expect(displayValue(shift, 'night', text, 'en', date)).toBe('Night');
    expect(displayValue(shift, 'gone', text, 'ja', date)).toBe('gone');
    expect(displayValue(licenses, ['forklift', 'crane'], text, 'ja', date)).toBe('フォークリフト、クレーン');
    expect(displayValue(nightOk, false, text, 'ja', date)).toBe('いいえ');
    expect(displayValue(nightOk, undefined, text, 'ja', date)).toBe('');
    expect(displayValue(buildCustomField({ type: 'date' }), '2026-04-01', text, 'ja', date)).toBe(
      '[2026-04-01]',
    );
    expect(displayValue(years, 1234.5, text, 'ja', date)).toBe('1,234.5');
  });
});

describe('MemberForm › custom fields', () => {
  it('has an input of the right kind per active field, required marked, and sends the values on creation', async () => {
    const user = userEvent.setup();
    const archived = buildCustomField({
      key: 'old',
      labelJa: '旧項目',
      archivedAt: '2026-11-01T00:00:00.000Z',
    });
    const server = fakeServer([...memberFields(), archived], () =>
      apiError(400, 'validation_failed', { 'customFields.years': 'must be a number' }),
    );
    renderWeb(<MemberForm onDone={vi.fn()} onCancel={vi.fn()} />, {
      fetch: server.fetch,
      me: signedInAs('officer'),
    });

    const group = await screen.findByRole('group', { name: 'カスタム項目' });
    const shift = within(group).getByRole('combobox', { name: /^勤務形態/ }) as HTMLSelectElement;
    expect(within(group).getByText('勤務形態', { selector: 'label' }).textContent).toBe('勤務形態 *');
    expect(Array.from(shift.options).map((o) => o.textContent)).toEqual(['未設定', '日勤', '夜勤']);
    const licenses = within(group).getByRole('group', { name: '資格' });
    expect(within(group).queryByText('旧項目')).toBeNull();

    await user.type(screen.getByLabelText(/^氏名/), '鈴木 一郎');
    await user.selectOptions(shift, '夜勤');
    await user.click(within(licenses).getByRole('checkbox', { name: 'クレーン' }));
    await user.click(within(group).getByRole('checkbox', { name: '夜勤可' }));
    await user.type(within(group).getByRole('textbox', { name: 'メモ' }), 'フォーク歴10年');
    await user.type(within(group).getByRole('spinbutton', { name: '経験年数' }), '10');
    await user.click(screen.getByRole('button', { name: '登録する' }));

    await waitFor(() => expect(server.calls.some((c) => c.method === 'POST')).toBe(true));
    const post = server.calls.find((c) => c.method === 'POST');
    expect(post?.body.customFields).toEqual({
      shift: 'night',
      licenses: ['crane'],
      night_ok: true,
      memo: 'フォーク歴10年',
      years: 10,
    });
    // The server's message is shown at the input and, by the field's label, in the summary.
    const yearsInput = within(group).getByRole('spinbutton', { name: '経験年数' });
    await waitFor(() => expect(yearsInput.getAttribute('aria-invalid')).toBe('true'));
    expect(within(group).getByText('数値を入力してください')).toBeTruthy();
    const summary = screen
      .getAllByRole('alert')
      .find((a) => a.textContent?.includes('入力内容を確認してください'));
    expect(summary?.textContent).toContain('経験年数：数値を入力してください');
  });

  it('on an edit sends only the changed fields, a cleared one as null', async () => {
    const user = userEvent.setup();
    const member = buildMember({ customFields: { shift: 'day', memo: '古いメモ', night_ok: true } });
    const server = fakeServer(memberFields(), (call) => buildMember({ ...member, version: 4, ...call.body }));
    const onDone = vi.fn();
    renderWeb(<MemberForm member={member} onDone={onDone} onCancel={vi.fn()} />, {
      fetch: server.fetch,
      me: signedInAs('officer'),
    });
    const group = await screen.findByRole('group', { name: 'カスタム項目' });
    const memo = within(group).getByRole('textbox', { name: 'メモ' }) as HTMLInputElement;
    expect(memo.value).toBe('古いメモ');
    expect((within(group).getByRole('checkbox', { name: '夜勤可' }) as HTMLInputElement).checked).toBe(true);
    await user.clear(memo);
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    const patch = server.calls.find((c) => c.method === 'PATCH');
    expect(patch?.body).toEqual({ version: 3, customFields: { memo: null } });
  });
});

describe('WorkplaceForm › custom fields', () => {
  it('sends the changed custom fields with the workplace', async () => {
    const user = userEvent.setup();
    const fields = [
      buildCustomField({
        entity: 'workplace',
        key: 'site_type',
        labelJa: '拠点区分',
        type: 'choice',
        options: [
          { value: 'factory', labelJa: '工場', labelEn: 'Factory' },
          { value: 'office', labelJa: '事務所', labelEn: 'Office' },
        ],
      }),
      buildCustomField({
        entity: 'workplace',
        key: 'opened_on',
        labelJa: '開設日',
        type: 'date',
        position: 1,
      }),
    ];
    const wp = buildWorkplace({ customFields: { site_type: 'factory' } });
    const onSubmit = vi.fn();
    renderWeb(
      <WorkplaceForm
        mode="edit"
        title="編集"
        initial={valuesOf(wp)}
        customFields={wp.customFields}
        staff={null}
        error={undefined}
        pending={false}
        onSubmit={onSubmit}
        onCancel={vi.fn()}
      />,
      { fetch: fakeServer(fields, () => undefined).fetch, me: signedInAs('officer') },
    );
    const group = await screen.findByRole('group', { name: 'カスタム項目' });
    await user.selectOptions(within(group).getByRole('combobox', { name: '拠点区分' }), '事務所');
    const opened = within(group).getByLabelText('開設日');
    await user.type(opened, '2020-04-01');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(onSubmit.mock.calls[0]?.[0].customFields).toEqual({
      site_type: 'office',
      opened_on: '2020-04-01',
    });
  });
});

describe('MemberPage › custom fields', () => {
  const render = (lang: 'ja' | 'en' = 'ja') => {
    const fetch = (url: string) => {
      const path = url.split('?')[0] ?? '';
      if (path === '/api/custom-fields') return answerDefinitions(url, memberFields());
      if (path === `/api/members/${MEMBER_ID}`)
        return buildMember({
          customFields: { shift: 'night', licenses: ['forklift', 'crane'], night_ok: false, years: 7 },
        });
      if (path.startsWith(`/api/members/${MEMBER_ID}/`) || path === '/api/demands' || path === '/api/tasks')
        return page([]);
      return apiError(404, 'not_found');
    };
    renderWeb(<MemberPage />, {
      route: `/members/${MEMBER_ID}`,
      path: '/members/:id',
      fetch,
      me: signedInAs('officer'),
      lang,
    });
  };
  const factOf = async (term: string) => {
    const dt = await screen.findByText(term, { selector: 'dt' });
    return dt.nextElementSibling?.textContent;
  };

  it('shows the values by their labels, yes/no as はい/いいえ, an empty one as a dash', async () => {
    render();
    expect(await factOf('勤務形態')).toBe('夜勤');
    expect(await factOf('資格')).toBe('フォークリフト、クレーン');
    expect(await factOf('夜勤可')).toBe('いいえ');
    expect(await factOf('経験年数')).toBe('7');
    expect(await factOf('メモ')).toBe('—');
  });

  it('in English', async () => {
    render('en');
    expect(await factOf('Shift')).toBe('Night');
    expect(await factOf('Licences')).toBe('Forklift, Crane');
    expect(await factOf('Nights OK')).toBe('No');
  });
});

describe('WorkplacePage › custom fields', () => {
  it('shows the values in the facts and edits them with the workplace', async () => {
    const user = userEvent.setup();
    const fields = [
      buildCustomField({
        entity: 'workplace',
        key: 'site_type',
        labelJa: '拠点区分',
        labelEn: 'Site type',
        type: 'choice',
        options: [
          { value: 'factory', labelJa: '工場', labelEn: 'Factory' },
          { value: 'office', labelJa: '事務所', labelEn: 'Office' },
        ],
      }),
      buildCustomField({
        entity: 'workplace',
        key: 'night',
        labelJa: '夜勤あり',
        type: 'boolean',
        position: 1,
      }),
    ];
    const wp = buildWorkplace({ name: '第二工場', customFields: { site_type: 'factory', night: true } });
    const patches: Record<string, unknown>[] = [];
    const fetch = (url: string, init?: RequestInit) => {
      const path = url.split('?')[0] ?? '';
      if (path === '/api/custom-fields') return answerDefinitions(url, fields);
      if (path === `/api/workplaces/${wp.id}` && init?.method === 'PATCH') {
        patches.push(jsonBody(init));
        return { ...wp, version: 2, customFields: { site_type: 'office', night: true } };
      }
      if (path === `/api/workplaces/${wp.id}`) return wp;
      if (path === '/api/staff') return staffAnswer(url, [me]);
      if (path.startsWith('/api/')) return page([]);
      return apiError(404, 'not_found');
    };
    renderWeb(<WorkplacePage />, {
      route: `/workplaces/${wp.id}`,
      path: '/workplaces/:id',
      fetch,
      me: signedInAs('officer'),
    });
    const facts = await screen.findByRole('region', { name: '基本情報' });
    const value = async (term: string) =>
      (await within(facts).findByText(term, { selector: 'dt' })).nextElementSibling?.textContent;
    expect(await value('拠点区分')).toBe('工場');
    expect(await value('夜勤あり')).toBe('はい');

    await user.click(screen.getByRole('button', { name: '編集' }));
    const group = await screen.findByRole('group', { name: 'カスタム項目' });
    await user.selectOptions(within(group).getByRole('combobox', { name: '拠点区分' }), '事務所');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(patches).toHaveLength(1));
    expect(patches[0]).toMatchObject({ version: 1, customFields: { site_type: 'office' } });
  });
});
