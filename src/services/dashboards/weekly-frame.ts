import { todayIn } from '../../core/common/dates';
import {
  EARLY_WARNING_DAYS,
  EARLY_WARNING_MIN_STEPS,
  valuesAtLeastSteps,
} from '../../core/dashboards/engagement';
import { weekOf } from '../../core/dashboards/periods';
import { plusDays, startOfDayIn } from '../../core/workflows/calendar';
import type { DbOrTx } from '../../db/client';
import { findSettings } from '../../db/queries/settings';

/**
 * The week's frame: Monday–Sunday around asOf, and the early warnings'
 * baseline — the end of asOf − 90 days in the organization's time zone, so
 * the window holds the 90 days asOf − 89 … asOf.
 */
export async function weeklyFrame(db: DbOrTx, now: Date, asOfInput: string | undefined) {
  const { timezone } = await findSettings(db);
  const asOf = asOfInput ?? todayIn(timezone, now);
  const baselineOn = plusDays(asOf, -EARLY_WARNING_DAYS);
  return {
    asOf,
    timeZone: timezone,
    ...weekOf(asOf),
    baselineOn,
    earlyWarning: {
      baseline: startOfDayIn(timezone, plusDays(baselineOn, 1)),
      minSteps: EARLY_WARNING_MIN_STEPS,
      colderValues: valuesAtLeastSteps(EARLY_WARNING_MIN_STEPS),
    },
  };
}
