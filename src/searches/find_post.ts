// Find Post: by ID, slug, exact title or search words, within a post type and status. Also the
// search half of Find or Create Post.
import { defineInputFields, defineSearch } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { UserInputError, WordPressError, isForbiddenStatus, isWordPressCode, reword } from '../connection/errors';
import { Input, choicesOf, optionalChoice, optionalId, optionalText } from '../zap/input';
import { isAnonymousStatusRefusal } from '../connection/diagnosis';
import { forbiddenStatus, loginMessages } from '../connection/messages';
import {
  POST_FIELDS,
  POST_QUERY,
  POST_STATUSES,
  PostOutput,
  WPPost,
  isPasswordProtected,
  plainTitle,
  postOutput,
  statusWords,
  toPostOutput,
} from '../wordpress/post';
import { postCustomOutputFields, postTaxonomyFilters, readTaxonomyFilters } from '../wordpress/post_custom';
import { normalizePostType, postTypeField, requestForPostType } from '../wordpress/post_types';
import { callWordPress } from '../connection/request';
import { linkResolver, siteUrlOf } from '../connection/site';
import { comparableTitle, decodeEntities, stripMarkup, withoutAngleBrackets } from '../wordpress/text';

const STATUSES = { any: 'Any Status', ...POST_STATUSES } as const;
type StatusFilter = keyof typeof STATUSES;

/** Exact title matches are picked from this many search hits (WordPress's maximum page). */
const TITLE_CANDIDATES = 100;
/** Search words return the best few: Zapier uses the first, the rest are for "return all". */
const SEARCH_RESULTS = 10;
/** WordPress's default stop words, which its search drops (translated sites have their own). */
const STOP_WORDS = new Set(
  'about an are as at be by com for from how in is it of on or that the this to was what when where who will with www'.split(
    ' ',
  ),
);
/**
 * Words sent for a title. WordPress searches past nine words as one phrase, and its relevance
 * order ranks "every word in the title" only up to six words.
 */
const MAX_SEARCH_WORDS = 6;

/**
 * POST_QUERY in edit context, for `title.raw` (the title as typed), without the raw content and
 * excerpt that context also sends.
 */
const EDIT_QUERY = {
  ...POST_QUERY,
  context: 'edit',
  _fields: POST_FIELDS.split(',')
    .map((name) => (name === 'content' || name === 'excerpt' ? `${name}.rendered,${name}.protected` : name))
    .join(','),
};

/**
 * A post read in edit context as the view context (and so every trigger) gives it: edit context
 * shows a password-protected post's content and excerpt, which must not leak into a Zap.
 */
function asViewed(post: WPPost): WPPost {
  if (!isPasswordProtected(post)) return post;
  const hidden = (text: WPPost['content']) => text && { ...text, rendered: '' };
  return { ...post, content: hidden(post.content), excerpt: hidden(post.excerpt) };
}

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
  post_id: {
    key: 'post_id',
    label: 'Post ID',
    type: 'integer',
    required: false,
    helpText: 'Find the post with this ID.',
  },
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
      "Find a post with exactly this title. Upper/lower case does not matter, nor how WordPress displays quotes, dashes and dots (Don't -- now... matches Don’t — now…). The newest wins if several have it.",
  },
  search: {
    key: 'search',
    label: 'Search Text',
    required: false,
    helpText:
      "Words to look for in titles, content and excerpts (WordPress's own search); the most relevant post comes first.",
  },
} as const;

const inputFields = defineInputFields([...Object.values(field), postTaxonomyFilters]);

/** The keys of the criteria every type has; any other filled in filters on the type's own taxonomy. */
const CRITERIA_KEYS: ReadonlySet<string> = new Set(Object.keys(field));

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

/**
 * The `search=` that finds a title. WordPress searches the title as stored, not as shown; splits the
 * text into words and reads one that starts with "-" as "without" (`--` leaves out every post with
 * a hyphen); and mangles `<`. So only runs of letters and digits are sent, which the stored title
 * holds however either side spelled quotes, dashes, `(tm)` or `1x2`: only those that every way
 * WordPress may have stored the title holds (as typed, with entities; as kses leaves it for an
 * Author, `<…>` dropped), and only real markup removed (`A<B & C>D` keeps its `<B & C>`). Stop words
 * are left out: a search made only of them becomes one phrase, which a single word still is.
 */
