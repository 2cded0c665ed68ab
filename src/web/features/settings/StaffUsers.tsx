import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Pagination } from '../../components/Pagination';
import { EmptyState, QueryState } from '../../components/QueryState';
import { useI18n } from '../../i18n/I18nProvider';
import { useMe } from '../auth/queries';
import { PendingHandovers } from '../handover/PendingHandovers';
import { SavedNote } from './form-kit';
import { useSettingsText } from './messages';
import { NewUserForm } from './NewUserForm';
import { USER_PAGE, useUserList, useWorkplaceOptions } from './queries';
import { UserEditor } from './UserEditor';

/** 利用者: the staff accounts; the page (offset) and the open user live in the URL. */
export function StaffUsers() {
  const { t, lang } = useI18n();
  const u = useSettingsText().users;
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const openId = params.get('user');
  const users = useUserList(offset);
  const workplaces = useWorkplaceOptions();
  const [adding, setAdding] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const workplaceName = (id: string) => workplaces.data?.find((w) => w.id === id)?.name;

  const link = (change: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(change)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    return `?${next.toString()}`;
  };

  return (
    <section aria-labelledby="settings-users-title">
      <div className="page-header">
        <h2 id="settings-users-title">{u.title}</h2>
        {users.data && <span className="muted">{u.count(users.data.total)}</span>}
        {!adding && (
          <div className="actions">
            <button
              type="button"
              className="primary"
              onClick={() => {
                setAdding(true);
                setNote(null);
              }}
            >
              + {u.add}
            </button>
          </div>
        )}
      </div>
      <p className="muted">{u.intro}</p>
      <PendingHandovers />
      <SavedNote text={note} />
      {adding && (
        <NewUserForm
          onCancel={() => setAdding(false)}
          onCreated={(user) => {
            setAdding(false);
            setNote(u.created(user.displayName));
          }}
        />
      )}
      {openId && (
        <UserEditor
          key={openId}
          id={openId}
          meId={me.data?.id}
          onClose={() => setParams(new URLSearchParams(link({ user: null }).slice(1)))}
        />
      )}
      <QueryState isLoading={users.isLoading} error={users.error} onRetry={() => users.refetch()}>
        {users.data && users.data.items.length === 0 ? (
          <EmptyState />
        ) : (
          <div className="table-wrap">
            <table className="users-table">
              <caption className="visually-hidden">{u.title}</caption>
              <thead>
                <tr>
                  <th scope="col">{u.displayName}</th>
                  <th scope="col">{u.email}</th>
                  <th scope="col">{u.role}</th>
                  <th scope="col" className="hide-narrow">
                    {u.workplaces}
                  </th>
                  <th scope="col">{u.status}</th>
                </tr>
              </thead>
              <tbody>
                {users.data?.items.map((user) => (
                  <tr key={user.id} className={user.disabled ? 'user-row-disabled' : undefined}>
                    <td>
                      <Link
                        to={link({ user: user.id })}
                        aria-current={openId === user.id ? 'true' : undefined}
                        aria-label={`${user.displayName}${user.id === me.data?.id ? u.you : ''} — ${u.edit}`}
                      >
                        {user.displayName}
                      </Link>
                      {user.id === me.data?.id && <span className="muted">{u.you}</span>}
                    </td>
                    <td className="user-email">{user.email}</td>
                    <td>{t.enums.staffRole[user.role]}</td>
                    <td className="hide-narrow">
                      {user.role === 'rep'
                        ? user.workplaceIds
                            .map((id) => workplaceName(id) ?? '…')
                            .join(lang === 'ja' ? '、' : ', ') || u.none
                        : u.none}
                    </td>
                    <td>
                      <span className={`user-state ${user.disabled ? 'user-off' : 'user-on'}`}>
                        {user.disabled ? u.disabled : u.enabled}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {users.data && (offset > 0 || users.data.total > USER_PAGE) && (
          <Pagination
            offset={offset}
            limit={USER_PAGE}
            total={users.data.total}
            onOffset={(next) =>
              setParams(new URLSearchParams(link({ offset: next ? String(next) : null }).slice(1)))
            }
          />
        )}
      </QueryState>
    </section>
  );
}
