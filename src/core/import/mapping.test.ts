import { describe, expect, it } from 'vitest';
import {
  IMPORT_FIELD_LABELS,
  MEMBER_IMPORT_FIELDS,
  normalizeHeader,
  suggestMapping,
  validateMapping,
  WORKPLACE_IMPORT_FIELDS,
} from './mapping';
import type { ColumnMapping } from './types';

describe('suggestMapping', () => {
  it('matches the Japanese headers union offices use for members', () => {
    const headers = [
      '氏名',
      'フリガナ',
      '社員番号',
      '所属職場',
      '所属部署',
      '職種',
      '等級',
      '加入日',
      '関与度',
      '役職',
      '在籍',
      '脱退日',
      '主な職場の悩み・要求',
      '次のアクション内容',
      '次のアクション期日',
      '担当者',
      '上部団体',
      '備考',
    ];
    expect({ ...suggestMapping('members', headers) }).toEqual({
      氏名: 'name',
      フリガナ: 'nameKana',
      社員番号: 'employeeNumber',
      所属職場: 'workplaceName',
      所属部署: 'department',
      職種: 'jobType',
      等級: 'grade',
      加入日: 'joinedOn',
      関与度: 'engagement',
      役職: 'unionRole',
      在籍: 'status',
      脱退日: 'leftOn',
      '主な職場の悩み・要求': 'concerns',
      次のアクション内容: 'nextAction',
      次のアクション期日: 'nextActionDueOn',
      担当者: 'owner',
      上部団体: 'parentOrganization',
      備考: null,
    });
  });

  it.each([
    ['名前', 'name'],
    ['Name', 'name'],
    ['ＮＡＭＥ', 'name'],
    ['ふりがな', 'nameKana'],
    ['ﾌﾘｶﾞﾅ', 'nameKana'],
    ['カナ', 'nameKana'],
    ['Kana', 'nameKana'],
    ['従業員番号', 'employeeNumber'],
    ['Employee No.', 'employeeNumber'],
    ['employee_number', 'employeeNumber'],
    ['employeeNumber', 'employeeNumber'],
    ['社員ＮＯ', 'employeeNumber'],
    ['職場', 'workplaceName'],
    ['部署', 'department'],
    ['組合加入日', 'joinedOn'],
    ['感情温度', 'engagement'],
    ['関与度（感情温度）', 'engagement'],
    ['関与度 (感情温度)', 'engagement'],
    ['悩み', 'concerns'],
    ['要求', 'concerns'],
    ['次のアクション', 'nextAction'],
    ['上部団体・産別の担当組織', 'parentOrganization'],
    ['Engagement (emotional temperature)', 'engagement'],
    ['Next action due', 'nextActionDueOn'],
    ['  Union role ', 'unionRole'],
  ])('members: %s → %s', (header, field) => {
    expect(suggestMapping('members', [header])[header]).toBe(field);
  });

  it.each([
    ['職場名', 'name'],
    ['職場', 'name'],
    ['事業所', 'establishment'],
    ['所属事業所', 'establishment'],
    ['従業員数', 'employeeCount'],
    ['職場の雰囲気', 'atmosphere'],
    ['雰囲気', 'atmosphere'],
    ['課題', 'issues'],
    ['組織化状況', 'organizingStatus'],
    ['担当者', 'owner'],
    ['Workplace', 'name'],
  ])('workplaces: %s → %s', (header, field) => {
    expect(suggestMapping('workplaces', [header])[header]).toBe(field);
  });

  it('maps every field name and every export label back to its field', () => {
    for (const field of MEMBER_IMPORT_FIELDS) {
      expect(suggestMapping('members', [field])[field]).toBe(field);
      const label = IMPORT_FIELD_LABELS.members[field];
      expect(suggestMapping('members', [label])[label]).toBe(field);
    }
    for (const field of WORKPLACE_IMPORT_FIELDS) {
      expect(suggestMapping('workplaces', [field])[field]).toBe(field);
      const label = IMPORT_FIELD_LABELS.workplaces[field];
      expect(suggestMapping('workplaces', [label])[label]).toBe(field);
    }
  });

  it('fills a field from the first matching column only', () => {
    const mapping = suggestMapping('members', ['所属職場', '職場', '氏名', '名前']);
    expect({ ...mapping }).toEqual({ 所属職場: 'workplaceName', 職場: null, 氏名: 'name', 名前: null });
    expect(validateMapping('members', mapping)).toEqual([]);
  });

  it('keeps headers such as __proto__ as ordinary keys without touching Object.prototype', () => {
    const headers = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '氏名'];
    const mapping = suggestMapping('members', headers);
    expect(Object.keys(mapping)).toEqual(headers);
    for (const h of headers.slice(0, 5)) expect(mapping[h]).toBeNull();
    expect(mapping.氏名).toBe('name');
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.parse(JSON.stringify(mapping))).toEqual(
      Object.fromEntries(headers.map((h) => [h, mapping[h]])),
    );
  });

  it('normalizes headers: NFKC, case, kana, no spaces or punctuation', () => {
    expect(normalizeHeader(' 関与度（感情温度） ')).toBe(normalizeHeader('関与度(感情温度)'));
    expect(normalizeHeader('ﾌﾘｶﾞﾅ')).toBe(normalizeHeader('ふりがな'));
    expect(normalizeHeader('Employee No.')).toBe('employeeno');
  });
});

