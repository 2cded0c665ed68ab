// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import MemberListPage from '../members/MemberListPage';
import { buildMember, me, page, signedInAs, workplace } from '../members/test-fixtures';
import { staffAnswer } from '../users/test-fixtures';
import { buildWorkplace } from '../workplaces/test-fixtures';
import WorkplaceListPage from '../workplaces/WorkplaceListPage';
import { answerDefinitions, buildCustomField, memberFields } from './test-fixtures';
import { customColumnKeys, customFilters, withCustomColumn } from './values';

afterEach(cleanup);

function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{location.search}</output>;
}
const locationSearch = () => new URLSearchParams(screen.getByTestId('location').textContent ?? '');

describe('list URL helpers', () => {
  it('keeps custom columns in `columns` beside other entries, and reads cf.<key> filters', () => {
    const search = new URLSearchParams('columns=phone,cf.shift&cf.shift=day&cf.empty=&q=x');
    expect(customColumnKeys(search)).toEqual(['shift']);
    expect(withCustomColumn(search, 'memo', true).get('columns')).toBe('phone,cf.shift,cf.memo');
    expect(withCustomColumn(search, 'shift', false).get('columns')).toBe('phone');
    expect(withCustomColumn(new URLSearchParams('columns=cf.a'), 'a', false).has('columns')).toBe(false);
    expect(customFilters(search)).toEqual({ 'cf.shift': 'day' });
  });
});

describe('MemberListPage › custom fields', () => {
  function setup(route = '/members') {
    const memberUrls: string[] = [];
    const members = [
      buildMember({ customFields: { shift: 'night', licenses: ['crane'], night_ok: true } }),
      buildMember({ id: '11111111-1111-4111-8111-111111111112', name: '鈴木 一郎', customFields: {} }),
    ];
    const fetch = (url: string) => {
      if (url.startsWith('/api/custom-fields')) return answerDefinitions(url, memberFields());
      if (url.startsWith('/api/members')) {
        memberUrls.push(url);
        return page(members);
      }
      if (url.startsWith('/api/workplaces')) return page([workplace]);
      if (url.startsWith('/api/staff')) return staffAnswer(url, [me]);
      if (url.startsWith('/api/auth/me')) return signedInAs('officer');
      return apiError(404, 'not_found');
    };
    renderWeb(
      <>
        <MemberListPage />
        <LocationProbe />
      </>,
      { route, path: '/members', fetch, me: signedInAs('officer') },
    );
    const lastQuery = () => new URLSearchParams(memberUrls.at(-1)?.split('?')[1] ?? '');
    return { lastQuery };
  }

  it('filters by a choice, choices or yes/no field: kept in the URL as cf.<key> and sent as it is', async () => {
    const user = userEvent.setup();
    const { lastQuery } = setup('/members?offset=50');
    const shift = (await screen.findByRole('combobox', { name: '勤務形態' })) as HTMLSelectElement;
    expect(Array.from(shift.options).map((o) => o.textContent)).toEqual(['すべて', '日勤', '夜勤']);
    // Text and number fields are not offered as filters.
    expect(screen.queryByRole('combobox', { name: 'メモ' })).toBeNull();
    await user.selectOptions(shift, '夜勤');
    await user.selectOptions(screen.getByRole('combobox', { name: '夜勤可' }), 'いいえ');
    await user.selectOptions(screen.getByRole('combobox', { name: '資格' }), 'クレーン');
    await waitFor(() => expect(lastQuery().get('cf.licenses')).toBe('crane'));
    expect(lastQuery().get('cf.shift')).toBe('night');
    expect(lastQuery().get('cf.night_ok')).toBe('false');
    expect(locationSearch().get('cf.shift')).toBe('night');
    // A new filter starts from the first page.
    expect(locationSearch().has('offset')).toBe(false);
    // Back to すべて drops it.
    await user.selectOptions(shift, 'すべて');
    await waitFor(() => expect(lastQuery().has('cf.shift')).toBe(false));
  });

  it('shows the custom columns chosen in 表示する列, kept in the URL', async () => {
    const user = userEvent.setup();
    setup();
    const table = await screen.findByRole('table');
    await screen.findByText('表示する列');
    expect(within(table).queryByRole('columnheader', { name: '勤務形態' })).toBeNull();
    await user.click(screen.getByText('表示する列'));
    await user.click(screen.getByRole('checkbox', { name: '勤務形態' }));
    await user.click(screen.getByRole('checkbox', { name: '夜勤可' }));
    await waitFor(() => expect(locationSearch().get('columns')).toBe('cf.shift,cf.night_ok'));
    expect(within(table).getByRole('columnheader', { name: '勤務形態' })).toBeTruthy();
    const row = within(table).getAllByRole('row')[1]!;
    const cells = within(row).getAllByRole('cell');
    expect(cells.slice(-2).map((c) => c.textContent)).toEqual(['夜勤', 'はい']);
    expect(cells.at(-2)?.getAttribute('data-label')).toBe('勤務形態');
    const empty = within(within(table).getAllByRole('row')[2]!).getAllByRole('cell');
    expect(empty.slice(-2).map((c) => c.textContent)).toEqual(['', '']);
  });

  it('opens with the columns and filters of a shared link', async () => {
    const { lastQuery } = setup('/members?columns=cf.licenses&cf.shift=night');
    await screen.findByRole('columnheader', { name: '資格' });
    expect(((await screen.findByRole('combobox', { name: '勤務形態' })) as HTMLSelectElement).value).toBe(
      'night',
    );
    expect(lastQuery().get('cf.shift')).toBe('night');
    // Clearing the filters keeps the columns.
    await userEvent.setup().click(screen.getByRole('button', { name: '条件をクリア' }));
    await waitFor(() => expect(locationSearch().toString()).toBe('columns=cf.licenses'));
  });
});

describe('WorkplaceListPage › custom fields', () => {
  it('filters and shows columns of workplace fields', async () => {
    const user = userEvent.setup();
    const urls: string[] = [];
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
    ];
    const fetch = (url: string) => {
      if (url.startsWith('/api/custom-fields')) return answerDefinitions(url, fields);
      if (url.startsWith('/api/workplaces/establishments')) return { items: [] };
      if (url.startsWith('/api/workplaces')) {
        urls.push(url);
        return page([buildWorkplace({ name: '第二工場', customFields: { site_type: 'factory' } })]);
      }
      if (url.startsWith('/api/staff')) return staffAnswer(url, [me]);
      return apiError(404, 'not_found');
    };
    renderWeb(
      <>
        <WorkplaceListPage />
        <LocationProbe />
      </>,
      { route: '/workplaces', path: '/workplaces', fetch, me: signedInAs('officer'), lang: 'en' },
    );
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Site type' }), 'Factory');
    await waitFor(() => expect(urls.at(-1)).toContain('cf.site_type=factory'));
    await user.click(screen.getByText('Columns'));
    await user.click(screen.getByRole('checkbox', { name: 'Site type' }));
    await screen.findByRole('columnheader', { name: 'Site type' });
    expect(locationSearch().get('columns')).toBe('cf.site_type');
    expect(screen.getByRole('cell', { name: 'Factory' })).toBeTruthy();
  });
});
