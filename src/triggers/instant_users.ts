// What New User (Instant) and User Updated (Instant) share: New User's Role filter, and a delivered
// user loaded with New User's very query and output.
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { Delivery, HookFilters } from '../connection/companion';
import { WordPressError, isWordPressCode } from '../connection/errors';
import { needsCapability } from '../connection/messages';
import { callWordPress } from '../connection/request';
import { roleSlug } from '../wordpress/roles';
import { linkResolver, siteUrlOf } from '../connection/site';
import { USER_QUERY, UserOutput, WPUser, toUserOutput } from '../wordpress/user';

function wantedRoles(bundle: Bundle): string[] {
  const role = (bundle.inputData as { role?: string }).role ?? '';
  return role.split(',').map(roleSlug).filter(Boolean);
}

/** One role can be left to the plugin; several are checked on the user. */
export function userHookFilters(bundle: Bundle): HookFilters {
  const roles = wantedRoles(bundle);
  return roles.length === 1 ? { role: roles[0] } : {};
}

/** The delivered user as New User outputs it, or nothing when the user no longer has the role. */
export async function loadDeliveredUser(z: ZObject, bundle: Bundle, delivery: Delivery): Promise<UserOutput[]> {
  if (delivery.object_type !== 'user') return [];
  let user: WPUser;
  try {
    user = (await callWordPress<WPUser>(z, bundle, { route: `wp/v2/users/${delivery.object_id}`, query: USER_QUERY }))
      .data;
  } catch (err) {
    if (isWordPressCode(err, 'rest_forbidden_context', 'rest_user_cannot_view')) {
      throw new WordPressError(
        needsCapability('list_users', "read the site's users with their email addresses, which this trigger needs"),
        err.wpCode,
        err.httpStatus,
      );
    }
    throw err;
  }
  const roles = wantedRoles(bundle);
  if (!user || typeof user !== 'object') return [];
  if (roles.length && !roles.some((role) => (user.roles ?? []).includes(role))) return [];
  return [toUserOutput(user, linkResolver(siteUrlOf(bundle)))];
}
