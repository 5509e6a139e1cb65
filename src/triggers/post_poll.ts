// The one implementation behind New Post and New or Updated Post: the same inputs, the same requests
// (terms, author and featured image come embedded), the same output; they differ only in the date
// they sort by and in what makes an item new to Zapier's dedupe.
import { defineInputFields } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { UserInputError, WordPressError, isWordPressCode, statusParamDetail } from '../connection/errors';
import { Input, optionalBoolean, optionalIds } from '../zap/input';
import { forbiddenStatus, loginMessages } from '../connection/messages';
import { POST_QUERY, PostOutput, WPPost, isPasswordProtected, statusWords, toPostOutput } from '../wordpress/post';
import { postTaxonomyFilters, readTaxonomyFilters } from '../wordpress/post_custom';
import {
  PostTypeInfo,
  authorField,
  normalizePostType,
  postTypeField,
  requestForPostType,
} from '../wordpress/post_types';
import { callWordPress, serverTimeOf } from '../connection/request';
import { readChanges } from '../connection/companion';
import { linkResolver, siteUrlOf } from '../connection/site';
import { TAXONOMY, Taxonomy, assertTaxonomies, termsField, typeWithTaxonomies } from '../wordpress/terms';
import { pollSize } from './polling';
import {
  ListPosts,
  PostChanges,
  PostPollOrder,
  PostStub,
  changeId,
  pollChanges,
  startChanges,
  totalOf,
  turnOnChanges,
} from './post_changes';

/**
 * Posts of a full poll (a Zap's turning on, a lost state). Posts carry their content twice (HTML and
 * text), and Zapier refuses oversized poll results (6 MB): 50 long posts stay well below that. Later
 * polls deliver a larger burst over several polls (post_changes.ts).
 */
export const POSTS_PER_POLL = 50;

export const postPollField = {
  post_type: postTypeField(
    'Posts, Pages or a custom post type (any type the site exposes to the REST API). Default: Posts.',
  ),
  status: {
    key: 'status',
    label: 'Status',
    dynamic: 'post_status_list.id.name',
    default: 'publish',
    required: false,
    helpText:
      "Default: Published. Scheduled, Draft, Pending and Private need a Contributor or higher; other users' private and scheduled posts need an Editor or Administrator (others see only their own).",
  },
  categories: termsField(
    'categories',
    'Only posts in any of these categories. For post types that have categories (Posts, by default).',
  ),
  tags: termsField('tags', 'Only posts with any of these tags. For post types that have tags (Posts, by default).'),
  author: authorField('Only posts by this user.'),
  include_protected: {
    key: 'include_protected',
    label: 'Include Password-Protected Posts',
    choices: { no: 'No', yes: 'Yes' },
    default: 'no',
    required: false,
    helpText:
      'Default: No, posts with a password are left out. With Yes they trigger too, but with an empty content and excerpt: WordPress shows those only to visitors who enter the password. The output field Password Protected tells them apart.',
  },
} as const;

export const postPollInputFields = defineInputFields([...Object.values(postPollField), postTaxonomyFilters]);

/** The keys of the filters every type has; any other filled in is a filter on the type's own taxonomy. */
const FILTER_KEYS: ReadonlySet<string> = new Set(Object.keys(postPollField));

/** What the form gives: dropdown values are strings, a mapped list may arrive as one string. */
type PostPollInput = { post_type?: string; status?: string };

