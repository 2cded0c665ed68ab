import { describe, expect, it } from 'vitest';
import { parseImportDate } from '../import/parse-rows';
import { customFieldCellValue, parseCustomFieldCell } from './cells';
import { customFieldFilterParams, parseCustomFieldFilters } from './filters';
import type { CustomFieldDefinition } from './schemas';
import { activeCustomFieldValues, validateCustomFieldWrite } from './values';

const def = (
  key: string,
  type: CustomFieldDefinition['type'],
  extra: Partial<CustomFieldDefinition> = {},
) => ({
  key,
  type,
  labelJa: key,
  labelEn: key,
  required: false,
  options: [],
  ...extra,
});
const options = [
  { value: 'a', labelJa: 'エー', labelEn: 'Alpha' },
  { value: 'b', labelJa: 'ビー', labelEn: 'Bravo' },
];
const defs: CustomFieldDefinition[] = [
  def('t', 'text'),
  def('n', 'number'),
  def('one', 'choice', { options }),
  def('many', 'choices', { options }),
  def('req', 'boolean', { required: true }),
];

describe('validateCustomFieldWrite', () => {
  it('merges a partial write into the stored values, keeping archived keys', () => {
    const r = validateCustomFieldWrite(
      defs,
      { t: ' x ', many: ['b', 'a'], n: null },
      {
        current: { n: 3, old: 'kept', req: true },
        creating: false,
      },
    );
    expect(r.errors).toEqual({});
    expect(r.values).toEqual({ t: 'x', many: ['a', 'b'], old: 'kept', req: true });
    expect(r.changed).toBe(true);
  });
  it('reports unknown keys, wrong types and required fields by customFields.<key>', () => {
    const r = validateCustomFieldWrite(
      defs,
      { zzz: 1, n: Number.NaN, one: 'c', constructor: 1 },
      { creating: true },
    );
    expect(Object.keys(r.errors).sort()).toEqual(
      [
        'customFields.constructor',
        'customFields.n',
        'customFields.one',
        'customFields.req',
        'customFields.zzz',
      ].sort(),
    );
  });
  it('says unchanged when nothing changes', () => {
    expect(
      validateCustomFieldWrite(defs, { one: 'a' }, { current: { one: 'a' }, creating: false }).changed,
    ).toBe(false);
  });
  it('shows active keys only', () => {
    expect(activeCustomFieldValues(defs, { t: 'x', gone: 1 })).toEqual({ t: 'x' });
  });
});

describe('parseCustomFieldFilters', () => {
  it('builds one containment object; choices contain every value given', () => {
    const params = customFieldFilterParams({ 'cf.one': 'a', 'cf.many': ['a', 'b'], 'cf.n': '2.5', q: 'x' });
    expect(parseCustomFieldFilters(defs, params)).toEqual({
      containment: { one: 'a', many: ['a', 'b'], n: 2.5 },
      errors: {},
    });
  });
  it('refuses unknown keys and values that do not parse', () => {
    const r = parseCustomFieldFilters(defs, {
      'cf.x': ['1'],
      'cf.n': ['1e'],
      'cf.req': ['yes'],
      'cf.one': ['a', 'b'],
    });
    expect(Object.keys(r.errors).sort()).toEqual(['cf.n', 'cf.one', 'cf.req', 'cf.x']);
  });
});

describe('custom field cells', () => {
  it('reads what the export writes, in either language', () => {
    const many = defs[3]!;
    const cell = customFieldCellValue(many, ['a', 'b'], 'ja');
    expect(cell).toBe('エー、ビー');
    expect(parseCustomFieldCell(many, String(cell), parseImportDate)).toEqual({ value: ['a', 'b'] });
    expect(parseCustomFieldCell(many, 'bravo; A', parseImportDate)).toEqual({ value: ['a', 'b'] });
    expect(parseCustomFieldCell(defs[4]!, 'いいえ', parseImportDate)).toEqual({ value: false });
    expect(parseCustomFieldCell(defs[1]!, '1,234', parseImportDate)).toEqual({ value: 1234 });
    expect(parseCustomFieldCell(def('d', 'date'), '令和8年1月2日', parseImportDate)).toEqual({
      value: '2026-01-02',
    });
    expect(parseCustomFieldCell(defs[2]!, 'c', parseImportDate)).toHaveProperty('error');
  });
});
