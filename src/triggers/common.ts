// What the triggers share: how many items a poll asks for, and the paging of the hidden dropdown
// triggers (Zapier asks for page 0, 1, 2… as the user scrolls; WordPress counts from 1, 100 at most).
import type { Bundle, HttpRequestOptions, ZObject } from 'zapier-platform-core';
import { WordPressError, wpRequest } from '../wordpress';

export { isForbiddenStatus, isWordPressCode, statusParamDetail } from '../wordpress';

/** WordPress's largest `per_page` (101 → 400 rest_out_of_bounds). */
export const MAX_PER_PAGE = 100;

/** What "Load more" shows while a Zap is set up: a few recent items, quickly. */
export const SAMPLE_SIZE = 3;

/**
 * Items per poll. Zapier keeps only ids it has not seen, so the poll must reach back past every
 * item created since the last one: a burst larger than this between two polls (an import) would
 * lose its oldest items. `bundle.meta.limit` wins when Zapier sets it; a sample needs only a few.
 */
export function pollSize(bundle: Bundle, steadyState: number): number {
  const limit = Number(bundle.meta?.limit);
  const asked = Number.isInteger(limit) && limit > 0 ? limit : undefined;
  if (bundle.meta?.isLoadingSample) return Math.min(asked ?? SAMPLE_SIZE, SAMPLE_SIZE);
  return Math.min(asked ?? steadyState, MAX_PER_PAGE);
}

/** The 1-based WordPress page for Zapier's 0-based dropdown page. */
export function wordpressPage(bundle: Bundle): number {
  const page = Number(bundle.meta?.page ?? 0);
  return Number.isInteger(page) && page > 0 ? page + 1 : 1;
}

export type QueryParams = Record<string, string | number | boolean>;

/**
 * One page (100 items) of a WordPress collection for a dropdown, mapped to choices. Past the end,
 * posts answer 400 `rest_post_invalid_page_number` while terms and users answer `[]`: both end the
 * list. `request` lets a dropdown add its own options (skipThrowForStatus, headers).
 */
export async function dropdownPage<Item, Choice>(
  z: ZObject,
  bundle: Bundle,
  route: string,
  params: QueryParams,
  toChoice: (item: Item, index: number, page: Item[]) => Choice,
  request: Partial<HttpRequestOptions> = {},
): Promise<Choice[]> {
  try {
    const response = await wpRequest<Item[]>(z, {
      ...request,
      url: route,
      method: 'GET',
      params: { ...params, per_page: MAX_PER_PAGE, page: wordpressPage(bundle) },
    });
    return Array.isArray(response.data) ? response.data.map(toChoice) : [];
  } catch (err) {
    if (err instanceof WordPressError && err.wpCode === 'rest_post_invalid_page_number') return [];
    throw err;
  }
}

/** Collections that are one object keyed by slug (types, statuses) have no pages: all on page 0. */
export function isFirstPage(bundle: Bundle): boolean {
  return wordpressPage(bundle) === 1;
}

/** `shop_manager` → `Shop Manager`, for slugs WordPress gives no label for. */
export function humanize(slug: string): string {
  return slug
    .split(/[_-]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/**
 * zapier-platform-core types a poll result's `id` as a string; Zapier accepts numbers too (it
 * compares ids as text) and our outputs keep WordPress's numeric IDs, which Zaps map into numeric
 * fields. This is the one place that bridges the two types.
 */
export function pollResult<T extends { id: number | string }>(items: T[]): Array<Omit<T, 'id'> & { id: string }> {
  return items as unknown as Array<Omit<T, 'id'> & { id: string }>;
}
