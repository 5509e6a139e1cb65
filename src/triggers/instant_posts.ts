// What New Post (Instant) and New or Updated Post (Instant) share: the polling twins' filters, and
// a delivered post loaded with the twins' very query and output.
import { defineInputFields } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { Delivery, HookFilters } from '../connection/companion';
import { Input, optionalBoolean, optionalIds } from '../zap/input';
import { POST_QUERY, PostOutput, WPPost, isPasswordProtected, toPostOutput } from '../wordpress/post';
import { normalizePostType, requestForPostType } from '../wordpress/post_types';
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

export const instantPostInputFields = defineInputFields(Object.values(field));

interface PostFilters {
  postType: string;
  categories: number[];
  tags: number[];
  author?: number;
  includeProtected: boolean;
}

function postFilters(bundle: Bundle): PostFilters {
  const input = bundle.inputData as Input & { post_type?: string };
  return {
    postType: normalizePostType(input.post_type),
    categories: optionalIds(input, field.categories),
    tags: optionalIds(input, field.tags),
    author: optionalIds(input, field.author)[0],
    includeProtected: optionalBoolean(input, field.include_protected) ?? false,
  };
}

/** Only published posts of the type are delivered; the terms are checked on the post itself. */
export function postHookFilters(bundle: Bundle): HookFilters {
  const filters = postFilters(bundle);
  const terms: Record<string, number[]> = {};
  if (filters.categories.length) terms.category = filters.categories;
  if (filters.tags.length) terms.post_tag = filters.tags;
  return { post_type: filters.postType, status: 'publish', ...(Object.keys(terms).length ? { terms } : {}) };
}

function matches(post: WPPost, filters: PostFilters): boolean {
  const anyOf = (wanted: number[], has: number[] | undefined) =>
    !wanted.length || wanted.some((id) => (has ?? []).includes(id));
  return (
    post.status === 'publish' &&
    post.type === filters.postType &&
    anyOf(filters.categories, post.categories) &&
    anyOf(filters.tags, post.tags) &&
    (filters.author === undefined || post.author === filters.author) &&
    (filters.includeProtected || !isPasswordProtected(post))
  );
}

/** The delivered post as the polling twins output it, or nothing when it no longer matches the Zap. */
export async function loadDeliveredPost(z: ZObject, bundle: Bundle, delivery: Delivery): Promise<PostOutput[]> {
  const filters = postFilters(bundle);
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
