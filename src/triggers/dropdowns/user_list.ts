// Hidden: the site's users, 100 per page, for Update User's User dropdown.
import { defineTrigger } from 'zapier-platform-core';
import { isWordPressCode } from '../../connection/errors';
import { defineOutput } from '../../wordpress/output';
import { callWordPress } from '../../connection/request';
import { decodeEntities } from '../../wordpress/text';
import type { WPUser } from '../../wordpress/user';
import { pollResult } from '../polling';
import { dropdownPage, isFirstPage } from './paging';

type UserChoice = {
  id: number;
  name: string;
  username: string | null;
  email: string | null;
};

function toUserChoice(user: WPUser): UserChoice {
  const name = decodeEntities(user.name || user.username || `User ${user.id}`);
  const detail = [user.username, user.email].filter(Boolean).join(', ');
  return {
    id: user.id,
    name: detail ? `${name} (${detail})` : name,
    username: user.username ?? null,
    email: user.email ?? null,
  };
}

const USER_LIST_QUERY = { context: 'edit', orderby: 'name', order: 'asc', _fields: 'id,name,username,email' } as const;

const output = defineOutput<UserChoice>([
  { key: 'id', label: 'User ID', type: 'integer', sample: 42 },
  { key: 'name', label: 'Name', sample: 'Jane Doe (jane.doe, jane.doe@example.com)' },
  { key: 'username', label: 'Username', sample: 'jane.doe' },
  { key: 'email', label: 'Email', sample: 'jane.doe@example.com' },
]);

export const userList = defineTrigger({
  key: 'user_list',
  noun: 'User',
  display: { label: 'List Users', description: 'Lists users, for dropdowns.', hidden: true },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform: async (z, bundle) => {
      try {
        return pollResult(await dropdownPage(z, bundle, 'wp/v2/users', USER_LIST_QUERY, toUserChoice));
      } catch (err) {
        // Listing users with logins and emails needs list_users (administrators). Anyone else can
        // update only their own profile, so that is the one choice to offer.
        if (!isWordPressCode(err, 'rest_forbidden_context', 'rest_forbidden_orderby')) throw err;
        if (!isFirstPage(bundle)) return [];
        const me = await callWordPress<WPUser>(z, bundle, {
          route: 'wp/v2/users/me',
          query: { context: 'edit', _fields: 'id,name,username,email' },
        });
        return pollResult([toUserChoice(me.data)]);
      }
    },
    sample: output.sample,
    outputFields: output.outputFields,
  },
});
