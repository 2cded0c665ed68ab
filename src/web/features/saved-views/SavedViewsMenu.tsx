import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { can } from '../../../core/access/policy';
import { STAFF_ROLES, type StaffRole } from '../../../core/enums';
import type { SavedViewList } from '../../../core/saved-views/schemas';
import { FormAlert, serverFields } from '../../components/form';
import { useOptimisticValue } from '../../components/optimistic';
import { get } from '../../http/client';
import type { CustomField } from '../../http/types';
import { translateFieldError } from '../../i18n/field-errors';
import { useI18n } from '../../i18n/I18nProvider';
import { useMe } from '../auth/queries';
import { useSavedViewText } from './messages';
import { useSavedViewMutations, useSavedViews } from './queries';
import { isMine, MINE_PARAMS, VIEW_PARAM, viewHref, viewParamsOf } from './view-params';
import './saved-views.css';

type Mode = { kind: 'none' } | { kind: 'save' } | { kind: 'edit' } | { kind: 'remove' };

/**
 * A list page's saved views (issue 17): open one (its params become the list's URL),
 * save the current filters under a name (private or shared with roles), and — for the
 * user's own view being shown — overwrite it with the current filters, rename or re-share
 * it, or delete it (after a confirmation). A view naming deleted custom fields opens
 * without them and says so. With `mine`, the 自分の担当だけ toggle (`mine=1` in the URL,
 * so views keep it) sits beside them.
 */
