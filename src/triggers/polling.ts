// How much a poll asks for. Zapier keeps only the ids it has not seen, newest first, at most 100 a poll.
import type { Bundle } from 'zapier-platform-core';

/** WordPress's largest `per_page` (101 → 400 rest_out_of_bounds). */
export const MAX_PER_PAGE = 100;

/** What "Load more" shows while a Zap is set up: a few recent items, quickly. */
export const SAMPLE_SIZE = 3;

/**
 * Items a poll reads at once. A burst larger than this between two polls (an import) is each
 * trigger's to deliver across polls (id_poll.ts for users, comments and media). `bundle.meta.limit`
 * wins when Zapier sets it; a sample needs only a few.
 */
export function pollSize(bundle: Bundle, steadyState: number): number {
  const limit = Number(bundle.meta?.limit);
  const asked = Number.isInteger(limit) && limit > 0 ? limit : undefined;
  if (bundle.meta?.isLoadingSample) return Math.min(asked ?? SAMPLE_SIZE, SAMPLE_SIZE);
  return Math.min(asked ?? steadyState, MAX_PER_PAGE);
}

/**
 * The Zap polling, where Zapier names it (`meta.zap.id`, marked deprecated in its types): only then
 * can a kept state be one Zap's own. Without it, Zaps on one connection and filters share one.
 */
export function zapOf(bundle: Bundle): string | undefined {
  const id = (bundle.meta as { zap?: { id?: unknown } } | undefined)?.zap?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/**
 * zapier-platform-core types a poll result's `id` as a string; Zapier accepts numbers too (it
 * compares ids as text) and our outputs keep WordPress's numeric IDs, which Zaps map into numeric
 * fields. This is the one place that bridges the two types.
 */
export function pollResult<T extends { id: number | string }>(items: T[]): Array<Omit<T, 'id'> & { id: string }> {
  return items as unknown as Array<Omit<T, 'id'> & { id: string }>;
}
