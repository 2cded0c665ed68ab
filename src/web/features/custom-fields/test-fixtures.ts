import type { CustomField } from '../../http/types';

// Custom field definitions in the API's shape, for component tests.

let seq = 0;

export function buildCustomField(over: Partial<CustomField> = {}): CustomField {
  seq += 1;
  return {
    id: `00000000-0000-4000-8000-cf${String(seq).padStart(10, '0')}`,
    entity: 'member',
    key: `field${seq}`,
    labelJa: '項目',
    labelEn: 'Field',
    type: 'text',
    options: [],
    required: false,
    position: 0,
    archivedAt: null,
    version: 1,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...over,
  };
}

/** 勤務形態 (単一選択), 資格 (複数選択), 夜勤可 (はい/いいえ), メモ (1行) of members. */
export function memberFields(): CustomField[] {
  return [
    buildCustomField({
      key: 'shift',
      labelJa: '勤務形態',
      labelEn: 'Shift',
      type: 'choice',
      position: 0,
      required: true,
      options: [
        { value: 'day', labelJa: '日勤', labelEn: 'Day' },
        { value: 'night', labelJa: '夜勤', labelEn: 'Night' },
      ],
    }),
    buildCustomField({
      key: 'licenses',
      labelJa: '資格',
      labelEn: 'Licences',
      type: 'choices',
      position: 1,
      options: [
        { value: 'forklift', labelJa: 'フォークリフト', labelEn: 'Forklift' },
        { value: 'crane', labelJa: 'クレーン', labelEn: 'Crane' },
      ],
    }),
    buildCustomField({
      key: 'night_ok',
      labelJa: '夜勤可',
      labelEn: 'Nights OK',
      type: 'boolean',
      position: 2,
    }),
    buildCustomField({ key: 'memo', labelJa: 'メモ', labelEn: 'Memo', type: 'text', position: 3 }),
    buildCustomField({ key: 'years', labelJa: '経験年数', labelEn: 'Years', type: 'number', position: 4 }),
  ];
}

/** Answers GET /api/custom-fields?entity=… from `fields` (archived ones only when asked). */
export function answerDefinitions(url: string, fields: readonly CustomField[]): unknown {
  const query = new URL(url, 'http://x').searchParams;
  const entity = query.get('entity');
  const archived = query.get('includeArchived') === 'true';
  return {
    items: fields
      .filter((f) => f.entity === entity && (archived || f.archivedAt === null))
      .sort((a, b) => a.position - b.position || a.labelJa.localeCompare(b.labelJa)),
  };
}