export function SavedViewsMenu({ list }: { list: SavedViewList }) {
  const s = useSavedViewText();
  const me = useMe().data;
  const views = useSavedViews(Boolean(me));
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const { create, update, remove } = useSavedViewMutations();
  const [mode, setMode] = useState<Mode>({ kind: 'none' });
  const [status, setStatus] = useState('');
  const selectId = useId();

  const mine = (views.data ?? []).filter((v) => v.list === list && v.mine);
  const shared = (views.data ?? []).filter((v) => v.list === list && !v.mine);
  const currentId = search.get(VIEW_PARAM);
  const current = (views.data ?? []).find((v) => v.id === currentId && v.list === list);
  const params = viewParamsOf(list, search, me?.id);

  const open = (id: string) => {
    const view = (views.data ?? []).find((v) => v.id === id);
    if (!view) return;
    setMode({ kind: 'none' });
    setStatus('');
    navigate(viewHref(view, me?.id));
  };
  const close = () => {
    setMode({ kind: 'none' });
    create.reset();
    update.reset();
    remove.reset();
  };

  return (
    <section className="saved-views" aria-label={s.region}>
      <div className="saved-views-row">
        <MineToggle list={list} />
        {(mine.length > 0 || shared.length > 0) && (
          <div className="saved-views-open">
            <label htmlFor={selectId}>{s.open}</label>
            <select id={selectId} value={current?.id ?? ''} onChange={(e) => open(e.target.value)}>
              <option value="">{s.choose}</option>
              {mine.length > 0 && (
                <optgroup label={s.own}>
                  {mine.map((v) => (
                    <option key={v.id} value={v.id}>
                      {v.name}
                    </option>
                  ))}
                </optgroup>
              )}
              {shared.length > 0 && (
                <optgroup label={s.shared}>
                  {shared.map((v) => (
                    <option key={v.id} value={v.id}>
                      {v.name}（{s.sharedBy(v.ownerName)}）
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
          </div>
        )}
        {mode.kind === 'none' && (
          <button type="button" onClick={() => setMode({ kind: 'save' })} title={s.saveTitle}>
            {s.save}
          </button>
        )}
      </div>

      {current && current.missingFields.length > 0 && (
        <MissingFieldsNotice list={list} keys={current.missingFields} />
      )}

      {current && mode.kind === 'none' && (
        <div className="saved-views-current">
          <span className="muted">{s.current(current.name)}</span>
          {current.mine && (
            <>
              <button
                type="button"
                className="link-button"
                disabled={update.isPending}
                onClick={() =>
                  update.mutate(
                    { id: current.id, version: current.version, params },
                    { onSuccess: (v) => setStatus(s.updated(v.name)) },
                  )
                }
              >
                {s.updateToCurrent}
              </button>
              <button type="button" className="link-button" onClick={() => setMode({ kind: 'edit' })}>
                {s.edit}
              </button>
            </>
          )}
          {(current.mine || (me?.role === 'admin' && current.sharedRoles.length > 0)) && (
            <button type="button" className="link-button danger" onClick={() => setMode({ kind: 'remove' })}>
              {s.remove}
            </button>
          )}
        </div>
      )}
      {mode.kind === 'none' && update.error ? <FormAlert error={update.error} /> : null}

      {mode.kind === 'save' && (
        <ViewForm
          title={s.saveTitle}
          submit={s.submitSave}
          initial={{ name: '', sharedRoles: [] }}
          pending={create.isPending}
          error={create.error}
          onCancel={close}
          onSubmit={(name, sharedRoles) =>
            create.mutate(
              { name, list, params, sharedRoles },
              {
                onSuccess: (v) => {
                  close();
                  setStatus(s.saved(v.name));
                  const next = new URLSearchParams(search);
                  next.set(VIEW_PARAM, v.id);
                  navigate(`?${next}`, { replace: true });
                },
              },
            )
          }
        />
      )}
      {mode.kind === 'edit' && current && (
        <ViewForm
          title={s.edit}
          submit={s.submitEdit}
          initial={{ name: current.name, sharedRoles: current.sharedRoles }}
          pending={update.isPending}
          error={update.error}
          onCancel={close}
          onSubmit={(name, sharedRoles) =>
            update.mutate(
              { id: current.id, version: current.version, name, sharedRoles },
              {
                onSuccess: (v) => {
                  close();
                  setStatus(s.updated(v.name));
                },
              },
            )
          }
        />
      )}
      {mode.kind === 'remove' && current && (
        <div className="saved-views-form" role="alertdialog" aria-label={s.remove}>
          <p>{s.confirmRemove(current.name)}</p>
          <FormAlert error={remove.error} />
          <div className="actions">
            <button
              type="button"
              className="danger"
              disabled={remove.isPending}
              onClick={() =>
                remove.mutate(
                  { id: current.id, version: current.version },
                  {
                    onSuccess: () => {
                      close();
                      setStatus(s.removed(current.name));
                      const next = new URLSearchParams(search);
                      next.delete(VIEW_PARAM);
                      navigate(`?${next}`, { replace: true });
                    },
                  },
                )
              }
            >
              {s.submitRemove}
            </button>
            <button type="button" onClick={close}>
              {s.cancel}
            </button>
          </div>
        </div>
      )}
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {status && (
        <p className="saved-views-status" aria-hidden="true">
          {status}
        </p>
      )}
    </section>
  );
}

/**
 * The deleted custom fields a view names, by their labels where the definitions are still
 * kept (archived), else by key: the view is shown without them.
 */
function MissingFieldsNotice({ list, keys }: { list: SavedViewList; keys: readonly string[] }) {
  const s = useSavedViewText();
  const { lang } = useI18n();
  const entity = list === 'members' ? 'member' : list === 'workplaces' ? 'workplace' : null;
  // The same query (and cache entry) as the custom-field settings: every definition, archived too.
  const fields = useQuery({
    queryKey: ['custom-fields', entity, 'all'],
    queryFn: async () =>
      (await get<{ items: CustomField[] }>('/custom-fields', { entity: entity!, includeArchived: true }))
        .items,
    enabled: entity !== null,
    staleTime: 60_000,
  });
  const label = (key: string) => {
    const field = fields.data?.find((f) => f.key === key);
    return field ? (lang === 'ja' ? field.labelJa : field.labelEn) : key;
  };
  return (
    <p className="alert alert-warning saved-views-missing" role="status">
      {s.missing(keys.map(label).join(lang === 'ja' ? '、' : ', '))}
    </p>
  );
}

function ViewForm({
  title,
  submit,
  initial,
  pending,
  error,
  onCancel,
  onSubmit,
}: {
  title: string;
  submit: string;
  initial: { name: string; sharedRoles: readonly StaffRole[] };
  pending: boolean;
  error: unknown;
  onCancel: () => void;
  onSubmit: (name: string, sharedRoles: StaffRole[]) => void;
}) {
  const s = useSavedViewText();
  const { t, lang } = useI18n();
  const [name, setName] = useState(initial.name);
  const [shared, setShared] = useState(initial.sharedRoles.length > 0);
  const [roles, setRoles] = useState<StaffRole[]>([...initial.sharedRoles]);
  const ids = { name: useId(), error: useId() };
  const fields = serverFields(error);
  const nameError = fields.name ? translateFieldError(fields.name, lang) : undefined;
  const send = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(name, shared ? roles : []);
  };
  return (
    <form className="saved-views-form" onSubmit={send} aria-label={title}>
      <div className="field">
        <label htmlFor={ids.name}>{s.name}</label>
        <input
          id={ids.name}
          // biome-ignore lint/a11y/noAutofocus: the form was opened to type this name
          autoFocus
          value={name}
          maxLength={100}
          required
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? ids.error : undefined}
          onChange={(e) => setName(e.target.value)}
        />
        {nameError && (
          <p id={ids.error} className="field-error">
            {nameError}
          </p>
        )}
      </div>
      <fieldset>
        <legend>{s.sharing}</legend>
        <label>
          <input type="radio" checked={!shared} onChange={() => setShared(false)} /> {s.private}
        </label>
        <label>
          <input type="radio" checked={shared} onChange={() => setShared(true)} /> {s.sharedWith}
        </label>
        {shared && (
          <fieldset className="saved-views-roles">
            <legend className="visually-hidden">{s.roles}</legend>
            {STAFF_ROLES.map((role) => (
              <label key={role}>
                <input
                  type="checkbox"
                  checked={roles.includes(role)}
                  onChange={(e) =>
                    setRoles(e.target.checked ? [...roles, role] : roles.filter((r) => r !== role))
                  }
                />{' '}
                {t.enums.staffRole[role]}
              </label>
            ))}
          </fieldset>
        )}
      </fieldset>
      <FormAlert error={error} shownFields={['name']} />
      <div className="actions">
        <button type="submit" className="primary" disabled={pending}>
          {submit}
        </button>
        <button type="button" onClick={onCancel}>
          {s.cancel}
        </button>
      </div>
    </form>
  );
}

/**
 * 自分の担当だけ: `mine=1` in the URL, standing for the list's own filter for the signed-in
 * user (members and workplaces: 担当者 = me; tasks: my tasks). A shared link or view with
 * `mine=1` is resolved for whoever opens it.
 */
export function MineToggle({ list }: { list: SavedViewList }) {
  const s = useSavedViewText();
  const me = useMe().data;
  const [search, setSearch] = useSearchParams();
  const mine = MINE_PARAMS[list];
  const flagged = search.get('mine') === '1';
  const absent = mine ? !search.has(mine.param) : false;
  const expected = mine && me ? mine.value(me.id) : undefined;
  // mine=1 without the filter (a view saved by anyone, a shared link): the viewer's own value.
  useEffect(() => {
    if (!flagged || !mine || !expected || !absent) return;
    const next = new URLSearchParams(search);
    next.set(mine.param, expected);
    next.delete('offset');
    setSearch(next, { replace: true });
  }, [flagged, mine, expected, absent, search, setSearch]);
  // Tasks: the inbox shows my tasks unless another view is chosen, so that is on.
  const [on, change] = useOptimisticValue(
    Boolean(me) && (flagged || list === 'tasks') && isMine(list, search, me?.id ?? ''),
  );
  // Tasks: only roles that see others' tasks have anything to narrow.
  if (!mine || !me || (list === 'tasks' && !can(me.role, 'tasks.unassigned'))) return null;
  const toggle = (checked: boolean) => {
    const next = new URLSearchParams(search);
    next.delete('offset');
    if (checked) {
      next.set('mine', '1');
      next.set(mine.param, mine.value(me.id));
    } else {
      next.delete('mine');
      // Tasks: every task the role may see; members and workplaces: any owner.
      if (list === 'tasks') next.set(mine.param, 'all');
      else next.delete(mine.param);
    }
    change(checked, () => setSearch(next));
  };
  return (
    <label className="mine-toggle">
      <input type="checkbox" checked={on} onChange={(e) => toggle(e.target.checked)} /> {s.mine}
    </label>
  );
}
