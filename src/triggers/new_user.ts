// New User: every newly registered user once, newest first, with the email and names a CRM needs
// (a burst of any size, such as a CSV import, reaches the Zap across polls).
import { defineInputFields, defineTrigger } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { UserInputError, WordPressError, isWordPressCode } from '../connection/errors';
import { needsCapability } from '../connection/messages';
import { Query, callWordPress } from '../connection/request';
import { roleSlug, siteRoles } from '../wordpress/roles';
import { linkResolver, siteUrlOf } from '../connection/site';
import { clip } from '../wordpress/text';
import { USER_QUERY, UserOutput, WPUser, toUserOutput, userOutput } from '../wordpress/user';
import { userCustomOutputFields } from '../wordpress/user_custom';
import { NEW_PER_POLL, epochOf, pollById } from './id_poll';
import { pollResult } from './polling';

export const newUserInputFields = defineInputFields([
  {
    key: 'role',
    label: 'Role',
    dynamic: 'role_list.id.name',
    required: false,
    helpText:
      'Only users with this role (for example Subscriber). A role missing from the list can be typed as its slug (for example shop_manager). Leave empty for every new user.',
  },
]);

type NewUserInput = { role?: string };

/**
 * Emails, roles and the registration date exist only in the edit context, which needs `list_users`.
 * Without it WordPress silently lists only users who have published posts, so a fallback would never
 * see a new subscriber: refuse with the capability and the role that has it instead.
 */
function explainUserPollError(err: unknown): never {
  if (isWordPressCode(err, 'rest_forbidden_context', 'rest_forbidden_orderby', 'rest_user_cannot_view')) {
    throw new WordPressError(
      needsCapability('list_users', "read the site's users with their email addresses, which New User needs") +
        ' (Without it WordPress only shows users who have published posts, so new subscribers would never trigger.)',
      err.wpCode,
      err.httpStatus,
    );
  }
  throw err;
}

/**
 * WordPress's `roles=` filter takes any text and answers a role the site does not have with an empty
 * list, so such a Zap would never trigger. The REST API cannot say which roles exist (see roles.ts),
 * so this runs only when a filtered poll found nobody, costs one request, and refuses only while the
 * trigger is tested in the Zap editor, where the user can fix it. A live poll never refuses: it cannot
 * tell a role that does not exist from a custom role that nobody has *yet* (a Zap waiting for its
 * first member), and a trigger that fails on every poll gets its Zap paused by Zapier.
 */
async function refuseUnknownRoles(z: ZObject, bundle: Bundle, wanted: string[]): Promise<void> {
  const known = new Set((await siteRoles(z, bundle)).map((role) => role.id));
  const unknown = wanted.filter((role) => !known.has(role)).map((role) => `"${clip(role)}"`);
  if (!unknown.length) return;
  const several = unknown.length > 1;
  throw new UserInputError(
    `Role: no user has the role${several ? 's' : ''} ${unknown.join(', ')}, and ${several ? 'they are' : 'it is'} not among the roles Zapier can see on this site: ` +
      `${[...known].join(', ')}. Pick a role from the dropdown, or type the slug of one of these. ` +
      `If ${several ? 'one of them' : unknown[0]} is a custom role that no user has yet, skip this test: the Zap triggers once a user with that role registers.`,
    'unknown_role',
  );
}

export async function pollUsers(z: ZObject, bundle: Bundle<NewUserInput>): Promise<Array<UserOutput | { id: number }>> {
  // The dropdown gives slugs; a typed or mapped label (`Shop Manager`) is made one, as Create User does.
  // WordPress takes several, separated by commas.
  const roles = (bundle.inputData.role ?? '').split(',').map(roleSlug).filter(Boolean);
  const list = async (query: Query): Promise<WPUser[]> => {
    try {
      const response = await callWordPress<WPUser[]>(z, bundle, {
        route: 'wp/v2/users',
        query: { ...USER_QUERY, roles: roles.join(',') || undefined, ...query },
      });
      return Array.isArray(response.data) ? response.data : [];
    } catch (err) {
      explainUserPollError(err);
    }
  };
  const absolute = linkResolver(siteUrlOf(bundle));
  const users = await pollById(z, bundle, {
    pageSize: NEW_PER_POLL,
    trigger: 'new_user',
    filters: { roles },
    list,
    // WordPress gives the registration date in UTC with its offset.
    dateField: 'registered_date',
    dateOf: (user) => epochOf(user.registered_date),
    render: (found) => found.map((user) => toUserOutput(user, absolute)),
    feedEvents: ['user.created'],
  });
  if (!users.length && roles.length && bundle.meta?.isLoadingSample) await refuseUnknownRoles(z, bundle, roles);
  return users;
}

export const newUser = defineTrigger({
  key: 'new_user',
  noun: 'User',
  display: {
    label: 'New User',
    description: 'Triggers when a new user registers.',
  },
  operation: {
    type: 'polling',
    inputFields: newUserInputFields,
    perform: async (z, bundle) => pollResult(await pollUsers(z, bundle)),
    sample: userOutput.sample,
    outputFields: [...userOutput.outputFields, userCustomOutputFields],
  },
});
