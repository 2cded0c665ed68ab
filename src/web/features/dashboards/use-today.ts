import { useToday } from '../../components/today';

/** Today in the organization's time zone. */
export const useOrgToday = useToday;
