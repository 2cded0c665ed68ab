import { ArrivalNotice } from '../../components/ArrivalNotice';
import { useDataProtectionText } from './data-protection-messages';

/** The router state the member page leaves for the list after an erasure (no personal data in it). */
export const erasedNavigationState = { memberErased: true } as const;

const arrivedAfterErasure = (state: unknown) =>
  typeof state === 'object' && state !== null && (state as { memberErased?: unknown }).memberErased === true;

/** On the member list: "the member's data was erased", once, after an erasure sent the user here. */
export function ErasedNotice() {
  const d = useDataProtectionText();
  return <ArrivalNotice read={(state) => (arrivedAfterErasure(state) ? true : null)} text={() => d.erased} />;
}
