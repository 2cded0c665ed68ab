import { describe, expect, it } from 'vitest';
import { NOT_STORABLE_TEXT } from '../../core/common/schemas';
import { translateFieldError } from './field-errors';

describe('translateFieldError', () => {
  it('says in Japanese why a rep cannot own or hold a member or workplace (ownerId, assigneeId, import owner)', () => {
    expect(translateFieldError('is a workplace rep whose workplaces do not include this member', 'ja')).toBe(
      'この職場委員の担当職場に含まれない組合員です',
    );
    expect(
      translateFieldError('is a workplace rep whose workplaces do not include this workplace', 'ja'),
    ).toBe('この職場委員の担当職場に含まれない職場です');
    expect(translateFieldError('is a workplace rep whose workplaces do not include this member', 'en')).toBe(
      'is a workplace rep whose workplaces do not include this member',
    );
  });

  it('says in Japanese that a text holds a character it cannot (NUL, half a surrogate pair)', () => {
    expect(translateFieldError(NOT_STORABLE_TEXT, 'ja')).toBe(
      '使用できない文字（NUL文字や壊れた文字）が含まれています',
    );
    expect(translateFieldError(NOT_STORABLE_TEXT, 'en')).toBe(NOT_STORABLE_TEXT);
  });
});
