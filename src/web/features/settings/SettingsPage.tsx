import { Link, useSearchParams } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { MailSettings } from '../account/MailNotifications';
import { AuditLog } from '../audit/AuditLog';
import { useMe } from '../auth/queries';
import { CustomFieldSettings } from './CustomFieldSettings';
import { useSettingsText } from './messages';
import { OrganizationSettings } from './OrganizationSettings';
import { StaffUsers } from './StaffUsers';
import { SynonymSettings } from './SynonymSettings';
import { WorkflowRules } from './WorkflowRules';
import './settings.css';

const TABS = ['organization', 'workflows', 'users', 'customFields', 'audit', 'synonyms'] as const;
type Tab = (typeof TABS)[number];
/** Open to every staff role: reading it (those who write demands also edit it). */
const OPEN_TAB: Tab = 'synonyms';

/**
 * 設定: the organization's settings, the workflow rules, the staff users and the audit log
 * (admins only), and the synonym table matching uses (every staff role: ?tab=synonyms). The
 * open section is in the URL (?tab=), so each can be linked and bookmarked.
 */
export default function SettingsPage() {
  const s = useSettingsText();
  const me = useMe();
  const [params] = useSearchParams();
  const requested = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(requested ?? '')
    ? (requested as Tab)
    : 'organization';

  // Only admins may read the rest: for anyone else nothing is requested (no 403 noise).
  if (me.isLoading || me.error || !me.data || me.data.role !== 'admin') {
    return (
      <QueryState isLoading={me.isLoading} error={me.error}>
        <div className="settings-page">
          <h1>{s.title}</h1>
          {me.data && tab === OPEN_TAB ? (
            <SynonymSettings />
          ) : (
            <div className="alert alert-warning settings-admin-only" role="alert">
              <h2>{s.adminOnlyTitle}</h2>
              <p>{s.adminOnlyBody}</p>
              {me.data && (
                <p>
                  <Link to={`?tab=${OPEN_TAB}`}>{s.synonymsOpen}</Link>
                </p>
              )}
            </div>
          )}
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
      {tab === 'organization' && <MailSettings />}
      {tab === 'workflows' && <WorkflowRules />}
      {tab === 'users' && <StaffUsers />}
      {tab === 'customFields' && <CustomFieldSettings />}
      {tab === 'audit' && <AuditLog />}
      {tab === 'synonyms' && <SynonymSettings />}
    </div>
  );
}
