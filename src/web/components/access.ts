import { can, type Permission } from '../../core/access/policy';
import type { StaffRole } from '../../core/enums';
import { useMe } from '../features/auth/queries';

/**
 * Whether the signed-in user's role allows `permission` (the same table the server
 * enforces, `core/access/policy.ts`). The web app hides what would only answer 403;
 * the server still decides. Nothing is allowed until the user is known, so a control
 * never flashes up for someone who may not use it.
 */
export function useCan(permission: Permission): boolean {
  return allows(useMe().data, permission);
}

/** Several permissions at once: `const may = useAccess(); may('records.write')`. */
export function useAccess(): (permission: Permission) => boolean {
  const me = useMe().data;
  return (permission) => allows(me, permission);
}

function allows(me: { role: StaffRole } | null | undefined, permission: Permission): boolean {
  return me ? can(me.role, permission) : false;
}
