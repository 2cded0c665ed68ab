// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import type { StaffRole } from '../../../core/enums';
import MemberListPage from '../members/MemberListPage';
import { buildMember, page, signedInAs, workplace } from '../members/test-fixtures';
import { staffAnswer } from '../users/test-fixtures';
import { ExportLinks } from './ExportLinks';

afterEach(cleanup);

const links = () => within(screen.getByRole('group', { name: 'エクスポート' })).getAllByRole('link');
const queryOf = (a: HTMLElement) => new URL(a.getAttribute('href')!, 'http://x').searchParams;

describe('ExportLinks', () => {
  it.each(['admin', 'officer'] as const)(
    'offers a %s CSV and Excel downloads with the filters, without paging',
    (role) => {
      renderWeb(
        <ExportLinks
          kind="members"
          filters={{ q: '山田', engagement: 'at_risk', status: undefined, limit: 50, offset: 100 }}
        />,
        { me: signedInAs(role) },
      );
      const [csv, xlsx] = links();
      expect(csv).toHaveProperty('textContent', 'CSV');
      expect(xlsx).toHaveProperty('textContent', 'Excel');
      expect(csv!.getAttribute('href')).toBe(
        `/api/export/members.csv?q=${encodeURIComponent('山田')}&engagement=at_risk&lang=ja`,
      );
      expect(xlsx!.getAttribute('href')?.startsWith('/api/export/members.xlsx?')).toBe(true);
      expect(csv!.hasAttribute('download')).toBe(true);
      expect(csv!.getAttribute('aria-label')).toContain('CSV');
    },
  );

  it.each(['executive', 'rep'] as StaffRole[])('shows a %s nothing (no export permission)', (role) => {
    const { container } = renderWeb(<ExportLinks kind="tasks" filters={{}} />, { me: signedInAs(role) });
    expect(container.textContent).toBe('');
  });

  it('asks for English headers in the English interface', () => {
    renderWeb(<ExportLinks kind="demands" filters={{ sort: 'title' }} />, {
      me: signedInAs('officer'),
      lang: 'en',
    });
    const group = screen.getByRole('group', { name: 'Export' });
    const [csv] = within(group).getAllByRole('link');
    expect(csv!.getAttribute('href')).toBe('/api/export/demands.csv?sort=title&lang=en');
  });
});

describe('on the member list', () => {
  it("links to the export of exactly the list's filters (the default 在籍 included)", async () => {
    const officer = signedInAs('officer');
    renderWeb(<MemberListPage />, {
      route: `/members?workplaceId=${workplace.id}&sort=-joinedOn&offset=50`,
      path: '/members',
      me: officer,
      fetch: (url) => {
        if (url.startsWith('/api/members')) return page([buildMember()], 1);
        if (url.startsWith('/api/workplaces')) return page([workplace]);
        if (url.startsWith('/api/staff')) return staffAnswer(url, [officer]);
        return apiError(404, 'not_found');
      },
    });
    const [csv] = links();
    const query = queryOf(csv!);
    expect(Object.fromEntries(query)).toEqual({
      workplaceId: workplace.id,
      status: 'active',
      sort: '-joinedOn',
      lang: 'ja',
    });
  });
});