describe('validateMapping', () => {
  it('accepts a mapping with name and distinct known fields', () => {
    expect(validateMapping('members', { 氏名: 'name', 社員番号: 'employeeNumber', 備考: null })).toEqual([]);
    expect(validateMapping('workplaces', { 職場名: 'name', 従業員数: 'employeeCount' })).toEqual([]);
  });

  it('reports unknown fields, a field filled twice and a missing name', () => {
    const mapping: ColumnMapping = { 氏名: 'fullName', 社員番号: 'employeeNumber', 番号: 'employeeNumber' };
    expect(validateMapping('members', mapping)).toEqual([
      { column: '氏名', message: 'is mapped to an unknown field: fullName' },
      { column: '番号', message: 'fills employeeNumber, which column "社員番号" already fills' },
    ]);
    // Neither a name nor an employee number: nothing identifies a member.
    expect(validateMapping('members', { 関与度: 'engagement' })).toEqual([
      { column: null, message: 'no column is mapped to name or employeeNumber' },
    ]);
    expect(validateMapping('workplaces', { 従業員数: 'employeeCount' })).toEqual([
      { column: null, message: 'no column is mapped to name' },
    ]);
    // A member field is not a workplace field.
    expect(validateMapping('workplaces', { 職場名: 'name', 部署: 'department' })).toEqual([
      { column: '部署', message: 'is mapped to an unknown field: department' },
    ]);
  });

  it('with the file headers, ignores columns the file does not have', () => {
    const saved: ColumnMapping = { 氏名: 'name', 社員番号: 'employeeNumber', 古い列: 'employeeNumber' };
    expect(validateMapping('members', saved, ['氏名', '社員番号'])).toEqual([]);
    // 社員番号 alone identifies members: an update-only file (e.g. 社員番号 + 関与度).
    expect(validateMapping('members', saved, ['社員番号'])).toEqual([]);
    expect(validateMapping('members', saved, ['関与度'])).toEqual([
      { column: null, message: 'no column is mapped to name or employeeNumber' },
    ]);
  });

  it('does not read inherited properties for __proto__ or constructor headers', () => {
    const mapping = JSON.parse('{"__proto__": "name", "constructor": null}') as ColumnMapping;
    expect(validateMapping('members', mapping)).toEqual([]);
    expect(validateMapping('members', JSON.parse('{"constructor": "constructor"}'))).toEqual([
      { column: 'constructor', message: 'is mapped to an unknown field: constructor' },
      { column: null, message: 'no column is mapped to name or employeeNumber' },
    ]);
  });
});

describe('demand-link mappings', () => {
  it('read a member export with a 要求 column added: ID and 社員番号, the other columns ignored', () => {
    const headers = ['ID', '社員番号', '氏名', '所属職場', '主な職場の悩み・要求', '要求', '交渉シーズン'];
    expect(suggestMapping('demand-links', headers)).toEqual({
      ID: 'memberId',
      社員番号: 'employeeNumber',
      氏名: null,
      所属職場: null,
      '主な職場の悩み・要求': null,
      要求: 'demandTitle',
      交渉シーズン: 'seasonName',
    });
    expect(suggestMapping('demand-links', ['Employee No', 'Demand ID', 'Season'])).toEqual({
      'Employee No': 'employeeNumber',
      'Demand ID': 'demandId',
      Season: 'seasonName',
    });
  });

  it('need a member column and a demand column', () => {
    expect(validateMapping('demand-links', { 要求: 'demandTitle' })).toEqual([
      { column: null, message: 'no column is mapped to memberId or employeeNumber' },
    ]);
    expect(validateMapping('demand-links', { ID: 'memberId', 交渉シーズン: 'seasonName' })).toEqual([
      { column: null, message: 'no column is mapped to demandId or demandTitle' },
    ]);
    expect(validateMapping('demand-links', { ID: 'memberId', 要求ID: 'demandId' })).toEqual([]);
    expect(validateMapping('demand-links', { ID: 'name', 要求ID: 'demandId' })[0]).toMatchObject({
      column: 'ID',
    });
  });
});
