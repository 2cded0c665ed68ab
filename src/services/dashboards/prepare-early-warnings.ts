import type { Db } from '../../db/client';
import { keptEarlyWarningsFor } from '../../db/queries/dashboards';
import { weeklyFrame } from './weekly-frame';

/**
 * Builds the early warnings kept for today's baseline (migration 0032) if they are for another
 * day, so the day's first dashboard does not pay for it: the daily sweep calls it after
 * midnight. Returns the baseline's day.
 */
export async function prepareEarlyWarnings(ctx: { db: Db; now: Date }): Promise<string> {
  const frame = await weeklyFrame(ctx.db, ctx.now, undefined);
  await keptEarlyWarningsFor(ctx.db, frame.earlyWarning.baseline, true);
  return frame.baselineOn;
}
