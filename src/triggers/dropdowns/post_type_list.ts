// Hidden: the post types a Zap can watch or write, for the Post Type dropdowns.
import { defineTrigger } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { defineOutput } from '../../wordpress/output';
import { INTERNAL_POST_TYPES, WPPostType, rememberPostTypes } from '../../wordpress/post_types';
import { callWordPress } from '../../connection/request';
import { decodeEntities } from '../../wordpress/text';
import { isFirstPage } from './paging';

type PostTypeChoice = {
  /** The type slug (`post`, `page`, `book`): what operations store. */
  id: string;
  name: string;
};

/** A type as `/wp/v2/types?context=edit` gives it: with its labels. */
export type WPEditablePostType = WPPostType & { labels?: { singular_name?: string } };

/**
 * The site's content types: not media, blocks, menus or templates. In the `edit` context WordPress
 * lists only the types the user may edit (403 `rest_cannot_view` when none), with their labels.
 * No `_fields`: on this object-shaped answer WordPress 6.1 filters the slugs away and returns [].
 */
export async function contentPostTypes(
  z: ZObject,
  bundle: Bundle,
  context: 'view' | 'edit' = 'view',
): Promise<WPEditablePostType[]> {
  const response = await callWordPress<Record<string, WPEditablePostType>>(z, bundle, {
    route: 'wp/v2/types',
    query: context === 'edit' ? { context } : undefined,
  });
  return Object.values(response.data ?? {}).filter((type) => type && !INTERNAL_POST_TYPES.has(type.slug));
}

const output = defineOutput<PostTypeChoice>([
  { key: 'id', label: 'Post Type Slug', sample: 'post' },
  { key: 'name', label: 'Name', sample: 'Posts' },
]);

export const postTypeList = defineTrigger({
  key: 'post_type_list',
  noun: 'Post Type',
  display: { label: 'List Post Types', description: 'Lists the post types of the site, for dropdowns.', hidden: true },
  operation: {
    type: 'polling',
    perform: async (z, bundle) => {
      // One object keyed by slug, not a paged list: everything comes on the first page.
      if (!isFirstPage(bundle)) return [];
      const types = await contentPostTypes(z, bundle);
      // Whoever picks a type here is about to poll or write it: spare that operation the lookup.
      await rememberPostTypes(z, bundle, types);
      return types.map((type): PostTypeChoice => ({ id: type.slug, name: decodeEntities(type.name || type.slug) }));
    },
    sample: output.sample,
    outputFields: output.outputFields,
  },
});
