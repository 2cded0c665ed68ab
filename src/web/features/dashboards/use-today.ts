import { useSetupState } from '../auth/queries';
import { todayIn } from './dates';

/** Today in the organization's time zone (the signed-in frame has already loaded /api/setup). */
export function useOrgToday(): string {
  const setup = useSetupState();
  return todayIn(setup.data?.timezone || 'Asia/Tokyo');
}
