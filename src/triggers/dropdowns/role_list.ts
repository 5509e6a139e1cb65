// Hidden: the site's user roles, for the Role dropdowns (src/wordpress/roles.ts says how they are found).
import { defineTrigger } from 'zapier-platform-core';
import { defineOutput } from '../../wordpress/output';
import { Role, siteRoles } from '../../wordpress/roles';
import { isFirstPage } from './paging';

const output = defineOutput<Role>([
  { key: 'id', label: 'Role Slug', sample: 'subscriber' },
  { key: 'name', label: 'Name', sample: 'Subscriber' },
]);

export const roleList = defineTrigger({
  key: 'role_list',
  noun: 'Role',
  display: { label: 'List Roles', description: 'Lists user roles, for dropdowns.', hidden: true },
  operation: {
    type: 'polling',
    perform: async (z, bundle) => (isFirstPage(bundle) ? siteRoles(z, bundle) : []),
    sample: output.sample,
    outputFields: output.outputFields,
  },
});
