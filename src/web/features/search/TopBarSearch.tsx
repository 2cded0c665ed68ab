import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../../i18n/I18nProvider';
import { type SearchMessages, useSearchText } from './messages';
import { type SearchResult, useSearch } from './queries';
import './search.css';

const GROUPS = ['members', 'workplaces', 'demands', 'tasks'] as const;
type Group = (typeof GROUPS)[number];
type Option = { key: string; href: string; label: string; detail: string | null; more?: boolean };
type Enums = ReturnType<typeof useI18n>['t']['enums'];

/** Where a "more" option leads: the group's list with the same search. */
const listOf: Record<Group, (q: string) => string> = {
  members: (q) => `/members?q=${encodeURIComponent(q)}`,
  workplaces: (q) => `/workplaces?q=${encodeURIComponent(q)}`,
  demands: (q) => `/demands?q=${encodeURIComponent(q)}&season=all`,
  tasks: (q) => `/tasks?q=${encodeURIComponent(q)}&view=all&status=all`,
};

const joined = (...parts: (string | null | undefined | false)[]) =>
  parts.filter(Boolean).join(' ・ ') || null;

/** Each group's options: the records found, then a link to the list when there are more. */
function optionsOf(
  result: SearchResult,
  q: string,
  s: SearchMessages,
  enums: Enums,
): Record<Group, Option[]> {
  const more = (group: Group): Option[] =>
    result.more[group]
      ? [{ key: `${group}-more`, href: listOf[group](q), label: s.seeAll[group], detail: null, more: true }]
      : [];
  return {
    members: [
      ...result.members.map((m) => ({
        key: m.id,
        href: `/members/${m.id}`,
        label: m.name,
        detail: joined(m.nameKana, m.employeeNumber, m.workplaceName, m.status === 'left' && s.left),
      })),
      ...more('members'),
    ],
    workplaces: [
      ...result.workplaces.map((w) => ({
        key: w.id,
        href: `/workplaces/${w.id}`,
        label: w.name,
        detail: joined(w.nameKana, w.establishment),
      })),
      ...more('workplaces'),
    ],
    demands: [
      ...result.demands.map((d) => ({
        key: d.id,
        href: `/demands/${d.id}`,
        label: d.title,
        detail: joined(enums.negotiationStatus[d.status], d.seasonName),
      })),
      ...more('demands'),
    ],
    tasks: [
      ...result.tasks.map((t) => ({
        key: t.id,
        // Tasks have no page of their own: the task list, narrowed to this title.
        href: listOf.tasks(t.title),
        label: t.title,
        detail: joined(t.status === 'done' ? s.done : null, t.dueOn && s.due(t.dueOn)),
      })),
      ...more('tasks'),
    ],
  };
}

/** Whether a key press belongs to a text field (the `/` shortcut leaves typing alone). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The search box in the top bar, on every page: results as you type (after a pause, never in the
 * middle of an IME conversion), grouped 組合員 / 職場 / 要求 / タスク. An ARIA combobox with a
 * listbox of grouped options: the arrow keys move through them, Enter opens one, Escape closes
 * the list. `/` (outside a text field) and Ctrl+K / ⌘K bring the keyboard to it from anywhere.
 */
