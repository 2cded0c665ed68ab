/**
 * Formula injection guard (OWASP ASVS 1.2.10 / CSV injection): a spreadsheet runs a
 * cell that starts with = + - @ (or a tab or carriage return that hides one) as a
 * formula. Exports prefix such a cell with a single quote, which spreadsheets show
 * as text; imports remove exactly that prefix again, so export → import returns the
 * original value.
 *
 * A value that already starts with quotes before such a character (`'=1`) is prefixed
 * too, so that unguardCell can tell it from a guarded `=1`: for every string s,
 * unguardCell(guardCell(s)) === s.
 */
const NEEDS_GUARD = /^'*[=+\-@\t\r]/;

export function guardCell(value: string): string {
  return NEEDS_GUARD.test(value) ? `'${value}` : value;
}

/** The inverse of guardCell: `'=1+1` → `=1+1`, `''=1` → `'=1`; other values are left as they are. */
export function unguardCell(value: string): string {
  return value.startsWith("'") && NEEDS_GUARD.test(value.slice(1)) ? value.slice(1) : value;
}
