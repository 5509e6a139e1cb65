// Hidden: published posts, pages and custom post type items, newest first, 100 per page, for the
// Post dropdowns of New Comment and Create Comment.
//
// Why /wp/v2/search: comments go on published items of any type, and the search route lists
// exactly those, of every public type, in one request, for any user (a Subscriber may comment but
// may edit no type, so the edit-context lists of the other Post dropdowns would be empty for them).
import { defineTrigger } from 'zapier-platform-core';
import { defineOutput } from '../../wordpress/output';
import { slugWords, stripTags } from '../../wordpress/text';
import { pollResult } from '../polling';
import { dropdownPage } from './paging';

/** An item as `/wp/v2/search` gives it: `subtype` is the post type's slug. */
interface WPSearchResult {
  id: number;
  title: string;
  subtype: string;
}

type PublishedPostChoice = {
  id: number;
  name: string;
  type: string;
};

/** `Title`, or with the type when it is not a post: `About us (Page)`. */
function toChoice(item: WPSearchResult): PublishedPostChoice {
  const title = stripTags(item.title ?? '') || '(no title)';
  return {
    id: item.id,
    name: item.subtype && item.subtype !== 'post' ? `${title} (${slugWords(item.subtype)})` : title,
    type: item.subtype,
  };
}

const output = defineOutput<PublishedPostChoice>([
  { key: 'id', label: 'Post ID', type: 'integer', sample: 1234 },
  { key: 'name', label: 'Title', sample: 'What’s new in our spring collection' },
  { key: 'type', label: 'Post Type', sample: 'post' },
]);

export const publishedPostList = defineTrigger({
  key: 'published_post_list',
  noun: 'Post',
  display: {
    label: 'List Published Posts of Every Type',
    description: 'Lists recent published posts, pages and custom post type items, for dropdowns.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform: async (z, bundle) =>
      pollResult(
        await dropdownPage(z, bundle, 'wp/v2/search', { type: 'post', _fields: 'id,title,subtype' }, toChoice),
      ),
    sample: output.sample,
    outputFields: output.outputFields,
  },
});
