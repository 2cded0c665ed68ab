import { describe, expect, it } from 'vitest';
import { engagementDrop, engagementStep, valuesAtLeastSteps } from './engagement';

describe('engagementStep (warmest first)', () => {
  it.each([
    ['active_core', 0],
    ['regular', 1],
    ['occasional', 2],
    ['rare', 3],
    ['indifferent', 4],
    ['at_risk', 5],
  ] as const)('%s → %i', (value, step) => {
    expect(engagementStep(value)).toBe(step);
  });
});

describe('engagementDrop', () => {
  it.each([
    ['regular', 'rare', 2],
    ['active_core', 'at_risk', 5],
    ['occasional', 'rare', 1],
    ['rare', 'rare', 0],
    ['at_risk', 'regular', -4],
  ] as const)('%s → %s falls %i steps', (from, to, steps) => {
    expect(engagementDrop(from, to)).toBe(steps);
  });
});

describe('valuesAtLeastSteps', () => {
  it('names the values that can have fallen that far', () => {
    expect(valuesAtLeastSteps(2)).toEqual(['occasional', 'rare', 'indifferent', 'at_risk']);
    expect(valuesAtLeastSteps(5)).toEqual(['at_risk']);
    expect(valuesAtLeastSteps(0)).toHaveLength(6);
  });
});
