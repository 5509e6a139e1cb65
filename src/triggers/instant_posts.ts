// What New Post (Instant) and New or Updated Post (Instant) share: the polling twins' filters, and
// a delivered post loaded with the twins' very query and output.
import { defineInputFields } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { Delivery, HookFilters } from '../connection/companion';
import { Input, optionalBoolean, optionalIds } from '../zap/input';
import { POST_QUERY, PostOutput, WPPost, isPasswordProtected, toPostOutput } from '../wordpress/post';
import { normalizePostType, requestForPostType } from '../wordpress/post_types';
import { postTaxonomyFilters, readTaxonomyFilterTerms } from '../wordpress/post_custom';
import type { CustomTaxonomy } from '../wordpress/schema';
import { callWordPress } from '../connection/request';
import { linkResolver, siteUrlOf } from '../connection/site';
import { postPollField } from './post_poll';

// The polling twins' fields, but Status: an instant trigger hears of published posts only.
const field = {
  post_type: postPollField.post_type,
  categories: postPollField.categories,
  tags: postPollField.tags,
  author: postPollField.author,
  include_protected: postPollField.include_protected,
};

/** The keys of the filters every type has; any other filled in is a filter on the type's own taxonomy. */
const FILTER_KEYS: ReadonlySet<string> = new Set(Object.keys(field));

export const instantPostInputFields = defineInputFields([...Object.values(field), postTaxonomyFilters]);

interface PostFilters {
  postType: string;
  categories: number[];
  tags: number[];
  /** The type's own taxonomies (genres of a book type): any of the terms in each. */
  custom: Array<{ taxonomy: CustomTaxonomy; ids: number[] }>;
  author?: number;
  includeProtected: boolean;
}

/** The Zap's filters; the type's schema is read (once, then cached) only when one of its own is filled in. */
async function postFilters(z: ZObject, bundle: Bundle): Promise<PostFilters> {
  const input = bundle.inputData as Input & { post_type?: string };
  const postType = normalizePostType(input.post_type);
  return {
    postType,
    categories: optionalIds(input, field.categories),
    tags: optionalIds(input, field.tags),
    custom: await readTaxonomyFilterTerms(z, bundle, postType, FILTER_KEYS),
    author: optionalIds(input, field.author)[0],
    includeProtected: optionalBoolean(input, field.include_protected) ?? false,
  };
}

/** Only published posts of the type are delivered; the terms are checked on the post itself. */
export async function postHookFilters(z: ZObject, bundle: Bundle): Promise<HookFilters> {
  const filters = await postFilters(z, bundle);
  const terms: Record<string, number[]> = {};
  if (filters.categories.length) terms.category = filters.categories;
  if (filters.tags.length) terms.post_tag = filters.tags;
  for (const { taxonomy, ids } of filters.custom) terms[taxonomy.slug] = ids;
  return { post_type: filters.postType, status: 'publish', ...(Object.keys(terms).length ? { terms } : {}) };
}

function matches(post: WPPost, filters: PostFilters): boolean {
  const anyOf = (wanted: number[], has: unknown) =>
    !wanted.length || (Array.isArray(has) && wanted.some((id) => has.includes(id)));
  // The type's own terms come embedded (POST_QUERY), each naming its taxonomy.
  const embedded = (post._embedded?.['wp:term'] ?? []).flat();
  const termsIn = (slug: string) => embedded.filter((term) => term?.taxonomy === slug).map((term) => term?.id);
  return (
    post.status === 'publish' &&
    post.type === filters.postType &&
    anyOf(filters.categories, post.categories) &&
    anyOf(filters.tags, post.tags) &&
    filters.custom.every(({ taxonomy, ids }) => anyOf(ids, termsIn(taxonomy.slug))) &&
    (filters.author === undefined || post.author === filters.author) &&
    (filters.includeProtected || !isPasswordProtected(post))
  );
}

/** The delivered post as the polling twins output it, or nothing when it no longer matches the Zap. */
export async function loadDeliveredPost(z: ZObject, bundle: Bundle, delivery: Delivery): Promise<PostOutput[]> {
  const filters = await postFilters(z, bundle);
  if (delivery.object_type !== 'post' || (delivery.subtype && delivery.subtype !== filters.postType)) return [];
  const post = await requestForPostType(z, bundle, filters.postType, async (route) => {
    const response = await callWordPress<WPPost>(z, bundle, {
      route: `${route}/${delivery.object_id}`,
      query: POST_QUERY,
    });
    return response.data;
  });
  if (!post || typeof post !== 'object' || !matches(post, filters)) return [];
  return [toPostOutput(post, linkResolver(siteUrlOf(bundle)))];
}
