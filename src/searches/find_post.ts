// Find Post: by ID, slug, exact title or search words, within a post type and status. Also the
// search half of Find or Create Post.
import { defineInputFields, defineSearch } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { UserInputError, isForbiddenStatus, isWordPressCode, reword } from '../errors';
import { Input, choicesOf, optionalChoice, optionalId, optionalText } from '../input';
import { POST_QUERY, POST_STATUSES, PostOutput, WPPost, plainTitle, postOutput, toPostOutput } from '../post';
import { normalizePostType, postTypeField, requestForPostType } from '../post_types';
import { callWordPress } from '../request';
import { linkResolver, siteUrlOf } from '../site';
import { comparable } from '../text';

const STATUSES = { any: 'Any Status', ...POST_STATUSES } as const;
type StatusFilter = keyof typeof STATUSES;

/** Exact title matches are picked from this many search hits (WordPress's maximum page). */
const TITLE_CANDIDATES = 100;
/** Search words return the best few: Zapier uses the first, the rest are for "return all". */
const SEARCH_RESULTS = 10;

const field = {
  post_type: postTypeField('Default: Posts.'),
  status: {
    key: 'status',
    label: 'Status',
    choices: choicesOf(STATUSES),
    default: 'any',
    required: false,
    helpText:
      'Default: any status the connected user can see (drafts, pending, scheduled and private need a Contributor or higher). Trashed posts are never found.',
  },
  post_id: { key: 'post_id', label: 'Post ID', required: false, helpText: 'Find the post with this ID.' },
  slug: {
    key: 'slug',
    label: 'Slug',
    required: false,
    helpText: 'Find the post with this URL name, e.g. "spring-collection".',
  },
  title: {
    key: 'title',
    label: 'Title',
    required: false,
    helpText:
      'Find a post with exactly this title (upper/lower case does not matter). The newest wins if several have it.',
  },
  search: {
    key: 'search',
    label: 'Search Text',
    required: false,
    helpText:
      "Words to look for in titles, content and excerpts (WordPress's own search); the most relevant post comes first.",
  },
} as const;

const inputFields = defineInputFields(Object.values(field));

interface Criteria {
  postType: string;
  status: StatusFilter;
  id?: number;
  slug?: string;
  title?: string;
  search?: string;
}

function readCriteria(input: Input): Criteria {
  const criteria: Criteria = {
    postType: normalizePostType(optionalText(input, field.post_type, { max: 20 })),
    status: optionalChoice(input, field.status, STATUSES) ?? 'any',
    id: optionalId(input, field.post_id),
    slug: optionalText(input, field.slug, { max: 200 }),
    title: optionalText(input, field.title, { max: 10_000 }),
    search: optionalText(input, field.search, { max: 1000 }),
  };
  if (criteria.id === undefined && !criteria.slug && !criteria.title && !criteria.search) {
    throw new UserInputError('Fill in at least one of Post ID, Slug, Title or Search Text to say which post to find.');
  }
  return criteria;
}

function matches(post: WPPost, c: Criteria): boolean {
  if (c.status !== 'any' && post.status !== c.status) return false;
  if (c.title !== undefined && comparable(plainTitle(post)) !== comparable(c.title)) return false;
  return true;
}

async function findPosts(z: ZObject, bundle: Bundle, c: Criteria): Promise<WPPost[]> {
  return requestForPostType(z, bundle, c.postType, async (route) => {
    if (c.id !== undefined) {
      try {
        const post = (await callWordPress<WPPost>(z, bundle, { route: `${route}/${c.id}`, query: POST_QUERY })).data;
        const slugOk =
          c.slug === undefined || post.slug === c.slug.toLowerCase() || decodeURIComponent(post.slug) === c.slug;
        return slugOk && matches(post, c) ? [post] : [];
      } catch (err) {
        if (isWordPressCode(err, 'rest_post_invalid_id')) return [];
        throw reword(err, {
          rest_forbidden: `Post ID: post ${c.id} exists but the connected WordPress user may not read it (it is not published and belongs to someone else). Reconnect as an Editor or Administrator.`,
        });
      }
    }
    const query = {
      ...POST_QUERY,
      slug: c.slug,
      search: c.title ?? c.search,
      per_page: c.title !== undefined ? TITLE_CANDIDATES : SEARCH_RESULTS,
      orderby: c.search !== undefined && c.title === undefined ? 'relevance' : 'date',
      order: 'desc',
      status: c.status,
    };
    try {
      return (await callWordPress<WPPost[]>(z, bundle, { route, query })).data;
    } catch (err) {
      // `status=any` needs edit_posts; for anyone else published posts are all there is to find.
      if (c.status !== 'any' || !isForbiddenStatus(err)) throw err;
      return (await callWordPress<WPPost[]>(z, bundle, { route, query: { ...query, status: 'publish' } })).data;
    }
  });
}

async function perform(z: ZObject, bundle: Bundle): Promise<PostOutput[]> {
  const criteria = readCriteria(bundle.inputData as Input);
  const posts = (await findPosts(z, bundle, criteria)).filter((post) => matches(post, criteria));
  const absolute = linkResolver(siteUrlOf(bundle));
  return posts.map((post) => toPostOutput(post, absolute));
}

export const findPost = defineSearch({
  key: 'find_post',
  noun: 'Post',
  display: {
    label: 'Find Post',
    description: 'Finds a post, page or custom post type item by ID, slug, exact title or search words.',
  },
  operation: {
    inputFields,
    perform,
    sample: postOutput.sample,
    outputFields: postOutput.outputFields,
  },
});
