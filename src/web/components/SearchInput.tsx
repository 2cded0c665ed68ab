import { type InputHTMLAttributes, useEffect, useRef, useState } from 'react';

/**
 * A search box that reports what was typed after a pause (or at once on Enter),
 * and never while an IME composition is in progress: a half-converted 「たなか」
 * is not a query, and the Enter that confirms a conversion is not a search.
 */
export function SearchInput({
  value,
  onSearch,
  delay = 300,
  ...inputProps
}: {
  value: string;
  onSearch: (text: string) => void;
  delay?: number;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>) {
  const [text, setText] = useState(value);
  const [composing, setComposing] = useState(false);
  const emitted = useRef(value);
  const onSearchRef = useRef(onSearch);
  onSearchRef.current = onSearch;

  // Back/forward or a cleared filter changes the value from outside (a trailing
  // space typed between two words stays, since the trimmed text is what was sent).
  useEffect(() => {
    if (value !== emitted.current) {
      emitted.current = value;
      setText(value);
    }
  }, [value]);

  const emit = (next: string) => {
    if (next === emitted.current) return;
    emitted.current = next;
    onSearchRef.current(next);
  };

  useEffect(() => {
    if (composing) return;
    const next = text.trim();
    if (next === emitted.current) return;
    const timer = setTimeout(() => {
      emitted.current = next;
      onSearchRef.current(next);
    }, delay);
    return () => clearTimeout(timer);
  }, [text, composing, delay]);

  return (
    <input
      type="search"
      autoComplete="off"
      {...inputProps}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onCompositionStart={() => setComposing(true)}
      onCompositionEnd={(e) => {
        setComposing(false);
        setText(e.currentTarget.value);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && !e.nativeEvent.isComposing && !composing) {
          e.preventDefault();
          emit(text.trim());
        }
        inputProps.onKeyDown?.(e);
      }}
    />
  );
}
