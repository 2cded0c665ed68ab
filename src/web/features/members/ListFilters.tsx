import { useId } from 'react';
import { SearchInput } from '../../components/SearchInput';

/** The list's labelled search field (IME-safe, debounced: see SearchInput). */
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
  return (
    <div className="field field-search">
      <label htmlFor={id}>{label}</label>
      <SearchInput id={id} value={value} placeholder={placeholder} onSearch={onSearch} />
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
