// Find User: by exact email, exact username or search words. Also the search half of Find or
// Create User, the CRM-sync step: the email must match exactly, never as a substring, or a
// contact would be merged into someone else's account.
import { defineInputFields, defineSearch } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { UserInputError, reword } from '../connection/errors';
import { Input, optionalEmail, optionalText } from '../zap/input';
import { needsCapability } from '../connection/messages';
import { callWordPress } from '../connection/request';
import { linkResolver, siteUrlOf } from '../connection/site';
import { USER_QUERY, UserOutput, WPUser, toUserOutput, userOutput } from '../wordpress/user';
import { userCustomOutputFields } from '../wordpress/user_custom';

const PER_PAGE = 100;
/** WordPress's search is a substring match: an exact match among many near ones may be a few pages in. */
const MAX_PAGES = 5;
const SEARCH_RESULTS = 10;

const field = {
  email: {
    key: 'email',
    label: 'Email',
    required: false,
    helpText: 'Find the user with exactly this email address (upper/lower case does not matter).',
  },
  username: {
    key: 'username',
    label: 'Username',
    required: false,
    helpText: 'Find the user with exactly this login name.',
  },
  search: {
    key: 'search',
    label: 'Search Text',
    required: false,
    helpText: 'Part of a username, email, display name or website. Used only when Email and Username are empty.',
  },
} as const;

const inputFields = defineInputFields(Object.values(field));

const same = (a: string | undefined, b: string) => (a ?? '').trim().toLowerCase() === b.trim().toLowerCase();

/**
 * What to search for to find a username. With an `@` in the text WordPress searches the email
 * column only, so a username such as "jo@home" is searched for by its longest piece without one
 * ("home"), and exact matches are kept.
 */
export function usernameSearch(username: string): string {
  return username.split('@').reduce((longest, piece) => (piece.length > longest.length ? piece : longest), '');
}

async function searchUsers(
  z: ZObject,
  bundle: Bundle,
  search: string,
  perPage: number,
  page: number,
): Promise<WPUser[]> {
  try {
    const response = await callWordPress<WPUser[]>(z, bundle, {
      route: 'wp/v2/users',
      query: { ...USER_QUERY, search: search || undefined, per_page: perPage, page, orderby: 'id', order: 'asc' },
    });
    return Array.isArray(response.data) ? response.data : [];
  } catch (err) {
    throw reword(err, {
      rest_forbidden_context: needsCapability('list_users', 'look up users by email or username'),
      rest_user_cannot_view: needsCapability('list_users', 'look up users by email or username'),
    });
  }
}

async function perform(z: ZObject, bundle: Bundle): Promise<UserOutput[]> {
  const input = bundle.inputData as Input;
  const email = optionalEmail(input, field.email);
  const username = optionalText(input, field.username, { max: 60 });
  const search = optionalText(input, field.search, { max: 200 });
  const absolute = linkResolver(siteUrlOf(bundle));
  if (email === undefined && username === undefined) {
    if (search === undefined)
      throw new UserInputError('Fill in Email, Username or Search Text to say which user to find.');
    return (await searchUsers(z, bundle, search, SEARCH_RESULTS, 1)).map((user) => toUserOutput(user, absolute));
  }
  const exact = (user: WPUser) =>
    (email === undefined || same(user.email, email)) && (username === undefined || same(user.username, username));
  for (let page = 1; page <= MAX_PAGES; page++) {
    const users = await searchUsers(z, bundle, email ?? usernameSearch(username ?? ''), PER_PAGE, page);
    const found = users.filter(exact);
    if (found.length) return found.map((user) => toUserOutput(user, absolute));
    if (users.length < PER_PAGE) break;
  }
  return [];
}

export const findUser = defineSearch({
  key: 'find_user',
  noun: 'User',
  display: {
    label: 'Find User',
    description:
      'Finds a user by exact email address, exact username or search words. Needs an Administrator connection.',
  },
  operation: {
    inputFields,
    perform,
    sample: userOutput.sample,
    outputFields: [...userOutput.outputFields, userCustomOutputFields],
  },
});
