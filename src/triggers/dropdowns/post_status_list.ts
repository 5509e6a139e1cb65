// Hidden: the post statuses the connected user may read, for the Status dropdowns.
import { defineTrigger } from 'zapier-platform-core';
import { defineOutput } from '../../wordpress/output';
import { callWordPress } from '../../connection/request';
import { decodeEntities } from '../../wordpress/text';
import { isFirstPage } from './paging';

interface WPStatus {
  name: string;
  slug: string;
}

type StatusChoice = {
  id: string;
  name: string;
};

// Trash is a status WordPress lists, but no Zap publishes into it or watches it for new posts.
const NOT_OFFERED = new Set(['trash', 'auto-draft', 'inherit']);

const output = defineOutput<StatusChoice>([
  { key: 'id', label: 'Status Slug', sample: 'publish' },
  { key: 'name', label: 'Name', sample: 'Published' },
]);

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
      const response = await callWordPress<Record<string, WPStatus>>(z, bundle, { route: 'wp/v2/statuses' });
      return Object.values(response.data ?? {})
        .filter((status) => status && !NOT_OFFERED.has(status.slug))
        .map((status): StatusChoice => ({ id: status.slug, name: decodeEntities(status.name || status.slug) }));
    },
    sample: output.sample,
    outputFields: output.outputFields,
  },
});
