// Hidden: recent items of every content type the user may edit (posts, pages, custom types), 100 per
// type per page, for Upload Media's Attach to Post dropdown.
//
// Why every type in one list rather than a Post Type field first: WordPress attaches a file to an
// item of any type, and the field's promise is "of any type". One dropdown that names each item's
// type (`About us (Page)`) needs no extra field that serves only the dropdown, and lists nothing the
// user cannot attach to: WordPress refuses the upload unless the user may edit the item, and the
// `edit` context of /wp/v2/types lists exactly the types the user may edit. The cost is one request
// for the types plus one per type, in parallel; WordPress has no route that lists several types
// with their drafts (/wp/v2/search gives published items only).
import { defineTrigger } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { isWordPressCode } from '../../connection/errors';
import { toPostTypeInfo } from '../../wordpress/post_types';
import { decodeEntities } from '../../wordpress/text';
import { pollResult } from '../polling';
import { PostSummary, editablePostsPage, postChoiceOutput, toPostChoice } from './post_choices';
import { WPEditablePostType, contentPostTypes } from './post_type_list';

const output = postChoiceOutput({ id: 42, name: 'About us (Page, Draft)', status: 'draft', type: 'page' });

/** The types the user may edit; none (403 `rest_cannot_view`) for a user who may edit nothing. */
async function editableTypes(z: ZObject, bundle: Bundle): Promise<WPEditablePostType[]> {
  try {
    return await contentPostTypes(z, bundle, 'edit');
  } catch (err) {
    if (isWordPressCode(err, 'rest_cannot_view')) return [];
    throw err;
  }
}

/** A type's name for one item: `Page`, `Book` (the plural `name` when the labels are missing). */
function singularName(type: WPEditablePostType): string {
  return decodeEntities(type.labels?.singular_name || type.name || type.slug);
}

// Newest first across types, as each type's page is. `date` is site time in one format for every
// type, so text order is time order; a tie (or a missing date) falls back to the newer ID.
function newestFirst(a: PostSummary, b: PostSummary): number {
  const byDate = (b.date ?? '').localeCompare(a.date ?? '');
  return byDate || b.id - a.id;
}

export const anyPostList = defineTrigger({
  key: 'any_post_list',
  noun: 'Post',
  display: {
    label: 'List Posts of Every Type',
    description: 'Lists recent posts, pages and custom post type items the user may edit, for dropdowns.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform: async (z, bundle) => {
      const types = await editableTypes(z, bundle);
      const settled = await Promise.allSettled(
        types.map((type) => editablePostsPage(z, bundle, type.slug, toPostTypeInfo(type))),
      );
      // One type a plugin broke must not empty the dropdown; only when every type fails is it an error.
      const failed = settled.find((page): page is PromiseRejectedResult => page.status === 'rejected');
      if (failed && settled.every((page) => page.status === 'rejected')) throw failed.reason;
      const items = settled.flatMap((page, i) =>
        page.status === 'fulfilled' ? page.value.map((post) => ({ post, typeName: singularName(types[i]) })) : [],
      );
      items.sort((a, b) => newestFirst(a.post, b.post));
      return pollResult(items.map(({ post, typeName }) => toPostChoice(post, typeName)));
    },
    sample: output.sample,
    outputFields: output.outputFields,
  },
});
