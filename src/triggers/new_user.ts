// New User: every newly registered user once, newest first, with the email and names a CRM needs.
import { defineInputFields, defineTrigger } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { WordPressError, isWordPressCode } from '../errors';
import { needsCapability } from '../messages';
import { callWordPress } from '../request';
import { linkResolver, siteUrlOf } from '../site';
import { USER_QUERY, UserOutput, WPUser, toUserOutput, userOutput } from '../user';
import { MAX_PER_PAGE, pollResult, pollSize } from './polling';

const inputFields = defineInputFields([
  {
    key: 'role',
    label: 'Role',
    dynamic: 'role_list.id.name',
    required: false,
    helpText: 'Only users with this role (for example Subscriber). Leave empty for every new user.',
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

export async function pollUsers(z: ZObject, bundle: Bundle<NewUserInput>): Promise<UserOutput[]> {
  const role = (bundle.inputData.role ?? '').trim();
  const query = {
    ...USER_QUERY,
    orderby: 'registered_date',
    order: 'desc',
    // Users are small: a full page covers a registration burst between two polls.
    per_page: pollSize(bundle, MAX_PER_PAGE),
    page: 1,
    roles: role || undefined,
  };
  let users: WPUser[];
  try {
    const response = await callWordPress<WPUser[]>(z, bundle, { route: 'wp/v2/users', query });
    users = Array.isArray(response.data) ? response.data : [];
  } catch (err) {
    explainUserPollError(err);
  }
  // Registrations within the same second tie on the date; the higher ID is the later one.
  const newestFirst = (a: WPUser, b: WPUser) => {
    const [ka, kb] = [a.registered_date ?? '', b.registered_date ?? ''];
    return ka < kb ? 1 : ka > kb ? -1 : b.id - a.id;
  };
  const absolute = linkResolver(siteUrlOf(bundle));
  return [...users].sort(newestFirst).map((user) => toUserOutput(user, absolute));
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
    inputFields,
    perform: async (z, bundle) => pollResult(await pollUsers(z, bundle)),
    sample: userOutput.sample,
    outputFields: userOutput.outputFields,
  },
});
