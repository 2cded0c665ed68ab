import { type SQL, sql } from 'drizzle-orm';
import { can, type Scope } from '../../core/access/policy';
import { contactSearchTerm } from '../../core/members/contacts';
import { memberContactSearchText } from '../schema';
import { likeContains } from './records';

/**
 * A member whose phone numbers or e-mail addresses contain `q` (core's contactSearchTerm:
 * a phone number typed in any format becomes the stored digits, so 090-1234-5678 finds
 * 09012345678; an address matches case-insensitively). It uses the indexed expression
 * `memberContactSearchText` (members_contact_trgm_idx), written exactly as indexed.
 * Undefined when there is nothing to search for. The caller decides who may search
 * contact details (`contacts.read`; see memberContactSearchAllowed) — executives never.
 */
export function memberContactMatchSql(q: string): SQL | undefined {
  const term = contactSearchTerm(q);
  if (term === null) return undefined;
  return sql`(${memberContactSearchText}) like ${likeContains(term)}`;
}

/** Whether this scope may find members by their contact details (the same rule as seeing them). */
export function memberContactSearchAllowed(scope: Pick<Scope, 'role'>): boolean {
  return can(scope.role, 'contacts.read');
}
