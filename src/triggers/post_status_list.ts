// Hidden: the post statuses the connected user may read, for the Status dropdowns.
import { defineTrigger } from 'zapier-platform-core';
import { decodeEntities, wpRequest } from '../wordpress';
import { isFirstPage } from './common';

interface WPStatus {
  name: string;
  slug: string;
  public?: boolean;
}

export interface StatusChoice {
  id: string;
  name: string;
}

// Trash is a status WordPress lists, but no Zap publishes into it or watches it for new posts.
const NOT_OFFERED = new Set(['trash', 'auto-draft', 'inherit']);

export const postStatusList = defineTrigger({
  key: 'post_status_list',
  noun: 'Status',
  display: { label: 'List Post Statuses', description: 'Lists post statuses, for dropdowns.', hidden: true },
  operation: {
    type: 'polling',
    perform: async (z, bundle) => {
      if (!isFirstPage(bundle)) return [];
      // WordPress lists only the statuses this user may read (Published alone for a subscriber).
      // No `_fields`: it empties this object-shaped answer on WordPress 6.1.
      const response = await wpRequest<Record<string, WPStatus>>(z, { url: 'wp/v2/statuses', method: 'GET' });
      return Object.values(response.data ?? {})
        .filter((status) => status && !NOT_OFFERED.has(status.slug))
        .map((status): StatusChoice => ({ id: status.slug, name: decodeEntities(status.name || status.slug) }));
    },
    sample: { id: 'publish', name: 'Published' } satisfies StatusChoice,
    outputFields: [
      { key: 'id', label: 'Status Slug' },
      { key: 'name', label: 'Name' },
    ],
  },
});
