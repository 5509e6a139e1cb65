// The paging of the hidden dropdown triggers: Zapier asks for page 0, 1, 2… as the user scrolls;
// WordPress counts from 1, 100 items at most.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { isWordPressCode } from '../../connection/errors';
import { Query, callWordPress } from '../../connection/request';
import { MAX_PER_PAGE } from '../polling';

/** The 1-based WordPress page for Zapier's 0-based dropdown page. */
export function wordpressPage(bundle: Bundle): number {
  const page = Number(bundle.meta?.page ?? 0);
  return Number.isInteger(page) && page > 0 ? page + 1 : 1;
}

/** Collections that are one object keyed by slug (types, statuses) have no pages: all on page 0. */
export function isFirstPage(bundle: Bundle): boolean {
  return wordpressPage(bundle) === 1;
}

/**
 * One page (100 items) of a WordPress collection for a dropdown, mapped to choices. Past the end,
 * posts answer 400 `rest_post_invalid_page_number` while terms and users answer `[]`: both end the
 * list.
 */
export async function dropdownPage<Item, Choice>(
  z: ZObject,
  bundle: Bundle,
  route: string,
  query: Query,
  toChoice: (item: Item) => Choice,
): Promise<Choice[]> {
  try {
    const response = await callWordPress<Item[]>(z, bundle, {
      route,
      query: { ...query, per_page: MAX_PER_PAGE, page: wordpressPage(bundle) },
    });
    return Array.isArray(response.data) ? response.data.map((item) => toChoice(item)) : [];
  } catch (err) {
    if (isWordPressCode(err, 'rest_post_invalid_page_number')) return [];
    throw err;
  }
}
