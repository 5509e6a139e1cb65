// Hidden: the site's taxonomies (categories, tags, and custom ones such as genres), for the Taxonomy
// dropdown of Find and Create Term. The value is the REST base, which names the terms' route.
import { defineTrigger } from 'zapier-platform-core';
import { defineOutput } from '../../wordpress/output';
import { siteTaxonomies } from '../../wordpress/taxonomies';
import { isFirstPage } from './paging';

type TaxonomyChoice = {
  /** The REST base (`categories`, `genres`): what the term operations store. */
  id: string;
  name: string;
  slug: string;
};

const output = defineOutput<TaxonomyChoice>([
  { key: 'id', label: 'REST Base', sample: 'genres' },
  { key: 'name', label: 'Name', sample: 'Genres' },
  { key: 'slug', label: 'Taxonomy Slug', sample: 'genre' },
]);

export const taxonomyList = defineTrigger({
  key: 'taxonomy_list',
  noun: 'Taxonomy',
  display: { label: 'List Taxonomies', description: 'Lists the taxonomies of the site, for dropdowns.', hidden: true },
  operation: {
    type: 'polling',
    perform: async (z, bundle) => {
      // One object keyed by slug, not a paged list: everything comes on the first page.
      if (!isFirstPage(bundle)) return [];
      const taxonomies = await siteTaxonomies(z, bundle);
      // Two plugins may both call theirs "Types": the slug tells them apart.
      const named = (name: string) => taxonomies.filter((taxonomy) => taxonomy.name === name).length > 1;
      return taxonomies.map((taxonomy): TaxonomyChoice => ({
        id: taxonomy.rest_base,
        name: named(taxonomy.name) ? `${taxonomy.name} (${taxonomy.slug})` : taxonomy.name,
        slug: taxonomy.slug,
      }));
    },
    sample: output.sample,
    outputFields: output.outputFields,
  },
});