function normalizeStatus(status: string | undefined): string {
  return (status ?? '').trim().toLowerCase() || 'publish';
}

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
          loginMessages.anonymousStatus(statusWords(status)),
          'rest_forbidden_status',
          err.httpStatus,
        );
      }
      throw new WordPressError(
        forbiddenStatus(statusWords(status), type.slug),
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

/**
 * WordPress answers a filter on a deleted category, tag or author with an empty list, not an error.
 * When a filtered poll comes back empty, find out whether that is why (a request per filter, only
 * then: a filter that matches posts never gets here).
 */
async function checkFiltersExist(z: ZObject, bundle: Bundle, filters: PollFilters): Promise<void> {
  // Values missing in all, for "it was" or "they were": one problem may name several IDs.
  let gone = 0;
  const missingTerms = async (taxonomy: Taxonomy): Promise<string | undefined> => {
    const ids = filters[taxonomy];
    if (!ids.length) return undefined;
    const found = await callWordPress<Array<{ id: number }>>(z, bundle, {
      route: `wp/v2/${taxonomy}`,
      query: { include: ids.join(','), per_page: 100, _fields: 'id' },
    });
    const present = new Set((found.data ?? []).map((term) => term.id));
    const missing = ids.filter((id) => !present.has(id));
    gone += missing.length;
    const { one, many, label } = TAXONOMY[taxonomy];
    return missing.length ? `${missing.length > 1 ? many : one} ${missing.join(', ')} (${label})` : undefined;
  };
  const missingAuthor = async (): Promise<string | undefined> => {
    if (filters.author === undefined) return undefined;
    try {
      await callWordPress(z, bundle, { route: `wp/v2/users/${filters.author}`, query: { _fields: 'id' } });
      return undefined;
    } catch (err) {
      // A user without published posts is hidden from non-administrators (403): it exists.
      if (!isWordPressCode(err, 'rest_user_invalid_id')) return undefined;
      gone += 1;
      return `user ${filters.author} (Author)`;
    }
  };
  const found = await Promise.all([missingTerms('categories'), missingTerms('tags'), missingAuthor()]);
  const problems = found.filter((problem): problem is string => problem !== undefined);
  if (problems.length) {
    throw new UserInputError(
      `WordPress has no ${problems.join(', ')}: ${gone > 1 ? 'they were' : 'it was'} probably deleted. Pick the value again from the dropdown, or clear the field.`,
      'filter_not_found',
    );
  }
}

interface PollFilters {
  categories: number[];
  tags: number[];
  author?: number;
}

function sortKey(post: WPPost, order: PostPollOrder): string {
  return (order === 'modified' ? post.modified_gmt || post.modified : post.date_gmt || post.date) ?? '';
}

/**
 * WordPress already sorts, but ordering plugins (Post Types Order and the like) rewrite `orderby`
 * on every query, REST included; Zapier's dedupe needs newest first, so sort again (stable).
 */
function newestFirst(posts: WPPost[], order: PostPollOrder): WPPost[] {
  return posts.sort((a, b) => {
    const [ka, kb] = [sortKey(a, order), sortKey(b, order)];
    return ka < kb ? 1 : ka > kb ? -1 : b.id - a.id;
  });
}

/**
 * Polls posts newest first by `order`. A Zap's first poll, a sample and a poll whose kept state is
 * lost read the newest posts in one request (the full poll); every other poll asks only what is new
 * (`post_changes.ts`), in at most two requests. Filters are checked before anything is sent, so a
 * mistake costs no request. Password-protected posts (their content comes out empty) are left out
 * unless Include Password-Protected Posts is Yes.
 */
export async function pollPosts(
  z: ZObject,
  bundle: Bundle,
  order: PostPollOrder,
): Promise<Array<PostOutput | PostStub>> {
  const input = bundle.inputData as Input & PostPollInput;
  const status = normalizeStatus(input.status);
  const filters: PollFilters = {
    categories: optionalIds(input, postPollField.categories),
    tags: optionalIds(input, postPollField.tags),
    author: optionalIds(input, postPollField.author)[0],
  };
  const includeProtected = optionalBoolean(input, postPollField.include_protected) ?? false;
  const taxonomies = (['categories', 'tags'] as Taxonomy[]).filter((taxonomy) => filters[taxonomy].length);
  const filtered = taxonomies.length > 0 || filters.author !== undefined;
  const postType = normalizePostType(input.post_type);
  const info = await typeWithTaxonomies(z, bundle, postType, taxonomies);
  const list: ListPosts = (query) =>
    requestForPostType(
      z,
      bundle,
      postType,
      async (route, type) => {
        // A type asked about again after a 404 (its route changed) is checked once more.
        assertTaxonomies(type, taxonomies);
        try {
          const response = await callWordPress<WPPost[]>(z, bundle, { route, query });
          const posts = Array.isArray(response.data) ? response.data : [];
          return {
            posts,
            serverTime: serverTimeOf(response),
            total: totalOf(response, posts.length),
          };
        } catch (err) {
          return explainPollError(err, status, type);
        }
      },
      { info },
    );
  const absolute = linkResolver(siteUrlOf(bundle));
  const changes: PostChanges = {
    order,
    postType,
    filters: {
      status,
      categories: filters.categories.join(',') || undefined,
      tags: filters.tags.join(',') || undefined,
      author: filters.author,
      ...(await readTaxonomyFilters(z, bundle, postType, FILTER_KEYS)),
    },
    list,
    limit: pollSize(bundle, POSTS_PER_POLL),
    render: (post) => toPostOutput(post, absolute),
    includeProtected,
    isProtected: isPasswordProtected,
    noneLeft: filtered ? () => checkFiltersExist(z, bundle, filters) : undefined,
    readFeed: (after, types, limit) => readChanges(z, bundle, { after, types, limit }),
  };
  const { isLoadingSample, isPopulatingDedupe } = bundle.meta ?? {};
  // Without a cache (`zapier invoke`) nothing can be kept: the full poll alone, every time.
  let cacheWorks = true;
  if (!isLoadingSample && !isPopulatingDedupe) {
    const changed = await pollChanges(z, bundle, changes);
    if (changed.posts) return changed.posts;
    cacheWorks = changed.cacheWorks;
  }
  const full = await list({
    ...changes.filters,
    ...POST_QUERY,
    per_page: changes.limit,
    page: 1,
    orderby: order,
    order: 'desc',
    // WordPress 6.8+ would otherwise put sticky posts first; 6.1 ignores the argument (and never does).
    ignore_sticky: true,
  });
  if (!full.posts.length && filtered) await checkFiltersExist(z, bundle, filters);
  // The REST API cannot filter on a password, so protected posts are left out here.
  const wanted = newestFirst(
    full.posts.filter((post) => includeProtected || !isPasswordProtected(post)),
    order,
  );
  const outputs = new Map(wanted.map((post) => [post.id, changes.render(post)]));
  // A sample of three is no record of what the site holds.
  if (isLoadingSample || !cacheWorks) return [...outputs.values()];
  const polled = { ...full, outputs };
  if (isPopulatingDedupe) {
    return withStubs([...outputs.values()], await turnOnChanges(z, bundle, changes, polled), order);
  }
  // Any other full poll ran because no state was kept: it was lost, or it expired.
  await startChanges(z, bundle, changes, polled, { recover: true });
  return [...outputs.values()];
}

/** The posts, then one stub per other item a Zap being turned on must record (each once). */
function withStubs(posts: PostOutput[], stubs: PostStub[], order: PostPollOrder): Array<PostOutput | PostStub> {
  const versionOf = (item: PostStub) => (order === 'date' ? String(item.post_id) : changeId(item));
  const seen = new Set(posts.map(versionOf));
  const more = stubs.filter((stub) => !seen.has(versionOf(stub)) && seen.add(versionOf(stub)));
  return [...posts, ...more];
}
