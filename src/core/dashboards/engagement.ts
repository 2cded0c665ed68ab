import { ENGAGEMENTS, type Engagement } from '../enums';

/** The early warning looks back this many days from asOf (SPEC §5, weekly). */
export const EARLY_WARNING_DAYS = 90;
/** A fall of at least this many steps on the engagement scale is an early warning. */
export const EARLY_WARNING_MIN_STEPS = 2;

/**
 * A value's position on the 6-step engagement scale, warmest first:
 * active_core 0, regular 1, occasional 2, rare 3, indifferent 4, at_risk 5.
 */
export function engagementStep(engagement: Engagement): number {
  return ENGAGEMENTS.indexOf(engagement);
}

/** How many steps colder `to` is than `from` (negative when it warmed up). */
export function engagementDrop(from: Engagement, to: Engagement): number {
  return engagementStep(to) - engagementStep(from);
}

/** The values a member can have fallen to by at least `minSteps` (colder than the warmest by that much). */
export function valuesAtLeastSteps(minSteps: number): Engagement[] {
  return ENGAGEMENTS.filter((e) => engagementStep(e) >= minSteps);
}
