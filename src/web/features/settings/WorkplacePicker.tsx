import { useId, useState } from 'react';
import type { Workplace } from '../../http/types';
import { useSettingsText } from './messages';

/** A rep's workplaces: checkboxes (tens of workplaces) with a filter box for long lists. */
export function WorkplacePicker({
  workplaces,
  selected,
  onChange,
  error,
}: {
  workplaces: Workplace[] | undefined;
  selected: string[];
  onChange: (ids: string[]) => void;
  error?: string | undefined;
}) {
  const u = useSettingsText().users;
  const id = useId();
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const shown = (workplaces ?? []).filter(
    (w) =>
      !needle ||
      w.name.toLowerCase().includes(needle) ||
      (w.establishment ?? '').toLowerCase().includes(needle) ||
      selected.includes(w.id),
  );
  const toggle = (workplaceId: string, on: boolean) =>
    onChange(on ? [...selected, workplaceId] : selected.filter((s) => s !== workplaceId));

  return (
    <fieldset
      className={`workplace-picker${error ? ' field-invalid' : ''}`}
      aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
    >
      <legend>{u.workplaces}</legend>
      <small id={`${id}-hint`} className="field-hint">
        {u.workplacesHint} {u.workplacesSelected(selected.length)}
      </small>
      {workplaces && workplaces.length === 0 ? (
        <p className="muted">{u.noWorkplaces}</p>
      ) : (
        <>
          {(workplaces?.length ?? 0) > 8 && (
            <div className="field">
              <label htmlFor={`${id}-filter`}>{u.workplacesFilter}</label>
              <input
                id={`${id}-filter`}
                type="search"
                value={filter}
                autoComplete="off"
                onChange={(e) => setFilter(e.target.value)}
              />
            </div>
          )}
          <ul className="workplace-options">
            {shown.map((w) => (
              <li key={w.id}>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={selected.includes(w.id)}
                    onChange={(e) => toggle(w.id, e.target.checked)}
                  />
                  {w.name}
                  {w.establishment && <span className="muted">{` ${w.establishment}`}</span>}
                </label>
              </li>
            ))}
          </ul>
        </>
      )}
      {error && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {error}
        </small>
      )}
    </fieldset>
  );
}
