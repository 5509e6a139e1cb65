// The one implementation behind New Post and New or Updated Post: the same inputs, the same single
// request (terms, author and featured image come embedded), the same output; they differ only in
// the date they sort by and in what makes an item new to Zapier's dedupe.
import { defineInputFields } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { POST_QUERY, PostOutput, WPPost, toPostOutput } from '../posts';
import { PostTypeInfo, normalizePostType, requestForPostType } from '../post_types';
import { UserInputError, WordPressError, needsCapability, siteUrlOf, wpRequest } from '../wordpress';
import { isWordPressCode, pollSize, statusParamDetail } from './common';

/**
 * Posts per poll. Posts carry their content twice (HTML and text), and Zapier refuses oversized
 * poll results (about 6 MB): 50 long posts stay well below that, and a burst of more than 50 posts
 * between two polls (at most 15 minutes apart) is an import, not publishing.
 */
export const POSTS_PER_POLL = 50;

export const postPollInputFields = defineInputFields([
  {
    key: 'post_type',
    label: 'Post Type',
    dynamic: 'post_type_list.id.name',
    default: 'post',
    required: false,
    helpText: 'Posts, Pages or a custom post type (any type the site exposes to the REST API). Default: Posts.',
  },
  {
    key: 'status',
    label: 'Status',
    dynamic: 'post_status_list.id.name',
    default: 'publish',
    required: false,
    helpText:
      "Default: Published. Scheduled, Draft, Pending and Private need a Contributor or higher; other users' private and scheduled posts need an Editor or Administrator (others see only their own).",
  },
  {
    key: 'categories',
    label: 'Categories',
    dynamic: 'category_list.id.name',
    list: true,
    required: false,
    helpText: 'Only posts in any of these categories. For post types that have categories (Posts, by default).',
  },
  {
    key: 'tags',
    label: 'Tags',
    dynamic: 'tag_list.id.name',
    list: true,
    required: false,
    helpText: 'Only posts with any of these tags. For post types that have tags (Posts, by default).',
  },
  {
    key: 'author',
    label: 'Author',
    dynamic: 'author_list.id.name',
    required: false,
    helpText: 'Only posts by this user.',
  },
]);

/** What the form gives us: dropdown values are strings, a mapped list may arrive as one string. */
export type PostPollInput = {
  post_type?: string;
  status?: string;
  categories?: string | number | Array<string | number>;
  tags?: string | number | Array<string | number>;
  author?: string | number;
};

/** Which date orders the poll: publication (New Post) or last change (New or Updated Post). */
export type PostPollOrder = 'date' | 'modified';

/** IDs from a dropdown, a mapped list or a comma-separated string; names are refused here, not by WordPress. */
export function parseIds(value: PostPollInput['categories'], field: string, what: string): number[] {
  if (value === undefined || value === null || value === '') return [];
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(','));
  const ids: number[] = [];
  for (const part of parts.map((p) => p.trim()).filter(Boolean)) {
    if (!/^\d+$/.test(part) || Number(part) <= 0) {
      throw new UserInputError(
        `${field} takes ${what} IDs (numbers), and "${part}" is not one. Pick ${what === 'user' ? 'the author' : `the ${what}s`} from the dropdown, or map a field that holds the ID.`,
        'invalid_id',
      );
    }
    ids.push(Number(part));
  }
  return [...new Set(ids)];
}

function normalizeStatus(status: string | undefined): string {
  return (status ?? '').trim().toLowerCase() || 'publish';
}

const STATUS_LABELS: Record<string, string> = {
  future: 'scheduled',
  draft: 'draft',
  pending: 'pending',
  private: 'private',
  trash: 'trashed',
};

/**
 * The messages WordPress's own would not make actionable: a status the user may not read (which
 * capability, which roles), a status that does not exist.
 */
function explainPollError(err: unknown, status: string, type: PostTypeInfo): never {
  const statusDetail = statusParamDetail(err);
  if (statusDetail && err instanceof WordPressError) {
    if (statusDetail.code === 'rest_forbidden_status') {
      if (statusDetail.data?.status === 401) {
        throw new WordPressError(
          `WordPress treated the request as anonymous, so it refuses ${STATUS_LABELS[status] ?? status} posts. The server is probably dropping the Authorization header: run the connection test (it names the fix), then try again.`,
          'rest_forbidden_status',
          err.httpStatus,
        );
      }
      const capability = type.slug === 'page' ? 'edit_pages' : 'edit_posts';
      throw new WordPressError(
        `${needsCapability(capability, `read ${STATUS_LABELS[status] ?? `"${status}"`} ${type.slug === 'post' ? 'posts' : `items of type "${type.slug}"`}`)} ` +
          'Or set Status to Published.',
        'rest_forbidden_status',
        err.httpStatus,
      );
    }
    throw new UserInputError(
      `"${status}" is not a WordPress post status. Pick a Status from the dropdown (publish, future, draft, pending or private).`,
      'invalid_status',
    );
  }
  throw err;
}

