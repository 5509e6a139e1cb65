// Find User: by exact email, exact username or search words. Also the search half of Find or
// Create User, the CRM-sync step: the email must match exactly, never as a substring, or a
// contact would be merged into someone else's account.
import { defineInputFields, defineSearch } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { Input, optionalEmail, optionalText } from '../input';
import { readJson, reword, withoutSecrets } from '../requests';
import { USER_QUERY, WPUser, toUserOutput, userOutputFields, userSample } from '../users';
import { UserInputError, needsCapability, siteUrlOf } from '../wordpress';

const F = {
  email: { key: 'email', label: 'Email' },
  username: { key: 'username', label: 'Username' },
  search: { key: 'search', label: 'Search Text' },
};

const PER_PAGE = 100;
/** WordPress's search is a substring match: an exact match among many near ones may be a few pages in. */
const MAX_PAGES = 5;
const SEARCH_RESULTS = 10;

const inputFields = defineInputFields([
  {
    key: 'email',
    label: 'Email',
    required: false,
    helpText: 'Find the user with exactly this email address (upper/lower case does not matter).',
  },
  { key: 'username', label: 'Username', required: false, helpText: 'Find the user with exactly this login name.' },
  {
    key: 'search',
    label: 'Search Text',
    required: false,
    helpText: 'Part of a username, email, display name or website. Used only when Email and Username are empty.',
  },
]);

const same = (a: string | undefined, b: string) => (a ?? '').trim().toLowerCase() === b.trim().toLowerCase();

async function searchUsers(
  z: ZObject,
  bundle: Bundle,
  search: string,
  perPage: number,
  page: number,
): Promise<WPUser[]> {
  try {
    const response = await readJson<WPUser[]>(z, bundle, 'wp/v2/users', {
      ...USER_QUERY,
      search,
      per_page: perPage,
      page,
      orderby: 'id',
      order: 'asc',
    });
    return Array.isArray(response.data) ? response.data : [];
  } catch (err) {
    return reword(err, {
      rest_forbidden_context: needsCapability('list_users', 'look up users by email or username'),
      rest_user_cannot_view: needsCapability('list_users', 'look up users by email or username'),
    });
  }
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
    perform: (z, bundle) =>
      withoutSecrets(bundle, [], async () => {
        const input = bundle.inputData as Input;
        const email = optionalEmail(input, F.email);
        const username = optionalText(input, F.username, { max: 60 });
        const search = optionalText(input, F.search, { max: 200 });
        const site = siteUrlOf(bundle);
        if (email === undefined && username === undefined) {
          if (search === undefined)
            throw new UserInputError('Fill in Email, Username or Search Text to say which user to find.');
          return (await searchUsers(z, bundle, search, SEARCH_RESULTS, 1)).map((u) => toUserOutput(u, site));
        }
        const exact = (u: WPUser) =>
          (email === undefined || same(u.email, email)) && (username === undefined || same(u.username, username));
        for (let page = 1; page <= MAX_PAGES; page++) {
          const users = await searchUsers(z, bundle, email ?? username ?? '', PER_PAGE, page);
          const found = users.filter(exact);
          if (found.length) return found.map((u) => toUserOutput(u, site));
          if (users.length < PER_PAGE) break;
        }
        return [];
      }),
    sample: { ...userSample },
    outputFields: [...userOutputFields],
  },
});
