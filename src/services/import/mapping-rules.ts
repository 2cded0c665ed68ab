import { invalid } from '../../core/errors';
import { validateMapping } from '../../core/import/mapping';
import type { ColumnMapping, ImportKind } from '../../core/import/types';

/** 400 naming each problem of a mapping (`<prefix>.<header>`, or `<prefix>` for the mapping as a whole). */
export function assertValidMapping(
  kind: ImportKind,
  mapping: ColumnMapping,
  prefix: string,
  headers?: readonly string[],
) {
  const errors = validateMapping(kind, mapping, headers);
  if (!errors.length) return;
  const fields: Record<string, string> = {};
  for (const e of errors) fields[e.column === null ? prefix : `${prefix}.${e.column}`] ??= e.message;
  throw invalid(fields, 'The column mapping is invalid');
}
