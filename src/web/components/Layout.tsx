import { useMutation, useQueryClient } from '@tanstack/react-query';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { can } from '../../core/access/policy';
import { authKeys } from '../features/auth/queries';
import { useHandoverText } from '../features/handover/messages';
import { useImportText } from '../features/import/messages';
import { useMyOpenTaskCount } from '../features/tasks/count';
import { post } from '../http/client';
import type { User } from '../http/types';
import { useI18n } from '../i18n/I18nProvider';
import { useCan } from './access';

/** The frame of every signed-in page: skip link, navigation, language switch, sign-out. */
export function Layout({ user }: { user: User }) {
  const { t, lang, setLang } = useI18n();
  const openTasks = useMyOpenTaskCount();
  const mayHandOver = useCan('handover');
  const handoverText = useHandoverText();
  const mayImport = useCan('records.write');
  const importText = useImportText();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = useMutation({
    mutationFn: () => post('/auth/logout'),
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(authKeys.me, null);
      navigate('/login', { replace: true });
    },
  });

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {lang === 'ja' ? '本文へ移動' : 'Skip to content'}
      </a>
      <header className="topbar">
        <NavLink to="/" className="brand" aria-label={`${t.appName} — ${t.tagline}`}>
          {t.appName} <span className="brand-kanji">組合</span>
        </NavLink>
        <nav aria-label={t.nav.menu} className="mainnav">
          <NavLink to="/dashboards/weekly">{t.nav.weekly}</NavLink>
          <NavLink to="/dashboards/monthly">{t.nav.monthly}</NavLink>
          <NavLink to="/members">{t.nav.members}</NavLink>
          <NavLink to="/workplaces">{t.nav.workplaces}</NavLink>
          <NavLink to="/demands">{t.nav.demands}</NavLink>
          <NavLink to="/tasks">
            {t.nav.tasks}
            {openTasks.data ? (
              <span className="nav-badge">
                <span className="visually-hidden">{t.nav.openTasks(openTasks.data)}</span>
                <span aria-hidden="true">{openTasks.data}</span>
              </span>
            ) : null}
          </NavLink>
          {/* 引き継ぎ: admins and officers (the handover permission). */}
          {mayHandOver && <NavLink to="/handovers">{handoverText.nav}</NavLink>}
          {/* 取り込み: those who write records (admins and officers). */}
          {mayImport && <NavLink to="/import">{importText.nav}</NavLink>}
          {/* Users, organization settings, workflow rules and the audit log all live under 設定: admins only. */}
          {can(user.role, 'admin') && <NavLink to="/settings">{t.nav.settings}</NavLink>}
        </nav>
        <div className="topbar-end">
          <button
            type="button"
            className="link-button"
            lang={lang === 'ja' ? 'en' : 'ja'}
            aria-label={`${t.nav.language}（${t.nav.languageLabel}）`}
            onClick={() => setLang(lang === 'ja' ? 'en' : 'ja')}
          >
            {t.nav.language}
          </button>
          <span className="user-name" title={t.enums.staffRole[user.role]}>
            {user.displayName}
          </span>
          <button type="button" className="link-button" onClick={() => logout.mutate()}>
            {t.nav.signOut}
          </button>
        </div>
      </header>
      <main id="main" className="content" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
