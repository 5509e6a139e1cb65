// Hidden: the post types a Zap can watch or write, for the Post Type dropdowns.
import { defineTrigger } from 'zapier-platform-core';
import { INTERNAL_POST_TYPES, WPPostType, collectionRoute, rememberPostTypes, toPostTypeInfo } from '../post_types';
import { decodeEntities, wpRequest } from '../wordpress';
import { isFirstPage } from './common';

export interface PostTypeChoice {
  /** The type slug (`post`, `page`, `book`): what operations store and pass to `restBaseFor`. */
  id: string;
  name: string;
  rest_base: string;
  rest_namespace: string;
  /** The collection route relative to the REST root, e.g. `wp/v2/books`. */
  route: string;
}

export const postTypeList = defineTrigger({
  key: 'post_type_list',
  noun: 'Post Type',
  display: { label: 'List Post Types', description: 'Lists the post types of the site, for dropdowns.', hidden: true },
  operation: {
    type: 'polling',
    perform: async (z, bundle) => {
      // One object keyed by slug, not a paged list: everything comes on the first page.
      if (!isFirstPage(bundle)) return [];
      // No `_fields` here: on this object-shaped answer WordPress 6.1 filters the slugs away and returns [].
      const response = await wpRequest<Record<string, WPPostType>>(z, { url: 'wp/v2/types', method: 'GET' });
      const types = Object.values(response.data ?? {}).filter((type) => type && !INTERNAL_POST_TYPES.has(type.slug));
      // Whoever picks a type here is about to poll or write it: spare that operation the lookup.
      await rememberPostTypes(z, types, bundle);
      return types.map((type): PostTypeChoice => {
        const info = toPostTypeInfo(type);
        return {
          id: type.slug,
          name: decodeEntities(type.name || type.slug),
          rest_base: info.rest_base,
          rest_namespace: info.rest_namespace,
          route: collectionRoute(info),
        };
      });
    },
    sample: {
      id: 'post',
      name: 'Posts',
      rest_base: 'posts',
      rest_namespace: 'wp/v2',
      route: 'wp/v2/posts',
    } satisfies PostTypeChoice,
    outputFields: [
      { key: 'id', label: 'Post Type Slug' },
      { key: 'name', label: 'Name' },
      { key: 'rest_base', label: 'REST Base' },
      { key: 'rest_namespace', label: 'REST Namespace' },
      { key: 'route', label: 'REST Route' },
    ],
  },
});