export function TopBarSearch() {
  const s = useSearchText();
  const { t } = useI18n();
  const navigate = useNavigate();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [composing, setComposing] = useState(false);
  const [q, setQ] = useState('');
  const [focused, setFocused] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  const [active, setActive] = useState(-1);
  const search = useSearch(q);

  useEffect(() => {
    if (composing) return;
    const next = text.trim();
    const timer = setTimeout(() => setQ(next), 200);
    return () => clearTimeout(timer);
  }, [text, composing]);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const ctrlK = (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k';
      const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target);
      if (!ctrlK && !slash) return;
      e.preventDefault();
      input.current?.focus();
      input.current?.select();
      setDismissed(false);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const groups = useMemo(
    () => (search.data && q ? optionsOf(search.data, q, s, t.enums) : null),
    [search.data, q, s, t.enums],
  );
  const flat = useMemo(() => (groups ? GROUPS.flatMap((g) => groups[g]) : []), [groups]);
  // A new answer starts the choice over.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the options change
  useEffect(() => setActive(-1), [flat]);

  const open = focused && !dismissed && q !== '' && text.trim() !== '';
  const optionId = (i: number) => `${id}-option-${i}`;

  const choose = (option: Option) => {
    setText('');
    setQ('');
    setDismissed(false);
    navigate(option.href);
    input.current?.blur();
    document.getElementById('main')?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing || composing) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setDismissed(false);
      if (!flat.length) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i < 0 ? (step > 0 ? 0 : flat.length - 1) : (i + step + flat.length) % flat.length));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const option = flat[active] ?? (open ? flat[0] : undefined);
      if (option) choose(option);
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        setDismissed(true);
        setActive(-1);
      } else if (text) {
        e.preventDefault();
        setText('');
      }
    }
  };

  let status = '';
  if (open) {
    if (search.isError) status = s.failed;
    else if (!search.data || search.isPlaceholderData) status = s.searching;
    else {
      const found = GROUPS.reduce((n, g) => n + search.data[g].length, 0);
      status = found ? s.found(found) : s.none(q);
      if (search.data.membersNeedMoreCharacters) status = `${status}（${s.membersNeedMore}）`;
    }
  }

  let index = 0;
  return (
    <search className="topbar-search">
      <label htmlFor={`${id}-input`} className="visually-hidden">
        {s.label}
      </label>
      <input
        ref={input}
        id={`${id}-input`}
        type="search"
        role="combobox"
        autoComplete="off"
        enterKeyHint="search"
        aria-autocomplete="list"
        aria-expanded={open && flat.length > 0}
        aria-controls={`${id}-listbox`}
        aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
        aria-describedby={`${id}-hint`}
        aria-keyshortcuts="/ Control+K Meta+K"
        placeholder={s.placeholder}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setDismissed(false);
        }}
        onCompositionStart={() => setComposing(true)}
        onCompositionEnd={(e) => {
          setComposing(false);
          setText(e.currentTarget.value);
        }}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onKeyDown={onKeyDown}
      />
      <span id={`${id}-hint`} className="visually-hidden">
        {s.shortcut}
      </span>
      <div
        id={`${id}-listbox`}
        role="listbox"
        aria-label={s.results}
        className="search-popup"
        hidden={!(open && flat.length > 0)}
      >
        {groups &&
          GROUPS.filter((g) => groups[g].length > 0).map((g) => (
            // biome-ignore lint/a11y/useSemanticElements: a listbox's groups are role="group" (a fieldset is a form control group)
            <div key={g} role="group" aria-labelledby={`${id}-${g}`} className="search-group">
              <div role="presentation" id={`${id}-${g}`} className="search-group-label">
                {s.groups[g]}
              </div>
              {groups[g].map((option) => {
                const i = index++;
                return (
                  // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox's input handles the keyboard (aria-activedescendant)
                  <div
                    key={option.key}
                    id={optionId(i)}
                    role="option"
                    tabIndex={-1}
                    aria-selected={i === active}
                    className={option.more ? 'search-option search-more' : 'search-option'}
                    // Keep the focus in the input: a click must not blur it before it lands.
                    onMouseDown={(e) => e.preventDefault()}
                    onMouseMove={() => setActive(i)}
                    onClick={() => choose(option)}
                  >
                    <span className="search-option-label">{option.label}</span>
                    {option.detail && <span className="search-option-detail">{option.detail}</span>}
                  </div>
                );
              })}
            </div>
          ))}
      </div>
      <div role="status" className={open && flat.length === 0 ? 'search-status' : 'visually-hidden'}>
        {status}
      </div>
    </search>
  );
}
