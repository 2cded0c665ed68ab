import { useEffect, useId, useRef, useState } from 'react';

/**
 * The search box waits ~300 ms after typing, and never fires while a Japanese
 * IME is composing (the half-typed かな would search for the wrong thing).
 */
export function SearchBox({
  id,
  label,
  placeholder,
  value,
  onSearch,
}: {
  id: string;
  label: string;
  placeholder: string;
  value: string;
  onSearch: (q: string) => void;
}) {
  const [text, setText] = useState(value);
  const [composing, setComposing] = useState(false);
  const latest = useRef({ value, onSearch });
  latest.current = { value, onSearch };

  // Back/forward or "clear" changed the URL: show what the URL says (but keep
  // a trailing space the user is typing between two search words).
  useEffect(() => {
    setText((current) => (current.trim() === value ? current : value));
  }, [value]);

  useEffect(() => {
    if (composing) return;
    const trimmed = text.trim();
    if (trimmed === latest.current.value) return;
    const timer = setTimeout(() => latest.current.onSearch(trimmed), 300);
    return () => clearTimeout(timer);
  }, [text, composing]);

  return (
    <div className="field field-search">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        value={text}
        placeholder={placeholder}
        autoComplete="off"
        onChange={(e) => setText(e.target.value)}
        onCompositionStart={() => setComposing(true)}
        onCompositionEnd={(e) => {
          setText(e.currentTarget.value);
          setComposing(false);
        }}
        onKeyDown={(e) => {
          // Enter that confirms an IME conversion is not a search.
          if (e.key === 'Enter' && !e.nativeEvent.isComposing && !composing) {
            e.preventDefault();
            if (text.trim() !== value) onSearch(text.trim());
          }
        }}
      />
    </div>
  );
}

export function FilterSelect({
  label,
  value,
  onChange,
  options,
  allLabel,
  allValue = '',
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: [string, string][];
  allLabel?: string;
  allValue?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {allLabel !== undefined && <option value={allValue}>{allLabel}</option>}
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
