import { Link, useSearchParams } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { AuditLog } from '../audit/AuditLog';
import { useMe } from '../auth/queries';
import { useSettingsText } from './messages';
import { OrganizationSettings } from './OrganizationSettings';
import { StaffUsers } from './StaffUsers';
import { WorkflowRules } from './WorkflowRules';
import './settings.css';

const TABS = ['organization', 'workflows', 'users', 'audit'] as const;
type Tab = (typeof TABS)[number];

/**
 * 設定 (admin only): the organization's settings, the workflow rules, the staff
 * users and the audit log. The open section is in the URL (?tab=), so each can be
 * linked and bookmarked.
 */
export default function SettingsPage() {
  const s = useSettingsText();
  const me = useMe();
  const [params] = useSearchParams();
  const requested = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(requested ?? '')
    ? (requested as Tab)
    : 'organization';

  // Only admins may read any of this: for anyone else nothing is requested (no 403 noise).
  if (me.isLoading || me.error || !me.data || me.data.role !== 'admin') {
    return (
      <QueryState isLoading={me.isLoading} error={me.error}>
        <h1>{s.title}</h1>
        <div className="alert alert-warning settings-admin-only" role="alert">
          <h2>{s.adminOnlyTitle}</h2>
          <p>{s.adminOnlyBody}</p>
        </div>
      </QueryState>
    );
  }

  return (
    <div className="settings-page">
      <h1>{s.title}</h1>
      <nav className="settings-tabs" aria-label={s.sections}>
        {TABS.map((name) => (
          <Link key={name} to={`?tab=${name}`} aria-current={tab === name ? 'page' : undefined}>
            {s.tabs[name]}
          </Link>
        ))}
      </nav>
      {tab === 'organization' && <OrganizationSettings />}
      {tab === 'workflows' && <WorkflowRules />}
      {tab === 'users' && <StaffUsers />}
      {tab === 'audit' && <AuditLog />}
    </div>
  );
}
