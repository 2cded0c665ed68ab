// GET /api/staff as the server answers it, for component tests of every feature.

type Account = { id: string; displayName: string; role: string; disabled?: boolean };

/**
 * The answer of `GET /api/staff` for these accounts: the enabled ones (every one
 * with `includeDisabled=true`), as `{ id, displayName, role }` only.
 */
export function staffAnswer(url: string, accounts: readonly Account[]) {
  const everyone = new URL(url, 'http://localhost').searchParams.get('includeDisabled') === 'true';
  const items = accounts
    .filter((u) => everyone || !u.disabled)
    .map(({ id, displayName, role }) => ({ id, displayName, role }));
  return { items, total: items.length };
}
