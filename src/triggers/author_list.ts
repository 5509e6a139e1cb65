// Hidden: users who can author posts, 100 per page, for the Author dropdowns.
import { defineTrigger } from 'zapier-platform-core';
import { decodeEntities } from '../wordpress';
import { dropdownPage, isWordPressCode, pollResult } from './common';

interface WPAuthor {
  id: number;
  name: string;
  slug: string;
}

export interface AuthorChoice {
  id: number;
  name: string;
  slug: string;
}

const toAuthorChoice = (user: WPAuthor): AuthorChoice => ({
  id: user.id,
  name: decodeEntities(user.name),
  slug: user.slug,
});

const AUTHOR_QUERY = { orderby: 'name', order: 'asc', _fields: 'id,name,slug' } as const;

export const authorList = defineTrigger({
  key: 'author_list',
  noun: 'Author',
  display: { label: 'List Authors', description: 'Lists users who can write posts, for dropdowns.', hidden: true },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform: async (z, bundle) => {
      try {
        // `who=authors`: everyone who may write, including authors with nothing published yet.
        return pollResult(
          await dropdownPage(z, bundle, 'wp/v2/users', { ...AUTHOR_QUERY, who: 'authors' }, toAuthorChoice),
        );
      } catch (err) {
        // `who` needs edit_posts (403 rest_forbidden_who for a subscriber). Such a user can only
        // read published posts anyway, whose authors are exactly the users WordPress lists to anyone.
        if (!isWordPressCode(err, 'rest_forbidden_who')) throw err;
        return pollResult(await dropdownPage(z, bundle, 'wp/v2/users', AUTHOR_QUERY, toAuthorChoice));
      }
    },
    sample: { id: 2, name: 'Edith Editor', slug: 'edith' } satisfies AuthorChoice,
    outputFields: [
      { key: 'id', label: 'User ID', type: 'integer' },
      { key: 'name', label: 'Display Name' },
      { key: 'slug', label: 'Slug' },
    ],
  },
});
