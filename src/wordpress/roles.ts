// The site's user roles, as far as the REST API lets anyone see them, and a role as a Zap gives it.
//
// The REST API has no roles route (roles live in an option only PHP reads), so the list is derived:
// WordPress's five standard roles, which exist on almost every site, plus any other role found on
// the 100 most recently registered users (context=edit, administrators only), which is where plugin
// roles such as WooCommerce's `customer` show up. A custom role no recent user has is missing; it can
// still be typed in as a custom value (its slug).
import type { Bundle, ZObject } from 'zapier-platform-core';
import { isWordPressCode } from '../connection/errors';
import { callWordPress } from '../connection/request';
import { slugWords } from './text';
import { MAX_PER_PAGE } from '../triggers/polling';

/** A role by its slug (what WordPress stores and filters by) and a name to show. */
export type Role = {
  id: string;
  name: string;
};

export const STANDARD_ROLES: Role[] = [
  { id: 'subscriber', name: 'Subscriber' },
  { id: 'contributor', name: 'Contributor' },
  { id: 'author', name: 'Author' },
  { id: 'editor', name: 'Editor' },
  { id: 'administrator', name: 'Administrator' },
];

/** `Shop Manager` (a label typed or mapped) → `shop_manager`, the slug WordPress knows. */
export function roleSlug(role: string): string {
  return role.trim().toLowerCase().replace(/\s+/g, '_');
}

async function rolesOfRecentUsers(z: ZObject, bundle: Bundle): Promise<string[]> {
  try {
    const response = await callWordPress<Array<{ roles?: string[] }>>(z, bundle, {
      route: 'wp/v2/users',
      query: { context: 'edit', orderby: 'registered_date', order: 'desc', per_page: MAX_PER_PAGE, _fields: 'roles' },
    });
    return (response.data ?? []).flatMap((user) => user.roles ?? []);
  } catch (err) {
    // Not an administrator: roles are hidden, the standard five will do.
    if (isWordPressCode(err, 'rest_forbidden_context', 'rest_forbidden_orderby', 'rest_user_cannot_view')) return [];
    throw err;
  }
}

/** The standard five, then the other roles seen on recent users, by slug. One request. */
export async function siteRoles(z: ZObject, bundle: Bundle): Promise<Role[]> {
  const known = new Set(STANDARD_ROLES.map((role) => role.id));
  const extra = [...new Set(await rolesOfRecentUsers(z, bundle))].filter((role) => !known.has(role)).sort();
  return [...STANDARD_ROLES, ...extra.map((id): Role => ({ id, name: slugWords(id) }))];
}
