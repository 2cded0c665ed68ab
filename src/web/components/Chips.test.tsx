// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWeb } from '../../../test/render';
import { ENGAGEMENTS } from '../../core/enums';
import { EngagementChip } from './Chips';

afterEach(cleanup);

describe('EngagementChip', () => {
  it.each(ENGAGEMENTS)('shows %s with its SPEC Japanese label and its own colour class', (value) => {
    renderWeb(<EngagementChip value={value} />);
    const chip = document.querySelector(`[data-engagement="${value}"]`);
    expect(chip?.className).toContain(`chip-${value}`);
  });

  it('uses the Japanese labels of SPEC by default and English on request', () => {
    renderWeb(<EngagementChip value="at_risk" />);
    expect(screen.getByText('脱退リスクあり')).toBeTruthy();
    cleanup();
    renderWeb(<EngagementChip value="at_risk" />, { lang: 'en' });
    expect(screen.getByText('At risk of leaving')).toBeTruthy();
  });

  it('marks at-risk members with a warning sign that does not rely on colour alone', () => {
    renderWeb(<EngagementChip value="at_risk" />);
    expect(document.querySelector('.chip-dot')?.textContent).toBe('!');
  });
});
