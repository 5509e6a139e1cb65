// The Taxonomy dropdown: the site's taxonomies of content by REST base, menus and the like left out.
import { WP_TAXONOMIES, triggerPerform } from '../../fixtures';
import { appTester, bundle, wp } from '../../helpers';

const taxonomyList = triggerPerform('taxonomy_list');

describe('taxonomy_list', () => {
  it('lists every taxonomy of content by its REST base, in one request, nothing on later pages', async () => {
    const scope = wp().get('/wp-json/wp/v2/taxonomies').once().reply(200, WP_TAXONOMIES);
    expect(await appTester(taxonomyList, bundle())).toEqual([
      { id: 'categories', name: 'Categories', slug: 'category' },
      { id: 'tags', name: 'Tags', slug: 'post_tag' },
      { id: 'genres', name: 'Genres', slug: 'genre' },
      { id: 'venues', name: 'Venues & Halls', slug: 'venue' },
    ]);
    expect(await appTester(taxonomyList, bundle({}, { page: 1 }))).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('two taxonomies with one name are told apart by their slugs', async () => {
    wp()
      .get('/wp-json/wp/v2/taxonomies')
      .reply(200, {
        a_type: { name: 'Types', slug: 'a_type', rest_base: 'a-types', hierarchical: false },
        b_type: { name: 'Types', slug: 'b_type', hierarchical: false },
      });
    expect(await appTester(taxonomyList, bundle())).toEqual([
      { id: 'a-types', name: 'Types (a_type)', slug: 'a_type' },
      { id: 'b_type', name: 'Types (b_type)', slug: 'b_type' },
    ]);
  });
});