function checkTaxonomy(type: PostTypeInfo, taxonomy: 'category' | 'post_tag', ids: number[]): void {
  if (!ids.length || !type.taxonomies || type.taxonomies.includes(taxonomy)) return;
  // WordPress ignores a filter on a taxonomy the type lacks and would return every item unfiltered.
  const field = taxonomy === 'category' ? 'Categories' : 'Tags';
  throw new UserInputError(
    `The post type "${type.slug}" has no ${field.toLowerCase()}, so the ${field} filter cannot apply. Clear ${field}, or pick a post type that has them (Posts).`,
    'taxonomy_not_on_type',
  );
}

/**
 * WordPress answers a filter on a deleted category, tag or author with an empty list, not an error.
 * When a filtered poll comes back empty, find out whether that is why (a request per filter, only
 * then: a filter that matches posts never gets here).
 */
async function checkFiltersExist(
  z: ZObject,
  categories: number[],
  tags: number[],
  author: number | undefined,
): Promise<void> {
  const missingTerms = async (route: string, ids: number[]): Promise<number[]> => {
    if (!ids.length) return [];
    const found = await wpRequest<Array<{ id: number }>>(z, {
      url: route,
      method: 'GET',
      params: { include: ids.join(','), per_page: 100, _fields: 'id' },
    });
    const present = new Set((found.data ?? []).map((t) => t.id));
    return ids.filter((id) => !present.has(id));
  };
  const authorMissing = async (): Promise<boolean> => {
    if (author === undefined) return false;
    try {
      await wpRequest(z, { url: `wp/v2/users/${author}`, method: 'GET', params: { _fields: 'id' } });
      return false;
    } catch (err) {
      // A user without published posts is hidden from non-administrators (403): it exists.
      return isWordPressCode(err, 'rest_user_invalid_id');
    }
  };
  const [cats, tagIds, noAuthor] = await Promise.all([
    missingTerms('wp/v2/categories', categories),
    missingTerms('wp/v2/tags', tags),
    authorMissing(),
  ]);
  const problems: string[] = [];
  if (cats.length) problems.push(`categor${cats.length > 1 ? 'ies' : 'y'} ${cats.join(', ')} (Categories)`);
  if (tagIds.length) problems.push(`tag${tagIds.length > 1 ? 's' : ''} ${tagIds.join(', ')} (Tags)`);
  if (noAuthor) problems.push(`user ${author} (Author)`);
  if (problems.length) {
    throw new UserInputError(
      `WordPress has no ${problems.join(', ')}: ${problems.length > 1 ? 'they were' : 'it was'} probably deleted. Pick the value again from the dropdown, or clear the field.`,
      'filter_not_found',
    );
  }
}

function sortKey(post: WPPost, order: PostPollOrder): string {
  return (order === 'modified' ? post.modified_gmt || post.modified : post.date_gmt || post.date) ?? '';
}

/**
 * Polls one page of posts, newest first by `order`, in one request. Filters are checked before
 * anything is sent, so a mistake costs no request.
 */
export async function pollPosts(
  z: ZObject,
  bundle: Bundle<PostPollInput>,
  order: PostPollOrder,
): Promise<PostOutput[]> {
  const input = bundle.inputData;
  const status = normalizeStatus(input.status);
  const categories = parseIds(input.categories, 'Categories', 'category');
  const tags = parseIds(input.tags, 'Tags', 'tag');
  const author = parseIds(input.author, 'Author', 'user')[0];
  const params: Record<string, string | number | boolean> = {
    ...POST_QUERY,
    per_page: pollSize(bundle, POSTS_PER_POLL),
    page: 1,
    orderby: order,
    order: 'desc',
    status,
    // WordPress 6.8+ would otherwise put sticky posts first; 6.1 ignores the argument (and never does).
    ignore_sticky: true,
  };
  if (categories.length) params.categories = categories.join(',');
  if (tags.length) params.tags = tags.join(',');
  if (author !== undefined) params.author = author;

  const siteUrl = siteUrlOf(bundle);
  const posts = await requestForPostType(
    z,
    normalizePostType(input.post_type),
    bundle,
    async (route, type) => {
      checkTaxonomy(type, 'category', categories);
      checkTaxonomy(type, 'post_tag', tags);
      try {
        const response = await wpRequest<WPPost[]>(z, { url: route, method: 'GET', params });
        return Array.isArray(response.data) ? response.data : [];
      } catch (err) {
        return explainPollError(err, status, type);
      }
    },
    { needTaxonomies: categories.length > 0 || tags.length > 0 },
  );
  if (!posts.length && (categories.length || tags.length || author !== undefined)) {
    await checkFiltersExist(z, categories, tags, author);
  }
  // WordPress already sorts, but ordering plugins (Post Types Order and the like) rewrite `orderby`
  // on every query, REST included; Zapier's dedupe needs newest first, so sort again (stable).
  const sorted = [...posts].sort((a, b) => sortKey(b, order).localeCompare(sortKey(a, order)) || b.id - a.id);
  return sorted.map((post) => toPostOutput(post, siteUrl));
}