export function titleSearch(title: string): string | undefined {
  const runsOf = (text: string) =>
    text
      .normalize('NFC')
      .replace(/\(tm\)/gi, ' ')
      .replace(/(\d)x(?=\d)/gi, '$1 ')
      .match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  // Only words every spelling of the stored title holds: as typed (entities and all), as kses
  // leaves it, and as shown.
  const spellings = [title, decodeEntities(withoutAngleBrackets(title))].map((text) => new Set(runsOf(text)));
  const runs = runsOf(decodeEntities(stripMarkup(title))).filter((run) => spellings.every((set) => set.has(run)));
  const words = [...new Set(runs)].filter((word) => !STOP_WORDS.has(word.toLowerCase()) && !/^[a-z]$/i.test(word));
  const byLength = (list: string[]) => [...list].sort((a, b) => b.length - a.length);
  if (!words.length) return byLength(runs)[0];
  const kept = new Set(byLength(words).slice(0, MAX_SEARCH_WORDS));
  return words.filter((word) => kept.has(word)).join(' ');
}

/**
 * `filtered`: compared as kses stores a title for a user without `unfiltered_html`, every `<…>`
 * removed on both sides; asked only when no title matches as typed.
 */
function matches(post: WPPost, c: Criteria, filtered = false): boolean {
  if (c.status !== 'any' && post.status !== c.status) return false;
  if (c.title !== undefined) {
    // The title as typed (`raw`, for users who may edit posts), as shown, and as shown without tags.
    const form = (text: string) => comparableTitle(filtered ? withoutAngleBrackets(text) : text);
    const wanted = form(c.title);
    const titles = [post.title?.raw, post.title?.rendered, plainTitle(post)];
    if (!titles.some((title) => title !== undefined && form(title) === wanted)) return false;
  }
  return true;
}

/** `own`: filters on the type's own taxonomies (`genres=12`), for a search by slug, title or words. */
async function findPosts(z: ZObject, bundle: Bundle, c: Criteria, own: Record<string, string>): Promise<WPPost[]> {
  return requestForPostType(z, bundle, c.postType, async (route, type) => {
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
    const search = c.title !== undefined ? titleSearch(c.title) : c.search;
    const query = {
      ...(c.title !== undefined ? EDIT_QUERY : POST_QUERY),
      ...own,
      slug: c.slug,
      search,
      per_page: c.title !== undefined ? TITLE_CANDIDATES : SEARCH_RESULTS,
      // Relevance puts titles holding every searched word before posts that hold them only in their
      // content, so an older exact title is not pushed off the page by newer posts mentioning it.
      orderby: search !== undefined ? 'relevance' : 'date',
      order: 'desc',
      status: c.status,
    };
    try {
      return (await callWordPress<WPPost[]>(z, bundle, { route, query })).data.map(asViewed);
    } catch (err) {
      // Refused as to nobody, and the diagnosis (request.ts) could not say why: as New Post says it.
      if (c.status !== 'any' && isAnonymousStatusRefusal(err)) {
        throw new WordPressError(loginMessages.anonymousStatus(statusWords(c.status)), 'rest_forbidden_status', 400);
      }
      if (c.status !== 'any' && isForbiddenStatus(err)) {
        throw new WordPressError(forbiddenStatus(statusWords(c.status), type.slug), 'rest_forbidden_status', 400);
      }
      // `status=any` and `context=edit` need edit_posts; for anyone else published posts, by their
      // shown titles, are all there is to find.
      const anyForbidden = c.status === 'any' && isForbiddenStatus(err);
      if (!anyForbidden && !isWordPressCode(err, 'rest_forbidden_context')) throw err;
      const fallback = { ...query, ...POST_QUERY, status: anyForbidden ? 'publish' : c.status, context: undefined };
      return (await callWordPress<WPPost[]>(z, bundle, { route, query: fallback })).data;
    }
  });
}

/** When it was published; a draft without a set date (no `date_gmt`) counts from its last change. */
const publishedGmt = (post: WPPost) => post.date_gmt ?? post.modified_gmt;

/** Newest first, as the Title field promises: Zapier uses the first result. */
function newestFirst(a: WPPost, b: WPPost): number {
  const [dateA, dateB] = [publishedGmt(a), publishedGmt(b)];
  if (dateA !== dateB) return dateA < dateB ? 1 : -1;
  return b.id - a.id;
}

async function perform(z: ZObject, bundle: Bundle): Promise<PostOutput[]> {
  const criteria = readCriteria(bundle.inputData as Input);
  const own = await readTaxonomyFilters(z, bundle, criteria.postType, CRITERIA_KEYS);
  const candidates = await findPosts(z, bundle, criteria, own);
  let posts = candidates.filter((post) => matches(post, criteria));
  if (!posts.length && criteria.title?.includes('<'))
    posts = candidates.filter((post) => matches(post, criteria, true));
  // The title search came in relevance order.
  if (criteria.title !== undefined) posts.sort(newestFirst);
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
    outputFields: [...postOutput.outputFields, postCustomOutputFields],
  },
});
