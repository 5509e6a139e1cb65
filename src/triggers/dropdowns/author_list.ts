// Hidden: users who can author posts, 100 per page, for the Author dropdowns.
import { defineTrigger } from 'zapier-platform-core';
import { isWordPressCode } from '../../connection/errors';
import { defineOutput } from '../../wordpress/output';
import { decodeEntities } from '../../wordpress/text';
import { pollResult } from '../polling';
import { dropdownPage } from './paging';

type AuthorChoice = {
  id: number;
  name: string;
  slug: string;
};

const toAuthorChoice = (user: AuthorChoice): AuthorChoice => ({
  id: user.id,
  name: decodeEntities(user.name),
  slug: user.slug,
});

const output = defineOutput<AuthorChoice>([
  { key: 'id', label: 'User ID', type: 'integer', sample: 2 },
  { key: 'name', label: 'Display Name', sample: 'Edith Editor' },
  { key: 'slug', label: 'Slug', sample: 'edith' },
]);

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
    sample: output.sample,
    outputFields: output.outputFields,
  },
});
