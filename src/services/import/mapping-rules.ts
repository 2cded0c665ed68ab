import { invalid } from '../../core/errors';
import { type ImportCustomField, validateMapping } from '../../core/import/mapping';
import type { ColumnMapping, ImportKind } from '../../core/import/types';

/** 400 naming each problem of a mapping (`<prefix>.<header>`, or `<prefix>` for the mapping as a whole). */
export function assertValidMapping(
  kind: ImportKind,
  mapping: ColumnMapping,
  prefix: string,
  headers?: readonly string[],
  customFields: readonly ImportCustomField[] = [],
) {
  const errors = validateMapping(kind, mapping, headers, customFields);
  if (!errors.length) return;
  const fields: Record<string, string> = {};
  for (const e of errors) fields[e.column === null ? prefix : `${prefix}.${e.column}`] ??= e.message;
  throw invalid(fields, 'The column mapping is invalid');
}
