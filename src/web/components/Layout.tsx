import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type KeyboardEvent, type MouseEvent, useEffect, useId, useRef, useState } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { can } from '../../core/access/policy';
import { useAccountText } from '../features/account/messages';
import { useAccountLanguage } from '../features/account/queries';
import { authKeys } from '../features/auth/queries';
import { useHandoverText } from '../features/handover/messages';
import { useImportText } from '../features/import/messages';
import { NavViews } from '../features/saved-views/NavViews';
import { TopBarSearch } from '../features/search/TopBarSearch';
import { useSurveyText } from '../features/surveys/messages';
import { useMyOpenTaskCount } from '../features/tasks/count';
import { post } from '../http/client';
import type { Me, User } from '../http/types';
import { useI18n } from '../i18n/I18nProvider';
import { useAccess, useCan } from './access';
import { LanguageToggle } from './LanguageToggle';

/**
 * The frame of every signed-in page: skip link, navigation, language switch, sign-out.
 * On a phone the navigation and the account controls fold behind a メニュー button
 * (a disclosure: aria-expanded, Escape closes it and returns to the button, and choosing a
 * page closes it and moves the keyboard to the page); on wider screens they are always shown.
 */
export function Layout({ user }: { user: User & Pick<Me, 'language'> }) {
  const { t, lang } = useI18n();
  const openTasks = useMyOpenTaskCount();
  const mayHandOver = useCan('handover');
  const handoverText = useHandoverText();
  // 取り込み: members and workplaces (records.write), links of members to demands (demands.link).
  const mayImportRecords = useCan('records.write');
  const mayImportLinks = useCan('demands.link');
  const mayImport = mayImportRecords || mayImportLinks;
  const importText = useImportText();
  // アンケート: those who read results or track answering (every staff role today).
  const may = useAccess();
  const maySurveys = may('surveys.read') || may('surveys.track');
  const surveyText = useSurveyText();
  // アカウント: every role's own page; the user's saved language wins over this browser's.
  const accountText = useAccountText();
  useAccountLanguage(user.language);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = useMutation({
    mutationFn: () => post('/auth/logout'),
    onSettled: async () => {
      // The field app's data leaves the device with the session (issue 19).
      await (await import('../features/field/store')).wipeDevice();
      queryClient.clear();
      queryClient.setQueryData(authKeys.me, null);
      navigate('/login', { replace: true });
    },
  });

  const menuId = useId();
  const menuButton = useRef<HTMLButtonElement>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  const path = location.pathname + location.search;
  const openedAt = useRef(path);
  // Choosing a page (or going back) closes the menu; the keyboard goes to the page.
  useEffect(() => {
    if (!menuOpen) {
      openedAt.current = path;
      return;
    }
    if (openedAt.current === path) return;
    setMenuOpen(false);
    document.getElementById('main')?.focus();
  }, [path, menuOpen]);
  const closeOnLink = (e: MouseEvent<HTMLElement>) => {
    // A page was chosen (the one already shown too): close, and give the keyboard to the page.
    if (!menuOpen || !(e.target as HTMLElement).closest('a')) return;
    setMenuOpen(false);
    document.getElementById('main')?.focus();
  };
  const closeOnEscape = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'Escape' || !menuOpen) return;
    setMenuOpen(false);
    menuButton.current?.focus();
  };

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {lang === 'ja' ? '本文へ移動' : 'Skip to content'}
      </a>
      <header className="topbar">
        <NavLink to="/" className="brand" aria-label={`${t.appName} — ${t.tagline}`}>
          {t.appName} <span className="brand-kanji">組合</span>
        </NavLink>
        {/* The search box (issue 17): every page, every role; on a phone a row of its own. */}
        <TopBarSearch />
        <button
          ref={menuButton}
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls={menuId}
          onClick={() => setMenuOpen(!menuOpen)}
        >
          <span className="menu-icon" aria-hidden="true" />
          {t.nav.menu}
        </button>
        {/* biome-ignore lint/a11y/noStaticElementInteractions: closes the menu when one of its links is chosen or Escape is pressed inside it */}
        <div
          id={menuId}
          className={menuOpen ? 'topbar-menu is-open' : 'topbar-menu'}
          onClick={closeOnLink}
          onKeyDown={closeOnEscape}
        >
          <nav aria-label={t.nav.menu} className="mainnav">
            <NavLink to="/dashboards/weekly">{t.nav.weekly}</NavLink>
            <NavLink to="/dashboards/monthly">{t.nav.monthly}</NavLink>
            <NavLink to="/members">{t.nav.members}</NavLink>
            <NavViews list="members" label={t.nav.members} />
            <NavLink to="/workplaces">{t.nav.workplaces}</NavLink>
            <NavViews list="workplaces" label={t.nav.workplaces} />
            <NavLink to="/demands">{t.nav.demands}</NavLink>
            <NavViews list="demands" label={t.nav.demands} />
            {maySurveys && <NavLink to="/surveys">{surveyText.nav}</NavLink>}
            {/* 現場: the field app (issue 19) for those with a portfolio or workplaces. */}
            {user.role !== 'executive' && <NavLink to="/field">{t.nav.field}</NavLink>}
            <NavLink to="/tasks">
              {t.nav.tasks}
              {openTasks.data ? (
                <span className="nav-badge">
                  <span className="visually-hidden">{t.nav.openTasks(openTasks.data)}</span>
                  <span aria-hidden="true">{openTasks.data}</span>
                </span>
              ) : null}
            </NavLink>
            <NavViews list="tasks" label={t.nav.tasks} />
            {/* 引き継ぎ: admins and officers (the handover permission). */}
            {mayHandOver && <NavLink to="/handovers">{handoverText.nav}</NavLink>}
            {/* 取り込み: those who write records (admins and officers). */}
            {mayImport && <NavLink to="/import">{importText.nav}</NavLink>}
            {/* Users, organization settings, workflow rules and the audit log all live under 設定: admins only. */}
            {can(user.role, 'admin') && <NavLink to="/settings">{t.nav.settings}</NavLink>}
          </nav>
          <div className="topbar-end">
            <LanguageToggle />
            <NavLink
              to="/account"
              className="user-name"
              title={t.enums.staffRole[user.role]}
              aria-label={accountText.navLabel(user.displayName)}
            >
              {user.displayName}
            </NavLink>
            <button
              type="button"
              className="link-button"
              onClick={async () => {
                // Unsent field records would be lost: say so first (issue 19).
                const field = await import('../features/field/store');
                const unsent = await field.outboxCount().catch(() => 0);
                if (
                  unsent > 0 &&
                  !window.confirm((await import('../features/field/messages'))[lang].signOutConfirm(unsent))
                )
                  return;
                logout.mutate();
              }}
            >
              {t.nav.signOut}
            </button>
          </div>
        </div>
      </header>
      <main id="main" className="content" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
