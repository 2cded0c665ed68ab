// Task title and body templates: literal text with {placeholders}. A template
// is split once into parts; the same parts are rendered in TypeScript (preview,
// the pure evaluation) and turned into a SQL concat() by the sweep, so a name
// that itself contains "{workplace}" is never substituted twice.

export const PLACEHOLDERS = ['name', 'workplace', 'years', 'case'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/**
 * What `{case}` reads for a sensitive (要配慮) case: a task may be seen by staff who may
 * not see the case (a task title or body must never leak it), so it is never named.
 */
export const SENSITIVE_CASE_LABEL = '要配慮の案件';

/** The `{case}` value of a case: its title, or the neutral label when it is sensitive. */
export const caseLabel = (c: { title: string; sensitive?: boolean | null }) =>
  c.sensitive ? SENSITIVE_CASE_LABEL : c.title;

export type TemplatePart = string | { placeholder: Placeholder };

const BRACED = /\{([^{}]*)\}/g;

const isPlaceholder = (name: string): name is Placeholder =>
  (PLACEHOLDERS as readonly string[]).includes(name);

/** Every `{…}` whose content is not one of `allowed` (typos such as `{ name }` or `{名前}` included). */
export function unknownPlaceholders(template: string, allowed: readonly Placeholder[]): string[] {
  const unknown = new Set<string>();
  for (const match of template.matchAll(BRACED)) {
    const name = match[1] ?? '';
    if (!(allowed as readonly string[]).includes(name)) unknown.add(`{${name}}`);
  }
  return [...unknown];
}

/** Literal runs and placeholders, in order; assumes the template was validated. */
export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of template.matchAll(BRACED)) {
    const name = match[1] ?? '';
    if (!isPlaceholder(name)) continue;
    if (match.index > last) parts.push(template.slice(last, match.index));
    parts.push({ placeholder: name });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}

export type TemplateValues = Partial<Record<Placeholder, string | number | null>>;

/** A missing value (a member without a workplace) renders as empty text, as SQL concat() does. */
export function renderTemplate(template: string, values: TemplateValues): string {
  return parseTemplate(template)
    .map((part) => (typeof part === 'string' ? part : String(values[part.placeholder] ?? '')))
    .join('');
}
