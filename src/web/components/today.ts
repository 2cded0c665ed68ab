import { todayIn as todayInZone } from '../../core/common/dates';
import { useSetupState } from '../features/auth/queries';

/** Today (YYYY-MM-DD) in a time zone; the organization's default is Asia/Tokyo. */
export function todayIn(timeZone = 'Asia/Tokyo', now = new Date()): string {
  try {
    return todayInZone(timeZone, now);
  } catch {
    // An unknown zone from old settings must not break a page.
    return todayInZone('Asia/Tokyo', now);
  }
}

/** Today in the organization's time zone (the signed-in frame has already loaded /api/setup). */
export function useToday(): string {
  const setup = useSetupState();
  return todayIn(setup.data?.timezone || 'Asia/Tokyo');
}
