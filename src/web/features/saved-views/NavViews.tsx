import { type KeyboardEvent, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { SavedViewList } from '../../../core/saved-views/schemas';
import { useMe } from '../auth/queries';
import { useSavedViewText } from './messages';
import { useSavedViews } from './queries';
import { viewHref } from './view-params';
import './saved-views.css';

/**
 * A list's saved views in the navigation, beside the list's link: a disclosure (▾) with the
 * user's own views and those shared with them. Nothing when there are none.
 */
export function NavViews({ list, label }: { list: SavedViewList; label: string }) {
  const s = useSavedViewText();
  const me = useMe().data;
  const views = useSavedViews(Boolean(me));
  const [open, setOpen] = useState(false);
  const listId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const items = (views.data ?? []).filter((v) => v.list === list);
  if (!items.length) return null;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !open) return;
    e.stopPropagation();
    setOpen(false);
    button.current?.focus();
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape closes the list and returns to its button
    <span className="nav-views" onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        className="nav-views-button"
        aria-expanded={open}
        aria-controls={listId}
        aria-label={s.navViews(label)}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <ul id={listId} className="nav-views-list">
          {items.map((v) => (
            <li key={v.id}>
              <Link to={viewHref(v, me?.id)} onClick={() => setOpen(false)}>
                {v.name}
                {!v.mine && <span className="nav-views-shared">（{s.sharedBy(v.ownerName)}）</span>}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}
